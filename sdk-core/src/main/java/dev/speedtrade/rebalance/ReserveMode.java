package dev.speedtrade.rebalance;

/** How {@link TradingSettings#cashReserveAmount()} is read. */
public enum ReserveMode {
  /** The reserve is that many dollars. */
  DOLLARS,
  /** The reserve is that percentage of equity, 0 to 100. */
  PERCENT
}
