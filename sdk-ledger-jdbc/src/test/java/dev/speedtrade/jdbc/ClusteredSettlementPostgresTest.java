package dev.speedtrade.jdbc;

import dev.speedtrade.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The clustered scheduler's settlement on PostgreSQL: the schema of this class, its scheduler table
 * emptied before each test.
 */
class ClusteredSettlementPostgresTest extends ClusteredSettlementContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private final PGSimpleDataSource database = new PGSimpleDataSource();

  @BeforeEach
  void emptyTheSchedulerTable() throws SQLException {
    database.setURL(postgres.jdbcUrl());
    SpeedTradeSchema.migrate(database);
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE speedtrade_scheduled_tasks");
    }
  }

  @Override
  DataSource dataSource() {
    return database;
  }
}
