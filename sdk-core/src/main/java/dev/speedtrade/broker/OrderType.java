package dev.speedtrade.broker;

/** How an order is priced. */
public enum OrderType {
  /** Fills at the current price. Takes no limit or stop price. */
  MARKET,
  /** Fills at the limit price or better. Needs a limit price. */
  LIMIT,
  /** Becomes a market order once the price reaches the stop price. Needs a stop price. */
  STOP,
  /** Becomes a limit order once the price reaches the stop price. Needs both prices. */
  STOP_LIMIT,
  /**
   * A type the broker offers and this SDK does not model (Alpaca's {@code trailing_stop}, say),
   * seen on an order placed outside the SDK. Such an order is read (listed, looked up, canceled,
   * reported in trade updates) but never placed: {@link OrderRequest} refuses this type.
   */
  OTHER;

  /** Returns true for the types that carry a limit price. */
  public boolean hasLimitPrice() {
    return this == LIMIT || this == STOP_LIMIT;
  }

  /** Returns true for the types that carry a stop price. */
  public boolean hasStopPrice() {
    return this == STOP || this == STOP_LIMIT;
  }
}
