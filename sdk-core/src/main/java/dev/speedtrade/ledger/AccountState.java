package dev.speedtrade.ledger;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One account of an {@link InMemoryLedger}: its definition, its balances now (as fields, read
 * without another object), and its newest change in the ledger's {@link ChangeLog}, from which
 * every older change is reached backwards. Every {@value #CHECKPOINT}th change of the account is
 * also kept in a small array of checkpoints, so that reads by timestamp find their place by binary
 * search and then walk at most {@value #CHECKPOINT} changes. A transfer writes this object and the
 * log's end, and the checkpoints only once in {@value #CHECKPOINT} changes: no array of the
 * account's own is written (or regrown) per transfer, which was the dearest cache miss of a
 * transfer. Not thread-safe; guarded by its ledger's lock.
 */
final class AccountState {
  private static final int CHECKPOINT = 64;

  final LedgerAccount account;
  private final ChangeLog log;
  private long debitsPending;
  private long debitsPosted;
  private long creditsPending;
  private long creditsPosted;
  private long timestamp;
  private int last = -1;
  private int changes;
  private int[] checkpoints = new int[2];

  AccountState(LedgerAccount account, long createdTimestamp, ChangeLog log) {
    // A copy, allocated right after this object, so that reading the account's currency and
    // flags on a transfer is likely not a cache miss of its own (the caller's instance was made
    // anywhere, and long ago). Records compare by value, so the copy is the same account.
    this.account =
        new LedgerAccount(account.id(), account.currency(), account.type(), account.flags());
    this.log = log;
    set(0, 0, 0, 0, createdTimestamp);
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
    last = log.append(changedAt, debitsPending, debitsPosted, creditsPending, creditsPosted, last);
    if (changes % CHECKPOINT == 0) {
      addCheckpoint();
    }
    changes++;
  }

  private void addCheckpoint() {
    int k = changes / CHECKPOINT;
    if (k == checkpoints.length) {
      checkpoints = Arrays.copyOf(checkpoints, k * 2);
    }
    checkpoints[k] = last;
  }

  /** Forgets the newest change, making the one before it current again. */
  void unset() {
    int newest = last;
    last = log.previous(newest);
    log.removeIfLast(newest);
    changes--;
    timestamp = log.timestamp(last);
    debitsPending = log.balance(last, 0);
    debitsPosted = log.balance(last, 1);
    creditsPending = log.balance(last, 2);
    creditsPosted = log.balance(last, 3);
  }

  /** Returns the balances after the last change at or before {@code at}, or null if none. */
  @Nullable AccountBalances balancesAt(long at) {
    int k = lastCheckpointAtOrBefore(at);
    if (k < 0) {
      return null;
    }
    int change = segmentEnd(k);
    while (log.timestamp(change) > at) {
      change = log.previous(change);
    }
    return new AccountBalances(
        account.id(),
        log.balance(change, 0),
        log.balance(change, 1),
        log.balance(change, 2),
        log.balance(change, 3),
        log.timestamp(change));
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
    boolean added = log.timestamp(last) != timestamp || log.row(last) != ChangeLog.NO_ROW;
    if (added) {
      set(debitsPending, debitsPosted, creditsPending, creditsPosted, timestamp);
    }
    log.setRow(last, row);
    return added;
  }

  /** Forgets the newest change's transfer: how a rolled-back linked chain takes it back. */
  void removeLastRow() {
    log.setRow(last, ChangeLog.NO_ROW);
  }

  /**
   * Returns the rows of up to {@code limit} of this account's transfers stamped after {@code
   * afterTimestamp}, in timestamp order.
   */
  int[] rowsAfter(long afterTimestamp, int limit) {
    int[] rows = new int[Math.min(limit, changes)];
    int count = 0;
    int[] segment = new int[CHECKPOINT];
    int segments = (changes + CHECKPOINT - 1) / CHECKPOINT;
    for (int k = Math.max(0, lastCheckpointAtOrBefore(afterTimestamp));
        k < segments && count < rows.length;
        k++) {
      // A segment's changes, newest first through the links, then read oldest first.
      int n = 0;
      for (int change = segmentEnd(k); ; change = log.previous(change)) {
        segment[n++] = change;
        if (change == checkpoints[k]) {
          break;
        }
      }
      for (int i = n - 1; i >= 0 && count < rows.length; i--) {
        long row = log.row(segment[i]);
        if (row != ChangeLog.NO_ROW && log.timestamp(segment[i]) > afterTimestamp) {
          rows[count++] = (int) row;
        }
      }
    }
    return count == rows.length ? rows : Arrays.copyOf(rows, count);
  }

  /** The newest change of segment {@code k}: the one before the next checkpoint, or the newest. */
  private int segmentEnd(int k) {
    int next = k + 1;
    return next * CHECKPOINT < changes ? log.previous(checkpoints[next]) : last;
  }

  /** The last checkpoint stamped at or before {@code at}, or -1. */
  private int lastCheckpointAtOrBefore(long at) {
    int low = 0;
    int high = (changes - 1) / CHECKPOINT;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (log.timestamp(checkpoints[mid]) <= at) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return high;
  }
}
