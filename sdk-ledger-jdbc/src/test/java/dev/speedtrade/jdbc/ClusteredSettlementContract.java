package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.SimulatedAccounts;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.DepositEventType;
import dev.speedtrade.funding.FundingCode;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.SettlementCalendar;
import dev.speedtrade.funding.SettlementRun;
import dev.speedtrade.funding.UserFunds;
import dev.speedtrade.funding.spi.FundingBook;
import dev.speedtrade.funding.spi.FundingStore;
import dev.speedtrade.funding.spi.InMemoryFundingStore;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.money.Money;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The day's settlement on the clustered scheduler, on the database a subclass gives: the recurring
 * task {@code speedtrade-settlement} has one row for every host, at the next settlement time in New
 * York; when it runs it settles on trading days only, and a failure is retried after the retry
 * delay, also when another host starts meanwhile. {@code settleDue()} settles through the funding
 * service when due. The scheduler's clock is one the test moves; db-scheduler runs on real time, so
 * a test that needs the task to run moves its row to now.
 */
abstract class ClusteredSettlementContract {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** A clock the test moves, on New York dates and times. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(String newYorkDateTime) {
      now = newYork(newYorkDateTime);
    }

    void set(String newYorkDateTime) {
      now = newYork(newYorkDateTime);
    }

    private static Instant newYork(String dateTime) {
      return LocalDateTime.parse(dateTime).atZone(NEW_YORK).toInstant();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** One row of db-scheduler's table. */
  record TaskRow(
      String instance, Instant executionTime, int consecutiveFailures, boolean succeeded) {}

  /** Friday 2026-11-27 (the day after Thanksgiving), 10:00 in New York. */
  final MovableClock clock = new MovableClock("2026-11-27T10:00:00");

  final SimulatedMarket market = SimulatedMarket.builder().clock(clock).demoListings().build();

  /** Fails the next {@code outages} transactions of the funding store, as a database down would. */
  final AtomicInteger outages = new AtomicInteger();

  final AtomicInteger failed = new AtomicInteger();

  final FundingService funding = funding();

  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** Returns the database of this test: migrated, with no row in the scheduler's table. */
  abstract DataSource dataSource();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private FundingService funding() {
    InMemoryMarket instruments = new InMemoryMarket(true);
    instruments.put(
        new Instrument("SPY", AssetClass.US_EQUITY, true, true, false, new BigDecimal("500.00")));
    InMemoryFundingStore records = new InMemoryFundingStore();
    FundingStore flaky =
        new FundingStore() {
          @Override
          public <T> T inTransaction(Function<FundingBook, T> work) {
            if (outages.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
              failed.incrementAndGet();
              throw new SpeedTradeException(
                  ErrorCode.STORE_UNAVAILABLE, "the funding store is down");
            }
            return records.inTransaction(work);
          }
        };
    return FundingService.builder()
        .ledger(new InMemoryLedger(clock))
        .market(instruments)
        .clock(clock)
        .calendar(SettlementCalendar.of(market.marketClock()))
        .store(flaky)
        .build();
  }

  /** A platform of per-user accounts on this database, its clock the test's. */
  SpeedTrade accountsPlatform() {
    SpeedTrade platform =
        SpeedTrade.builder()
            .accounts(SimulatedAccounts.on(market))
            .storage(JdbcStorage.on(dataSource()))
            .clock(clock)
            .marketClock(market.marketClock())
            .build();
    closeables.add(platform);
    return platform;
  }

  /** A host's scheduler on this database, settling {@link #funding}; not started. */
  ClusteredRebalanceScheduler.Builder host(String name) {
    return ClusteredRebalanceScheduler.builder()
        .dataSource(dataSource())
        .service(accountsPlatform().rebalance())
        .marketClock(market.marketClock())
        .clock(clock)
        .settlement(funding)
        .name(name)
        .tick(Duration.ofHours(1))
        .pollingInterval(Duration.ofMillis(50))
        .shutdownMaxWait(Duration.ZERO);
  }

  ClusteredRebalanceScheduler started(ClusteredRebalanceScheduler.Builder builder) {
    ClusteredRebalanceScheduler scheduler = builder.build();
    closeables.add(scheduler);
    scheduler.start();
    return scheduler;
  }

  /** Opens dan with 2 SPY bought from a deposit, and sells one of them now for 510.00. */
  LocalDate sellOneNow() {
    funding.openUser("dan", KycStatus.APPROVED, null);
    funding.createDeposit("dan", "d1", new BigDecimal("1000.00"));
    assertThat(funding.applyDepositEvent("e1", "d1", DepositEventType.COMPLETED, null).code())
        .isEqualTo(FundingCode.OK);
    assertThat(
            funding
                .recordBuyFill(
                    "dan", "b1", "SPY", BigDecimal.valueOf(2), new BigDecimal("500"), null)
                .code())
        .isEqualTo(FundingCode.OK);
    return funding
        .recordSellFill("dan", "s1", "SPY", BigDecimal.ONE, new BigDecimal("510.00"))
        .settlesOn();
  }

  UserFunds dan() {
    return funding.funds("dan").orElseThrow();
  }

  /** The first {@code time} in New York strictly after {@code after}. */
  static Instant nextAt(LocalTime time, Instant after) {
    ZonedDateTime candidate =
        ZonedDateTime.of(after.atZone(NEW_YORK).toLocalDate(), time, NEW_YORK);
    return candidate.toInstant().isAfter(after)
        ? candidate.toInstant()
        : candidate.plusDays(1).toInstant();
  }

  List<TaskRow> rows(String task) throws SQLException {
    List<TaskRow> rows = new ArrayList<>();
    try (Connection connection = dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT task_instance, execution_time, consecutive_failures, last_success"
                    + " FROM speedtrade_scheduled_tasks WHERE task_name = ?")) {
      select.setString(1, task);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new TaskRow(
                  rs.getString(1),
                  rs.getObject(2, OffsetDateTime.class).toInstant(),
                  rs.getInt(3),
                  rs.getObject(4, OffsetDateTime.class) != null));
        }
      }
    }
    return rows;
  }

  TaskRow settlementRow() throws SQLException {
    List<TaskRow> rows = rows(ClusteredRebalanceScheduler.SETTLEMENT_TASK);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  /** Moves the settlement task's row to a second ago (real time), so that a host picks it now. */
  void settlementDueNow() throws SQLException {
    try (Connection connection = dataSource().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE speedtrade_scheduled_tasks SET execution_time = ? WHERE task_name = ?")) {
      update.setObject(
          1, OffsetDateTime.ofInstant(Clock.systemUTC().instant().minusSeconds(1), ZoneOffset.UTC));
      update.setString(2, ClusteredRebalanceScheduler.SETTLEMENT_TASK);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  interface SqlCondition {
    boolean test() throws SQLException;
  }

  static BooleanSupplier sql(SqlCondition condition) {
    return () -> {
      try {
        return condition.test();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  @Test
  void twoHostsRegisterTheSettlementTaskOnceAtTheNextSettlementTimeInNewYork() throws Exception {
    Instant before = Clock.systemUTC().instant();
    started(host("host-a"));
    started(host("host-b"));
    Instant after = Clock.systemUTC().instant();

    TaskRow row = settlementRow();
    assertThat(row.instance()).isEqualTo("recurring");
    assertThat(row.executionTime())
        .isIn(nextAt(LocalTime.of(8, 0), before), nextAt(LocalTime.of(8, 0), after));
    assertThat(row.executionTime().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
    assertThat(row.consecutiveFailures()).isZero();
  }

  @Test
  void aHostStartedWithAnotherSettlementTimeMovesTheTaskToIt() throws Exception {
    ClusteredRebalanceScheduler first = started(host("host-a"));
    assertThat(settlementRow().executionTime().atZone(NEW_YORK).toLocalTime())
        .isEqualTo(LocalTime.of(8, 0));
    first.close();

    Instant before = Clock.systemUTC().instant();
    started(host("host-b").settlementTime(LocalTime.of(9, 30)));
    Instant after = Clock.systemUTC().instant();

    assertThat(settlementRow().executionTime())
        .isIn(nextAt(LocalTime.of(9, 30), before), nextAt(LocalTime.of(9, 30), after));
  }

  @Test
  void settleDueSettlesThroughTheFundingServiceOnTradingDaysFromTheSettlementTime() {
    assertThat(sellOneNow()).isEqualTo(LocalDate.of(2026, 11, 30));
    ClusteredRebalanceScheduler scheduler = host("host-a").build();
    closeables.add(scheduler);

    assertThat(scheduler.settleDue())
        .as("Friday: due, nothing to settle yet")
        .hasValueSatisfying(run -> assertThat(run.settledSales()).isEmpty());
    clock.set("2026-11-28T09:00:00");
    assertThat(scheduler.settleDue()).as("Saturday").isEmpty();
    clock.set("2026-11-30T07:59:59");
    assertThat(scheduler.settleDue()).as("Monday before the settlement time").isEmpty();
    assertThat(dan().unsettled()).isEqualByComparingTo("510.00");

    clock.set("2026-11-30T08:00:00");
    assertThat(scheduler.settleDue().map(SettlementRun::settledSales)).contains(List.of("s1"));
    assertThat(dan().unsettled()).isEqualByComparingTo("0.00");
    assertThat(dan().cash()).isEqualByComparingTo("510.00");
    assertThat(scheduler.settleDue())
        .as("again: nothing remembered here, and nothing more done")
        .hasValueSatisfying(run -> assertThat(run.settledSales()).isEmpty());
    assertThat(dan().cash()).isEqualByComparingTo("510.00");
  }

  @Test
  void theTaskSettlesWhenItRunsAndAFailedRunIsRetriedAfterTheRetryDelay() throws Exception {
    sellOneNow();
    clock.set("2026-11-30T09:00:00");
    outages.set(1);
    started(host("host-a").settlementRetryAfter(Duration.ofMillis(300)));

    settlementDueNow();
    // Reading dan's funds goes through the store too: wait for the outage to be spent first.
    await("the first run failed", () -> failed.get() > 0);
    await("the retry settled the sale", () -> dan().unsettled().signum() == 0);

    assertThat(failed.get()).isEqualTo(1);
    assertThat(dan().cash()).isEqualByComparingTo("510.00");
    await(
        "the task is back on its daily schedule",
        sql(
            () -> {
              TaskRow row = settlementRow();
              return row.succeeded()
                  && row.consecutiveFailures() == 0
                  && row.executionTime().isAfter(Clock.systemUTC().instant());
            }));
    assertThat(settlementRow().executionTime().atZone(NEW_YORK).toLocalTime())
        .isEqualTo(LocalTime.of(8, 0));
  }

  @Test
  void aRetryWaitingWhenAnotherHostStartsIsKept() throws Exception {
    sellOneNow();
    clock.set("2026-11-30T09:00:00");
    outages.set(1);
    started(host("host-a").settlementRetryAfter(Duration.ofHours(1)));
    settlementDueNow();
    await("the first run failed and waits for its retry", () -> failed.get() > 0);
    await("its failure is recorded", sql(() -> settlementRow().consecutiveFailures() == 1));
    TaskRow retry = settlementRow();
    assertThat(retry.executionTime()).isAfter(Clock.systemUTC().instant());

    ClusteredRebalanceScheduler second =
        started(host("host-b").settlementRetryAfter(Duration.ofHours(1)));

    assertThat(settlementRow()).as("not moved to the next settlement time").isEqualTo(retry);
    assertThat(dan().unsettled()).isEqualByComparingTo("510.00");
    assertThat(second.settleDue().map(SettlementRun::settledSales))
        .as("an operator need not wait for it")
        .contains(List.of("s1"));
  }

  @Test
  void onADayThatDoesNotTradeTheTaskDoesNothing() throws Exception {
    clock.set("2026-11-25T10:00:00");
    assertThat(sellOneNow()).isEqualTo(LocalDate.of(2026, 11, 27));
    clock.set("2026-11-28T09:00:00"); // Saturday: the sale is due, but nothing settles today
    started(host("host-a"));

    settlementDueNow();
    await(
        "the task ran and is back on its daily schedule",
        sql(
            () -> {
              TaskRow row = settlementRow();
              return row.succeeded() && row.executionTime().isAfter(Clock.systemUTC().instant());
            }));

    assertThat(dan().unsettled()).isEqualByComparingTo("510.00");
    assertThat(dan().cash()).isEqualByComparingTo("0.00");
  }

  @Test
  void aPlatformSettlesOnTheSchedulerWhenItIsOmnibusAndNotOtherwise() throws Exception {
    try (ClusteredRebalanceScheduler perUser =
        ClusteredRebalanceScheduler.builder()
            .dataSource(dataSource())
            .platform(accountsPlatform())
            .shutdownMaxWait(Duration.ZERO)
            .build()) {
      perUser.start();
      assertThat(rows(ClusteredRebalanceScheduler.SETTLEMENT_TASK)).isEmpty();
      assertThat(perUser.settleDue()).isEmpty();
    }

    clock.set("2026-11-30T09:00:00");
    SimulatedBroker venue =
        SimulatedBroker.builder()
            .clock(clock)
            .demoListings()
            .cash(Money.of("1000000.00", "USD"))
            .build();
    SpeedTrade omnibus =
        SpeedTrade.builder()
            .omnibus(
                new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
            .storage(JdbcStorage.on(dataSource()))
            .clock(clock)
            .build();
    closeables.add(omnibus);
    ClusteredRebalanceScheduler scheduler =
        started(
            ClusteredRebalanceScheduler.builder()
                .dataSource(dataSource())
                .platform(omnibus)
                .shutdownMaxWait(Duration.ZERO));

    assertThat(settlementRow().instance()).isEqualTo("recurring");
    assertThat(scheduler.settleDue()).as("Monday 09:00, on the platform's clock").isPresent();
  }
}
