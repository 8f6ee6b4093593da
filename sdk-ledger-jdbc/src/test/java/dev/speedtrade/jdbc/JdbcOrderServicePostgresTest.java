package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.testkit.PostgresExtension;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The order service on a real PostgreSQL server, every table emptied before each test. */
class JdbcOrderServicePostgresTest extends JdbcOrderServiceContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static @Nullable HikariDataSource pool;

  @AfterAll
  static synchronized void closePool() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }

  @Override
  protected DataSource database() {
    synchronized (JdbcOrderServicePostgresTest.class) {
      if (pool == null) {
        pool = OrderTablesPostgres.pool(postgres.jdbcUrl(), "oms-postgres", POOL_SIZE);
      }
      OrderTablesPostgres.empty(pool);
      OrderTablesPostgres.emptyLedger(pool);
      return pool;
    }
  }

  @Override
  protected int operationsPerThread() {
    return 60;
  }
}
