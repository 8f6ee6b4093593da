package dev.speedtrade.kyc;

import org.jspecify.annotations.Nullable;

/**
 * What {@link KycService#start} answered: the user's verification, and the access token for the
 * provider's SDK when the user has something to do there.
 *
 * <p>{@link #toString()} shows the token as {@code Secret[redacted]}.
 *
 * @param verification the user's verification (opened, reused or decided)
 * @param accessToken the token for the provider's web or mobile SDK while the verification is open
 *     ({@link KycVerification#isOpen()}); null when it is decided for good (approved, or rejected
 *     for good): there is nothing for the user to submit
 */
public record KycStart(KycVerification verification, @Nullable KycAccessToken accessToken) {
  /**
   * Checks the values.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null verification
   */
  public KycStart {
    KycValues.requireNonNull(verification, "verification");
  }
}
