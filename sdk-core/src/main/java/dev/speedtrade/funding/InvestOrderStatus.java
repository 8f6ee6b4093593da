package dev.speedtrade.funding;

/** Where an auto-invest order stands. */
public enum InvestOrderStatus {
  /** Sent, its notional held. */
  OPEN,
  /** Filled: the fill posted from the hold, the rest released. */
  FILLED,
  /** Canceled by the broker: the hold voided. */
  CANCELED
}
