package dev.speedtrade.kyc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.List;
import java.util.Map;

/**
 * An identity verification (KYC) provider, as the platform sees it: an applicant per user, an
 * access token for the provider's web SDK, the review of an applicant, and the provider's signed
 * webhooks verified and read into typed events.
 *
 * <p>The user does the verification itself in the provider's web or mobile SDK, which the host
 * opens with {@link #accessToken}; the outcome arrives as a webhook (read with {@link
 * #verifyWebhook}) and can be read at any time with {@link #review}.
 *
 * <p>Implementations: {@link MockKycProvider} (in memory, deterministic) and the Sumsub adapter in
 * {@code sdk-kyc-sumsub}. Each passes {@code KycProviderContract} of {@code sdk-testkit}.
 *
 * <p><b>Thread-safety:</b> implementations are thread-safe; share one instance.
 *
 * <p><b>Errors:</b> every method throws {@link SpeedTradeException}: {@link
 * ErrorCode#INVALID_ARGUMENT} for a null or blank argument; {@link ErrorCode#FORBIDDEN} when the
 * provider refuses the credentials; {@link ErrorCode#RATE_LIMITED} and {@link
 * ErrorCode#PROVIDER_UNAVAILABLE} (both retryable) when the provider throttles, fails or cannot be
 * reached. Messages never contain a credential, a token or a webhook secret.
 */
public interface KycProvider {
  /**
   * Creates the applicant of {@code userId} at the provider, or returns the one that exists:
   * calling it again for the same user, from any thread or host, returns the same applicant.
   *
   * @param userId the platform's user id; the provider stores it as its external user id
   * @return the user's applicant
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank user id, or
   *     one of the provider codes of the interface description
   */
  Applicant createApplicant(String userId);

  /**
   * Issues a short-lived access token with which the provider's web (or mobile) SDK runs the
   * verification of {@code userId}. Hand it to the user's browser or app; never log it.
   *
   * @param userId the platform's user id
   * @return the token, held as a {@link dev.speedtrade.secret.Secret}, and when it expires
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank user id, or
   *     one of the provider codes of the interface description
   */
  KycAccessToken accessToken(String userId);

  /**
   * Returns the provider's current review of an applicant: {@link KycStatus#PENDING} until the
   * provider has answered, then {@link KycStatus#APPROVED} or {@link KycStatus#REJECTED} (with
   * whether the user may try again, and the provider's reject labels).
   *
   * @param applicantId the provider's applicant id, from {@link Applicant#applicantId()}
   * @return the review
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id, {@link
   *     ErrorCode#APPLICANT_NOT_FOUND} when the provider knows no such applicant, or one of the
   *     provider codes of the interface description
   */
  KycReview review(String applicantId);

  /**
   * Verifies a webhook the provider sent and reads it into an event. The signature is checked
   * first, on the raw bytes exactly as received (do not parse and re-serialize the body before
   * calling this); only a webhook whose signature matches is read.
   *
   * <p>Verification is all this does: it changes nothing at the provider and remembers nothing. A
   * provider may deliver the same event more than once (its retries), and a captured webhook stays
   * valid when replayed, so the platform applies each {@link KycWebhookEvent#eventKey()} at most
   * once.
   *
   * @param body the request body, byte for byte
   * @param headers the request headers; names are matched ignoring case
   * @return the event
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SIGNATURE} when the signature is missing,
   *     names an unknown algorithm, or does not match the body (forged or altered); {@link
   *     ErrorCode#INVALID_ARGUMENT} for a null body or headers, or a correctly signed body that is
   *     not an applicant event this provider can read
   */
  KycWebhookEvent verifyWebhook(byte[] body, Map<String, List<String>> headers);
}
