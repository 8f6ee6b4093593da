package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.testkit.OrderStoreContract;
import dev.speedtrade.testkit.PostgresExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The order store's contract on a real PostgreSQL server, tables emptied before each store. */
class JdbcOrderStorePostgresContractTest extends OrderStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static @Nullable HikariDataSource pool;

  private static synchronized HikariDataSource emptied() {
    if (pool == null) {
      pool = OrderTablesPostgres.pool(postgres.jdbcUrl(), "order-store-contract", 20);
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
  protected OrderStore newStore() {
    return new JdbcOrderStore(emptied());
  }
}
