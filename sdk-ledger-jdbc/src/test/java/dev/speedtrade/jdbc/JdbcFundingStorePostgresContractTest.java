package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.funding.spi.FundingStore;
import dev.speedtrade.testkit.FundingStoreContract;
import dev.speedtrade.testkit.PostgresExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The funding store's contract on a real PostgreSQL server, the funding tables emptied before each
 * store; the second store is another instance on its own pool, as a second host would open it.
 */
class JdbcFundingStorePostgresContractTest extends FundingStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static @Nullable HikariDataSource pool;
  private static @Nullable HikariDataSource otherHost;

  private static synchronized HikariDataSource emptied() {
    if (pool == null) {
      pool = OrderTablesPostgres.pool(postgres.jdbcUrl(), "funding-store-contract", 4);
    }
    OrderTablesPostgres.emptyFunding(pool);
    return pool;
  }

  private static synchronized HikariDataSource otherHost() {
    if (otherHost == null) {
      otherHost = OrderTablesPostgres.pool(postgres.jdbcUrl(), "funding-store-contract-b", 4);
    }
    return otherHost;
  }

  @AfterAll
  static synchronized void closePools() {
    for (HikariDataSource open : new HikariDataSource[] {pool, otherHost}) {
      if (open != null) {
        open.close();
      }
    }
    pool = null;
    otherHost = null;
  }

  @Override
  protected FundingStore newStore() {
    return new JdbcFundingStore(emptied());
  }

  @Override
  protected FundingStore secondStore(FundingStore first) {
    return new JdbcFundingStore(otherHost());
  }
}
