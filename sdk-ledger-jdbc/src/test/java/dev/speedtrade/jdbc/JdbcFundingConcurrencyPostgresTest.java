package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.testkit.PostgresExtension;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The funding race on a real PostgreSQL server: the funding tables and the ledger emptied before
 * each test, each host through its own pool.
 */
class JdbcFundingConcurrencyPostgresTest extends JdbcFundingConcurrencyContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private final List<HikariDataSource> pools = new ArrayList<>();

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  @Override
  protected DataSource database() {
    HikariDataSource pool = anotherHost();
    OrderTablesPostgres.emptyFunding(pool);
    OrderTablesPostgres.emptyLedger(pool);
    return pool;
  }

  @Override
  protected HikariDataSource anotherHost() {
    HikariDataSource pool =
        OrderTablesPostgres.pool(postgres.jdbcUrl(), "funding-pg-" + pools.size(), POOL_SIZE);
    pools.add(pool);
    return pool;
  }
}
