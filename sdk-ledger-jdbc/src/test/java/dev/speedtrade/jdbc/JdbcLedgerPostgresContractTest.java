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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger contract on a real PostgreSQL server: one schema and one pool for the class, migrated
 * once, its ledger tables emptied before every test. The concurrency test runs as two hosts: half
 * its workers write through a second {@link JdbcLedger} on a connection pool of its own, on the
 * same schema. (The extension hands each nested group a schema of its own; the pools keep the
 * first.)
 */
class JdbcLedgerPostgresContractTest extends LedgerContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static @Nullable HikariDataSource pool;
  private static @Nullable HikariDataSource secondHostPool;
  private static @Nullable String schemaUrl;
  private @Nullable Clock clock;

  @Override
  protected Ledger newLedger(Clock clock) {
    HikariDataSource dataSource = pool();
    this.clock = clock;
    JdbcLedger ledger = JdbcLedger.builder(dataSource).clock(clock).build();
    ledger.migrate();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE ledger_transfers, ledger_pending_expiries, ledger_accounts");
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

  @Override
  protected Ledger ledgerForWorker(int worker, Ledger ledger) {
    if (worker % 2 == 0) {
      return ledger;
    }
    return JdbcLedger.builder(secondHostPool())
        .clock(java.util.Objects.requireNonNull(clock))
        .build();
  }

  private static synchronized HikariDataSource secondHostPool() {
    if (secondHostPool == null) {
      secondHostPool = newPool("second-host");
    }
    return secondHostPool;
  }

  private static HikariDataSource newPool(String name) {
    PGSimpleDataSource postgresDataSource = new PGSimpleDataSource();
    postgresDataSource.setURL(
        java.util.Objects.requireNonNull(schemaUrl, "the first pool's schema"));
    HikariConfig config = new HikariConfig();
    config.setDataSource(postgresDataSource);
    config.setMaximumPoolSize(10);
    config.setMinimumIdle(1);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  private static synchronized HikariDataSource pool() {
    if (pool == null) {
      schemaUrl = postgres.jdbcUrl();
      PGSimpleDataSource postgresDataSource = new PGSimpleDataSource();
      postgresDataSource.setURL(schemaUrl);
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
    if (secondHostPool != null) {
      secondHostPool.close();
      secondHostPool = null;
    }
    schemaUrl = null;
  }
}
