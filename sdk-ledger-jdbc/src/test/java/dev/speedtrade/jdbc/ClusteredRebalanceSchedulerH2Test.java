package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.SimulatedAccounts;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionEvent;
import dev.speedtrade.rebalance.ExecutionKey;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.rebalance.TradingSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The clustered scheduler on the embedded database: due users get one task instance each, and run.
 */
class ClusteredRebalanceSchedulerH2Test {
  private static final Clock BEFORE_CLOSE =
      Clock.fixed(Instant.parse("2026-11-24T20:50:00Z"), ZoneOffset.UTC);
  private static final Clock MORNING =
      Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @Test
  void schedulesEachDueUserOnceAndRunsThem() throws InterruptedException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:clustered-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SpeedTradeSchema.migrate(h2);
    JdbcSettingsStore settings = new JdbcSettingsStore(h2);
    JdbcInvestmentStore investments = new JdbcInvestmentStore(h2);
    JdbcExecutionStore executions = new JdbcExecutionStore(h2);
    for (String user : new String[] {"u1", "u2", "u3"}) {
      settings.put(
          user, TradingMode.PAPER, TradingSettings.builder().enabled(!user.equals("u3")).build());
      investments.put(
          user, TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("50")));
    }
    SimulatedAccounts accounts =
        SimulatedAccounts.on(SimulatedMarket.builder().clock(BEFORE_CLOSE).demoListings().build());
    for (String user : new String[] {"u1", "u2", "u3"}) {
      accounts.open(user, TradingMode.PAPER, Money.of("100000", "USD"));
    }
    try (SpeedTrade platform =
        SpeedTrade.builder()
            .accounts(accounts)
            .storage(JdbcStorage.on(h2))
            .allocations(
                new StaticAllocationSource()
                    .put("index", Allocation.of(Map.of("SPY", BigDecimal.ONE))))
            .build()) {
      RebalanceService service = platform.rebalance();
      ClusteredRebalanceScheduler early =
          ClusteredRebalanceScheduler.builder()
              .dataSource(h2)
              .service(service)
              .marketClock(platform.marketClock())
              .clock(MORNING)
              .build();
      assertThat(early.scheduleDue()).isEmpty();

      try (ClusteredRebalanceScheduler scheduler =
          ClusteredRebalanceScheduler.builder()
              .dataSource(h2)
              .platform(platform)
              .tick(Duration.ofHours(1))
              .pollingInterval(Duration.ofMillis(50))
              .shutdownMaxWait(Duration.ZERO)
              .build()) {
        assertThat(scheduler.scheduleDue())
            .containsExactly("PAPER|2026-11-24|u1", "PAPER|2026-11-24|u2");
        assertThat(scheduler.scheduleDue()).isEmpty();
        scheduler.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((executions.list("u1", TradingMode.PAPER, DAY, DAY).isEmpty()
                || executions.list("u2", TradingMode.PAPER, DAY, DAY).isEmpty()
                || !executions.list("u2", TradingMode.PAPER, DAY, DAY).get(0).status().isFinal()
                || !executions.list("u1", TradingMode.PAPER, DAY, DAY).get(0).status().isFinal())
            && System.nanoTime() < deadline) {
          TimeUnit.MILLISECONDS.sleep(20);
        }
      }
    }

    assertThat(executions.list("u1", TradingMode.PAPER, DAY, DAY))
        .singleElement()
        .satisfies(record -> assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCESS));
    assertThat(executions.list("u2", TradingMode.PAPER, DAY, DAY))
        .singleElement()
        .satisfies(record -> assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCESS));
    assertThat(executions.list("u3", TradingMode.PAPER, DAY, DAY)).isEmpty();
  }

  @Test
  void aRunThatFailedBeforeAnyOrderRunsAgainAtTheNextTickTheSameDay() throws InterruptedException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:clustered-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SimulatedAccounts simulated =
        SimulatedAccounts.on(SimulatedMarket.builder().clock(BEFORE_CLOSE).demoListings().build());
    simulated.open("u1", TradingMode.PAPER, Money.of("100000", "USD"));
    AtomicInteger outages = new AtomicInteger(1);
    TradingAccounts flaky =
        (userId, mode) -> {
          Brokerage brokerage = simulated.brokerage(userId, mode);
          if (outages.getAndDecrement() > 0) {
            MarketData down =
                symbols -> {
                  throw new SpeedTradeException(
                      ErrorCode.PROVIDER_UNAVAILABLE, "market data is down");
                };
            return new Brokerage(mode, brokerage.broker(), down, brokerage.marketClock());
          }
          return brokerage;
        };
    JdbcExecutionStore executions = new JdbcExecutionStore(h2);
    try (SpeedTrade platform =
        SpeedTrade.builder()
            .accounts(flaky)
            .storage(JdbcStorage.on(h2))
            .clock(BEFORE_CLOSE)
            .marketClock(simulated.market().marketClock())
            .allocations(
                new StaticAllocationSource()
                    .put("index", Allocation.of(Map.of("SPY", BigDecimal.ONE))))
            .build()) {
      platform
          .rebalance()
          .settings()
          .put("u1", TradingMode.PAPER, TradingSettings.builder().enabled(true).build());
      platform
          .rebalance()
          .investments()
          .put("u1", TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("50")));
      try (ClusteredRebalanceScheduler scheduler =
          ClusteredRebalanceScheduler.builder()
              .dataSource(h2)
              .platform(platform)
              .tick(Duration.ofMillis(100))
              .pollingInterval(Duration.ofMillis(50))
              .shutdownMaxWait(Duration.ZERO)
              .build()) {
        scheduler.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((executions.list("u1", TradingMode.PAPER, DAY, DAY).isEmpty()
                || !executions.list("u1", TradingMode.PAPER, DAY, DAY).get(0).status().isFinal())
            && System.nanoTime() < deadline) {
          TimeUnit.MILLISECONDS.sleep(20);
        }
      }
    }

    assertThat(executions.list("u1", TradingMode.PAPER, DAY, DAY))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCESS);
              assertThat(record.attempt()).isEqualTo(2);
            });
    assertThat(executions.history(new ExecutionKey("u1", TradingMode.PAPER, DAY)))
        .extracting(ExecutionEvent::kind)
        .containsExactly(
            ExecutionEvent.Kind.CLAIMED,
            ExecutionEvent.Kind.RELEASED,
            ExecutionEvent.Kind.CLAIMED,
            ExecutionEvent.Kind.FINISHED);
    assertThat(simulated.account("u1", TradingMode.PAPER).orElseThrow().positions()).isNotEmpty();
  }
}
