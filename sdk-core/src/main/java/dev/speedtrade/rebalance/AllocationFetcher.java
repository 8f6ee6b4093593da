package dev.speedtrade.rebalance;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks each invested bot's {@link AllocationSource} for its weights, in parallel, all within one
 * timeout: a throw, a timeout or a null answer fails that bot only. Thread-safe.
 */
final class AllocationFetcher implements AutoCloseable {
  private final AllocationSource allocations;
  private final Duration timeout;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "speedtrade-allocation");
            thread.setDaemon(true);
            return thread;
          });

  AllocationFetcher(AllocationSource allocations, Duration timeout) {
    this.allocations = allocations;
    this.timeout = timeout;
  }

  /** Returns each investment's allocation for {@code marketDate}, by bot id. */
  Map<String, Allocation> fetch(List<BotInvestment> investments, LocalDate marketDate) {
    Map<String, Future<Allocation>> pending = new LinkedHashMap<>();
    for (BotInvestment investment : investments) {
      pending.put(
          investment.botId(),
          threads.submit(() -> allocations.allocation(investment.botId(), marketDate)));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Allocation> answers = new HashMap<>();
    pending.forEach((botId, future) -> answers.put(botId, await(future, deadline)));
    return answers;
  }

  private Allocation await(Future<Allocation> future, long deadline) {
    try {
      Allocation answer =
          future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return answer == null ? Allocation.failed("no allocation") : answer;
    } catch (TimeoutException e) {
      future.cancel(true);
      return Allocation.failed("timed out after " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return Allocation.failed(
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return Allocation.failed("interrupted");
    }
  }

  /** Stops the threads that call allocation sources. */
  @Override
  public void close() {
    threads.shutdownNow();
  }
}
