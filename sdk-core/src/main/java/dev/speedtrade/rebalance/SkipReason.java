package dev.speedtrade.rebalance;

/** Why the plan leaves a targeted or held symbol untraded. */
public enum SkipReason {
  /** The account is short the symbol; the rebalance never trades shorts. */
  SHORT_POSITION,
  /** The symbol is targeted but has no positive ask, trade or close. */
  NO_PRICE,
  /**
   * The trade's value is below {@link TradingSettings#minTradePercent()} of the investable value.
   */
  BELOW_MIN_TRADE
}
