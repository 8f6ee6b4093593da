package dev.speedtrade.oms.spi;

/**
 * What work an {@link OutboxEntry} stands for: ledger work, done under the account's serialization
 * and removed at once, or venue work, done on the service's executor and removed when the venue has
 * answered.
 */
public enum OutboxKind {
  /**
   * Resolves the order's hold {@link OutboxEntry#fromHold()} (voids what is still pending of it)
   * and holds {@link OutboxEntry#reserve()} as hold {@link OutboxEntry#toHold()}.
   */
  HOLD_CHANGE,
  /**
   * A buy fill of {@link OutboxEntry#amount()}: posts what it spent of hold {@link
   * OutboxEntry#fromHold()}, takes any excess from the client's available cash then its debit
   * account, and holds {@link OutboxEntry#reserve()} as hold {@link OutboxEntry#toHold()}.
   */
  BUY_FILL,
  /**
   * A sell fill of a us_equity order: the proceeds go to the client's unsettled cash; a debit
   * balance is repaid from what the client's settled cash has available.
   */
  SELL_TO_UNSETTLED,
  /**
   * A sell fill of a crypto order: the proceeds go to the client's cash at once, and repay a debit
   * balance.
   */
  SELL_TO_CASH,
  /** Sends the order to the venue (venue work). */
  SEND,
  /** Asks the venue to cancel the order (venue work). */
  CANCEL,
  /** Asks the venue to replace the order by its pending replace (venue work). */
  REPLACE;

  /** Returns true for work sent to the venue rather than posted in the ledger. */
  public boolean isVenueWork() {
    return this == SEND || this == CANCEL || this == REPLACE;
  }
}
