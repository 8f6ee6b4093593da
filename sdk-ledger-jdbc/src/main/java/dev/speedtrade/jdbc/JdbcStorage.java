package dev.speedtrade.jdbc;

import dev.speedtrade.Storage;
import dev.speedtrade.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;

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
 * open their own connections; a platform on an H2 file keeps one of them open while it is open, and
 * closing the platform closes the file.
 */
public final class JdbcStorage {
  private JdbcStorage() {}

  /** Returns storage on {@code dataSource} (a connection pool, ideally), migrated when opened. */
  public static Storage on(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return on(dataSource, "JDBC " + dataSource.getClass().getSimpleName());
  }

  /**
   * Returns storage in the H2 database file {@code file} (created when missing; H2 adds {@code
   * .mv.db} to the name): the embedded file default.
   *
   * <p>Each platform built on it holds one connection to the file from its build to its {@link
   * dev.speedtrade.SpeedTrade#close() close}: H2 closes a database when its last connection closes,
   * and would otherwise open the file again for every transaction. Closing the platform closes the
   * file, and another platform (or process) may open it.
   */
  public static Storage h2File(Path file) {
    Objects.requireNonNull(file, "file");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + file.toAbsolutePath());
    return on(h2, "H2 file " + file.toAbsolutePath(), true);
  }

  /** Returns storage in a new private in-memory H2 database that lives as long as the JVM. */
  public static Storage h2InMemory() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:speedtrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return on(h2, "H2 in memory", false);
  }

  private static Storage on(DataSource dataSource, String description) {
    return on(dataSource, description, false);
  }

  /**
   * Storage on {@code dataSource}; with {@code keepOpen}, each platform also holds a connection
   * while it is open (its {@link Stores#resource()}), which keeps an embedded database open.
   */
  private static Storage on(DataSource dataSource, String description, boolean keepOpen) {
    return Storage.of(
        description,
        clock -> {
          Connection held = keepOpen ? connect(dataSource, description) : null;
          try {
            SpeedTradeSchema.migrate(dataSource);
            return new Stores(
                JdbcLedger.builder(dataSource).clock(clock).build(),
                new JdbcInvestmentStore(dataSource),
                new JdbcSettingsStore(dataSource),
                new JdbcExecutionStore(dataSource),
                new JdbcOrderStore(dataSource),
                new JdbcRiskStore(dataSource),
                new JdbcFundingStore(dataSource),
                new JdbcKycStore(dataSource),
                held);
          } catch (RuntimeException e) {
            closeQuietly(held, e);
            throw e;
          }
        });
  }

  private static Connection connect(DataSource dataSource, String description) {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw StoreWork.unavailable("opening the " + description, e);
    }
  }

  private static void closeQuietly(@Nullable Connection connection, RuntimeException failure) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
