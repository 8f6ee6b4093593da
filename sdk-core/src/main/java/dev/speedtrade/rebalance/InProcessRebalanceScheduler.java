package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.broker.MarketClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RebalanceScheduler} inside one JVM: every tick (15 s by default) it asks the {@link
 * SettingsStore} who is enabled and runs, on a bounded pool, each rebalance whose time has come on
 * today's trading day and that it has not fired yet. The execution store still guarantees one
 * execution per user and day, so a restart that fires again does no harm. Thread-safe.
 */
public final class InProcessRebalanceScheduler implements RebalanceScheduler {
  private static final Logger log = LoggerFactory.getLogger(InProcessRebalanceScheduler.class);

  private final RebalanceService service;
  private final DueRebalances schedule;
  private final Clock clock;
  private final Duration tick;
  private final ExecutorService pool;
  private final ScheduledExecutorService ticker;
  private final Set<ExecutionKey> fired = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean started = new AtomicBoolean();

  private InProcessRebalanceScheduler(Builder builder) {
    this.service = Objects.requireNonNull(builder.service, "service");
    this.schedule = new DueRebalances(Objects.requireNonNull(builder.marketClock, "marketClock"));
    this.clock = builder.clock;
    this.tick = builder.tick;
    this.pool = Executors.newFixedThreadPool(builder.threads, daemon("speedtrade-rebalance"));
    this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("speedtrade-rebalance-tick"));
  }

  /** Returns a builder; the service and the market clock are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void start() {
    if (started.compareAndSet(false, true)) {
      ticker.scheduleWithFixedDelay(this::tickQuietly, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public ExecutionResult executeNow(String userId, TradingMode mode, boolean dryRun) {
    return service.executeNow(userId, mode, dryRun);
  }

  /**
   * Runs every rebalance due now that this scheduler has not fired yet, on the pool, and waits for
   * them. Returns their results; a run that threw is logged and left out. The ticker calls this.
   */
  public List<ExecutionResult> runDue() {
    List<Future<ExecutionResult>> runs = new ArrayList<>();
    Instant now = clock.instant();
    for (ScheduledUser user : schedule.due(service.settings().enabled(), now)) {
      ExecutionKey key = new ExecutionKey(user.userId(), user.mode(), DueRebalances.marketDate(now));
      if (fired.add(key)) {
        runs.add(pool.submit(() -> service.executeNow(user.userId(), user.mode(), false)));
      }
    }
    List<ExecutionResult> results = new ArrayList<>();
    for (Future<ExecutionResult> run : runs) {
      try {
        results.add(run.get());
      } catch (ExecutionException e) {
        log.warn("a scheduled rebalance failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return results;
  }

  private void tickQuietly() {
    try {
      runDue();
    } catch (RuntimeException e) {
      log.warn("the rebalance scheduler's tick failed; it runs again in {}", tick, e);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    pool.shutdown();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Builds an {@link InProcessRebalanceScheduler}. Not thread-safe. */
  public static final class Builder {
    private @Nullable RebalanceService service;
    private @Nullable MarketClock marketClock;
    private Clock clock = Clock.systemUTC();
    private Duration tick = Duration.ofSeconds(15);
    private int threads = 4;

    private Builder() {}

    /** Sets the service whose stores and executor the scheduler runs. */
    public Builder service(RebalanceService service) {
      this.service = service;
      return this;
    }

    /** Sets the market clock whose calendar gives each day's close. */
    public Builder marketClock(MarketClock marketClock) {
      this.marketClock = marketClock;
      return this;
    }

    /** Sets the clock the scheduler reads. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets how often the scheduler looks for due rebalances (default 15 s). */
    public Builder tick(Duration tick) {
      if (tick == null || tick.isNegative() || tick.isZero()) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "tick must be positive, got " + tick);
      }
      this.tick = tick;
      return this;
    }

    /** Sets how many rebalances run at once (default 4). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "threads must be at least 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Returns the scheduler, not yet started. */
    public InProcessRebalanceScheduler build() {
      return new InProcessRebalanceScheduler(this);
    }
  }
}
