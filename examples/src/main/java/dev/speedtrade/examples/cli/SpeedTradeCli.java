package dev.speedtrade.examples.cli;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code speedtrade} command: {@code speedtrade --help} lists the subcommands.
 *
 * <p>Exit codes: 0 when the command succeeded, 2 for bad usage or bad input (one line on standard
 * error, no stack trace; a {@code SpeedTradeException} whose code's category is {@code BAD_INPUT}),
 * 1 for any other failure (one line on standard error).
 */
@Command(
    name = "speedtrade",
    mixinStandardHelpOptions = true,
    versionProvider = SpeedTradeCli.Version.class,
    description = "SpeedTrade SDK command-line tool.",
    subcommands = {
      DemoCommand.class,
      AccountCommand.class,
      FundingCommand.class,
      LedgerCommand.class,
      OrdersCommand.class,
      PlanCommand.class,
      RebalanceCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SpeedTradeCli implements Runnable {
  /** Exit code of a command that succeeded. */
  public static final int OK = 0;

  /** Exit code of a command that failed for a reason other than its input. */
  public static final int FAILURE = 1;

  /** Exit code of bad usage or bad input. */
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.@org.jspecify.annotations.Nullable CommandSpec spec;

  /** The environment the commands read their keys and endpoints from. */
  Map<String, String> environment = System.getenv();

  /** What {@code serve} does once the service is started: waits for Ctrl-C, or a test's calls. */
  java.util.function.Consumer<dev.speedtrade.examples.serve.HostService> serveUntil =
      ServeCommand::untilInterrupted;

  /** What {@code orders run} runs its scripts on: the OMS, or a stand-in in tests. */
  OrdersScriptTarget.Factory ordersTargets = OrdersCommand::engine;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /**
   * Runs the command line, writing to {@code out} and {@code err}, and returns the exit code. Never
   * throws and never prints a stack trace.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, System.getenv(), args);
  }

  /** Same as {@link #run(PrintWriter, PrintWriter, String...)}, reading {@code environment}. */
  static int run(
      PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
    SpeedTradeCli cli = new SpeedTradeCli();
    cli.environment = environment;
    return run(cli, out, err, args);
  }

  /**
   * Same as {@link #run(PrintWriter, PrintWriter, String...)}, with {@code orders run} running its
   * scripts on the targets of {@code ordersTargets}.
   */
  static int run(
      PrintWriter out, PrintWriter err, OrdersScriptTarget.Factory ordersTargets, String... args) {
    SpeedTradeCli cli = new SpeedTradeCli();
    cli.ordersTargets = ordersTargets;
    return run(cli, out, err, args);
  }

  static int run(SpeedTradeCli cli, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine =
        new CommandLine(cli)
            .setOut(out)
            .setErr(err)
            .setParameterExceptionHandler(
                (exception, arguments) -> {
                  exception
                      .getCommandLine()
                      .getErr()
                      .println("speedtrade: " + oneLine(exception.getMessage()));
                  return USAGE;
                })
            .setExecutionExceptionHandler(
                (exception, commandLine1, parseResult) -> {
                  commandLine1.getErr().println("speedtrade: " + oneLine(describe(exception)));
                  return exitCodeOf(exception);
                });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    CommandLine.Model.CommandSpec commandSpec = java.util.Objects.requireNonNull(spec);
    throw new CommandLine.ParameterException(
        commandSpec.commandLine(), "missing command; try 'speedtrade --help'");
  }

  /**
   * The exit code of a command that threw: {@link #USAGE} for bad input (a {@link
   * UserInputException}, or a {@link SpeedTradeException} whose code is of {@link
   * ErrorCode.Category#BAD_INPUT}), {@link #FAILURE} for everything else (state, not found,
   * provider, store, or a bug).
   */
  static int exitCodeOf(Exception exception) {
    if (exception instanceof SpeedTradeException e
        && e.code().category() == ErrorCode.Category.BAD_INPUT) {
      return USAGE;
    }
    if (exception instanceof UserInputException) {
      return USAGE;
    }
    return FAILURE;
  }

  private static String describe(Exception exception) {
    if (exception instanceof SpeedTradeException e) {
      return e.getMessage() + " [" + e.code() + "]";
    }
    String message = exception.getMessage();
    return message == null ? exception.getClass().getSimpleName() : message;
  }

  private static String oneLine(@org.jspecify.annotations.Nullable String message) {
    return message == null ? "error" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = SpeedTradeCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"speedtrade " + properties.getProperty("version", "unknown")};
    }
  }
}
