package dev.speedtrade.funding;

/** Where a withdrawal stands. */
public enum WithdrawalStatus {
  /** A reviewed withdrawal waiting for its reviewer. */
  PENDING_REVIEW,
  /** Approved, but the user's withdrawable cash does not cover it yet; nothing held. */
  APPROVED,
  /** Held in the ledger and being paid out. */
  PROCESSING,
  /** Paid: the hold posted. Final. */
  COMPLETED,
  /** The payout failed: the hold voided. Final. */
  FAILED,
  /** Refused by its reviewer. Final. */
  REJECTED,
  /** Canceled before review. Final. */
  CANCELED
}
