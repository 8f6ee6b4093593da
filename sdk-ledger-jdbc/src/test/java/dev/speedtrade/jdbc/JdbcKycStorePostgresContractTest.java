package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.kyc.spi.KycStore;
import dev.speedtrade.testkit.KycStoreContract;
import dev.speedtrade.testkit.PostgresExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The KYC store's contract on a real PostgreSQL server, tables emptied before each store. */
class JdbcKycStorePostgresContractTest extends KycStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static @Nullable HikariDataSource pool;

  private static synchronized HikariDataSource emptied() {
    if (pool == null) {
      pool = OrderTablesPostgres.pool(postgres.jdbcUrl(), "kyc-store-contract", 20);
    }
    KycTablesPostgres.empty(pool);
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
  protected KycStore newStore() {
    return new JdbcKycStore(emptied());
  }
}
