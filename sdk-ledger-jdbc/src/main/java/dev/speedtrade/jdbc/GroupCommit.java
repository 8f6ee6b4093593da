package dev.speedtrade.jdbc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Writes the transfer calls of many threads in as few database transactions as they allow: calls
 * that arrive while a transaction is being written wait, and the next transaction takes all of them
 * (until it has {@value #MAX_TRANSFERS} transfers), one call after the other in arrival order, each
 * with its own results, exactly as if they had run one by one. One thread at a time writes, the
 * leader: the first caller to find no leader, which writes until its own call is done and then
 * hands over to the next waiting caller. A lone caller is its own leader at once and waits for
 * nobody.
 *
 * <p>Each call still gets what it would have got alone. The transaction's failures reach every call
 * in it as a new exception with the same code, message and the failure as its cause (a call whose
 * transaction failed is wholly absent, and may be repeated); but when the database refuses the data
 * of a transaction of several calls, every call is run again alone, so that only the call whose
 * data was refused fails.
 */
final class GroupCommit {
  /**
   * A transaction takes no more calls once it has this many transfers (a call is never split, so
   * the last one taken may go beyond).
   */
  static final int MAX_TRANSFERS = 1_000;

  /** Longest a waiting caller sleeps before checking again whether it must lead. */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** One call to the ledger: its transfers, as one linked chain or each on its own. */
  record Call(List<Transfer> transfers, boolean linked) {}

  /** Writes calls in one transaction and returns each call's results, in order. */
  @FunctionalInterface
  interface Writer {
    List<List<TransferResult>> write(List<Call> calls);
  }

  private static final class Waiting {
    final Call call;
    final Thread thread = Thread.currentThread();
    volatile @Nullable List<TransferResult> results;
    volatile @Nullable RuntimeException failure;
    volatile @Nullable Thread failedOn;
    volatile boolean done;

    Waiting(Call call) {
      this.call = call;
    }
  }

  private final Writer writer;
  private final ErrorCode refusedData;
  private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicInteger unfinished = new AtomicInteger();
  private final AtomicLong transactions = new AtomicLong();

  /**
   * Group commit through {@code writer}; {@code refusedData} is the code of its failure when the
   * database refuses a call's data.
   */
  GroupCommit(Writer writer, ErrorCode refusedData) {
    this.writer = writer;
    this.refusedData = refusedData;
  }

  /** Writes {@code call}, with whatever other calls are waiting, and returns its results. */
  List<TransferResult> write(Call call) {
    Waiting mine = new Waiting(call);
    unfinished.incrementAndGet();
    queue.add(mine);
    // The call is queued and will be written whatever happens: an interrupt is kept for later.
    boolean interrupted = false;
    while (!mine.done) {
      if (writing.compareAndSet(false, true)) {
        try {
          while (!mine.done && writeNext()) {
            // Writes groups until its own call is done (or taken by another writer).
          }
        } finally {
          writing.set(false);
          Waiting next = queue.peek();
          if (next != null) {
            LockSupport.unpark(next.thread);
          }
        }
      }
      if (!mine.done) {
        LockSupport.parkNanos(this, RECHECK_NANOS);
        interrupted |= Thread.interrupted();
      }
    }
    unfinished.decrementAndGet();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    RuntimeException failure = mine.failure;
    if (failure != null) {
      if (mine.failedOn == Thread.currentThread()) {
        throw failure;
      }
      // Thrown again on this caller's thread, so that its stack trace shows this call.
      throw failure instanceof SpeedTradeException e
          ? new SpeedTradeException(
              e.code(), Objects.requireNonNull(e.getMessage()), e.providerCode().orElse(null), e)
          : new IllegalStateException("writing transfers failed", failure);
    }
    return Objects.requireNonNull(mine.results);
  }

  /** How many calls are queued and not yet taken by a transaction: for tests. */
  int waiting() {
    return queue.size();
  }

  /** How many calls have been made and not yet returned, queued or being written: for tests. */
  int unfinished() {
    return unfinished.get();
  }

  /** How many transactions have been written: for tests. */
  long transactions() {
    return transactions.get();
  }

  /**
   * Takes the calls at the head of the queue, up to the size limit, and writes them; false when the
   * queue was empty.
   */
  private boolean writeNext() {
    List<Waiting> group = new ArrayList<>();
    int transfers = 0;
    Waiting next;
    while (transfers < MAX_TRANSFERS && (next = queue.poll()) != null) {
      group.add(next);
      transfers += next.call.transfers().size();
    }
    if (group.isEmpty()) {
      return false;
    }
    try {
      complete(group, run(group));
    } catch (SpeedTradeException e) {
      if (e.code() == refusedData && group.size() > 1) {
        for (Waiting alone : group) {
          try {
            complete(List.of(alone), run(List.of(alone)));
          } catch (RuntimeException failure) {
            fail(List.of(alone), failure);
          }
        }
      } else {
        fail(group, e);
      }
    } catch (RuntimeException e) {
      fail(group, e);
    } finally {
      // An Error on the way out: no caller of the group may be left waiting for ever.
      for (Waiting waiting : group) {
        if (!waiting.done) {
          fail(List.of(waiting), new IllegalStateException("writing transfers failed"));
        }
      }
    }
    return true;
  }

  private List<List<TransferResult>> run(List<Waiting> group) {
    List<Call> calls = new ArrayList<>(group.size());
    group.forEach(waiting -> calls.add(waiting.call));
    transactions.incrementAndGet();
    return writer.write(calls);
  }

  private static void complete(List<Waiting> group, List<List<TransferResult>> results) {
    for (int i = 0; i < group.size(); i++) {
      Waiting waiting = group.get(i);
      waiting.results = results.get(i);
      waiting.done = true;
      LockSupport.unpark(waiting.thread);
    }
  }

  private static void fail(List<Waiting> group, RuntimeException failure) {
    for (Waiting waiting : group) {
      waiting.failure = failure;
      waiting.failedOn = Thread.currentThread();
      waiting.done = true;
      LockSupport.unpark(waiting.thread);
    }
  }
}
