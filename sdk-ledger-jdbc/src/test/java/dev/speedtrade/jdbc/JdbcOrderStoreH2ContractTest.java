package dev.speedtrade.jdbc;

import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.testkit.OrderStoreContract;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** The order store's contract on H2, a fresh in-memory database per store. */
class JdbcOrderStoreH2ContractTest extends OrderStoreContract {
  @Override
  protected OrderStore newStore() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:orders-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SpeedTradeSchema.migrate(h2);
    return new JdbcOrderStore(h2);
  }
}
