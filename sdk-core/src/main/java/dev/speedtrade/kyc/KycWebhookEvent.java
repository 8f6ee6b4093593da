package dev.speedtrade.kyc;

import org.jspecify.annotations.Nullable;

/**
 * A verified KYC webhook, read: which applicant (and user) it is about, what happened, and the
 * review when the event carries one.
 *
 * @param eventKey identifies this event for idempotency: the same event delivered again (the
 *     provider's retries, a replay) has the same key, a different event a different one. The
 *     platform remembers the keys it applied and skips a key it has seen.
 * @param type what happened
 * @param providerType the provider's own name for it (Sumsub's {@code applicantReviewed}, ...)
 * @param applicantId the provider's applicant id
 * @param userId the platform's user id (the provider's external user id), when the event names it
 * @param review the review the event carries (an approval or rejection for {@link
 *     KycEventType#REVIEWED}, pending for events of an applicant under review), or null when the
 *     event carries none
 */
public record KycWebhookEvent(
    String eventKey,
    KycEventType type,
    String providerType,
    String applicantId,
    @Nullable String userId,
    @Nullable KycReview review) {
  /**
   * Checks the values.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank key, provider type or
   *     applicant id, a null type, or a blank user id
   */
  public KycWebhookEvent {
    KycValues.requireText(eventKey, "event key");
    KycValues.requireNonNull(type, "event type");
    KycValues.requireText(providerType, "provider type");
    KycValues.requireText(applicantId, "applicant id");
    if (userId != null) {
      KycValues.requireText(userId, "user id");
    }
  }
}
