package dev.speedtrade.kyc;

import org.jspecify.annotations.Nullable;

/**
 * The ordering rule of {@link KycService}: which review may replace the one in force. Webhooks
 * carry no time the platform can order them by (Sumsub's digest covers no timestamp, and {@link
 * KycWebhookEvent} none), so the rule rests on what can follow what:
 *
 * <ul>
 *   <li>from {@code PENDING}, any decision;
 *   <li>from {@code REJECTED} with {@code RETRY}, a decision (approved, or rejected for good); a
 *       pending review is older (the user starts again through {@link KycService#start}, which
 *       reopens the verification itself);
 *   <li>from {@code APPROVED}, only a final rejection (a provider revoking an approval, for fraud);
 *       a pending review or a rejection with leave to retry is older;
 *   <li>from {@code REJECTED} with {@code FINAL}, nothing;
 *   <li>an applicant reset ({@link KycEventType#RESET}) reopens any decided verification to {@code
 *       PENDING}: the provider says the applicant starts over.
 * </ul>
 *
 * A review equal in status and reject type to the one in force changes nothing ({@link
 * KycUpdateCode#IGNORED}), nor does an event without a review.
 */
final class KycOrdering {
  private KycOrdering() {}

  /**
   * Returns {@link KycUpdateCode#APPLIED} when {@code incoming} replaces {@code current}, else why
   * not ({@link KycUpdateCode#STALE} or {@link KycUpdateCode#IGNORED}).
   *
   * @param current the review in force
   * @param incoming the review an event or a refresh brings; null when it brings none
   * @param reset true for an applicant reset, whose review is pending whatever it carries
   */
  static KycUpdateCode judge(KycReview current, @Nullable KycReview incoming, boolean reset) {
    if (reset) {
      return current.status() == KycStatus.PENDING ? KycUpdateCode.IGNORED : KycUpdateCode.APPLIED;
    }
    if (incoming == null) {
      return KycUpdateCode.IGNORED;
    }
    if (incoming.status() == current.status() && incoming.rejectType() == current.rejectType()) {
      return KycUpdateCode.IGNORED;
    }
    return switch (current.status()) {
      case PENDING -> KycUpdateCode.APPLIED;
      case APPROVED -> isFinalRejection(incoming) ? KycUpdateCode.APPLIED : KycUpdateCode.STALE;
      case REJECTED ->
          current.mayRetry() && incoming.status() != KycStatus.PENDING
              ? KycUpdateCode.APPLIED
              : KycUpdateCode.STALE;
    };
  }

  private static boolean isFinalRejection(KycReview review) {
    return review.status() == KycStatus.REJECTED && !review.mayRetry();
  }
}
