package dev.speedtrade.jdbc;

import dev.speedtrade.kyc.spi.KycStore;
import dev.speedtrade.testkit.KycStoreContract;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** The KYC store's contract on H2, a fresh in-memory database per store. */
class JdbcKycStoreH2ContractTest extends KycStoreContract {
  @Override
  protected KycStore newStore() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:kyc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SpeedTradeSchema.migrate(h2);
    return new JdbcKycStore(h2);
  }
}
