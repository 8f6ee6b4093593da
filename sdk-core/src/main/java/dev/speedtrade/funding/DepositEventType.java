package dev.speedtrade.funding;

/** What a payment provider says happened to a deposit. */
public enum DepositEventType {
  /** Collecting: PENDING to PROCESSING. */
  PROCESSING,
  /** Collected: to COMPLETED from anywhere but COMPLETED, crediting the confirmed amount. */
  COMPLETED,
  /** The payment failed: PENDING or PROCESSING to FAILED. */
  FAILED,
  /** The payment window passed: PENDING or PROCESSING to CANCELED. */
  EXPIRED,
  /** The user or provider gave up: PENDING or PROCESSING to CANCELED. */
  CANCELED
}
