package dev.speedtrade.jdbc;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** {@link JdbcKycServiceTests} on a fresh in-memory H2 database per test. */
class JdbcKycServiceH2Test extends JdbcKycServiceTests {
  private final String url = "jdbc:h2:mem:kyc-service-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  private DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    return h2;
  }

  @Override
  protected DataSource emptyDatabase() {
    DataSource h2 = h2();
    SpeedTradeSchema.migrate(h2);
    return h2;
  }

  @Override
  protected DataSource secondHost() {
    return h2();
  }
}
