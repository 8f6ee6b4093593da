package dev.speedtrade.rebalance;

import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.SettlementRun;
import dev.speedtrade.rebalance.spi.DueRebalances;
import dev.speedtrade.rebalance.spi.DueSettlement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * today's trading day and that it has not fired yet, each on that user's own account. A run {@link
 * ExecutionOutcome#POSTPONED postponed} (it stopped before any order) fires again at the next tick,
 * until the close. A user the platform refuses (no account, not enrolled) is logged and skipped.
 * The execution store still guarantees one execution per user and day, so a restart that fires
 * again does no harm.
 *
 * <p>Given a {@link Builder#settlement funding service}, each tick also runs the day's settlement
 * ({@link FundingService#settleAndPay}) once per trading day, from the {@link
 * Builder#settlementTime settlement time} (08:00 New York by default) on; see {@link #settleDue()}.
 * Thread-safe.
 */
public final class InProcessRebalanceScheduler implements RebalanceScheduler {
  private static final Logger log = LoggerFactory.getLogger(InProcessRebalanceScheduler.class);

  private final RebalanceService service;
  private final DueRebalances schedule;
  private final DueSettlement settlement;
  private final @Nullable FundingService funding;
  private final Object settlementLock = new Object();
  private @Nullable LocalDate settledOn; // guarded by settlementLock
  private final Clock clock;
  private final Duration tick;
  private final ExecutorService pool;
  private final ScheduledExecutorService ticker;
  private final Set<ExecutionKey> fired = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean started = new AtomicBoolean();

  private InProcessRebalanceScheduler(Builder builder) {
    this.service = required(builder.service, "service");
    MarketClock marketClock = required(builder.marketClock, "marketClock");
    this.schedule = new DueRebalances(marketClock);
    this.settlement = new DueSettlement(marketClock, builder.settlementTime);
    this.funding = builder.funding;
    this.clock = builder.clock;
    this.tick = builder.tick;
    this.pool = Executors.newFixedThreadPool(builder.threads, daemon("speedtrade-rebalance"));
    this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("speedtrade-rebalance-tick"));
  }

  private static <T> T required(@Nullable T part, String name) {
    if (part == null) {
      throw new SpeedTradeException(
          ErrorCode.MISSING_ADAPTER,
          "an InProcessRebalanceScheduler needs "
              + name
              + ": call InProcessRebalanceScheduler.builder()."
              + name
              + "(...)");
    }
    return part;
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
   * them. Returns their results; a run that threw is logged and left out. A postponed run, or one
   * that threw a {@linkplain dev.speedtrade.error.ErrorCode#isRetryable() retryable} error, fires
   * again at the next call; a refused one (no account, not enrolled) not before the next day. The
   * ticker calls this.
   */
  public List<ExecutionResult> runDue() {
    Map<ExecutionKey, Future<ExecutionResult>> runs = new LinkedHashMap<>();
    Instant now = clock.instant();
    for (ScheduledUser user : schedule.due(service.settings().enabled(), now)) {
      ExecutionKey key =
          new ExecutionKey(user.userId(), user.mode(), DueRebalances.marketDate(now));
      if (fired.add(key)) {
        runs.put(key, pool.submit(() -> service.executeNow(user.userId(), user.mode(), false)));
      }
    }
    List<ExecutionResult> results = new ArrayList<>();
    for (Map.Entry<ExecutionKey, Future<ExecutionResult>> run : runs.entrySet()) {
      try {
        ExecutionResult result = run.getValue().get();
        if (result.outcome() == ExecutionOutcome.POSTPONED) {
          fired.remove(run.getKey());
        }
        results.add(result);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SpeedTradeException refused && refused.code().isRetryable()) {
          fired.remove(run.getKey());
        }
        log.warn("the scheduled rebalance {} failed", run.getKey(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return results;
  }

  /**
   * Runs the day's settlement ({@link FundingService#settleAndPay}) when it is due and this
   * scheduler has not yet run it successfully for the day: the scheduler's clock reads a trading
   * day of the market clock's calendar (New York date) at or after the settlement time (New York).
   * A success is remembered for that date, in this scheduler only; a call that throws is not, so
   * the next call (the next tick) runs it again. Running it again is harmless anyway: {@code
   * settleAndPay} does nothing more the second time. Calls are serialized. The ticker calls this
   * before {@link #runDue()}.
   *
   * @return what the settlement did; empty when no funding service was given, when the settlement
   *     is not due (not a trading day, or before the settlement time) or when this scheduler has
   *     already run it for the day
   * @throws SpeedTradeException whatever {@code settleAndPay} or the market clock's calendar throws
   *     (the store or ledger unavailable, say); nothing is remembered then
   */
  public Optional<SettlementRun> settleDue() {
    FundingService service = funding;
    if (service == null) {
      return Optional.empty();
    }
    synchronized (settlementLock) {
      Optional<LocalDate> date = settlement.due(clock.instant());
      if (date.isEmpty() || date.get().equals(settledOn)) {
        return Optional.empty();
      }
      SettlementRun run = service.settleAndPay();
      settledOn = date.get();
      log.info(
          "settlement of {}: {} sales settled, {} withdrawals funded, {} payouts started",
          date.get(),
          run.settledSales().size(),
          run.fundedWithdrawals().size(),
          run.startedPayouts().size());
      return Optional.of(run);
    }
  }

  private void tickQuietly() {
    try {
      settleDue();
    } catch (RuntimeException e) {
      log.warn("the day's settlement failed; the next tick, in {}, runs it again", tick, e);
    }
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
    private @Nullable FundingService funding;
    private LocalTime settlementTime = DueSettlement.DEFAULT_TIME;

    private Builder() {}

    /**
     * Runs {@code funding}'s day's settlement ({@link FundingService#settleAndPay}) on this
     * scheduler's ticks, once per trading day from the {@link #settlementTime settlement time} on
     * (default none: the scheduler settles nothing). On a platform, pass {@code
     * platform.funding()}, which an omnibus platform has. The trading days are the market clock's.
     */
    public Builder settlement(FundingService funding) {
      this.funding = Objects.requireNonNull(funding, "funding");
      return this;
    }

    /**
     * Sets the time of day, New York, from which the day's settlement runs (default 08:00, before
     * the open, so that proceeds settling that day are cash for the whole session).
     */
    public Builder settlementTime(LocalTime settlementTime) {
      this.settlementTime = Objects.requireNonNull(settlementTime, "settlementTime");
      return this;
    }

    /** Sets the service whose stores and executor the scheduler runs. */
    public Builder service(RebalanceService service) {
      this.service = Objects.requireNonNull(service, "service");
      return this;
    }

    /** Sets the market clock whose calendar gives each day's close. */
    public Builder marketClock(MarketClock marketClock) {
      this.marketClock = Objects.requireNonNull(marketClock, "marketClock");
      return this;
    }

    /** Sets the clock the scheduler reads. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets how often the scheduler looks for due rebalances (default 15 s). */
    public Builder tick(Duration tick) {
      if (Objects.requireNonNull(tick, "tick").isNegative() || tick.isZero()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "tick must be positive, got " + tick);
      }
      this.tick = tick;
      return this;
    }

    /** Sets how many rebalances run at once (default 4). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "threads must be at least 1, got " + threads);
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
