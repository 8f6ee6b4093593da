package dev.speedtrade.jdbc;

import dev.speedtrade.Storage;
import dev.speedtrade.Stores;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * {@link Storage} on one database: the {@link JdbcLedger} and every JDBC store on one {@link
 * DataSource}, its schema created or upgraded ({@link SpeedTradeSchema#migrate}) when a platform
 * opens it.
 *
 * <pre>{@code
 * SpeedTrade platform = SpeedTrade.builder()
 *     .accounts(accounts)
 *     .storage(JdbcStorage.on(pool))          // PostgreSQL, through the host's pool
 *     .build();
 * }</pre>
 *
 * <p>The platform does not close a data source it is given: the host owns its pool. The H2 storages
 * open their own connections and need no closing.
 */
public final class JdbcStorage {
  private JdbcStorage() {}

  /** Returns storage on {@code dataSource} (a connection pool, ideally), migrated when opened. */
  public static Storage on(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return on(dataSource, "JDBC " + dataSource.getClass().getSimpleName());
  }

  /**
   * Returns storage in the H2 database file {@code file} (created when missing): the embedded file
   * default.
   */
  public static Storage h2File(Path file) {
    Objects.requireNonNull(file, "file");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + file.toAbsolutePath());
    return on(h2, "H2 file " + file.toAbsolutePath());
  }

  /** Returns storage in a new private in-memory H2 database that lives as long as the JVM. */
  public static Storage h2InMemory() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:speedtrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return on(h2, "H2 in memory");
  }

  private static Storage on(DataSource dataSource, String description) {
    return Storage.of(
        description,
        clock -> {
          SpeedTradeSchema.migrate(dataSource);
          return new Stores(
              JdbcLedger.builder(dataSource).clock(clock).build(),
              new JdbcInvestmentStore(dataSource),
              new JdbcSettingsStore(dataSource),
              new JdbcExecutionStore(dataSource),
              new JdbcOrderStore(dataSource),
              new JdbcRiskStore(dataSource),
              null);
        });
  }
}
