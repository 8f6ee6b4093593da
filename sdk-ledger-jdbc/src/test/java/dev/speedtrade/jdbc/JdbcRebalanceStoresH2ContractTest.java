package dev.speedtrade.jdbc;

import dev.speedtrade.rebalance.ExecutionStore;
import dev.speedtrade.rebalance.InvestmentStore;
import dev.speedtrade.rebalance.SettingsStore;
import dev.speedtrade.testkit.RebalanceStoreContract;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The rebalance stores' contract on H2, a fresh in-memory database per store. */
class JdbcRebalanceStoresH2ContractTest extends RebalanceStoreContract {
  private static DataSource freshDatabase() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:rebalance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SpeedTradeSchema.migrate(h2);
    return h2;
  }

  @Override
  protected InvestmentStore newInvestmentStore() {
    return new JdbcInvestmentStore(freshDatabase());
  }

  @Override
  protected SettingsStore newSettingsStore() {
    return new JdbcSettingsStore(freshDatabase());
  }

  @Override
  protected ExecutionStore newExecutionStore() {
    return new JdbcExecutionStore(freshDatabase());
  }
}
