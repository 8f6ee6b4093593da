package dev.speedtrade.broker;

/** Where an order is in its life, with the statuses Alpaca reports. */
public enum OrderStatus {
  /** Received by the broker, not yet routed. */
  PENDING_NEW,
  /** Accepted by the broker but not yet working (for example queued for the open). */
  ACCEPTED,
  /** Routed and working; the usual first status. */
  NEW,
  /** Some of the quantity has filled; the rest is working. */
  PARTIALLY_FILLED,
  /** Fully filled. Final. */
  FILLED,
  /** Done executing for the day; no more updates until the next trading day. */
  DONE_FOR_DAY,
  /** Canceled by the user or by its time in force. Final. */
  CANCELED,
  /** Reached the end of its time in force without filling completely. Final. */
  EXPIRED,
  /** Replaced by another order. Final. */
  REPLACED,
  /** A cancel was requested and is being processed. */
  PENDING_CANCEL,
  /** A replace was requested and is being processed. */
  PENDING_REPLACE,
  /** Rejected by the broker or the venue. Final. */
  REJECTED,
  /** Suspended and not eligible for trading. */
  SUSPENDED,
  /** Stopped: a trade is guaranteed, usually at a stated price. */
  STOPPED,
  /** Completed for the day; settlement calculations are pending. */
  CALCULATED,
  /** Received and being evaluated for pricing. */
  ACCEPTED_FOR_BIDDING;

  /**
   * Returns true when the order will never change again: filled, canceled, expired, replaced or
   * rejected.
   */
  public boolean isFinal() {
    return this == FILLED
        || this == CANCELED
        || this == EXPIRED
        || this == REPLACED
        || this == REJECTED;
  }
}
