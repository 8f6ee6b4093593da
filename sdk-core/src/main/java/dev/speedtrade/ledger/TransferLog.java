package dev.speedtrade.ledger;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The transfers of an {@link InMemoryLedger}, kept column by column in growing arrays and found by
 * id through an open-addressing index of row numbers. A transfer costs the garbage collector no
 * object of its own: the columns are a few large arrays, and only the id string (and a code or
 * metadata map that the caller did not share) stays reachable per row. {@link #row} rebuilds the
 * value on demand. Not thread-safe; guarded by its ledger's lock.
 */
final class TransferLog {
  private static final TransferKind[] KINDS = TransferKind.values();
  private static final PendingStatus[] STATUSES = PendingStatus.values();
  private static final byte NO_STATUS = -1;
  private static final long NO_TIMEOUT = 0;

  /** Rows per chunk: every chunk stays well under a G1 region, so none is a humongous object. */
  private static final int CHUNK_BITS = 13;

  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int IN_CHUNK = CHUNK - 1;

  private int size;
  private String[][] ids = new String[0][];

  /** The ids' hash codes, so that a growth of the index reads no id. */
  private int[][] hashes = new int[0][];

  private byte[][] kinds = new byte[0][];
  private String[][] debits = new String[0][];
  private String[][] credits = new String[0][];
  private long[][] amounts = new long[0][];

  /** The request's code: null for posts and voids, which take their pending transfer's. */
  private @Nullable String[][] codes = new String[0][];

  private long[][] timeouts = new long[0][];
  private int[][] pendingRows = new int[0][];
  private @Nullable Map<?, ?>[][] metadata = new Map<?, ?>[0][];
  private long[][] timestamps = new long[0][];
  private long[][] createdSeconds = new long[0][];
  private int[][] createdNanos = new int[0][];
  private byte[][] statuses = new byte[0][];

  /**
   * By id hash, the hash in the high half and the row number plus one in the low half, so that a
   * probe compares hashes before it reads an id; zero marks a free slot. Chunked like the columns,
   * and at most half full.
   */
  private long[][] index = new long[1][CHUNK];

  private int slots = CHUNK;
  private int shift = Integer.numberOfLeadingZeros(CHUNK) + 1;

  int size() {
    return size;
  }

  /** Returns the row of the transfer with {@code id}, or -1. */
  int find(String id) {
    int hash = id.hashCode();
    int mask = slots - 1;
    for (int slot = home(hash); ; slot = (slot + 1) & mask) {
      long entry = index[slot >>> CHUNK_BITS][slot & IN_CHUNK];
      if (entry == 0) {
        return -1;
      }
      int row = (int) entry - 1;
      if ((int) (entry >>> 32) == hash && id(row).equals(id)) {
        return row;
      }
    }
  }

  /** Appends a transfer the rules accepted and returns its row; a pending one starts PENDING. */
  int append(RecordedTransfer recorded) {
    int row = size;
    if ((row & IN_CHUNK) == 0 && row >>> CHUNK_BITS == ids.length) {
      addChunk();
    }
    int c = row >>> CHUNK_BITS;
    int i = row & IN_CHUNK;
    writeRequest(c, i, recorded.transfer());
    debits[c][i] = recorded.debitAccountId();
    credits[c][i] = recorded.creditAccountId();
    amounts[c][i] = recorded.amount();
    timestamps[c][i] = recorded.timestamp();
    createdSeconds[c][i] = recorded.createdAt().getEpochSecond();
    createdNanos[c][i] = recorded.createdAt().getNano();
    size++;
    if (size * 2 > slots) {
      rehash(slots * 2);
    } else {
      insertIntoIndex(row);
    }
    return row;
  }

  /**
   * Writes the columns that come from the request; apart from {@link #append} so that both stay
   * small enough for the JIT to inline.
   */
  private void writeRequest(int c, int i, Transfer request) {
    TransferKind kind = request.kind();
    ids[c][i] = request.id();
    hashes[c][i] = request.id().hashCode();
    kinds[c][i] = (byte) kind.ordinal();
    codes[c][i] = request.code();
    Long timeout = request.timeoutSeconds();
    timeouts[c][i] = timeout == null ? NO_TIMEOUT : timeout;
    String pendingId = request.pendingId();
    pendingRows[c][i] = pendingId == null ? -1 : find(pendingId);
    metadata[c][i] = request.metadata().isEmpty() ? null : request.metadata();
    statuses[c][i] =
        kind == TransferKind.PENDING ? (byte) PendingStatus.PENDING.ordinal() : NO_STATUS;
  }

  /** Removes the newest row: how a rolled-back linked chain takes its transfers back. */
  void removeLast() {
    int row = size - 1;
    removeFromIndex(row);
    int c = row >>> CHUNK_BITS;
    int i = row & IN_CHUNK;
    ids[c][i] = null;
    debits[c][i] = null;
    credits[c][i] = null;
    codes[c][i] = null;
    metadata[c][i] = null;
    size--;
  }

  /** Rebuilds the recorded transfer at {@code row}. */
  RecordedTransfer row(int row) {
    int c = row >>> CHUNK_BITS;
    int i = row & IN_CHUNK;
    TransferKind kind = KINDS[kinds[c][i]];
    boolean resolves = kind == TransferKind.POST || kind == TransferKind.VOID;
    int pendingRow = pendingRows[c][i];
    @SuppressWarnings("unchecked")
    Map<String, String> meta =
        metadata[c][i] == null ? Map.of() : (Map<String, String>) metadata[c][i];
    long timeout = timeouts[c][i];
    Transfer request =
        new Transfer(
            ids[c][i],
            kind,
            resolves ? null : debits[c][i],
            resolves ? null : credits[c][i],
            kind == TransferKind.VOID ? null : amounts[c][i],
            codes[c][i],
            timeout == NO_TIMEOUT ? null : timeout,
            resolves ? id(pendingRow) : null,
            meta);
    String code = resolves ? codes[pendingRow >>> CHUNK_BITS][pendingRow & IN_CHUNK] : codes[c][i];
    return new RecordedTransfer(
        request,
        debits[c][i],
        credits[c][i],
        amounts[c][i],
        Objects.requireNonNull(code),
        timestamps[c][i],
        Instant.ofEpochSecond(createdSeconds[c][i], createdNanos[c][i]));
  }

  long timestamp(int row) {
    return timestamps[row >>> CHUNK_BITS][row & IN_CHUNK];
  }

  TransferKind kind(int row) {
    return KINDS[kinds[row >>> CHUNK_BITS][row & IN_CHUNK]];
  }

  /** Returns the status of the pending transfer at {@code row}. */
  PendingStatus status(int row) {
    return STATUSES[statuses[row >>> CHUNK_BITS][row & IN_CHUNK]];
  }

  void setStatus(int row, PendingStatus status) {
    statuses[row >>> CHUNK_BITS][row & IN_CHUNK] = (byte) status.ordinal();
  }

  private String id(int row) {
    return ids[row >>> CHUNK_BITS][row & IN_CHUNK];
  }

  private void addChunk() {
    ids = withChunk(ids, new String[CHUNK]);
    hashes = withChunk(hashes, new int[CHUNK]);
    kinds = withChunk(kinds, new byte[CHUNK]);
    debits = withChunk(debits, new String[CHUNK]);
    credits = withChunk(credits, new String[CHUNK]);
    amounts = withChunk(amounts, new long[CHUNK]);
    codes = withChunk(codes, new String[CHUNK]);
    timeouts = withChunk(timeouts, new long[CHUNK]);
    pendingRows = withChunk(pendingRows, new int[CHUNK]);
    metadata = withChunk(metadata, new Map<?, ?>[CHUNK]);
    timestamps = withChunk(timestamps, new long[CHUNK]);
    createdSeconds = withChunk(createdSeconds, new long[CHUNK]);
    createdNanos = withChunk(createdNanos, new int[CHUNK]);
    statuses = withChunk(statuses, new byte[CHUNK]);
  }

  private static <T> T[] withChunk(T[] chunks, T chunk) {
    T[] grown = Arrays.copyOf(chunks, chunks.length + 1);
    grown[chunks.length] = chunk;
    return grown;
  }

  /** Puts {@code row} in the first free slot from its home. */
  private void insertIntoIndex(int row) {
    int hash = hash(row);
    int mask = slots - 1;
    int slot = home(hash);
    while (slotValue(slot) != 0) {
      slot = (slot + 1) & mask;
    }
    index[slot >>> CHUNK_BITS][slot & IN_CHUNK] = ((long) hash << 32) | (row + 1);
  }

  private int hash(int row) {
    return hashes[row >>> CHUNK_BITS][row & IN_CHUNK];
  }

  /**
   * Frees {@code row}'s slot. Only the newest row is ever removed, and the index always holds the
   * rows as if placed one by one in row order (a growth re-places them in that order), so freeing
   * the newest row's slot leaves exactly the index the rows before it had: no entry probed past it.
   */
  private void removeFromIndex(int row) {
    int mask = slots - 1;
    int slot = home(hash(row));
    while ((int) slotValue(slot) != row + 1) {
      slot = (slot + 1) & mask;
    }
    index[slot >>> CHUNK_BITS][slot & IN_CHUNK] = 0;
  }

  private long slotValue(int slot) {
    return index[slot >>> CHUNK_BITS][slot & IN_CHUNK];
  }

  /** Re-places every row, in row order, in a table of {@code capacity} slots. */
  private void rehash(int capacity) {
    index = new long[capacity >>> CHUNK_BITS][CHUNK];
    slots = capacity;
    shift = Integer.numberOfLeadingZeros(capacity) + 1;
    for (int row = 0; row < size; row++) {
      insertIntoIndex(row);
    }
  }

  /**
   * The slot a hash probes first: the top bits of its Fibonacci product, which mix all its bits.
   */
  private int home(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }
}
