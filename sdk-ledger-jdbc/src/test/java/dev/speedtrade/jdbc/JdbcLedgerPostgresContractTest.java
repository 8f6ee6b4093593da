package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.testkit.LedgerContract;
import dev.speedtrade.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger contract on a real PostgreSQL server: one schema and one pool for the class, migrated
 * once, its ledger tables emptied before every test.
 */
class JdbcLedgerPostgresContractTest extends LedgerContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static @Nullable HikariDataSource pool;

  @Override
  protected Ledger newLedger(Clock clock) {
    HikariDataSource dataSource = pool();
    JdbcLedger ledger = JdbcLedger.builder(dataSource).clock(clock).build();
    ledger.migrate();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE ledger_transfers, ledger_accounts");
    } catch (SQLException e) {
      throw new IllegalStateException("emptying the ledger tables failed", e);
    }
    return ledger;
  }

  @Override
  protected int concurrentThreads() {
    return 16;
  }

  @Override
  protected int operationsPerThread() {
    return 500;
  }

  private static synchronized HikariDataSource pool() {
    if (pool == null) {
      PGSimpleDataSource postgresDataSource = new PGSimpleDataSource();
      postgresDataSource.setURL(postgres.jdbcUrl());
      HikariConfig config = new HikariConfig();
      config.setDataSource(postgresDataSource);
      config.setMaximumPoolSize(20);
      config.setMinimumIdle(2);
      config.setPoolName("ledger-contract");
      pool = new HikariDataSource(config);
    }
    return pool;
  }

  @AfterAll
  static synchronized void closePool() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
