package dev.speedtrade.funding;

/** How a withdrawal is paid. */
public enum WithdrawalKind {
  /** Paid at once from withdrawable cash, for a fee, within a daily limit. */
  INSTANT,
  /** Reviewed first (or approved at once below a limit), free; may wait for sales to settle. */
  REVIEWED
}
