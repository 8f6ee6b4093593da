package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code speedtrade orders}: order management tools. */
@Command(
    name = "orders",
    description = "Order management tools.",
    subcommands = {OrdersCommand.Run.class, CommandLine.HelpCommand.class})
final class OrdersCommand implements Runnable {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @CommandLine.ParentCommand @Nullable SpeedTradeCli parent;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        Objects.requireNonNull(spec).commandLine(),
        "missing orders command; try 'speedtrade orders --help'");
  }

  /**
   * The OMS a script runs on: a fresh in-memory OMS with its risk checks, an in-memory ledger, the
   * script's market view and a {@link SteppingClock} at the script's clock.
   *
   * <p>This is the one place the engine is wired in; malformed scripts are refused before it (exit
   * code 2), and a trial balance that is not zero after a step ends the run with exit code 1.
   */
  static OrdersScriptTarget engine(OrdersScript script) {
    return OrdersEngineTarget.open(script);
  }

  /**
   * {@code speedtrade orders run SCRIPT.json}: runs a script of order requests and venue events on
   * a fresh OMS and prints what happened as JSON.
   */
  @Command(
      name = "run",
      mixinStandardHelpOptions = false,
      description =
          "Run a script of order requests, venue events and market moves on a fresh order"
              + " management system and print the results as JSON.")
  static final class Run implements Callable<Integer> {
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "SCRIPT.json", description = "The script to run.")
    @Nullable Path script;

    @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

    @CommandLine.ParentCommand @Nullable OrdersCommand parent;

    @Override
    public Integer call() throws IOException {
      Path file = Objects.requireNonNull(script);
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserInputException("cannot read script " + file + ": " + e.getMessage());
      }
      OrdersScript parsed = OrdersScript.parse(text);
      OrdersScriptTarget.Factory targets =
          Objects.requireNonNull(Objects.requireNonNull(parent).parent).ordersTargets;
      JsonNode output = OrdersScriptRunner.run(parsed, targets);
      PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(output));
      return SpeedTradeCli.OK;
    }
  }
}
