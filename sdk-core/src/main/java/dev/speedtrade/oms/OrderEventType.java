package dev.speedtrade.oms;

/** What happened to a client order, as an {@link OrderEvent} reports it. */
public enum OrderEventType {
  /** Passed every risk check and was recorded PENDING_NEW, to be sent to the venue. */
  ACCEPTED,
  /** Refused by a risk check; {@link ClientOrder#reason()} is the check's code. Never sent. */
  DENIED,
  /** Acknowledged by the venue: working there. */
  SENT,
  /** Refused by the venue; {@link ClientOrder#reason()} is the venue's reason, when it gave one. */
  REJECTED,
  /** A fill that left some of the order open ({@link OrderEvent#fill()} is the fill). */
  PARTIALLY_FILLED,
  /** The fill that completed the order ({@link OrderEvent#fill()} is the fill). */
  FILLED,
  /** The client asked to cancel: PENDING_CANCEL. */
  CANCEL_REQUESTED,
  /** The venue refused the cancel: the order works on. */
  CANCEL_REJECTED,
  /** Canceled by the venue, asked or not; what it held is released. */
  CANCELED,
  /** The client asked to replace: PENDING_REPLACE. */
  REPLACE_REQUESTED,
  /** The venue refused the replace: the order works on as it was. */
  REPLACE_REJECTED,
  /**
   * Replaced: {@link ClientOrder#replacedBy()} names the new order, which is reported with its own
   * {@link #ACCEPTED} event just after.
   */
  REPLACED,
  /** Expired by the venue or at the end of the day; what it held is released. */
  EXPIRED
}
