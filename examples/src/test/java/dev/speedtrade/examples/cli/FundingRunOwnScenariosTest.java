package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code speedtrade funding run} on scenarios of our own, next to the contract's worked ones: they
 * go after the edges of the funding contract that the worked ones do not reach (see the README of
 * {@code funding-scenarios-own/}). Their expected outputs were derived by hand from the contract,
 * not by running the engine.
 */
class FundingRunOwnScenariosTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SpeedTradeCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  static Stream<Arguments> ownScenarios() throws IOException, URISyntaxException {
    Path dir =
        Path.of(FundingRunOwnScenariosTest.class.getResource("/funding-scenarios-own").toURI());
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path script :
          files
              .filter(f -> f.getFileName().toString().endsWith(".json"))
              .filter(f -> !f.getFileName().toString().endsWith(".expected.json"))
              .sorted()
              .toList()) {
        String name = script.getFileName().toString();
        Path expected = script.resolveSibling(name.replace(".json", ".expected.json"));
        assertThat(expected).as("the expected output of " + name).exists();
        cases.add(Arguments.of(name, script, expected));
      }
    }
    assertThat(cases).hasSize(10);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ownScenarios")
  void everyOwnScenarioGivesItsExpectedOutput(String name, Path script, Path expected)
      throws IOException {
    Result result = run("funding", "run", script.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    assertThat(
            ExpectedOrdersOutput.differences(
                JSON.readTree(result.out()),
                JSON.readTree(expected.toFile()),
                FundingRunCommandTest.NUMBER_FIELDS))
        .as("differences from " + expected.getFileName())
        .isEmpty();
  }
}
