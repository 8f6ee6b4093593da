package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.money.Money;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.RebalanceExecutor;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.broker.TradingMode;
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
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The clustered scheduler on the embedded database: due users get one task instance each, and run. */
class ClusteredRebalanceSchedulerH2Test {
  private static final Clock BEFORE_CLOSE = Clock.fixed(Instant.parse("2026-11-24T20:50:00Z"), ZoneOffset.UTC);
  private static final Clock MORNING = Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);
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
      settings.put(user, TradingMode.PAPER, TradingSettings.builder().enabled(!user.equals("u3")).build());
      investments.put(user, TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("50")));
    }
    SimulatedBroker broker = SimulatedBroker.builder().clock(BEFORE_CLOSE).demoListings()
        .cash(Money.of("100000", "USD")).build();
    try (RebalanceExecutor executor = RebalanceExecutor.builder().broker(broker).marketData(broker.marketData())
            .marketClock(broker.marketClock()).store(executions)
            .allocations(new StaticAllocationSource().put("index", Allocation.of(Map.of("SPY", BigDecimal.ONE))))
            .clock(BEFORE_CLOSE).build()) {
      RebalanceService service = new RebalanceService(investments, settings, executions, executor);
      ClusteredRebalanceScheduler early = ClusteredRebalanceScheduler.builder().dataSource(h2).service(service)
          .marketClock(broker.marketClock()).clock(MORNING).build();
      assertThat(early.scheduleDue()).isEmpty();

      try (ClusteredRebalanceScheduler scheduler = ClusteredRebalanceScheduler.builder().dataSource(h2)
          .service(service).marketClock(broker.marketClock()).clock(BEFORE_CLOSE)
          .tick(Duration.ofHours(1)).pollingInterval(Duration.ofMillis(50)).shutdownMaxWait(Duration.ZERO).build()) {
        assertThat(scheduler.scheduleDue()).containsExactly("PAPER|2026-11-24|u1", "PAPER|2026-11-24|u2");
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

    assertThat(executions.list("u1", TradingMode.PAPER, DAY, DAY)).singleElement()
        .satisfies(record -> assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCESS));
    assertThat(executions.list("u2", TradingMode.PAPER, DAY, DAY)).singleElement()
        .satisfies(record -> assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCESS));
    assertThat(executions.list("u3", TradingMode.PAPER, DAY, DAY)).isEmpty();
  }
}
