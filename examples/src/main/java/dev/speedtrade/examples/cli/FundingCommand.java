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

/** {@code speedtrade funding}: deposits, withdrawals, settlement and auto-invest tools. */
@Command(
    name = "funding",
    description = "Funding tools: deposits, withdrawals, settlement, auto-invest.",
    subcommands = {FundingCommand.Run.class, CommandLine.HelpCommand.class})
final class FundingCommand implements Runnable {
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
        "missing funding command; try 'speedtrade funding --help'");
  }

  /**
   * {@code speedtrade funding run SCRIPT.json}: runs a script of deposits, provider events, fills,
   * withdrawals and auto-invests on a fresh platform and prints what happened as JSON.
   */
  @Command(
      name = "run",
      mixinStandardHelpOptions = false,
      description =
          "Run a script of deposits, provider events, fills, withdrawals and auto-invests on a"
              + " fresh platform and print the results as JSON.")
  static final class Run implements Callable<Integer> {
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "SCRIPT.json", description = "The script to run.")
    @Nullable Path script;

    @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Path file = Objects.requireNonNull(script);
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserInputException("cannot read script " + file + ": " + e.getMessage());
      }
      JsonNode output = FundingScriptRunner.run(FundingScript.parse(text));
      PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(output));
      return SpeedTradeCli.OK;
    }
  }
}
