package dev.speedtrade.kyc;

import dev.speedtrade.secret.Secret;
import java.time.Instant;

/**
 * An access token with which a KYC provider's web or mobile SDK runs one user's verification. The
 * token is a credential for that user's applicant: it is held as a {@link Secret}, and {@link
 * #toString()} never shows it. Hand {@code token().reveal()} to the user's browser or app and to
 * nothing else.
 *
 * @param userId the platform's user id the token is for
 * @param token the token
 * @param expiresAt when the provider stops accepting it; ask for a new one then (the SDKs call back
 *     for a fresh token)
 */
public record KycAccessToken(String userId, Secret token, Instant expiresAt) {
  /**
   * Checks the values.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank user id, or a null
   *     token or expiry
   */
  public KycAccessToken {
    KycValues.requireText(userId, "user id");
    KycValues.requireNonNull(token, "token");
    KycValues.requireNonNull(expiresAt, "expiry");
  }

  /** Returns the user id and the expiry; the token shows as {@code Secret[redacted]}. */
  @Override
  public String toString() {
    return "KycAccessToken[userId="
        + userId
        + ", token="
        + token
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
