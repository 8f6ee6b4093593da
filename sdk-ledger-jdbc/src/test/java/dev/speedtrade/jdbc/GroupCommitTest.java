package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupCommit} on its own, with a writer that needs no database: every call is written
 * exactly once and gets its own results back, under contention and when writes fail.
 */
class GroupCommitTest {
  /** OK for an even amount, EXCEEDS_CREDITS for an odd one: a result that names its call. */
  private static List<List<TransferResult>> echo(List<GroupCommit.Call> calls) {
    List<List<TransferResult>> results = new ArrayList<>();
    for (GroupCommit.Call call : calls) {
      List<TransferResult> mine = new ArrayList<>();
      for (Transfer transfer : call.transfers()) {
        mine.add(transfer.amount() % 2 == 0 ? TransferResult.OK : TransferResult.EXCEEDS_CREDITS);
      }
      results.add(mine);
    }
    return results;
  }

  @Test
  void everyCallIsWrittenOnceAndGetsItsOwnResultsUnderContention() throws Exception {
    Set<String> written = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicInteger concurrentWriters = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    GroupCommit commits =
        new GroupCommit(
            calls -> {
              if (concurrentWriters.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
              }
              try {
                calls.forEach(
                    call ->
                        call.transfers()
                            .forEach(
                                t -> {
                                  if (!written.add(t.id())) {
                                    duplicates.incrementAndGet();
                                  }
                                }));
                Thread.onSpinWait();
                return echo(calls);
              } finally {
                concurrentWriters.decrementAndGet();
              }
            },
            ErrorCode.INVALID_TRANSFER);
    int threads = 8;
    int calls = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      running.add(
          pool.submit(
              () -> {
                for (int c = 0; c < calls; c++) {
                  long amount = 1 + (thread * 7L + c) % 10;
                  Transfer transfer = Transfer.single(thread + "-" + c, "a", "b", amount, "x");
                  List<TransferResult> results =
                      commits.write(new GroupCommit.Call(List.of(transfer), false));
                  assertThat(results)
                      .containsExactly(
                          amount % 2 == 0 ? TransferResult.OK : TransferResult.EXCEEDS_CREDITS);
                }
                return null;
              }));
    }
    for (Future<?> future : running) {
      future.get(1, TimeUnit.MINUTES);
    }
    pool.shutdown();

    assertThat(written).hasSize(threads * calls);
    assertThat(duplicates).hasValue(0);
    assertThat(overlaps).as("two transactions written at once").hasValue(0);
    assertThat(commits.unfinished()).isZero();
    assertThat(commits.waiting()).isZero();
    assertThat(commits.transactions()).isBetween(1L, (long) threads * calls);
  }

  @Test
  void aFailureReachesTheCallerAsItsOwnExceptionWithTheSameCode() {
    GroupCommit commits =
        new GroupCommit(
            calls -> {
              throw new SpeedTradeException(ErrorCode.STORE_UNAVAILABLE, "database failed");
            },
            ErrorCode.INVALID_TRANSFER);

    assertThatThrownBy(
            () ->
                commits.write(
                    new GroupCommit.Call(List.of(Transfer.single("t", "a", "b", 2, "x")), false)))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
              assertThat(e).hasMessage("database failed");
            });
    assertThat(commits.unfinished()).isZero();
  }

  @Test
  void anErrorInTheWriterLeavesNoCallerWaiting() {
    GroupCommit commits =
        new GroupCommit(
            calls -> {
              throw new StackOverflowError("deep");
            },
            ErrorCode.INVALID_TRANSFER);

    assertThatThrownBy(
            () ->
                commits.write(
                    new GroupCommit.Call(List.of(Transfer.single("t", "a", "b", 2, "x")), false)))
        .isInstanceOf(StackOverflowError.class);
    assertThat(commits.waiting()).isZero();
  }
}
