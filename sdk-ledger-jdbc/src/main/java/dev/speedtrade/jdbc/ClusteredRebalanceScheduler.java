package dev.speedtrade.jdbc;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.SettlementRun;
import dev.speedtrade.rebalance.ExecutionResult;
import dev.speedtrade.rebalance.RebalanceExecutor;
import dev.speedtrade.rebalance.RebalanceScheduler;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.ScheduledUser;
import dev.speedtrade.rebalance.spi.DueRebalances;
import dev.speedtrade.rebalance.spi.DueSettlement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RebalanceScheduler} for a fleet of hosts sharing one database, on db-scheduler ({@code
 * com.github.kagkarlsson:db-scheduler}) and its table {@code speedtrade_scheduled_tasks} (see
 * {@link SpeedTradeSchema}).
 *
 * <p>A recurring task, run by one host at a time, schedules one task instance per due (user, mode,
 * market date), named {@code MODE|DATE|userId}; scheduling an instance that exists does nothing.
 * Every host's scheduler picks instances and runs them on its threads through {@link
 * RebalanceService#executeNow}. db-scheduler keeps the picked instances' heartbeats; when a host
 * dies, another detects the dead execution and runs it again, and the executor resumes it: the
 * execution store's claim died with the dead host's connection, and orders already placed are found
 * by client order id. The SDK keeps no lease, heartbeat or queue of its own.
 *
 * <p>Given a {@link Builder#settlement funding service} (a {@link Builder#platform platform} that
 * is omnibus gives its own), a second recurring task, {@value #SETTLEMENT_TASK}, runs the day's
 * settlement ({@link FundingService#settleAndPay}) daily at the settlement time (08:00
 * America/New_York by default): one row in the table for every host, so one host runs it per day.
 * On a day the market clock's calendar does not list it does nothing. A run that throws is run
 * again after {@link Builder#settlementRetryAfter} (5 minutes by default) until it succeeds; {@code
 * settleAndPay} does nothing more when run again, so a retry or a second run is harmless.
 * Thread-safe.
 */
public final class ClusteredRebalanceScheduler implements RebalanceScheduler {
  /** The one-time task that runs one user's rebalance for one market date. */
  public static final String REBALANCE_TASK = "speedtrade-rebalance";

  /** The recurring task that schedules the due rebalances. */
  public static final String FLEET_TASK = "speedtrade-rebalance-fleet";

  /** The recurring task that runs the day's settlement, when a funding service was given. */
  public static final String SETTLEMENT_TASK = "speedtrade-settlement";

  /** db-scheduler's table. */
  public static final String TABLE = "speedtrade_scheduled_tasks";

  private static final Logger log = LoggerFactory.getLogger(ClusteredRebalanceScheduler.class);

  /** db-scheduler picks by real time, whatever clock decides what is due. */
  private static final Clock TASK_TIME = Clock.systemUTC();

  /** An execution this close to now may be under way: db-scheduler's own margin on start-up. */
  private static final Duration NEAR = Duration.ofSeconds(10);

  private final RebalanceService service;
  private final DueRebalances schedule;
  private final DueSettlement settlement;
  private final @Nullable FundingService funding;
  private final Daily settlementSchedule;
  private final @Nullable RecurringTask<Void> settlementTask;
  private final Clock clock;
  private final OneTimeTask<Void> rebalance;
  private final Scheduler scheduler;
  private final AtomicBoolean started = new AtomicBoolean();

  private ClusteredRebalanceScheduler(Builder builder) {
    this.service = required(builder.service, "service");
    MarketClock marketClock = required(builder.marketClock, "marketClock");
    this.schedule = new DueRebalances(marketClock);
    this.settlement = new DueSettlement(marketClock, builder.settlementTime);
    this.funding = builder.funding;
    this.settlementSchedule =
        Schedules.daily(RebalanceExecutor.MARKET_ZONE, builder.settlementTime);
    this.clock = builder.clock;
    this.rebalance =
        Tasks.oneTime(REBALANCE_TASK)
            .onDeadExecutionRevive()
            .onFailure(new FailureHandler.OnFailureRetryLater<>(builder.retryAfter))
            .execute((instance, context) -> run(instance.getId()));
    RecurringTask<Void> fleet =
        Tasks.recurring(FLEET_TASK, FixedDelay.of(builder.tick))
            .execute((instance, context) -> scheduleDue(context.getSchedulerClient()));
    List<Task<?>> known = new ArrayList<>();
    known.add(rebalance);
    FundingService settling = funding;
    if (settling == null) {
      this.settlementTask = null;
    } else {
      // Scheduled by scheduleSettlement() on start, not db-scheduler's start-up step: that one
      // moves a pending retry to the next day when any host starts meanwhile.
      RecurringTask<Void> task =
          Tasks.recurring(SETTLEMENT_TASK, settlementSchedule)
              .doNotScheduleOnStartup()
              .onFailure(new FailureHandler.OnFailureRetryLater<>(builder.settlementRetryAfter))
              .execute((instance, context) -> settleToday(settling));
      this.settlementTask = task;
      known.add(task);
    }
    com.github.kagkarlsson.scheduler.SchedulerBuilder scheduler =
        Scheduler.create(required(builder.dataSource, "dataSource"), known)
            .startTasks(fleet)
            .tableName(TABLE)
            .threads(builder.threads)
            .pollingInterval(builder.pollingInterval)
            .heartbeatInterval(builder.heartbeatInterval)
            .missedHeartbeatsLimit(builder.missedHeartbeats)
            .shutdownMaxWait(builder.shutdownMaxWait);
    if (builder.name != null) {
      scheduler.schedulerName(new SchedulerName.Fixed(builder.name));
    }
    this.scheduler = scheduler.build();
  }

  private static <T> T required(@Nullable T part, String name) {
    if (part == null) {
      throw new SpeedTradeException(
          ErrorCode.MISSING_ADAPTER,
          "a ClusteredRebalanceScheduler needs "
              + name
              + ": call ClusteredRebalanceScheduler.builder()."
              + name
              + "(...)");
    }
    return part;
  }

  /** Returns a builder; the data source, the service and the market clock are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts this host's scheduler: it registers the recurring tasks (each once in the shared table,
   * whichever host starts first) and picks work. Idempotent.
   *
   * @throws RuntimeException what the database throws while the settlement task is registered; the
   *     scheduler is then not started, and {@code start()} may be called again
   */
  @Override
  public void start() {
    if (started.compareAndSet(false, true)) {
      try {
        scheduleSettlement();
      } catch (RuntimeException e) {
        started.set(false);
        throw e;
      }
      scheduler.start();
    }
  }

  /**
   * Puts the settlement task's one row in the table, at the next settlement time, unless a host did
   * already. A row at another time of day (the settlement time was changed) is moved to the next
   * settlement time, unless it is a retry after a failure or is due within seconds (it may be under
   * way).
   */
  private void scheduleSettlement() {
    RecurringTask<Void> task = settlementTask;
    if (task == null) {
      return;
    }
    Instant now = TASK_TIME.instant();
    Instant next = settlementSchedule.getNextExecutionTime(ExecutionComplete.simulatedSuccess(now));
    TaskInstance<Void> instance = task.instance(RecurringTask.INSTANCE);
    if (scheduler.scheduleIfNotExists(instance, next)) {
      log.info("the settlement task is scheduled; its first run is at {}", next);
      return;
    }
    Optional<ScheduledExecution<Object>> row = scheduler.getScheduledExecution(instance);
    if (row.isEmpty()) {
      return;
    }
    ScheduledExecution<Object> execution = row.get();
    Instant at = execution.getExecutionTime();
    if (execution.getConsecutiveFailures() == 0
        && !execution.isPicked()
        && at.isAfter(now.plus(NEAR))
        && !at.equals(next)) {
      try {
        scheduler.reschedule(instance, next);
        log.info("the settlement time changed: its next run moved from {} to {}", at, next);
      } catch (RuntimeException e) {
        // Picked meanwhile, say: it runs at its old time, then daily at the new one.
        log.warn("the settlement task stays at {}; it could not be moved to {}", at, next, e);
      }
    }
  }

  /**
   * Runs the day's settlement now when it is due on the scheduler's clock: the market date (New
   * York) is a trading day of the market clock's calendar and the New York time is at or after the
   * settlement time. The recurring task {@value #SETTLEMENT_TASK} settles each day on its own; this
   * is for a host or an operator who wants it now (after an outage, say). Nothing is remembered
   * between calls: the once-a-day is the recurring task's, kept in the shared table for every host,
   * and {@code settleAndPay} does nothing more when run again, so calling this too is harmless.
   *
   * @return what the settlement did; empty when no funding service was given or the settlement is
   *     not due (not a trading day, or before the settlement time)
   * @throws SpeedTradeException whatever {@code settleAndPay} or the market clock's calendar throws
   */
  public Optional<SettlementRun> settleDue() {
    FundingService settling = funding;
    if (settling == null) {
      return Optional.empty();
    }
    Optional<LocalDate> date = settlement.due(clock.instant());
    if (date.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(settle(settling, date.get()));
  }

  /**
   * The recurring task's work: db-scheduler has decided the time; the calendar decides whether the
   * scheduler's clock's market date trades. A throw is the task's failure, retried later.
   */
  private void settleToday(FundingService settling) {
    LocalDate date = DueRebalances.marketDate(clock.instant());
    if (!settlement.isTradingDay(date)) {
      log.info("no settlement on {}: not a trading day", date);
      return;
    }
    settle(settling, date);
  }

  private static SettlementRun settle(FundingService settling, LocalDate date) {
    SettlementRun run = settling.settleAndPay();
    log.info(
        "settlement of {}: {} sales settled, {} withdrawals funded, {} payouts started",
        date,
        run.settledSales().size(),
        run.fundedWithdrawals().size(),
        run.startedPayouts().size());
    return run;
  }

  @Override
  public ExecutionResult executeNow(String userId, TradingMode mode, boolean dryRun) {
    return service.executeNow(userId, mode, dryRun);
  }

  /**
   * Schedules, for now, a task instance for every enabled user whose rebalance is due on the
   * scheduler's clock and has none yet; returns the instances it created. The recurring task calls
   * this; a host may too.
   */
  public List<String> scheduleDue() {
    return scheduleDue(scheduler);
  }

  private List<String> scheduleDue(SchedulerClient client) {
    Instant now = clock.instant();
    LocalDate date = DueRebalances.marketDate(now);
    List<String> created = new ArrayList<>();
    for (ScheduledUser user : schedule.due(service.settings().enabled(), now)) {
      String id = user.mode() + "|" + date + "|" + user.userId();
      if (client.scheduleIfNotExists(rebalance.instance(id), TASK_TIME.instant())) {
        created.add(id);
      }
    }
    return created;
  }

  private void run(String instanceId) {
    String[] parts = instanceId.split("\\|", 3);
    TradingMode mode = TradingMode.valueOf(parts[0]);
    LocalDate date = LocalDate.parse(parts[1]);
    if (!date.equals(DueRebalances.marketDate(clock.instant()))) {
      log.warn("skipping rebalance {}: its market date has passed", instanceId);
      return;
    }
    ExecutionResult result = service.executeNow(parts[2], mode, false);
    log.info("rebalance {}: {}", instanceId, result.outcome());
  }

  /** Stops picking work; executions in progress get the shutdown wait to finish. Idempotent. */
  @Override
  public void close() {
    scheduler.stop();
  }

  /** Builds a {@link ClusteredRebalanceScheduler}. Not thread-safe. */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private @Nullable RebalanceService service;
    private @Nullable MarketClock marketClock;
    private Clock clock = Clock.systemUTC();
    private Duration tick = Duration.ofSeconds(15);
    private Duration pollingInterval = Duration.ofSeconds(5);
    private Duration heartbeatInterval = Duration.ofMinutes(1);
    private int missedHeartbeats = 4;
    private Duration shutdownMaxWait = Duration.ofMinutes(5);
    private int threads = 8;
    private Duration retryAfter = Duration.ofSeconds(30);
    private @Nullable String name;
    private @Nullable FundingService funding;
    private LocalTime settlementTime = DueSettlement.DEFAULT_TIME;
    private Duration settlementRetryAfter = Duration.ofMinutes(5);

    private Builder() {}

    /** Sets the database every host shares; {@link SpeedTradeSchema#migrate} creates its table. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * Runs {@code platform}'s rebalance: sets the service to {@link SpeedTrade#rebalance()}, the
     * market clock to {@link SpeedTrade#marketClock()} and the clock to {@link SpeedTrade#clock()}.
     * Each user's run trades that user's own account, found through the platform's accounts. An
     * omnibus platform's day's settlement runs too: the funding service is set to {@link
     * SpeedTrade#funding()}; a platform of per-user accounts has none (their cash is at each user's
     * broker) and settles nothing here.
     *
     * @throws SpeedTradeException {@link ErrorCode#CLOSED} when the platform was closed
     */
    public Builder platform(SpeedTrade platform) {
      Objects.requireNonNull(platform, "platform");
      service(platform.rebalance()).marketClock(platform.marketClock()).clock(platform.clock());
      try {
        settlement(platform.funding());
      } catch (SpeedTradeException e) {
        if (e.code() != ErrorCode.MISSING_ADAPTER) {
          throw e;
        }
      }
      return this;
    }

    /**
     * Runs {@code funding}'s day's settlement ({@link FundingService#settleAndPay}) as the
     * recurring task {@value ClusteredRebalanceScheduler#SETTLEMENT_TASK}, daily at the {@link
     * #settlementTime settlement time} on the trading days of the market clock's calendar (default
     * none; {@link #platform} sets it for an omnibus platform). Give it, with the same settlement
     * time, on every host that shares the table: a host without it does not know the task and
     * leaves it to the hosts that do, and the host that runs the task schedules its next run.
     */
    public Builder settlement(FundingService funding) {
      this.funding = Objects.requireNonNull(funding, "funding");
      return this;
    }

    /**
     * Sets the time of day, America/New_York, of the daily settlement (default 08:00, before the
     * open, so that proceeds settling that day are cash for the whole session). A change is applied
     * to the shared task when a host starts with it.
     */
    public Builder settlementTime(LocalTime settlementTime) {
      this.settlementTime = Objects.requireNonNull(settlementTime, "settlementTime");
      return this;
    }

    /**
     * Sets when a settlement that threw (a database or payment provider outage) is run again
     * (default 5 minutes; db-scheduler's default for a recurring task would wait for the next day).
     * It is run again at that pace until it succeeds, then daily again.
     */
    public Builder settlementRetryAfter(Duration retryAfter) {
      this.settlementRetryAfter = positive(retryAfter, "settlementRetryAfter");
      return this;
    }

    /** Sets the service whose stores and executor the tasks run. */
    public Builder service(RebalanceService service) {
      this.service = Objects.requireNonNull(service, "service");
      return this;
    }

    /** Sets the market clock whose calendar gives each day's close. */
    public Builder marketClock(MarketClock marketClock) {
      this.marketClock = Objects.requireNonNull(marketClock, "marketClock");
      return this;
    }

    /** Sets the clock that decides which rebalances are due and for which market date. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets how often the recurring task looks for due rebalances (default 15 s). */
    public Builder tick(Duration tick) {
      this.tick = positive(tick, "tick");
      return this;
    }

    /** Sets how often this host polls the table for work (default 5 s). */
    public Builder pollingInterval(Duration interval) {
      this.pollingInterval = positive(interval, "pollingInterval");
      return this;
    }

    /**
     * Sets db-scheduler's heartbeat for running executions (default 1 min) and how many may be
     * missed (default 4) before another host takes a dead host's execution over.
     */
    public Builder heartbeat(Duration interval, int missedLimit) {
      this.heartbeatInterval = positive(interval, "heartbeat");
      if (missedLimit < 4) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "missed heartbeats must be at least 4 (db-scheduler's floor), got " + missedLimit);
      }
      this.missedHeartbeats = missedLimit;
      return this;
    }

    /** Sets how long {@link #close()} waits for running executions (default 5 min). */
    public Builder shutdownMaxWait(Duration wait) {
      this.shutdownMaxWait = Objects.requireNonNull(wait, "wait");
      return this;
    }

    /**
     * Sets when a rebalance whose run threw (a database or broker outage) is run again (default 30
     * s; db-scheduler's own default of 5 minutes would miss the close). Running it again is safe:
     * the executor resumes it.
     */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = positive(retryAfter, "retryAfter");
      return this;
    }

    /** Sets how many rebalances this host runs at once (default 8). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "threads must be at least 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Names this host in db-scheduler's {@code picked_by} column (default: the host name). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Returns the scheduler, not yet started. */
    public ClusteredRebalanceScheduler build() {
      return new ClusteredRebalanceScheduler(this);
    }

    private static Duration positive(Duration duration, String what) {
      if (Objects.requireNonNull(duration, what).isNegative() || duration.isZero()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, what + " must be positive, got " + duration);
      }
      return duration;
    }
  }
}
