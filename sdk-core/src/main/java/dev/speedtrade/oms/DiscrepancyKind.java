package dev.speedtrade.oms;

/**
 * What a {@link Discrepancy} found. {@link OrderService#reconcileInternal()} reports the kinds up
 * to {@link #OUTBOX_PENDING}; {@link OrderService#reconcileWithVenue()} the kinds from {@link
 * #VENUE_ORDER_MISSING} on (and {@link #OUTBOX_PENDING} for an order whose send is still queued).
 */
public enum DiscrepancyKind {
  /** An order's {@code filledQty} is not the sum of its fills' qtys. */
  FILLED_QTY_MISMATCH,
  /** An order's {@code filledAmount} is not the sum of its fills' amounts (USD). */
  FILLED_AMOUNT_MISMATCH,
  /**
   * An order's {@code filledValue} (what {@code avgFillPrice} divides) is not the sum of its fills'
   * qty x price.
   */
  FILLED_VALUE_MISMATCH,
  /** An order's fills add up to more than its qty (or, notional, to more than its notional). */
  OVERFILLED,
  /**
   * An order's status disagrees with its fills: FILLED with something remaining; PARTIALLY_FILLED
   * without fills or complete; PENDING_NEW, ACCEPTED, DENIED or REJECTED with fills;
   * PENDING_CANCEL, PENDING_REPLACE, CANCELED, EXPIRED or REPLACED complete (a completing fill
   * makes it FILLED).
   */
  STATUS_MISMATCH,
  /** A fill names an order the account's book does not hold. */
  FILL_WITHOUT_ORDER,
  /** The fills in a symbol imply a position, and the book holds none. */
  POSITION_MISSING,
  /** The book holds a position in a symbol the account has no fill in. */
  POSITION_WITHOUT_FILLS,
  /** A position's qty is not what its fills imply. */
  POSITION_QTY_MISMATCH,
  /** A position's cost basis is not what its fills imply (average cost, the contract's rules). */
  COST_BASIS_MISMATCH,
  /** A position's realized P&amp;L is not what its fills imply. */
  REALIZED_PNL_MISMATCH,
  /** What the ledger holds for an open buy (its current hold) is not the order's reserve. */
  HOLD_MISMATCH,
  /**
   * A pending {@code buy_reserve} transfer on the client's accounts that is not the current hold of
   * an open buy: the hold of a closed or unknown order, or an older generation of an open one.
   */
  ORPHAN_HOLD,
  /**
   * What the ledger says the service spent on the client's buys (posted holds and {@code buy}
   * transfers) is not the sum of the buy fills' amounts.
   */
  LEDGER_BUYS_MISMATCH,
  /**
   * What the ledger says the service credited for the client's sales ({@code sell} transfers) is
   * not the sum of the sell fills' amounts.
   */
  LEDGER_SELLS_MISMATCH,
  /**
   * Work the books recorded and that is not done yet: an outbox entry (ledger postings, or a send,
   * cancel or replace for the venue). Not an error of the books: {@link OrderService#recover()} or
   * the account's next call does it. While an account's outbox holds ledger work its ledger checks
   * are skipped (they would differ by exactly that work).
   */
  OUTBOX_PENDING,
  /** An order open in the books that the venue does not know (by its id nor by its client id). */
  VENUE_ORDER_MISSING,
  /** An order open in the books that the venue holds final (filled, canceled, expired, ...). */
  VENUE_ORDER_CLOSED,
  /** An order's filled qty in the books is not the venue order's filled qty. */
  VENUE_FILLED_QTY_MISMATCH,
  /** An order open at the venue whose client order id the books never registered. */
  UNKNOWN_VENUE_ORDER,
  /** An order open at the venue that the books hold closed (or never created). */
  OPEN_ONLY_AT_VENUE,
  /** The sum of the client positions in a symbol is not the omnibus position at the venue. */
  OMNIBUS_POSITION_MISMATCH;

  /**
   * Returns true for work not yet done ({@link #OUTBOX_PENDING}) rather than an inconsistency of
   * the books, the ledger or the venue.
   */
  public boolean isPendingWork() {
    return this == OUTBOX_PENDING;
  }
}
