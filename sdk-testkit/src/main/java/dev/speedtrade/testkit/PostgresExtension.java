package dev.speedtrade.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

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
 *   <li>When neither is possible the tests are skipped with a loud message on standard error, except
 *       when the environment variable {@code CI} is {@code true}: there they fail.
 * </ul>
 *
 * <p>Needs the PostgreSQL JDBC driver on the test class path.
 */
public final class PostgresExtension implements BeforeAllCallback {
  /** The environment variable naming an existing server's JDBC URL (with user and password). */
  public static final String URL_VARIABLE = "SPEEDTRADE_TEST_PG_URL";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  private @Nullable Server server;
  private @Nullable String schema;

  /** Creates the extension; nothing starts until the first test class that registers it runs. */
  public PostgresExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Server shared = context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(Server.class, type -> Server.start(), Server.class);
    if (shared.unavailable != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true and no PostgreSQL for the tests: " + shared.unavailable);
      }
      System.err.println("*** SKIPPING PostgreSQL tests: " + shared.unavailable + " ***");
      Assumptions.abort("no PostgreSQL: " + shared.unavailable);
    }
    server = shared;
    schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection = DriverManager.getConnection(shared.baseUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
  }

  /** Returns a JDBC URL whose connections use this test class's own schema. */
  public String jdbcUrl() {
    Server running = Objects.requireNonNull(server, "the extension has not started: register it as a static field");
    String separator = running.baseUrl.contains("?") ? "&" : "?";
    return running.baseUrl + separator + "currentSchema=" + schema;
  }

  /** Returns a new connection to this test class's schema. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl());
  }

  /** Returns this test class's schema name. */
  public String schema() {
    return Objects.requireNonNull(schema, "the extension has not started");
  }

  /** The shared server; closed by JUnit when the test run ends. */
  static final class Server implements AutoCloseable {
    final String baseUrl;
    final @Nullable String unavailable;
    private final @Nullable Path dataDir;
    private final @Nullable Path binDir;
    private final boolean asPostgresUser;

    private Server(String baseUrl, @Nullable String unavailable, @Nullable Path dataDir,
        @Nullable Path binDir, boolean asPostgresUser) {
      this.baseUrl = baseUrl;
      this.unavailable = unavailable;
      this.dataDir = dataDir;
      this.binDir = binDir;
      this.asPostgresUser = asPostgresUser;
    }

    static Server start() {
      String given = System.getenv(URL_VARIABLE);
      if (given != null && !given.isBlank()) {
        return new Server(given, null, null, null, false);
      }
      Optional<Path> bin = findBinaries();
      if (bin.isEmpty()) {
        return unavailable("no initdb found under /usr/lib/postgresql/*/bin or on the PATH, and "
            + URL_VARIABLE + " is not set");
      }
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dataDir = null;
      try {
        Path base = Files.createTempDirectory("speedtrade-pg-");
        dataDir = base.resolve("data");
        Files.createDirectories(dataDir);
        if (root) {
          UserPrincipal postgres = base.getFileSystem().getUserPrincipalLookupService()
              .lookupPrincipalByName("postgres");
          Files.setOwner(base, postgres);
          Files.setOwner(dataDir, postgres);
        }
        int port = freePort();
        run(bin.get(), root, List.of("initdb", "-D", dataDir.toString(), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--no-sync"));
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
            + dataDir + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            + " -c max_connections=200";
        run(bin.get(), root, List.of("pg_ctl", "-D", dataDir.toString(), "-l",
            dataDir.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start"));
        return new Server("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres", null, dataDir,
            bin.get(), root);
      } catch (IOException | InterruptedException | RuntimeException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        return unavailable("starting PostgreSQL from " + bin.get() + " failed: " + e.getMessage()
            + (dataDir == null ? "" : " (data directory " + dataDir + ")"));
      }
    }

    private static Server unavailable(String why) {
      return new Server("", why, null, null, false);
    }

    @Override
    public void close() throws IOException {
      if (dataDir == null || binDir == null) {
        return;
      }
      try {
        run(binDir, asPostgresUser, List.of("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        Path base = dataDir.getParent();
        try (Stream<Path> files = Files.walk(base)) {
          files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    }

    private static Optional<Path> findBinaries() {
      Path installs = Path.of("/usr/lib/postgresql");
      if (Files.isDirectory(installs)) {
        try (Stream<Path> versions = Files.list(installs)) {
          Optional<Path> newest = versions
              .map(version -> version.resolve("bin"))
              .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
              .max(Comparator.comparing(bin -> versionOf(bin.getParent().getFileName().toString())));
          if (newest.isPresent()) {
            return newest;
          }
        } catch (IOException e) {
          return Optional.empty();
        }
      }
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb"))) {
          return Optional.of(Path.of(dir));
        }
      }
      return Optional.empty();
    }

    private static int versionOf(String name) {
      try {
        return Integer.parseInt(name.replaceAll("[^0-9].*", ""));
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      }
    }

    private static void run(Path bin, boolean asPostgres, List<String> command)
        throws IOException, InterruptedException {
      List<String> full = new ArrayList<>();
      if (asPostgres) {
        full.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      full.add(bin.resolve(command.get(0)).toString());
      full.addAll(command.subList(1, command.size()));
      Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command).toLowerCase(Locale.ROOT).split(" ")[0]
            + " failed: " + output.strip());
      }
    }
  }
}
