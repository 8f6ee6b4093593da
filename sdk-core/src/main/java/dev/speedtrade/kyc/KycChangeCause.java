package dev.speedtrade.kyc;

/** What changed a user's verification, as {@link KycStatusChange#cause()} records it. */
public enum KycChangeCause {
  /**
   * {@link KycService#start}: the verification was opened, or opened again after a rejection the
   * user may retry.
   */
  START,
  /**
   * A verified webhook of the provider ({@link KycService#handleWebhook}); the change names its
   * {@link KycWebhookEvent#eventKey()}.
   */
  WEBHOOK,
  /** {@link KycService#refresh}: the provider's current review, read on demand. */
  REFRESH
}
