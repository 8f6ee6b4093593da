package dev.speedtrade.jdbc;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Ledger timestamps a {@link JdbcLedger} took from the database sequence ahead of need, so that a
 * write from cached rows needs no round trip for them, and the highest timestamp the ledger has
 * used. The values are unique (the sequence hands each out once); they are handed out in ascending
 * order, and only above every timestamp the ledger used before and above the rows' own, so that the
 * ledger's timestamps keep increasing whichever way it writes. Thread-safe.
 */
final class TimestampBlock {
  private long[] values = new long[0];
  private int next;
  private long highestUsed;

  /**
   * The next {@code count} values, all above {@code above} and above every timestamp used so far;
   * null when the block has too few, or its next one is not high enough (it must be refilled).
   */
  synchronized long @Nullable [] take(int count, long above) {
    if (values.length - next < count
        || count == 0
        || values[next] <= Math.max(above, highestUsed)) {
      return null;
    }
    long[] taken = Arrays.copyOfRange(values, next, next + count);
    next += count;
    highestUsed = taken[count - 1];
    return taken;
  }

  /** Replaces the block with {@code sorted}, fresh values of the sequence in ascending order. */
  synchronized void refill(long[] sorted) {
    values = sorted;
    next = 0;
  }

  /** Records that the ledger used {@code timestamp} (taken from the sequence on another path). */
  synchronized void used(long timestamp) {
    highestUsed = Math.max(highestUsed, timestamp);
  }

  synchronized int remaining() {
    return values.length - next;
  }
}
