package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Pools on a PostgreSQL test schema with the SpeedTrade tables, and emptying of the V6 tables, of
 * the V7 (funding) tables and of the ledger.
 */
final class OrderTablesPostgres {
  private OrderTablesPostgres() {}

  /** Returns a pool of up to {@code size} connections to {@code jdbcUrl}, its schema migrated. */
  static HikariDataSource pool(String jdbcUrl, String name, int size) {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setDataSource(postgres);
    config.setMaximumPoolSize(size);
    config.setPoolName(name);
    HikariDataSource pool = new HikariDataSource(config);
    SpeedTradeSchema.migrate(pool);
    return pool;
  }

  /** Empties the order books and the risk tables, the platform's state back to ACTIVE. */
  static void empty(HikariDataSource pool) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE oms_orders, oms_taken_ids, oms_order_refs, oms_fills, oms_positions, oms_submits, oms_outbox,"
              + " oms_accounts, risk_blocked_symbols, risk_limits, risk_trading_state_history");
      statement.execute("DELETE FROM risk_trading_states WHERE account <> ''");
      statement.execute("UPDATE risk_trading_states SET state = 'ACTIVE'");
    } catch (SQLException e) {
      throw new IllegalStateException("emptying the order tables failed", e);
    }
  }

  /** Empties the funding tables (the lock row stays: the migration inserted it). */
  static void emptyFunding(HikariDataSource pool) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE funding_users, funding_deposits, funding_refunds, funding_withdrawals,"
              + " funding_investment_symbols, funding_investments, funding_invest_orders,"
              + " funding_events, funding_fills, funding_sales, funding_positions");
    } catch (SQLException e) {
      throw new IllegalStateException("emptying the funding tables failed", e);
    }
  }

  /** Empties the ledger: no account, no transfer. */
  static void emptyLedger(HikariDataSource pool) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE ledger_pending_expiries, ledger_transfers, ledger_accounts");
    } catch (SQLException e) {
      throw new IllegalStateException("emptying the ledger failed", e);
    }
  }
}
