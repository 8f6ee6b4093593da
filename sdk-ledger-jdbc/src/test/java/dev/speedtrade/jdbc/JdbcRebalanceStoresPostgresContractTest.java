package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.rebalance.ExecutionStore;
import dev.speedtrade.rebalance.InvestmentStore;
import dev.speedtrade.rebalance.SettingsStore;
import dev.speedtrade.testkit.PostgresExtension;
import dev.speedtrade.testkit.RebalanceStoreContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The rebalance stores' contract on a real PostgreSQL server, tables emptied before each store. */
class JdbcRebalanceStoresPostgresContractTest extends RebalanceStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static @Nullable HikariDataSource pool;

  private static synchronized HikariDataSource emptied() {
    if (pool == null) {
      PGSimpleDataSource postgresDataSource = new PGSimpleDataSource();
      postgresDataSource.setURL(postgres.jdbcUrl());
      HikariConfig config = new HikariConfig();
      config.setDataSource(postgresDataSource);
      config.setMaximumPoolSize(20);
      config.setPoolName("rebalance-contract");
      pool = new HikariDataSource(config);
      SpeedTradeSchema.migrate(pool);
    }
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE rebalance_investments, rebalance_settings, rebalance_executions, rebalance_execution_events,"
              + " rebalance_execution_claims, rebalance_execution_orders, rebalance_execution_targets,"
              + " rebalance_execution_messages");
    } catch (SQLException e) {
      throw new IllegalStateException("emptying the rebalance tables failed", e);
    }
    return pool;
  }

  @AfterAll
  static synchronized void closePool() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }

  @Override
  protected InvestmentStore newInvestmentStore() {
    return new JdbcInvestmentStore(emptied());
  }

  @Override
  protected SettingsStore newSettingsStore() {
    return new JdbcSettingsStore(emptied());
  }

  @Override
  protected ExecutionStore newExecutionStore() {
    return new JdbcExecutionStore(emptied());
  }
}
