package dev.speedtrade.kyc;

/**
 * What {@link KycService#handleWebhook} or {@link KycService#refresh} did. Every code but {@link
 * #DUPLICATE} leaves the webhook kept (with its raw body) under its event key.
 */
public enum KycUpdateCode {
  /** The review moved the verification: its change is in the history and listeners got it. */
  APPLIED,
  /**
   * A webhook whose event key was received before (the provider's retry, or a replay): nothing
   * changed and nothing was kept again.
   */
  DUPLICATE,
  /**
   * The review is older than the one in force by the ordering rule of {@link KycService} (a late
   * pending event after a decision, a retry-rejection after an approval, anything after a final
   * rejection): kept, not applied.
   */
  STALE,
  /**
   * The event names an applicant the platform has no verification for (or {@code refresh} of a user
   * who never started): kept, not applied.
   */
  UNKNOWN_APPLICANT,
  /**
   * The event carries no review, or the review in force already says the same (a second pending
   * event, the same decision again): kept, nothing changed.
   */
  IGNORED
}
