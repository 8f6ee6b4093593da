package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientOrderStatus;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.OrderFill;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.Portfolio;
import dev.speedtrade.risk.RiskLimits;
import dev.speedtrade.risk.TradingState;
import dev.speedtrade.risk.TradingStateChange;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade on JDBC: an omnibus platform on an H2 file, its clients trading through their brokers,
 * closed and opened again on the same file and venue. What the first platform kept (the books, the
 * risk limits and trading states, the ledger) is what the second one reads and trades on.
 */
class JdbcOmnibusPlatformRestartTest {
  /** Tuesday 2026-11-24, 15:50 in New York: the market open. */
  private static final Clock BEFORE_CLOSE =
      Clock.fixed(Instant.parse("2026-11-24T20:50:00Z"), ZoneOffset.UTC);

  private static final List<String> CLIENTS = List.of("alice", "bob");

  @TempDir Path directory;

  private final SimulatedBroker venue =
      SimulatedBroker.builder()
          .clock(BEFORE_CLOSE)
          .demoListings()
          .cash(Money.of("1000000.00", "USD"))
          .build();

  private SpeedTrade platform() {
    return SpeedTrade.builder()
        .omnibus(new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
        .storage(JdbcStorage.h2File(directory.resolve("speedtrade")))
        .clock(BEFORE_CLOSE)
        .orderExecutor(Runnable::run)
        .build();
  }

  @Test
  void theBooksRiskControlsAndLedgerOfAnOmnibusPlatformOnAnH2FileSurviveARestart() {
    Snapshot before;
    BrokerOrder resting;
    try (SpeedTrade first = platform()) {
      open(first, "alice", 10_000_00);
      open(first, "bob", 5_000_00);
      Broker alice = first.accounts().brokerage("alice", TradingMode.PAPER).broker();
      Broker bob = first.accounts().brokerage("bob", TradingMode.PAPER).broker();

      BrokerOrder bought = alice.submitOrder(market("SPY", "3", "m1"));
      resting = alice.submitOrder(limit("SPY", "10", "1.00", "low"));
      BrokerOrder dropped = alice.submitOrder(limit("SPY", "5", "2.00", "low2"));
      alice.cancelOrder(dropped.id());
      bob.submitOrder(market("SPY", "1", "b1"));
      first
          .risk()
          .setLimits(
              "alice",
              RiskLimits.builder()
                  .maxOrderQty(new BigDecimal("50"))
                  .blockedSymbols(Set.of("QQQ"))
                  .build());
      first.risk().setTradingState("bob", TradingState.HALTED, "ops", "margin review");
      assertThatThrownBy(() -> bob.submitOrder(market("SPY", "1", "b2")))
          .isInstanceOf(SpeedTradeException.class);

      assertThat(alice.order(bought.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
      assertThat(alice.order(resting.id()).orElseThrow().status()).isEqualTo(OrderStatus.NEW);
      assertThat(alice.order(dropped.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELED);
      assertThat(first.orders().order("bob", "b2").orElseThrow().reason())
          .isEqualTo("TRADING_HALTED");
      before = Snapshot.of(first);
      assertThat(before.orders.get("alice")).hasSize(3);
      assertThat(before.positions.get("alice")).hasSize(1);
      assertThat(first.orders().reconcileInternal().discrepancies()).isEmpty();
    }

    try (SpeedTrade second = platform()) {
      Snapshot after = Snapshot.of(second);
      OrderService orders = second.orders();

      assertThat(after.orders).isEqualTo(before.orders);
      assertThat(after.fills).isEqualTo(before.fills);
      assertThat(after.positions).isEqualTo(before.positions);
      assertThat(after.portfolios).isEqualTo(before.portfolios);
      assertThat(after.balances).isEqualTo(before.balances);
      assertThat(after.limits).isEqualTo(before.limits);
      assertThat(after.states).isEqualTo(before.states);
      assertThat(after.history).isEqualTo(before.history).hasSize(1);
      assertThat(orders.reconcileInternal().discrepancies()).isEmpty();
      assertThat(orders.reconcileWithVenue().discrepancies()).isEmpty();
      assertThat(trialBalance(second.ledger())).containsExactly(0, 0);

      // The second platform trades on what the first one kept.
      Broker alice = second.accounts().brokerage("alice", TradingMode.PAPER).broker();
      Broker bob = second.accounts().brokerage("bob", TradingMode.PAPER).broker();
      alice.cancelOrder(resting.id());
      assertThat(orders.order("alice", "low").orElseThrow().status())
          .isEqualTo(ClientOrderStatus.CANCELED);
      assertThat(venue.openOrders()).isEmpty();
      assertThat(orders.portfolio("alice").buyingPower())
          .isEqualByComparingTo(orders.portfolio("alice").cash());
      assertThatThrownBy(() -> alice.submitOrder(limit("SPY", "60", "1.00", "big")))
          .isInstanceOf(SpeedTradeException.class);
      assertThat(orders.order("alice", "big").orElseThrow().reason())
          .isEqualTo("MAX_ORDER_QTY_EXCEEDED");
      assertThatThrownBy(() -> bob.submitOrder(market("SPY", "1", "b3")))
          .isInstanceOf(SpeedTradeException.class);
      assertThat(orders.order("bob", "b3").orElseThrow().reason()).isEqualTo("TRADING_HALTED");
      assertThatThrownBy(() -> alice.submitOrder(market("SPY", "3", "m1")))
          .as("a client order id the first platform took")
          .isInstanceOf(SpeedTradeException.class);

      assertThat(orders.reconcileInternal().discrepancies()).isEmpty();
      assertThat(orders.reconcileWithVenue().discrepancies()).isEmpty();
      assertThat(trialBalance(second.ledger())).containsExactly(0, 0);
    }
  }

  @Test
  void aPlatformOnAnH2FileHoldsTheDatabaseOpenUntilItIsClosed() throws SQLException {
    String url = "jdbc:h2:file:" + directory.resolve("speedtrade").toAbsolutePath();

    try (SpeedTrade platform = platform()) {
      assertThat(platform.orders().accounts()).isEmpty();
      try (Connection connection = DriverManager.getConnection(url)) {
        // This one and the platform's: H2 keeps the file open between the platform's transactions.
        assertThat(sessions(connection)).isEqualTo(2);
      }
    }

    try (Connection connection = DriverManager.getConnection(url)) {
      assertThat(sessions(connection)).as("the closed platform let the file go").isEqualTo(1);
    }
  }

  private static int sessions(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      row.next();
      return row.getInt(1);
    }
  }

  /** What a platform reads back of its clients: books, risk controls, ledger balances. */
  private record Snapshot(
      Map<String, List<ClientOrder>> orders,
      Map<String, List<OrderFill>> fills,
      Map<String, List<ClientPosition>> positions,
      Map<String, Portfolio> portfolios,
      Map<String, AccountBalances> balances,
      Map<String, RiskLimits> limits,
      Map<String, TradingState> states,
      List<TradingStateChange> history) {

    static Snapshot of(SpeedTrade platform) {
      OrderService orders = platform.orders();
      assertThat(orders.accounts()).containsExactlyElementsOf(CLIENTS);
      Snapshot s =
          new Snapshot(
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              platform.risk().history());
      for (String client : CLIENTS) {
        s.orders.put(client, orders.orders(client));
        s.fills.put(client, orders.fills(client));
        s.positions.put(client, orders.positions(client));
        s.portfolios.put(client, orders.portfolio(client));
        s.limits.put(client, platform.risk().limits(client));
        s.states.put(client, platform.risk().effectiveState(client));
      }
      for (LedgerAccount account : ledgerAccounts()) {
        s.balances.put(account.id(), platform.ledger().balances(account.id()).orElseThrow());
      }
      return s;
    }
  }

  private static List<LedgerAccount> ledgerAccounts() {
    List<LedgerAccount> accounts = new ArrayList<>(ClientLedgerAccounts.platform());
    for (String client : CLIENTS) {
      accounts.addAll(ClientLedgerAccounts.client(client));
    }
    return accounts;
  }

  /** {debits posted - credits posted, debits pending - credits pending} over every account. */
  private static long[] trialBalance(Ledger ledger) {
    long posted = 0;
    long pending = 0;
    for (LedgerAccount account : ledgerAccounts()) {
      AccountBalances b = ledger.balances(account.id()).orElseThrow();
      posted += b.debitsPosted() - b.creditsPosted();
      pending += b.debitsPending() - b.creditsPending();
    }
    return new long[] {posted, pending};
  }

  private static void open(SpeedTrade platform, String client, long cents) {
    platform.orders().openAccount(client);
    TransferResult result =
        platform
            .ledger()
            .submit(
                Transfer.single(
                    "deposit:" + client,
                    ClientLedgerAccounts.PSP,
                    ClientLedgerAccounts.cash(client),
                    cents,
                    "deposit"))
            .result();
    assertThat(result).isEqualTo(TransferResult.OK);
  }

  private static OrderRequest market(String symbol, String qty, String coid) {
    return OrderRequest.builder()
        .symbol(symbol)
        .side(OrderSide.BUY)
        .type(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY)
        .qty(Quantity.of(qty))
        .clientOrderId(coid)
        .build();
  }

  private static OrderRequest limit(String symbol, String qty, String price, String coid) {
    return OrderRequest.builder()
        .symbol(symbol)
        .side(OrderSide.BUY)
        .type(OrderType.LIMIT)
        .timeInForce(TimeInForce.DAY)
        .qty(Quantity.of(qty))
        .limitPrice(Price.of(price))
        .clientOrderId(coid)
        .build();
  }
}
