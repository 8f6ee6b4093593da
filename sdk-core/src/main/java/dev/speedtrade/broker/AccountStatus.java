package dev.speedtrade.broker;

/** The status of a brokerage account, as Alpaca reports it. */
public enum AccountStatus {
  /** The application is being filled in. */
  ONBOARDING,
  /** The application failed to submit. */
  SUBMISSION_FAILED,
  /** The application is submitted and being reviewed. */
  SUBMITTED,
  /** The account details were updated and are being reviewed. */
  ACCOUNT_UPDATED,
  /** The application awaits approval. */
  APPROVAL_PENDING,
  /** The account is open and may trade. */
  ACTIVE,
  /** The application was rejected. */
  REJECTED,
  /** The account is disabled. */
  DISABLED,
  /** The account is closed. */
  ACCOUNT_CLOSED
}
