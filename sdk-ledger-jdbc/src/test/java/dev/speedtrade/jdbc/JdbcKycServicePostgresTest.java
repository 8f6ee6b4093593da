package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.testkit.PostgresExtension;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link JdbcKycServiceTests} on a real PostgreSQL server: two pools (two hosts) on one schema, the
 * KYC tables emptied before each test.
 */
class JdbcKycServicePostgresTest extends JdbcKycServiceTests {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static @Nullable HikariDataSource first;
  private static @Nullable HikariDataSource second;

  @Override
  protected DataSource emptyDatabase() {
    synchronized (JdbcKycServicePostgresTest.class) {
      if (first == null) {
        first = OrderTablesPostgres.pool(postgres.jdbcUrl(), "kyc-host-1", 10);
        second = OrderTablesPostgres.pool(postgres.jdbcUrl(), "kyc-host-2", 10);
      }
      KycTablesPostgres.empty(first);
      return first;
    }
  }

  @Override
  protected DataSource secondHost() {
    synchronized (JdbcKycServicePostgresTest.class) {
      return Objects.requireNonNull(second, "the first host's pool opens both");
    }
  }

  @AfterAll
  static synchronized void closePools() {
    if (first != null) {
      first.close();
      first = null;
    }
    if (second != null) {
      second.close();
      second = null;
    }
  }
}
