package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.risk.RiskStore;
import dev.speedtrade.testkit.PostgresExtension;
import dev.speedtrade.testkit.RiskStoreContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The risk store's contract on a real PostgreSQL server, tables emptied before each store. */
class JdbcRiskStorePostgresContractTest extends RiskStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static @Nullable HikariDataSource pool;

  private static synchronized HikariDataSource emptied() {
    if (pool == null) {
      pool = OrderTablesPostgres.pool(postgres.jdbcUrl(), "risk-store-contract", 20);
    }
    OrderTablesPostgres.empty(pool);
    return pool;
  }

  @AfterAll
  static synchronized void closePool() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }

  @Override
  protected RiskStore newStore() {
    return new JdbcRiskStore(emptied());
  }
}
