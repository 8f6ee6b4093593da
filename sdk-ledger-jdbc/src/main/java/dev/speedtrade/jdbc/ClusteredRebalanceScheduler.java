package dev.speedtrade.jdbc;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.rebalance.ExecutionResult;
import dev.speedtrade.rebalance.RebalanceScheduler;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.ScheduledUser;
import dev.speedtrade.rebalance.spi.DueRebalances;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * by client order id. The SDK keeps no lease, heartbeat or queue of its own. Thread-safe.
 */
public final class ClusteredRebalanceScheduler implements RebalanceScheduler {
  /** The one-time task that runs one user's rebalance for one market date. */
  public static final String REBALANCE_TASK = "speedtrade-rebalance";

  /** The recurring task that schedules the due rebalances. */
  public static final String FLEET_TASK = "speedtrade-rebalance-fleet";

  /** db-scheduler's table. */
  public static final String TABLE = "speedtrade_scheduled_tasks";

  private static final Logger log = LoggerFactory.getLogger(ClusteredRebalanceScheduler.class);

  /** db-scheduler picks by real time, whatever clock decides what is due. */
  private static final Clock TASK_TIME = Clock.systemUTC();

  private final RebalanceService service;
  private final DueRebalances schedule;
  private final Clock clock;
  private final OneTimeTask<Void> rebalance;
  private final Scheduler scheduler;
  private final AtomicBoolean started = new AtomicBoolean();

  private ClusteredRebalanceScheduler(Builder builder) {
    this.service = required(builder.service, "service");
    this.schedule = new DueRebalances(required(builder.marketClock, "marketClock"));
    this.clock = builder.clock;
    this.rebalance =
        Tasks.oneTime(REBALANCE_TASK)
            .onDeadExecutionRevive()
            .onFailure(new FailureHandler.OnFailureRetryLater<>(builder.retryAfter))
            .execute((instance, context) -> run(instance.getId()));
    RecurringTask<Void> fleet =
        Tasks.recurring(FLEET_TASK, FixedDelay.of(builder.tick))
            .execute((instance, context) -> scheduleDue(context.getSchedulerClient()));
    com.github.kagkarlsson.scheduler.SchedulerBuilder scheduler =
        Scheduler.create(required(builder.dataSource, "dataSource"), rebalance)
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

  @Override
  public void start() {
    if (started.compareAndSet(false, true)) {
      scheduler.start();
    }
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

    private Builder() {}

    /** Sets the database every host shares; {@link SpeedTradeSchema#migrate} creates its table. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * Runs {@code platform}'s rebalance: sets the service to {@link SpeedTrade#rebalance()}, the
     * market clock to {@link SpeedTrade#marketClock()} and the clock to {@link SpeedTrade#clock()}.
     * Each user's run trades that user's own account, found through the platform's accounts.
     */
    public Builder platform(SpeedTrade platform) {
      Objects.requireNonNull(platform, "platform");
      return service(platform.rebalance())
          .marketClock(platform.marketClock())
          .clock(platform.clock());
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
