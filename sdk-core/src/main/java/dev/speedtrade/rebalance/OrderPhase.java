package dev.speedtrade.rebalance;

/** The part of an execution an order belongs to: sells first, buys after the sells are done. */
public enum OrderPhase {
  /** Sells, planned on the positions at the start. */
  SELL,
  /** Buys, planned again on the cash and positions after the sells. */
  BUY
}
