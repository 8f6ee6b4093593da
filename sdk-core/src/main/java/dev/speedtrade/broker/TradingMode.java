package dev.speedtrade.broker;

/**
 * Which money a user's investments, settings and executions belong to; paper and live never mix.
 */
public enum TradingMode {
  /** Simulated money at the broker's paper endpoint. */
  PAPER,
  /** Real money. */
  LIVE
}
