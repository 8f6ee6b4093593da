package dev.speedtrade.oms;

/** Where a client order is in its life, as the contract's state table moves it. */
public enum ClientOrderStatus {
  /** Passed risk and sent to the venue; not acknowledged yet. */
  PENDING_NEW,
  /** Acknowledged by the venue, nothing filled. */
  ACCEPTED,
  /** Partly filled and working. */
  PARTIALLY_FILLED,
  /** Filled in full. */
  FILLED,
  /** A cancel was asked and the venue has not answered yet. */
  PENDING_CANCEL,
  /** A replace was asked and the venue has not answered yet. */
  PENDING_REPLACE,
  /** Canceled by the venue (asked or not); a late fill may still arrive. */
  CANCELED,
  /** Replaced by a new order ({@link ClientOrder#replacedBy()}). */
  REPLACED,
  /** Expired (its time in force ran out, or the venue expired it). */
  EXPIRED,
  /** Refused by pre-trade risk; never sent. {@link ClientOrder#reason()} is the risk code. */
  DENIED,
  /** Refused by the venue. {@link ClientOrder#reason()} is the venue's reason, if it gave one. */
  REJECTED;

  /**
   * Returns true for the open statuses: {@link #PENDING_NEW}, {@link #ACCEPTED}, {@link
   * #PARTIALLY_FILLED}, {@link #PENDING_CANCEL} and {@link #PENDING_REPLACE}.
   */
  public boolean isOpen() {
    return switch (this) {
      case PENDING_NEW, ACCEPTED, PARTIALLY_FILLED, PENDING_CANCEL, PENDING_REPLACE -> true;
      default -> false;
    };
  }
}
