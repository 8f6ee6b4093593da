package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.ReplaceRequest;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionRecord;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.RebalanceExecutor;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.rebalance.TradingSettings;
import dev.speedtrade.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two hosts share one PostgreSQL database and run 200 users' rebalances on db-scheduler; one host
 * dies mid-run (its broker calls stop as a dead process's would, its connections are killed). Each
 * host runs a platform whose accounts give every user its own account. Every user is executed
 * exactly once, no order is placed twice, and every account ends where an uninterrupted run leaves
 * it.
 */
class ClusteredRebalanceSchedulerPostgresTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final int USERS = 200;
  private static final Clock BEFORE_CLOSE =
      Clock.fixed(Instant.parse("2026-11-24T20:50:00Z"), ZoneOffset.UTC);
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  /** Stops a host's threads as a dead process stops: nothing after it runs. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("host killed");
    }
  }

  private final Map<String, SimulatedBroker> accounts = new ConcurrentHashMap<>();
  private final Map<String, List<String>> submitted = new ConcurrentHashMap<>();
  private final List<HikariDataSource> pools = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
    pools.forEach(HikariDataSource::close);
  }

  private HikariDataSource pool(String host) {
    PGSimpleDataSource postgresDataSource = new PGSimpleDataSource();
    postgresDataSource.setURL(postgres.jdbcUrl());
    postgresDataSource.setApplicationName(host);
    HikariConfig config = new HikariConfig();
    config.setDataSource(postgresDataSource);
    config.setMaximumPoolSize(16);
    config.setPoolName(host);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return pool;
  }

  private static SimulatedBroker account(int seed) {
    return SimulatedBroker.builder()
        .clock(BEFORE_CLOSE)
        .seed(seed)
        .demoListings()
        .cash(Money.of("3000.00", "USD"))
        .position("SPY", Quantity.of(10), Price.of("550.00"))
        .latency(Duration.ofMillis(10), Duration.ofMillis(10))
        .build();
  }

  /**
   * One host: its own pool and platform on the shared database, and a scheduler over the platform.
   * Each user's account is found through the platform's accounts; a dead host's calls stop.
   */
  private final class Host {
    final String name;
    final HikariDataSource pool;
    volatile boolean dead;
    // When set, the host's first order waits for the host to die: a run is surely under way then.
    final java.util.concurrent.atomic.AtomicBoolean holdFirstOrder =
        new java.util.concurrent.atomic.AtomicBoolean();
    final java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);
    final ClusteredRebalanceScheduler scheduler;
    final SpeedTrade platform;

    Host(String name) {
      this.name = name;
      this.pool = pool(name);
      TradingAccounts hostAccounts =
          (userId, mode) -> {
            alive();
            SimulatedBroker account = accounts.get(userId);
            if (account == null || mode != TradingMode.PAPER) {
              throw new SpeedTradeException(
                  ErrorCode.ACCOUNT_NOT_FOUND, userId + " has no " + mode + " account");
            }
            MarketData marketData =
                symbols -> {
                  alive();
                  return account.marketData().snapshots(symbols);
                };
            return new Brokerage(
                mode, new HostBroker(this, userId, account), marketData, account.marketClock());
          };
      StaticAllocationSource bots =
          new StaticAllocationSource()
              .put(
                  "growth",
                  Allocation.of(
                      Map.of("QQQ", new BigDecimal("0.5"), "TLT", new BigDecimal("0.3"))));
      this.platform =
          SpeedTrade.builder()
              .accounts(hostAccounts)
              .storage(JdbcStorage.on(pool))
              .allocations(bots)
              .clock(BEFORE_CLOSE)
              .marketClock(account(0).marketClock())
              .build();
      this.scheduler =
          ClusteredRebalanceScheduler.builder()
              .dataSource(pool)
              .platform(platform)
              .name(name)
              .threads(4)
              .tick(Duration.ofMillis(200))
              .pollingInterval(Duration.ofMillis(100))
              .heartbeat(Duration.ofMillis(300), 4)
              .shutdownMaxWait(Duration.ZERO)
              .retryAfter(Duration.ofMillis(500))
              .build();
      closeables.add(platform);
      closeables.add(scheduler);
    }

    void alive() {
      if (dead) {
        throw new Killed();
      }
    }

    void kill() throws SQLException {
      dead = true;
      killed.countDown();
      try (Connection admin = postgres.connect();
          Statement statement = admin.createStatement()) {
        statement.execute(
            "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = '"
                + name
                + "'");
      }
      pool.close();
      scheduler.close();
    }
  }

  /**
   * One user's account as one host reaches it: its calls stop when the host dies; its orders are
   * counted.
   */
  private final class HostBroker implements Broker {
    private final Host host;
    private final String userId;
    private final SimulatedBroker account;

    HostBroker(Host host, String userId, SimulatedBroker account) {
      this.host = host;
      this.userId = userId;
      this.account = account;
    }

    private SimulatedBroker target() {
      host.alive();
      return account;
    }

    @Override
    public Account account() {
      return target().account();
    }

    @Override
    public List<Position> positions() {
      return target().positions();
    }

    @Override
    public List<BrokerOrder> openOrders() {
      return target().openOrders();
    }

    @Override
    public BrokerOrder submitOrder(OrderRequest request) {
      if (host.holdFirstOrder.compareAndSet(true, false)) {
        host.holding.countDown();
        try {
          host.killed.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      SimulatedBroker account = target();
      BrokerOrder order = account.submitOrder(request);
      submitted
          .computeIfAbsent(userId, u -> new CopyOnWriteArrayList<>())
          .add(order.clientOrderId());
      host.alive();
      return order;
    }

    @Override
    public Optional<BrokerOrder> order(String orderId) {
      return target().order(orderId);
    }

    @Override
    public Optional<BrokerOrder> orderByClientOrderId(String clientOrderId) {
      return target().orderByClientOrderId(clientOrderId);
    }

    @Override
    public void cancelOrder(String orderId) {
      target().cancelOrder(orderId);
    }

    @Override
    public BrokerOrder replaceOrder(String orderId, ReplaceRequest request) {
      return target().replaceOrder(orderId, request);
    }

    @Override
    public List<CancelOutcome> cancelAllOrders() {
      return target().cancelAllOrders();
    }

    @Override
    public BrokerOrder closePosition(String symbol) {
      return target().closePosition(symbol);
    }

    @Override
    public Asset asset(String symbol) {
      return target().asset(symbol);
    }

    @Override
    public Subscription subscribe(TradeUpdateListener listener) {
      return target().subscribe(listener);
    }
  }

  private static Map<String, String> positions(SimulatedBroker account) {
    Map<String, String> positions = new TreeMap<>();
    for (Position position : account.positions()) {
      positions.put(position.symbol(), position.qty().toString());
    }
    positions.put("cash", account.account().cash().toString());
    return positions;
  }

  @Test
  void twoHostsRunTwoHundredUsersOnceEachAndTheSurvivorFinishesTheDeadHostsWork() throws Exception {
    HikariDataSource setup = pool("setup");
    SpeedTradeSchema.migrate(setup);
    try (Connection connection = setup.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE rebalance_investments, rebalance_settings, rebalance_executions, rebalance_execution_events,"
              + " rebalance_execution_claims, rebalance_execution_orders, rebalance_execution_targets,"
              + " rebalance_execution_messages, speedtrade_scheduled_tasks");
    }
    JdbcSettingsStore settings = new JdbcSettingsStore(setup);
    JdbcInvestmentStore investments = new JdbcInvestmentStore(setup);
    for (int i = 0; i < USERS; i++) {
      String userId = "user-" + i;
      accounts.put(userId, account(i));
      settings.put(userId, TradingMode.PAPER, TradingSettings.builder().enabled(true).build());
      investments.put(
          userId, TradingMode.PAPER, BotInvestment.percent("growth", new BigDecimal("90")));
    }
    SimulatedBroker reference = account(-1);
    try (RebalanceExecutor uninterrupted =
        RebalanceExecutor.builder()
            .accounts(
                (userId, mode) ->
                    new Brokerage(mode, reference, reference.marketData(), reference.marketClock()))
            .store(new dev.speedtrade.rebalance.InMemoryExecutionStore())
            .allocations(
                new StaticAllocationSource()
                    .put(
                        "growth",
                        Allocation.of(
                            Map.of("QQQ", new BigDecimal("0.5"), "TLT", new BigDecimal("0.3")))))
            .clock(BEFORE_CLOSE)
            .build()) {
      uninterrupted.execute(
          new dev.speedtrade.rebalance.RebalanceRequest(
              "reference",
              TradingMode.PAPER,
              TradingSettings.defaults(),
              List.of(BotInvestment.percent("growth", new BigDecimal("90"))),
              false));
    }

    Host dying = new Host("host-a");
    Host survivor = new Host("host-b");
    // One run of the dying host is surely cut off mid-way: the survivor must finish it (attempt 2).
    dying.holdFirstOrder.set(true);
    dying.scheduler.start();
    survivor.scheduler.start();
    JdbcExecutionStore executions = new JdbcExecutionStore(setup);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (executions.list("user-0", TradingMode.PAPER, DAY, DAY).isEmpty()
        && countFinished(executions) < 20
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(dying.holding.await(60, TimeUnit.SECONDS))
        .as("the dying host started a run before it died")
        .isTrue();
    dying.kill();

    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (countFinished(executions) < USERS && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }

    assertThat(countFinished(executions)).isEqualTo(USERS);
    List<ExecutionRecord> records = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      records.addAll(executions.list("user-" + i, TradingMode.PAPER, DAY, DAY));
    }
    assertThat(records)
        .hasSize(USERS)
        .allSatisfy(
            record ->
                assertThat(record.status())
                    .as(record.key() + " " + record.errors())
                    .isEqualTo(ExecutionStatus.SUCCESS));
    assertThat(records).anySatisfy(record -> assertThat(record.attempt()).isGreaterThan(1));
    for (Map.Entry<String, List<String>> orders : submitted.entrySet()) {
      assertThat(orders.getValue())
          .as(orders.getKey())
          .doesNotHaveDuplicates()
          .allSatisfy(id -> assertThat(id).containsPattern("-(SS|BB)0-"));
    }
    Map<String, String> expected = positions(reference);
    for (int i = 0; i < USERS; i++) {
      assertThat(positions(accounts.get("user-" + i))).as("user-" + i).isEqualTo(expected);
    }
  }

  private static int countFinished(JdbcExecutionStore executions) {
    int finished = 0;
    for (int i = 0; i < USERS; i++) {
      Collection<ExecutionRecord> records =
          executions.list("user-" + i, TradingMode.PAPER, DAY, DAY);
      if (records.stream().anyMatch(record -> record.status().isFinal())) {
        finished++;
      }
    }
    return finished;
  }
}
