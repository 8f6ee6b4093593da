package dev.speedtrade.broker;

/** What kind of asset a symbol names; it decides the trading hours. */
public enum AssetClass {
  /** A US-listed stock or ETF, traded on the US equities calendar. */
  US_EQUITY,
  /** A crypto pair such as {@code BTC/USD}, traded around the clock. */
  CRYPTO
}
