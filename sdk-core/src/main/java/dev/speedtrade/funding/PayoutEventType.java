package dev.speedtrade.funding;

/** What a payment provider says happened to a payout. */
public enum PayoutEventType {
  /** Paid: the withdrawal's holds post. */
  PAID,
  /** Failed: the withdrawal's holds are voided, amount and fee released. */
  FAILED
}
