package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.SubmitOrder;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RiskControls;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One host of the scale-out tests: its own connection pool to the shared PostgreSQL database, the
 * JDBC order and risk stores and a {@link JdbcLedger} on that pool, and an {@link OrderService}
 * built on them as the engine's tests build theirs (a hand-set market, a fixed clock). Several
 * hosts, in one JVM or several, share nothing but the database.
 */
final class OrderHost implements AutoCloseable {
  /** 2026-01-05 10:00 in New York: a Monday, the market open. */
  static final Instant MONDAY = Instant.parse("2026-01-05T15:00:00Z");

  final HikariDataSource pool;
  final JdbcLedger ledger;
  final OrderService orders;

  /**
   * Opens a host on {@code jdbcUrl} with a pool of {@code poolSize} connections. Each call on the
   * order service holds one for its book and takes another for the ledger: {@code poolSize} should
   * be at least twice the number of threads calling.
   */
  OrderHost(String jdbcUrl, String name, int poolSize) {
    Clock clock = Clock.fixed(MONDAY, ZoneOffset.UTC);
    pool = OrderTablesPostgres.pool(jdbcUrl, name, poolSize);
    ledger = JdbcLedger.builder(pool).clock(clock).build();
    InMemoryMarket market = new InMemoryMarket(true);
    market.put(Instrument.of("AAPL", AssetClass.US_EQUITY, new BigDecimal("100.00")));
    orders =
        OrderService.builder()
            .store(new JdbcOrderStore(pool))
            .ledger(ledger)
            .market(market)
            .riskControls(new RiskControls(new JdbcRiskStore(pool), clock))
            .clock(clock)
            .build();
  }

  /** A limit buy of {@code qty} AAPL at 100.00, day. */
  static SubmitOrder buy(String account, String clientOrderId, String qty) {
    return SubmitOrder.builder()
        .account(account)
        .clientOrderId(clientOrderId)
        .symbol("AAPL")
        .side(OrderSide.BUY)
        .type(OrderType.LIMIT)
        .timeInForce(TimeInForce.DAY)
        .qty(qty)
        .limitPrice("100.00")
        .build();
  }

  /** Deposits {@code cents} into {@code account}'s cash, once per {@code id}. */
  void deposit(String account, String id, long cents) {
    TransferResult result =
        ledger
            .createTransfers(
                List.of(
                    Transfer.single(
                        "deposit:" + id,
                        ClientLedgerAccounts.PSP,
                        ClientLedgerAccounts.cash(account),
                        cents,
                        "deposit")))
            .get(0);
    if (result != TransferResult.OK && result != TransferResult.EXISTS) {
      throw new IllegalStateException("deposit " + id + " failed: " + result);
    }
  }

  /**
   * Returns {debits posted - credits posted, debits pending - credits pending} summed over every
   * ledger account in the database: both zero in a sound ledger.
   */
  long[] trialBalance() {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT COALESCE(SUM(debits_posted - credits_posted), 0),"
                    + " COALESCE(SUM(debits_pending - credits_pending), 0) FROM ledger_accounts")) {
      row.next();
      return new long[] {row.getLong(1), row.getLong(2)};
    } catch (SQLException e) {
      throw new IllegalStateException("reading the trial balance failed", e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
