package dev.speedtrade.kyc;

/**
 * What a KYC webhook reports about an applicant. Providers send more kinds than these; the others
 * are {@link #OTHER}, with the provider's own name in {@link KycWebhookEvent#providerType()}.
 */
public enum KycEventType {
  /** The applicant was created (Sumsub's {@code applicantCreated}). */
  CREATED,
  /**
   * The user submitted what the level asks for and the provider is checking it (Sumsub's {@code
   * applicantPending}).
   */
  PENDING,
  /**
   * The provider decided: the event carries an approved or rejected {@link KycReview} (Sumsub's
   * {@code applicantReviewed}). A provider may decide again later (an approval followed by a
   * rejection for fraud), so a later review replaces an earlier one.
   */
  REVIEWED,
  /**
   * The provider paused the review, for example for a manual check (Sumsub's {@code
   * applicantOnHold}).
   */
  ON_HOLD,
  /** The applicant was reset and must submit again (Sumsub's {@code applicantReset}). */
  RESET,
  /** Any other kind; see {@link KycWebhookEvent#providerType()}. */
  OTHER
}
