package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;

/** The funding race on H2: a fresh in-memory database per test, each host through its own pool. */
class JdbcFundingConcurrencyH2Test extends JdbcFundingConcurrencyContract {
  private final List<HikariDataSource> pools = new ArrayList<>();
  private String url = "";

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  @Override
  protected DataSource database() {
    url = "jdbc:h2:mem:funding-race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    HikariDataSource pool = pool("funding-h2-a");
    SpeedTradeSchema.migrate(pool);
    return pool;
  }

  @Override
  protected DataSource anotherHost() {
    return pool("funding-h2-b");
  }

  private HikariDataSource pool(String name) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    HikariConfig config = new HikariConfig();
    config.setDataSource(h2);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setPoolName(name);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return pool;
  }
}
