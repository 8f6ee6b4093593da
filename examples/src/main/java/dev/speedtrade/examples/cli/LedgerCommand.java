package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speedtrade.jdbc.JdbcLedger;
import dev.speedtrade.ledger.InMemoryLedger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code speedtrade ledger}: ledger tools. */
@Command(
    name = "ledger",
    description = "Ledger tools.",
    subcommands = {LedgerCommand.Run.class, CommandLine.HelpCommand.class})
final class LedgerCommand implements Runnable {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        Objects.requireNonNull(spec).commandLine(),
        "missing ledger command; try 'speedtrade ledger --help'");
  }

  /** The store a script runs on. */
  enum Store {
    MEMORY,
    H2,
    POSTGRES
  }

  /**
   * {@code speedtrade ledger run SCRIPT.json}: runs a script of ledger calls on a fresh ledger and
   * prints what happened as JSON.
   */
  @Command(
      name = "run",
      mixinStandardHelpOptions = false,
      description = "Run a script of ledger calls on a fresh ledger and print the results as JSON.")
  static final class Run implements Callable<Integer> {
    /** Where a script's clock starts. */
    static final Instant SCRIPT_START = LedgerScript.CLOCK_START;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "SCRIPT.json", description = "The script to run.")
    @Nullable Path script;

    @Option(
        names = "--store",
        paramLabel = "memory|h2|postgres",
        defaultValue = "memory",
        converter = StoreConverter.class,
        description = "Where the ledger lives (default: ${DEFAULT-VALUE}).")
    Store store = Store.MEMORY;

    @Option(
        names = "--jdbc-url",
        paramLabel = "URL",
        description =
            "The PostgreSQL server for --store postgres; the script runs on a schema of its own,"
                + " dropped afterwards.")
    @Nullable String jdbcUrl;

    @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

    @Override
    public Integer call() throws IOException, SQLException {
      Path file = Objects.requireNonNull(script);
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserInputException("cannot read script " + file + ": " + e.getMessage());
      }
      LedgerScript parsed = LedgerScript.parse(text, SCRIPT_START);
      if (store == Store.POSTGRES && (jdbcUrl == null || jdbcUrl.isBlank())) {
        throw new UserInputException("--store postgres needs --jdbc-url");
      }
      SteppingClock clock = new SteppingClock(SCRIPT_START);
      JsonNode output =
          switch (store) {
            case MEMORY -> LedgerScriptRunner.run(parsed, new InMemoryLedger(clock), clock);
            case H2 -> LedgerScriptRunner.run(parsed, JdbcLedger.h2InMemory(clock), clock);
            case POSTGRES -> runOnPostgres(parsed, Objects.requireNonNull(jdbcUrl), clock);
          };
      PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(output));
      return SpeedTradeCli.OK;
    }

    private static JsonNode runOnPostgres(LedgerScript script, String url, SteppingClock clock)
        throws SQLException {
      String schema =
          "speedtrade_run_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setURL(url);
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA " + schema);
      }
      try {
        dataSource.setCurrentSchema(schema);
        JdbcLedger ledger = JdbcLedger.builder(dataSource).clock(clock).build();
        ledger.migrate();
        return LedgerScriptRunner.run(script, ledger, clock);
      } finally {
        dataSource.setCurrentSchema(null);
        try (Connection connection = dataSource.getConnection();
            Statement statement = connection.createStatement()) {
          statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    }
  }

  /** Reads {@code memory}, {@code h2} or {@code postgres}, any case. */
  static final class StoreConverter implements CommandLine.ITypeConverter<Store> {
    @Override
    public Store convert(String value) {
      try {
        return Store.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not memory, h2 or postgres");
      }
    }
  }
}
