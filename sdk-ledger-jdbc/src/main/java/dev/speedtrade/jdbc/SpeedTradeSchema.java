package dev.speedtrade.jdbc;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The SDK's tables (the ledger's and the rebalance's), created and upgraded by Flyway from the
 * scripts under {@code classpath:db/speedtrade}, with the history table {@code
 * speedtrade_schema_history} (not Flyway's default, so that it does not collide with a host's own).
 * A host that runs Flyway itself adds that location to its own configuration instead.
 */
public final class SpeedTradeSchema {
  private SpeedTradeSchema() {}

  /**
   * Creates or upgrades every SDK table in {@code dataSource}'s database. Safe to call from several
   * hosts at once: Flyway takes a database lock while it migrates, and leaves a schema that is up
   * to date alone.
   */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/speedtrade")
        .table("speedtrade_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
