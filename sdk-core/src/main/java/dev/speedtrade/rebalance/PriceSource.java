package dev.speedtrade.rebalance;

/**
 * Which market data a symbol's reference price came from: the first positive of the three, in
 * order.
 */
public enum PriceSource {
  /** The latest quote's ask. */
  QUOTE,
  /** The latest trade's price. */
  TRADE,
  /** The latest daily bar's close. */
  BAR
}
