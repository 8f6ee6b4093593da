package dev.speedtrade.funding;

/** Where a deposit stands; only {@link #COMPLETED} has credited the user. */
public enum DepositStatus {
  /** Created; the user has not paid yet. */
  PENDING,
  /** The provider is collecting. */
  PROCESSING,
  /** Collected and credited, once; final. */
  COMPLETED,
  /** The payment failed (a later completion still credits). */
  FAILED,
  /** Expired or canceled at the provider (a later completion still credits). */
  CANCELED
}
