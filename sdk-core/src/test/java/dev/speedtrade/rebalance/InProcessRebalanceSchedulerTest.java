package dev.speedtrade.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.money.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-process scheduler on a clock the test moves: when it fires, and for whom. */
class InProcessRebalanceSchedulerTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private final MutableClock clock = new MutableClock(java.time.Instant.EPOCH);
  private final SimulatedBroker broker =
      SimulatedBroker.builder().clock(clock).demoListings().cash(Money.of("10000", "USD")).build();
  private final InMemorySettingsStore settings = new InMemorySettingsStore();
  private final InMemoryInvestmentStore investments = new InMemoryInvestmentStore();
  private final InMemoryExecutionStore executions = new InMemoryExecutionStore();
  private final RebalanceExecutor executor =
      RebalanceExecutor.builder()
          .accounts(OneAccount.of(broker, broker.marketData(), broker.marketClock()))
          .store(executions)
          .allocations(
              new StaticAllocationSource()
                  .put("index", Allocation.of(Map.of("SPY", new BigDecimal("0.5")))))
          .clock(clock)
          .build();
  private final InProcessRebalanceScheduler scheduler =
      InProcessRebalanceScheduler.builder()
          .service(new RebalanceService(investments, settings, executions, executor, clock))
          .marketClock(broker.marketClock())
          .clock(clock)
          .build();

  @AfterEach
  void stop() {
    scheduler.close();
    executor.close();
  }

  private void enable(String user, int minutesBeforeClose) {
    settings.put(
        user,
        TradingMode.PAPER,
        TradingSettings.builder().enabled(true).minutesBeforeClose(minutesBeforeClose).build());
    investments.put(user, TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("100")));
  }

  private List<String> firedUsers() {
    return scheduler.runDue().stream().map(result -> result.key().userId()).sorted().toList();
  }

  @Test
  void onANormalDayEachUserFiresAtItsMinutesBeforeTheCloseAndOnce() {
    enable("early", 30);
    enable("late", 10);

    clock.set("2026-11-24T15:29:59");
    assertThat(firedUsers()).isEmpty();
    clock.set("2026-11-24T15:30:00");
    assertThat(firedUsers()).containsExactly("early");
    clock.set("2026-11-24T15:50:00");
    assertThat(firedUsers()).containsExactly("late");
    clock.set("2026-11-24T15:55:00");
    assertThat(firedUsers()).isEmpty();
    assertThat(
            executions.list(
                "early",
                TradingMode.PAPER,
                clock.instant().atZone(NEW_YORK).toLocalDate(),
                clock.instant().atZone(NEW_YORK).toLocalDate()))
        .singleElement()
        .satisfies(record -> assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCESS));
  }

  @Test
  void onAnEarlyCloseItFiresBeforeTheEarlyClose() {
    enable("u1", 10);

    clock.set("2026-11-27T12:49:00");
    assertThat(firedUsers()).isEmpty();
    clock.set("2026-11-27T12:50:00");
    assertThat(firedUsers()).containsExactly("u1");
  }

  @Test
  void aRunThatFailedBeforeAnyOrderFiresAgainAtTheNextTickTheSameDay() {
    enable("u1", 10);
    java.util.concurrent.atomic.AtomicInteger outages =
        new java.util.concurrent.atomic.AtomicInteger(1);
    dev.speedtrade.broker.MarketData flaky =
        symbols -> {
          if (outages.getAndDecrement() > 0) {
            throw new dev.speedtrade.error.SpeedTradeException(
                dev.speedtrade.error.ErrorCode.PROVIDER_UNAVAILABLE, "market data is down");
          }
          return broker.marketData().snapshots(symbols);
        };
    try (RebalanceExecutor flakyExecutor =
            RebalanceExecutor.builder()
                .accounts(OneAccount.of(broker, flaky, broker.marketClock()))
                .store(executions)
                .allocations(
                    new StaticAllocationSource()
                        .put("index", Allocation.of(Map.of("SPY", new BigDecimal("0.5")))))
                .clock(clock)
                .build();
        InProcessRebalanceScheduler retrying =
            InProcessRebalanceScheduler.builder()
                .service(
                    new RebalanceService(investments, settings, executions, flakyExecutor, clock))
                .marketClock(broker.marketClock())
                .clock(clock)
                .build()) {
      clock.set("2026-11-24T15:50:00");

      assertThat(retrying.runDue())
          .singleElement()
          .satisfies(result -> assertThat(result.outcome()).isEqualTo(ExecutionOutcome.POSTPONED));
      clock.set("2026-11-24T15:50:15");
      assertThat(retrying.runDue())
          .singleElement()
          .satisfies(
              result -> {
                assertThat(result.outcome()).isEqualTo(ExecutionOutcome.EXECUTED);
                assertThat(result.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
                assertThat(result.record().attempt()).isEqualTo(2);
              });
      clock.set("2026-11-24T15:50:30");
      assertThat(retrying.runDue()).isEmpty();
    }
  }

  @Test
  void aUserWithoutAnAccountIsSkippedAndTheOthersRun() {
    enable("u1", 10);
    settings.put(
        "ghost",
        TradingMode.LIVE,
        TradingSettings.builder().enabled(true).minutesBeforeClose(10).build());
    clock.set("2026-11-24T15:50:00");

    assertThat(firedUsers()).containsExactly("u1");
    clock.set("2026-11-24T15:50:15");
    assertThat(firedUsers()).isEmpty();
    assertThat(
            executions.list(
                "ghost", TradingMode.LIVE, LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24)))
        .isEmpty();
  }

  @Test
  void afterTheCloseNothingFires() {
    enable("u1", 10);

    clock.set("2026-11-24T16:00:00");

    assertThat(firedUsers()).isEmpty();
  }

  @Test
  void onAHolidayAndAWeekendNothingFires() {
    enable("u1", 10);

    clock.set("2026-11-26T15:55:00");
    assertThat(firedUsers()).isEmpty();
    clock.set("2026-11-28T15:55:00");
    assertThat(firedUsers()).isEmpty();
    clock.set("2026-11-29T15:55:00");
    assertThat(firedUsers()).isEmpty();
  }

  @Test
  void aDisabledUserNeverFires() {
    enable("on", 10);
    settings.put(
        "off", TradingMode.PAPER, TradingSettings.builder().minutesBeforeClose(10).build());

    clock.set("2026-11-24T15:55:00");

    assertThat(firedUsers()).containsExactly("on");
  }

  @Test
  void oneUsersFailureDoesNotStopTheOthers() {
    enable("a", 10);
    enable("b", 10);
    enable("c", 10);
    InvestmentStore failingForB =
        new InvestmentStore() {
          @Override
          public void put(String userId, TradingMode mode, BotInvestment investment) {
            investments.put(userId, mode, investment);
          }

          @Override
          public boolean remove(String userId, TradingMode mode, String botId) {
            return investments.remove(userId, mode, botId);
          }

          @Override
          public List<BotInvestment> list(String userId, TradingMode mode) {
            if (userId.equals("b")) {
              throw new IllegalStateException("investment store unreachable for b");
            }
            return investments.list(userId, mode);
          }
        };
    try (InProcessRebalanceScheduler isolated =
        InProcessRebalanceScheduler.builder()
            .service(new RebalanceService(failingForB, settings, executions, executor, clock))
            .marketClock(broker.marketClock())
            .clock(clock)
            .threads(2)
            .build()) {
      clock.set("2026-11-24T15:55:00");

      assertThat(isolated.runDue())
          .extracting(result -> result.key().userId())
          .containsExactlyInAnyOrder("a", "c");
    }
  }

  @Test
  void onceStartedItFiresOnItsOwnTicks() throws InterruptedException {
    enable("u1", 10);
    clock.set("2026-11-24T15:51:00");
    CountDownLatch finished = new CountDownLatch(1);
    ExecutionStore signalling =
        new ExecutionStore() {
          @Override
          public Optional<ExecutionClaim> claim(ExecutionKey key, Instant now) {
            return executions
                .claim(key, now)
                .map(
                    claim ->
                        new ExecutionClaim() {
                          @Override
                          public ExecutionRecord execution() {
                            return claim.execution();
                          }

                          @Override
                          public Optional<ExecutionOrder> order(String clientOrderId) {
                            return claim.order(clientOrderId);
                          }

                          @Override
                          public void saveOrder(ExecutionOrder order) {
                            claim.saveOrder(order);
                          }

                          @Override
                          public void finish(
                              ExecutionStatus status,
                              List<PlanTarget> targets,
                              List<PlanWarning> warnings,
                              List<String> errors,
                              Instant finishedAt) {
                            claim.finish(status, targets, warnings, errors, finishedAt);
                            finished.countDown();
                          }

                          @Override
                          public void release(List<String> errors, Instant at) {
                            claim.release(errors, at);
                          }

                          @Override
                          public void close() {
                            claim.close();
                          }
                        });
          }

          @Override
          public ExecutionRecord reopen(
              ExecutionKey key, String operator, String reason, Instant now) {
            return executions.reopen(key, operator, reason, now);
          }

          @Override
          public List<ExecutionEvent> history(ExecutionKey key) {
            return executions.history(key);
          }

          @Override
          public Optional<ExecutionRecord> find(ExecutionKey key) {
            return executions.find(key);
          }

          @Override
          public List<ExecutionRecord> list(
              String userId, TradingMode mode, LocalDate from, LocalDate to) {
            return executions.list(userId, mode, from, to);
          }
        };
    try (RebalanceExecutor signallingExecutor =
            RebalanceExecutor.builder()
                .accounts(OneAccount.of(broker, broker.marketData(), broker.marketClock()))
                .store(signalling)
                .allocations(
                    new StaticAllocationSource()
                        .put("index", Allocation.of(Map.of("SPY", new BigDecimal("0.5")))))
                .clock(clock)
                .build();
        InProcessRebalanceScheduler ticking =
            InProcessRebalanceScheduler.builder()
                .service(
                    new RebalanceService(
                        investments, settings, signalling, signallingExecutor, clock))
                .marketClock(broker.marketClock())
                .clock(clock)
                .tick(Duration.ofMillis(20))
                .build()) {
      ticking.start();
      ticking.start();

      assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(
            executions.find(new ExecutionKey("u1", TradingMode.PAPER, LocalDate.of(2026, 11, 24))))
        .hasValueSatisfying(
            record -> assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCESS));
  }

  @Test
  void executeNowRunsOneUserByHand() {
    enable("u1", 10);
    clock.set("2026-11-24T11:00:00");

    ExecutionResult result = scheduler.executeNow("u1", TradingMode.PAPER, true);

    assertThat(result.outcome()).isEqualTo(ExecutionOutcome.DRY_RUN);
    assertThat(result.plan().buys()).isNotEmpty();
  }
}
