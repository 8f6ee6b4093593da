package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code speedtrade funding run}: the contract's worked scenarios give their expected output
 * (numbers compared numerically), a malformed script is one line on standard error with exit code
 * 2, and the output is one JSON object on standard output.
 */
class FundingRunCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The output's fields that hold money or quantities (JSON strings of plain decimals). */
  static final Set<String> NUMBER_FIELDS =
      Set.of(
          "amount",
          "confirmedAmount",
          "fee",
          "net",
          "shortfall",
          "investable",
          "buffer",
          "notional",
          "filledAmount",
          "qty",
          "marketValue",
          "cash",
          "held",
          "withdrawable",
          "unsettled",
          "invested",
          "equity",
          "bufferTarget",
          "cashOnHand",
          "pendingWithdrawals",
          "processingWithdrawals",
          "surplus",
          "trialBalance");

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SpeedTradeCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  static Stream<Arguments> scenarios() throws IOException, URISyntaxException {
    Path dir = Path.of(FundingRunCommandTest.class.getResource("/funding-scenarios").toURI());
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path script :
          files
              .filter(f -> !f.getFileName().toString().endsWith(".expected.json"))
              .sorted()
              .toList()) {
        String name = script.getFileName().toString();
        cases.add(
            Arguments.of(
                name, script, script.resolveSibling(name.replace(".json", ".expected.json"))));
      }
    }
    assertThat(cases).hasSize(4);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyScenarioGivesItsExpectedOutput(String name, Path script, Path expected)
      throws IOException {
    Result result = run("funding", "run", script.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    assertThat(
            ExpectedOrdersOutput.differences(
                JSON.readTree(result.out()), JSON.readTree(expected.toFile()), NUMBER_FIELDS))
        .as("differences from " + expected.getFileName())
        .isEmpty();
  }

  @Test
  void aMalformedScriptIsOneLineNamingTheFieldExitTwoAndNothingOnStandardOutput(@TempDir Path dir)
      throws IOException {
    Path script = dir.resolve("bad.json");
    Files.writeString(
        script,
        "{\"clock\": \"2026-03-02T15:00:00Z\", \"users\": [{\"id\": \"dan\", \"kyc\": \"APPROVED\"}],"
            + " \"steps\": [{\"op\": \"withdrawInstant\", \"user\": \"dan\", \"withdrawalId\": \"w1\","
            + " \"amount\": \"10.00\", \"destination\": {\"type\": \"card\", \"last4\": \"42\"}}]}",
        StandardCharsets.UTF_8);

    Result result = run("funding", "run", script.toString());

    assertThat(result.code()).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().strip())
        .startsWith("speedtrade: steps[0].destination.last4")
        .doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "9999-12-31T23:59:59Z"})
  void aScriptDatedOutsideTheLedgersRangeStillRuns(String clock, @TempDir Path dir)
      throws IOException {
    Path script = dir.resolve("dated.json");
    Files.writeString(
        script,
        "{\"clock\": \""
            + clock
            + "\", \"users\": [{\"id\": \"dan\", \"kyc\": \"APPROVED\"}],"
            + " \"instruments\": [{\"symbol\": \"SPY\", \"assetClass\": \"us_equity\","
            + " \"mark\": \"500\"}],"
            + " \"steps\": [{\"op\": \"depositCreate\", \"user\": \"dan\", \"depositId\": \"d1\","
            + " \"amount\": \"1000.00\"},"
            + " {\"op\": \"depositEvent\", \"eventId\": \"e1\", \"depositId\": \"d1\","
            + " \"type\": \"completed\"},"
            + " {\"op\": \"buyFill\", \"user\": \"dan\", \"execId\": \"x1\", \"symbol\": \"SPY\","
            + " \"qty\": \"1\", \"price\": \"500\"},"
            + " {\"op\": \"sellFill\", \"user\": \"dan\", \"execId\": \"x2\", \"symbol\": \"SPY\","
            + " \"qty\": \"1\", \"price\": \"500\"}]}",
        StandardCharsets.UTF_8);

    Result result = run("funding", "run", script.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    JsonNode out = JSON.readTree(result.out());
    assertThat(out.get("results").findValuesAsText("result")).containsOnly("OK");
    assertThat(out.get("users").get(0).get("unsettled").asText()).isEqualTo("500.00");
  }

  @Test
  void codesAreAnsweredNotMalformed(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("codes.json");
    Files.writeString(
        script,
        "{\"clock\": \"2026-03-02T15:00:00Z\", \"users\": [{\"id\": \"dan\", \"kyc\": \"PENDING\"}],"
            + " \"steps\": [{\"op\": \"depositCreate\", \"user\": \"dan\", \"depositId\": \"d1\","
            + " \"amount\": \"25.005\"},"
            + " {\"op\": \"withdrawRequest\", \"user\": \"dan\", \"withdrawalId\": \"w1\","
            + " \"amount\": \"10.00\", \"destination\": {\"type\": \"bank\", \"clabe\":"
            + " \"002010077777777772\"}},"
            + " {\"op\": \"withdrawInstant\", \"user\": \"eve\", \"withdrawalId\": \"w2\","
            + " \"amount\": \"10.00\", \"destination\": {\"type\": \"card\", \"last4\": \"4242\"}}]}",
        StandardCharsets.UTF_8);

    Result result = run("funding", "run", script.toString());

    assertThat(result.code()).isZero();
    JsonNode out = JSON.readTree(result.out());
    assertThat(out.get("results").findValuesAsText("result"))
        .containsExactly("INVALID_AMOUNT", "INVALID_CLABE", "USER_NOT_FOUND");
    assertThat(out.get("trialBalance").asText()).isEqualTo("0.00");
    assertThat(out.get("deposits")).isEmpty();
    assertThat(out.get("withdrawals")).isEmpty();
  }
}
