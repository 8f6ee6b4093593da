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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server for tests and benchmarks: the one named by {@value #URL_VARIABLE}, or a
 * throwaway cluster started from the installed binaries ({@code initdb} and {@code pg_ctl} under
 * {@code /usr/lib/postgresql/<version>/bin} or on the {@code PATH}) on a free loopback port, as the
 * {@code postgres} OS user when running as root ({@code initdb} refuses root), with durability
 * settings off for speed. {@link #close()} stops and deletes a cluster it started.
 *
 * <p>{@link #start()} never throws: when no server can be had, {@link #unavailable()} says why.
 */
public final class PostgresServer implements AutoCloseable {
  /** The environment variable naming an existing server's JDBC URL (with user and password). */
  public static final String URL_VARIABLE = "SPEEDTRADE_TEST_PG_URL";

  private final String baseUrl;
  private final @Nullable String unavailable;
  private final @Nullable Path dataDir;
  private final @Nullable Path binDir;
  private final boolean asPostgresUser;

  private PostgresServer(
      String baseUrl,
      @Nullable String unavailable,
      @Nullable Path dataDir,
      @Nullable Path binDir,
      boolean asPostgresUser) {
    this.baseUrl = baseUrl;
    this.unavailable = unavailable;
    this.dataDir = dataDir;
    this.binDir = binDir;
    this.asPostgresUser = asPostgresUser;
  }

  /** Finds or starts a server; see {@link #unavailable()} for whether it worked. */
  public static PostgresServer start() {
    String given = System.getenv(URL_VARIABLE);
    if (given != null && !given.isBlank()) {
      return new PostgresServer(given, null, null, null, false);
    }
    Optional<Path> bin = findBinaries();
    if (bin.isEmpty()) {
      return unavailable(
          "no initdb found under /usr/lib/postgresql/*/bin or on the PATH, and "
              + URL_VARIABLE
              + " is not set");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dataDir = null;
    try {
      Path base = Files.createTempDirectory("speedtrade-pg-");
      dataDir = base.resolve("data");
      Files.createDirectories(dataDir);
      if (root) {
        UserPrincipal postgres =
            base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(base, postgres);
        Files.setOwner(dataDir, postgres);
      }
      int port = freePort();
      run(
          bin.get(),
          root,
          List.of(
              "initdb",
              "-D",
              dataDir.toString(),
              "-U",
              "postgres",
              "-A",
              "trust",
              "-E",
              "UTF8",
              "--no-sync"));
      String options =
          "-p "
              + port
              + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
              + dataDir
              + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
              + " -c max_connections=200";
      run(
          bin.get(),
          root,
          List.of(
              "pg_ctl",
              "-D",
              dataDir.toString(),
              "-l",
              dataDir.resolve("server.log").toString(),
              "-o",
              options,
              "-w",
              "-t",
              "60",
              "start"));
      return new PostgresServer(
          "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres",
          null,
          dataDir,
          bin.get(),
          root);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return unavailable(
          "starting PostgreSQL from "
              + bin.get()
              + " failed: "
              + e.getMessage()
              + (dataDir == null ? "" : " (data directory " + dataDir + ")"));
    }
  }

  private static PostgresServer unavailable(String why) {
    return new PostgresServer("", why, null, null, false);
  }

  /** Returns why no server could be had, or empty when {@link #baseUrl()} is usable. */
  public Optional<String> unavailable() {
    return Optional.ofNullable(unavailable);
  }

  /** Returns the JDBC URL of the server's {@code postgres} database, with its user. */
  public String baseUrl() {
    if (unavailable != null) {
      throw new IllegalStateException("no PostgreSQL: " + unavailable);
    }
    return baseUrl;
  }

  /** Creates a new schema with a random name and returns a JDBC URL whose connections use it. */
  public String newSchemaUrl() throws SQLException {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection = DriverManager.getConnection(baseUrl());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
    String separator = baseUrl.contains("?") ? "&" : "?";
    return baseUrl + separator + "currentSchema=" + schema;
  }

  /** Stops and deletes a cluster this object started; leaves a server named by the URL alone. */
  @Override
  public void close() throws IOException {
    if (dataDir == null || binDir == null) {
      return;
    }
    try {
      run(
          binDir,
          asPostgresUser,
          List.of("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
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
        Optional<Path> newest =
            versions
                .filter(version -> Files.isExecutable(version.resolve("bin").resolve("initdb")))
                .max(Comparator.comparing(version -> versionOf(version.getFileName().toString())))
                .map(version -> version.resolve("bin"));
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
      throw new IOException(
          String.join(" ", command).toLowerCase(Locale.ROOT).split(" ")[0]
              + " failed: "
              + output.strip());
    }
  }
}
