package dev.speedtrade.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * The rest of the last block of ledger timestamps a {@link JdbcLedger} drew from the database
 * sequence, so that a write from cached rows needs no round trip for them, and the highest
 * timestamp the ledger has used. The values are the ledger's alone (the sequence hands each block
 * out once); they are handed out in ascending order, and only above every timestamp the ledger used
 * before and above the rows' own, so that the ledger's timestamps keep increasing whichever way it
 * writes. Thread-safe.
 */
final class TimestampBlock {
  private long next;
  private long end;
  private long highestUsed;

  /**
   * The next {@code count} values, all above {@code above} and above every timestamp used so far;
   * null when the block has too few, or its next one is not high enough (it must be refilled).
   */
  synchronized long @Nullable [] take(int count, long above) {
    if (count == 0 || end - next < count || next <= Math.max(above, highestUsed)) {
      return null;
    }
    long[] taken = new long[count];
    for (int i = 0; i < count; i++) {
      taken[i] = next + i;
    }
    next += count;
    highestUsed = taken[count - 1];
    return taken;
  }

  /** Replaces the block with the values from {@code from} (inclusive) to {@code to} (exclusive). */
  synchronized void refill(long from, long to) {
    next = from;
    end = to;
  }

  /** Records that the ledger used {@code timestamp} (drawn on another path). */
  synchronized void used(long timestamp) {
    highestUsed = Math.max(highestUsed, timestamp);
  }
}
