package dev.speedtrade.ledger;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One account of an {@link InMemoryLedger}: its definition, its balances now (as fields, read
 * without another object), and every change it had in one {@code long[]}, oldest first: six longs
 * per change, the timestamp, the four balances after it and the {@link TransferLog} row of the
 * transfer that made it ({@value #NO_ROW} for a change without a transfer of its own: the account's
 * creation, an expiry). Kept flat because a transfer touches two random accounts and each object
 * between the ledger and a balance is a likely cache miss: the balances' history and the account's
 * transfer rows share one array, so that a transfer writes both with one miss. Not thread-safe;
 * guarded by its ledger's lock.
 */
final class AccountState {
  private static final int STRIDE = 6;
  private static final int ROW = 5;
  private static final long NO_ROW = -1;

  final LedgerAccount account;
  private long debitsPending;
  private long debitsPosted;
  private long creditsPending;
  private long creditsPosted;
  private long timestamp;
  private long[] history;
  private int historySize;

  AccountState(LedgerAccount account, long createdTimestamp) {
    // A copy, allocated right after this object, so that reading the account's currency and
    // flags on a transfer is likely not a cache miss of its own (the caller's instance was made
    // anywhere, and long ago). Records compare by value, so the copy is the same account.
    this.account =
        new LedgerAccount(account.id(), account.currency(), account.type(), account.flags());
    this.history = new long[STRIDE * 4];
    set(AccountBalances.zero(account.id(), createdTimestamp));
  }

  AccountBalances balances() {
    return new AccountBalances(
        account.id(), debitsPending, debitsPosted, creditsPending, creditsPosted, timestamp);
  }

  /** Makes {@code balances} the current ones and appends them to the history. */
  void set(AccountBalances balances) {
    set(
        balances.debitsPending(),
        balances.debitsPosted(),
        balances.creditsPending(),
        balances.creditsPosted(),
        balances.timestamp());
  }

  /**
   * Makes these balances, stamped {@code changedAt}, the current ones and appends them to the
   * history.
   */
  void set(
      long debitsPending,
      long debitsPosted,
      long creditsPending,
      long creditsPosted,
      long changedAt) {
    this.debitsPending = debitsPending;
    this.debitsPosted = debitsPosted;
    this.creditsPending = creditsPending;
    this.creditsPosted = creditsPosted;
    this.timestamp = changedAt;
    if ((historySize + 1) * STRIDE > history.length) {
      history = Arrays.copyOf(history, history.length * 2);
    }
    int at = historySize * STRIDE;
    history[at] = timestamp;
    history[at + 1] = debitsPending;
    history[at + 2] = debitsPosted;
    history[at + 3] = creditsPending;
    history[at + 4] = creditsPosted;
    history[at + ROW] = NO_ROW;
    historySize++;
  }

  /** Forgets the newest change, making the one before it current again. */
  void unset() {
    historySize--;
    int at = (historySize - 1) * STRIDE;
    timestamp = history[at];
    debitsPending = history[at + 1];
    debitsPosted = history[at + 2];
    creditsPending = history[at + 3];
    creditsPosted = history[at + 4];
  }

  /** Returns the balances after the last change at or before {@code at}, or null if none. */
  @Nullable AccountBalances balancesAt(long at) {
    int low = 0;
    int high = historySize - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (history[mid * STRIDE] <= at) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (high < 0) {
      return null;
    }
    int i = high * STRIDE;
    return new AccountBalances(
        account.id(), history[i + 1], history[i + 2], history[i + 3], history[i + 4], history[i]);
  }

  /**
   * Records that the transfer at {@code row}, stamped {@code timestamp}, made the newest change;
   * the rules change both accounts' balances before they record the transfer. Should the newest
   * change be another's, the current balances are repeated under the transfer.
   *
   * @return true when a change was added for the transfer (undo with {@link #unset}), false when it
   *     took the newest one (undo with {@link #removeLastRow})
   */
  boolean addRow(int row, long timestamp) {
    int at = (historySize - 1) * STRIDE;
    boolean added = history[at] != timestamp || history[at + ROW] != NO_ROW;
    if (added) {
      set(debitsPending, debitsPosted, creditsPending, creditsPosted, timestamp);
      at = (historySize - 1) * STRIDE;
    }
    history[at + ROW] = row;
    return added;
  }

  /** Forgets the newest change's transfer: how a rolled-back linked chain takes it back. */
  void removeLastRow() {
    history[(historySize - 1) * STRIDE + ROW] = NO_ROW;
  }

  /**
   * Returns the rows of up to {@code limit} of this account's transfers stamped after {@code
   * afterTimestamp}, in timestamp order.
   */
  int[] rowsAfter(long afterTimestamp, int limit) {
    int low = 0;
    int high = historySize - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (history[mid * STRIDE] <= afterTimestamp) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    int[] rows = new int[Math.min(limit, historySize - low)];
    int count = 0;
    for (int change = low; change < historySize && count < rows.length; change++) {
      long row = history[change * STRIDE + ROW];
      if (row != NO_ROW) {
        rows[count++] = (int) row;
      }
    }
    return count == rows.length ? rows : Arrays.copyOf(rows, count);
  }
}
