package dev.speedtrade.examples.cli;

import dev.speedtrade.rebalance.TradePlanner;
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

/**
 * {@code speedtrade plan SCENARIO.json}: runs steps 1 to 10 of the rebalance contract on a
 * scenario, with no broker, and prints the plan as JSON.
 */
@Command(
    name = "plan",
    description =
        "Plan a rebalance from a scenario file, with no broker, and print the plan" + " as JSON.")
final class PlanCommand implements Callable<Integer> {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Parameters(
      index = "0",
      paramLabel = "SCENARIO.json",
      description = "Account, settings, investments, allocations and prices (docs/rebalance.md).")
  @Nullable Path scenario;

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public Integer call() {
    Path file = Objects.requireNonNull(scenario);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserInputException(
          file + ": cannot read the scenario (" + e.getClass().getSimpleName() + ")");
    }
    String plan = PlanJson.write(TradePlanner.plan(PlanScenario.parse(text)));
    PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
    out.println(plan);
    return SpeedTradeCli.OK;
  }
}
