package dev.speedtrade.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for tests, with a fresh schema per test class.
 *
 * <p>Register it as a static field; it starts (or finds) one server for the whole test run:
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
 *
 * @Test void works() {
 *   String url = postgres.jdbcUrl();   // a schema of this class's own, on the shared server
 * }
 * }</pre>
 *
 * <ul>
 *   <li>When the environment variable {@value #URL_VARIABLE} holds a JDBC URL, that server is used.
 *   <li>Otherwise a throwaway cluster is started from the installed PostgreSQL binaries ({@code
 *       initdb}, {@code pg_ctl} under {@code /usr/lib/postgresql/<version>/bin} or on the {@code
 *       PATH}) on a free loopback port, as the {@code postgres} OS user when the tests run as root
 *       ({@code initdb} refuses root), with durability settings off for speed; it is stopped and
 *       deleted when the test run ends.
 *   <li>When neither is possible the tests are skipped with a loud message on standard error,
 *       except when the environment variable {@code CI} is {@code true}: there they fail.
 * </ul>
 *
 * <p>Needs the PostgreSQL JDBC driver on the test class path.
 */
public final class PostgresExtension implements BeforeAllCallback {
  /** The environment variable naming an existing server's JDBC URL (with user and password). */
  public static final String URL_VARIABLE = PostgresServer.URL_VARIABLE;

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  private @Nullable String jdbcUrl;

  /** Creates the extension; nothing starts until the first test class that registers it runs. */
  public PostgresExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    PostgresServer shared =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(
                PostgresServer.class, type -> PostgresServer.start(), PostgresServer.class);
    Optional<String> unavailable = shared.unavailable();
    if (unavailable.isPresent()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "CI=true and no PostgreSQL for the tests: " + unavailable.get());
      }
      System.err.println("*** SKIPPING PostgreSQL tests: " + unavailable.get() + " ***");
      Assumptions.abort("no PostgreSQL: " + unavailable.get());
    }
    jdbcUrl = shared.newSchemaUrl();
  }

  /** Returns a JDBC URL whose connections use this test class's own schema. */
  public String jdbcUrl() {
    return Objects.requireNonNull(
        jdbcUrl, "the extension has not started: register it as a static field");
  }

  /** Returns a new connection to this test class's schema. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl());
  }
}
