package dev.speedtrade.jdbc;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The clustered scheduler's settlement on the embedded database, a new one for each test. */
class ClusteredSettlementH2Test extends ClusteredSettlementContract {
  private final JdbcDataSource h2 = h2();

  private static JdbcDataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:settlement-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SpeedTradeSchema.migrate(h2);
    return h2;
  }

  @Override
  DataSource dataSource() {
    return h2;
  }
}
