package dev.speedtrade.jdbc;

import dev.speedtrade.risk.RiskStore;
import dev.speedtrade.testkit.RiskStoreContract;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** The risk store's contract on H2, a fresh in-memory database per store. */
class JdbcRiskStoreH2ContractTest extends RiskStoreContract {
  @Override
  protected RiskStore newStore() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:risk-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SpeedTradeSchema.migrate(h2);
    return new JdbcRiskStore(h2);
  }
}
