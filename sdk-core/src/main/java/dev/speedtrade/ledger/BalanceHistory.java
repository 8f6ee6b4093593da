package dev.speedtrade.ledger;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Every balance an account has had, in timestamp order, kept as primitive longs (five per change) so
 * that a long history costs the garbage collector one array, not an object per change. Not
 * thread-safe; guarded by its ledger's lock.
 */
final class BalanceHistory {
  private static final int STRIDE = 5;

  private final String accountId;
  private long[] values = new long[STRIDE * 4];
  private int size;

  BalanceHistory(String accountId) {
    this.accountId = accountId;
  }

  void add(AccountBalances balances) {
    if ((size + 1) * STRIDE > values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    int at = size * STRIDE;
    values[at] = balances.timestamp();
    values[at + 1] = balances.debitsPending();
    values[at + 2] = balances.debitsPosted();
    values[at + 3] = balances.creditsPending();
    values[at + 4] = balances.creditsPosted();
    size++;
  }

  void removeLast() {
    size--;
  }

  /** Returns the balances after the last change at or before {@code timestamp}, or null if none. */
  @Nullable AccountBalances at(long timestamp) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (values[mid * STRIDE] <= timestamp) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (high < 0) {
      return null;
    }
    int at = high * STRIDE;
    return new AccountBalances(accountId, values[at + 1], values[at + 2], values[at + 3], values[at + 4],
        values[at]);
  }
}
