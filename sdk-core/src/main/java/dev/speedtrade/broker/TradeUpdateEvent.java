package dev.speedtrade.broker;

/** What happened to an order, as Alpaca's {@code trade_updates} stream names it. */
public enum TradeUpdateEvent {
  /** Received by the broker, not yet routed. */
  PENDING_NEW,
  /** Routed and working. */
  NEW,
  /** Part of the order filled; carries the fill's price and quantity. */
  PARTIAL_FILL,
  /** The rest of the order filled; carries the fill's price and quantity. */
  FILL,
  /** Done for the day. */
  DONE_FOR_DAY,
  /** Canceled. */
  CANCELED,
  /** Expired at the end of its time in force. */
  EXPIRED,
  /**
   * Replaced by another order: carries the old order, {@link OrderStatus#REPLACED}, whose {@link
   * BrokerOrder#replacedBy()} names the new one.
   */
  REPLACED,
  /** Rejected. */
  REJECTED,
  /** A cancel was requested. */
  PENDING_CANCEL,
  /** A replace was requested. */
  PENDING_REPLACE,
  /** Stopped. */
  STOPPED,
  /** Suspended. */
  SUSPENDED,
  /** Completed for the day, settlement pending. */
  CALCULATED,
  /**
   * A cancel request was refused; the order is as it was (Alpaca's {@code order_cancel_rejected}).
   */
  ORDER_CANCEL_REJECTED,
  /**
   * A replace request was refused; the order is as it was (Alpaca's {@code
   * order_replace_rejected}).
   */
  ORDER_REPLACE_REJECTED;

  /**
   * Returns true for the events that carry an execution: {@link #FILL} and {@link #PARTIAL_FILL}.
   */
  public boolean isFill() {
    return this == FILL || this == PARTIAL_FILL;
  }
}
