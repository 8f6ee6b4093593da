package dev.speedtrade.broker;

/** Whether an order buys or sells. */
public enum OrderSide {
  /** Buys the asset with cash. */
  BUY,
  /** Sells units the account holds. */
  SELL
}
