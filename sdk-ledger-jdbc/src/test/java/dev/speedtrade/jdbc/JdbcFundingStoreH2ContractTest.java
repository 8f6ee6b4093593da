package dev.speedtrade.jdbc;

import dev.speedtrade.funding.spi.FundingStore;
import dev.speedtrade.testkit.FundingStoreContract;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The funding store's contract on H2, a fresh in-memory database per store; the second store is
 * another instance on the same database, as a second host would open it.
 */
class JdbcFundingStoreH2ContractTest extends FundingStoreContract {
  private final Map<FundingStore, DataSource> databases = new IdentityHashMap<>();

  @Override
  protected FundingStore newStore() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:funding-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SpeedTradeSchema.migrate(h2);
    FundingStore store = new JdbcFundingStore(h2);
    databases.put(store, h2);
    return store;
  }

  @Override
  protected FundingStore secondStore(FundingStore first) {
    return new JdbcFundingStore(Objects.requireNonNull(databases.get(first)));
  }
}
