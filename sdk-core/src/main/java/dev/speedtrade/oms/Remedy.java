package dev.speedtrade.oms;

/**
 * What a reconciliation suggests doing about a {@link Discrepancy}. A reconciliation never does it
 * itself; {@link Discrepancy#suggestion()} says it for the case at hand.
 */
public enum Remedy {
  /**
   * Nothing to repair: the work is recorded and not done yet. {@link OrderService#recover()} (or
   * the account's next call) does it.
   */
  AWAIT_OUTBOX,
  /**
   * The books or the ledger disagree with themselves: a write behind the service's back or a
   * defect. Find its cause before changing anything; the service has no event that repairs it.
   */
  INVESTIGATE,
  /**
   * The venue closed the order and the books missed it: apply the venue's final event through
   * {@link OrderService#venue()} ({@code cancelAck}, {@code expire}, {@code venueReject}, {@code
   * replaceAck}), after any fills the books miss.
   */
  APPLY_VENUE_EVENT,
  /** The venue filled more than the books hold: apply the missing fills ({@code fill}). */
  APPLY_FILLS,
  /**
   * The venue does not know an order the books hold open and whose send is not queued: close it in
   * the books ({@code venueReject} if it was never acknowledged, else {@code cancelAck}).
   */
  CLOSE_IN_BOOKS,
  /**
   * An order works at the venue that the books do not know (placed outside the SDK): cancel it at
   * the venue, or adopt it on purpose.
   */
  CANCEL_OR_ADOPT,
  /** An order works at the venue that the books hold closed: cancel it at the venue. */
  CANCEL_AT_VENUE,
  /**
   * The omnibus position differs from the sum of the client positions: look for fills the books
   * missed and for trades or holdings outside the SDK (the platform's own inventory included).
   */
  RECONCILE_POSITION
}
