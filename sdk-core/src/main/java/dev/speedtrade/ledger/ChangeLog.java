package dev.speedtrade.ledger;

import java.util.Arrays;

/**
 * Every balance change of every account of an {@link InMemoryLedger}, in the order they were made,
 * in one append-only log shared by all accounts: per change its timestamp, the account's four
 * balances after it, the {@link TransferLog} row of the transfer that made it ({@value #NO_ROW} for
 * none) and the account's previous change ({@code -1} for none), which chains an account's changes
 * backwards. A transfer appends two changes at the log's end, where the last ones were written,
 * instead of writing into an array of each of its two random accounts (a cache miss each, and
 * arrays regrown by copying). Chunked, so that no array is a humongous object. Not thread-safe;
 * guarded by its ledger's lock.
 */
final class ChangeLog {
  static final long NO_ROW = -1;

  /** Eight longs a change (seven used): one cache line each. */
  private static final int STRIDE = 8;

  private static final int TIMESTAMP = 0;
  private static final int ROW = 5;
  private static final int PREVIOUS = 6;
  private static final int CHUNK_BITS = 10;
  private static final int IN_CHUNK = (1 << CHUNK_BITS) - 1;

  private long[][] chunks = new long[0][];
  private int size;

  /** Appends a change and returns its index. */
  int append(
      long timestamp,
      long debitsPending,
      long debitsPosted,
      long creditsPending,
      long creditsPosted,
      int previous) {
    int change = size;
    int c = change >>> CHUNK_BITS;
    if (c == chunks.length) {
      addChunk();
    }
    long[] chunk = chunks[c];
    int at = (change & IN_CHUNK) * STRIDE;
    chunk[at + TIMESTAMP] = timestamp;
    chunk[at + 1] = debitsPending;
    chunk[at + 2] = debitsPosted;
    chunk[at + 3] = creditsPending;
    chunk[at + 4] = creditsPosted;
    chunk[at + ROW] = NO_ROW;
    chunk[at + PREVIOUS] = previous;
    size++;
    return change;
  }

  private void addChunk() {
    int c = chunks.length;
    chunks = Arrays.copyOf(chunks, c + 1);
    chunks[c] = new long[STRIDE << CHUNK_BITS];
  }

  /** Forgets {@code change} when it is the newest; an older one is left unreachable. */
  void removeIfLast(int change) {
    if (change == size - 1) {
      size--;
    }
  }

  long timestamp(int change) {
    return field(change, TIMESTAMP);
  }

  /**
   * Returns balance {@code 0..3} (debits pending, debits posted, credits pending, credits posted).
   */
  long balance(int change, int which) {
    return field(change, 1 + which);
  }

  long row(int change) {
    return field(change, ROW);
  }

  void setRow(int change, long row) {
    chunks[change >>> CHUNK_BITS][(change & IN_CHUNK) * STRIDE + ROW] = row;
  }

  int previous(int change) {
    return (int) field(change, PREVIOUS);
  }

  private long field(int change, int field) {
    return chunks[change >>> CHUNK_BITS][(change & IN_CHUNK) * STRIDE + field];
  }
}
