package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionClaim;
import dev.speedtrade.rebalance.ExecutionKey;
import dev.speedtrade.rebalance.ExecutionOutcome;
import dev.speedtrade.rebalance.ExecutionResult;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.RebalanceExecutor;
import dev.speedtrade.rebalance.RebalanceRequest;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.rebalance.TradingSettings;
import dev.speedtrade.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The execution store's guarantees across hosts, on a real PostgreSQL server. */
class JdbcExecutionStorePostgresTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final Clock BEFORE_CLOSE =
      Clock.fixed(Instant.parse("2026-11-24T20:50:00Z"), ZoneOffset.UTC);

  private final List<HikariDataSource> pools = new ArrayList<>();

  private HikariDataSource host(String name) {
    PGSimpleDataSource postgresDataSource = new PGSimpleDataSource();
    postgresDataSource.setURL(postgres.jdbcUrl());
    HikariConfig config = new HikariConfig();
    config.setDataSource(postgresDataSource);
    config.setMaximumPoolSize(6);
    config.setPoolName(name);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return pool;
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    HikariDataSource pool = host("setup");
    SpeedTradeSchema.migrate(pool);
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE rebalance_executions, rebalance_execution_events, rebalance_execution_claims, rebalance_execution_orders,"
              + " rebalance_execution_targets, rebalance_execution_messages");
    }
  }

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  @Test
  void aClaimWhoseConnectionDiesIsReleasedToTheNextRun() throws SQLException {
    JdbcExecutionStore first = new JdbcExecutionStore(host("first"));
    JdbcExecutionStore second = new JdbcExecutionStore(host("second"));
    ExecutionKey key = new ExecutionKey("u1", TradingMode.PAPER, LocalDate.of(2026, 11, 24));
    ExecutionClaim dying = first.claim(key, BEFORE_CLOSE.instant()).orElseThrow();
    assertThat(second.claim(key, BEFORE_CLOSE.instant())).isEmpty();

    try (Connection admin = postgres.connect();
        Statement statement = admin.createStatement()) {
      statement.execute(
          "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks"
              + " WHERE relation = 'rebalance_execution_claims'::regclass AND pid <> pg_backend_pid()");
    }

    try (ExecutionClaim resumed = second.claim(key, BEFORE_CLOSE.instant()).orElseThrow()) {
      assertThat(resumed.execution().attempt()).isEqualTo(2);
    }
    dying.close();
  }

  @Test
  void twoExecutorsRacingOnOneDatabaseMakeExactlyOneExecution() throws Exception {
    SimulatedBroker broker =
        SimulatedBroker.builder()
            .clock(BEFORE_CLOSE)
            .demoListings()
            .cash(Money.of("1000.00", "USD"))
            .position("SPY", Quantity.of(20), Price.of("500"))
            .build();
    List<String> clientOrderIds = new CopyOnWriteArrayList<>();
    broker.subscribe(update -> clientOrderIds.add(update.order().clientOrderId()));
    StaticAllocationSource source =
        new StaticAllocationSource()
            .put(
                "growth",
                Allocation.of(Map.of("AAPL", new BigDecimal("0.5"), "TLT", new BigDecimal("0.4"))));
    RebalanceRequest request =
        new RebalanceRequest(
            "u1",
            TradingMode.PAPER,
            TradingSettings.defaults(),
            List.of(BotInvestment.percent("growth", new BigDecimal("100"))),
            false);
    List<RebalanceExecutor> executors = new ArrayList<>();
    for (String host : List.of("host-a", "host-b")) {
      executors.add(
          RebalanceExecutor.builder()
              .accounts(
                  (userId, mode) ->
                      new Brokerage(mode, broker, broker.marketData(), broker.marketClock()))
              .store(new JdbcExecutionStore(host(host)))
              .allocations(source)
              .clock(BEFORE_CLOSE)
              .build());
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<ExecutionResult>> results = new ArrayList<>();
      for (RebalanceExecutor executor : executors) {
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  return executor.execute(request);
                }));
      }
      start.countDown();
      List<ExecutionOutcome> outcomes = new ArrayList<>();
      for (Future<ExecutionResult> result : results) {
        outcomes.add(result.get().outcome());
      }

      assertThat(outcomes).containsOnlyOnce(ExecutionOutcome.EXECUTED);
      assertThat(outcomes)
          .containsAnyOf(ExecutionOutcome.CLAIMED_ELSEWHERE, ExecutionOutcome.ALREADY_FINISHED);
      JdbcExecutionStore store = new JdbcExecutionStore(host("reader"));
      ExecutionKey key = new ExecutionKey("u1", TradingMode.PAPER, executors.get(0).marketDate());
      assertThat(store.find(key).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(store.list("u1", TradingMode.PAPER, key.marketDate(), key.marketDate()))
          .hasSize(1);
      List<String> placed = broker.openOrders().stream().map(BrokerOrder::clientOrderId).toList();
      assertThat(placed).isEmpty();
      assertThat(clientOrderIds.stream().distinct().count()).isEqualTo(3);
    } finally {
      threads.shutdownNow();
      executors.forEach(RebalanceExecutor::close);
    }
  }

  @Test
  void theSecondRunOfAFinishedDayDoesNothing() {
    JdbcExecutionStore store = new JdbcExecutionStore(host("only"));
    ExecutionKey key = new ExecutionKey("u1", TradingMode.LIVE, LocalDate.of(2026, 11, 24));
    try (ExecutionClaim claim = store.claim(key, BEFORE_CLOSE.instant()).orElseThrow()) {
      claim.finish(
          ExecutionStatus.SUCCESS, List.of(), List.of(), List.of(), BEFORE_CLOSE.instant());
    }

    assertThat(store.claim(key, BEFORE_CLOSE.instant())).isEmpty();
  }
}
