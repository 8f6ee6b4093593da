package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * The order service on H2: a fresh in-memory database per test, through a HikariCP pool as a host
 * would run it.
 */
class JdbcOrderServiceH2Test extends JdbcOrderServiceContract {
  private final List<HikariDataSource> pools = new ArrayList<>();

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  @Override
  protected DataSource database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:oms-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    HikariConfig config = new HikariConfig();
    config.setDataSource(h2);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setPoolName("oms-h2");
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    SpeedTradeSchema.migrate(pool);
    return pool;
  }

  @Override
  protected int operationsPerThread() {
    return 120;
  }
}
