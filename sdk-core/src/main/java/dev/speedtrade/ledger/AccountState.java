package dev.speedtrade.ledger;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One account of an {@link InMemoryLedger}: its definition, its balances now (as fields, read
 * without another object), every balance it had (five longs per change, oldest first) and the rows
 * of its transfers in the {@link TransferLog}. Kept flat because a transfer touches two random
 * accounts and each object between the ledger and a balance is a likely cache miss. Not
 * thread-safe; guarded by its ledger's lock.
 */
final class AccountState {
  private static final int STRIDE = 5;

  final LedgerAccount account;
  private long debitsPending;
  private long debitsPosted;
  private long creditsPending;
  private long creditsPosted;
  private long timestamp;
  private long[] history = new long[STRIDE * 4];
  private int historySize;
  private int[] rows = new int[4];
  private int rowCount;

  AccountState(LedgerAccount account, long createdTimestamp) {
    this.account = account;
    set(AccountBalances.zero(account.id(), createdTimestamp));
  }

  AccountBalances balances() {
    return new AccountBalances(
        account.id(), debitsPending, debitsPosted, creditsPending, creditsPosted, timestamp);
  }

  /** Makes {@code balances} the current ones and appends them to the history. */
  void set(AccountBalances balances) {
    debitsPending = balances.debitsPending();
    debitsPosted = balances.debitsPosted();
    creditsPending = balances.creditsPending();
    creditsPosted = balances.creditsPosted();
    timestamp = balances.timestamp();
    if ((historySize + 1) * STRIDE > history.length) {
      history = Arrays.copyOf(history, history.length * 2);
    }
    int at = historySize * STRIDE;
    history[at] = timestamp;
    history[at + 1] = debitsPending;
    history[at + 2] = debitsPosted;
    history[at + 3] = creditsPending;
    history[at + 4] = creditsPosted;
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

  void addRow(int row) {
    if (rowCount == rows.length) {
      rows = Arrays.copyOf(rows, rowCount * 2);
    }
    rows[rowCount++] = row;
  }

  void removeLastRow() {
    rowCount--;
  }

  int rowCount() {
    return rowCount;
  }

  int row(int index) {
    return rows[index];
  }

  /** Index of the last transfer in {@code log} stamped at or before {@code at}, or -1. */
  int lastRowAtOrBefore(TransferLog log, long at) {
    int low = 0;
    int high = rowCount - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (log.timestamp(rows[mid]) <= at) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return high;
  }
}
