package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code speedtrade plan} on every worked scenario (the contract's and our own), compared as the
 * contract says: weights within 1e-9; dollars, share counts, sides, symbols, order types, limit
 * prices, skipped reasons and warnings exactly. And every malformed scenario: exit 2, nothing on
 * standard output, one line on standard error naming the field.
 */
class PlanCommandTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final BigDecimal WEIGHT_TOLERANCE = new BigDecimal("1e-9");

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SpeedTradeCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  static Stream<Path> scenarios() throws IOException, URISyntaxException {
    List<Path> files =
        files("/rebalance-scenarios", ".json").stream()
            .filter(file -> !file.getFileName().toString().endsWith(".expected.json"))
            .toList();
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    return files.stream();
  }

  static Stream<Path> malformed() throws IOException, URISyntaxException {
    List<Path> files = files("/rebalance-malformed", ".json");
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    return files.stream();
  }

  private static List<Path> files(String resource, String suffix)
      throws IOException, URISyntaxException {
    Path dir = Path.of(PlanCommandTest.class.getResource(resource).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyScenarioGivesItsExpectedPlan(Path scenario) throws IOException {
    Result result = run("plan", scenario.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    String expectedName = scenario.getFileName().toString().replace(".json", ".expected.json");
    JsonNode expected = JSON.readTree(Files.readString(scenario.resolveSibling(expectedName)));
    JsonNode actual = JSON.readTree(result.out());
    SoftAssertions softly = new SoftAssertions();
    for (String field : List.of("equity", "reserve", "investable")) {
      sameDecimal(softly, field, expected.get(field), actual.get(field));
    }
    softly
        .assertThat(names(actual.get("weights")))
        .as("weight symbols")
        .containsExactlyElementsOf(names(expected.get("weights")));
    for (String symbol : names(expected.get("weights"))) {
      closeWeight(
          softly,
          "weights." + symbol,
          expected.get("weights").get(symbol),
          actual.get("weights").get(symbol));
    }
    compareList(
        softly,
        "targets",
        expected.get("targets"),
        actual.get("targets"),
        (path, want, got) -> {
          softly
              .assertThat(got.get("symbol").asText())
              .as(path + ".symbol")
              .isEqualTo(want.get("symbol").asText());
          closeWeight(softly, path + ".weight", want.get("weight"), got.get("weight"));
          for (String field : List.of("dollars", "price", "currentQty", "targetQty")) {
            sameDecimal(softly, path + "." + field, want.get(field), got.get(field));
          }
          softly
              .assertThat(got.get("priceSource"))
              .as(path + ".priceSource")
              .isEqualTo(want.get("priceSource"));
        });
    compareList(
        softly,
        "orders",
        expected.get("orders"),
        actual.get("orders"),
        (path, want, got) -> {
          for (String field : List.of("side", "symbol", "type")) {
            softly.assertThat(got.get(field)).as(path + "." + field).isEqualTo(want.get(field));
          }
          sameDecimal(softly, path + ".qty", want.get("qty"), got.get("qty"));
          sameDecimal(softly, path + ".limitPrice", want.get("limitPrice"), got.get("limitPrice"));
        });
    softly.assertThat(actual.get("skipped")).as("skipped").isEqualTo(expected.get("skipped"));
    softly.assertThat(actual.get("warnings")).as("warnings").isEqualTo(expected.get("warnings"));
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedScenarioExitsTwoWithOneLineNamingTheField(Path scenario) throws IOException {
    String field =
        Files.readString(
                scenario.resolveSibling(
                    scenario.getFileName().toString().replace(".json", ".field")),
                StandardCharsets.UTF_8)
            .strip();

    Result result = run("plan", scenario.toString());

    assertThat(result.code()).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().strip())
        .doesNotContain("\n")
        .contains(field)
        .doesNotContain("Exception");
  }

  @Test
  void aMissingFileIsBadInput(@TempDir Path dir) {
    Result result = run("plan", dir.resolve("absent.json").toString());

    assertThat(result.code()).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("absent.json");
  }

  @Test
  void numbersWithAbsurdExponentsAreRefusedQuickly(@TempDir Path dir) throws IOException {
    Path scenario = dir.resolve("huge.json");
    Files.writeString(scenario, "{\"account\": {\"equity\": \"1e999999999\"}}");

    Result result = run("plan", scenario.toString());

    assertThat(result.code()).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(result.err()).contains("equity");
  }

  private static Result plan(Path dir, String scenario) throws IOException {
    Path file = dir.resolve("scenario.json");
    Files.writeString(file, scenario, StandardCharsets.UTF_8);
    return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run("plan", file.toString()));
  }

  private static String oneBot(String weights) {
    return "{\"account\": {\"equity\": \"100000\", \"cash\": \"100000\"},"
        + " \"investments\": [{\"botId\": \"momentum\", \"amount\": \"60\", \"weightMode\": \"percent\"}],"
        + " \"allocations\": {\"momentum\": "
        + weights
        + "},"
        + " \"prices\": {\"SPY\": {\"ask\": \"500\"}, \"TLT\": {\"ask\": \"90\"}, \"SGOV\": {\"ask\": \"100\"}}}";
  }

  @Test
  void aWeightOf1e1000000000IsAnInvalidWeightNamedBeforeAnyWork(@TempDir Path dir)
      throws IOException {
    // Before weights were bounded this wrote a 1 GB BOT_FAILED reason ("weights sum to 1000...0"),
    // or
    // died of an OutOfMemoryError with a stack trace under a smaller heap.
    Result result = plan(dir, oneBot("{\"SPY\": 1e1000000000}"));

    assertThat(result.code()).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().strip())
        .isEqualTo(
            "speedtrade: allocations.momentum.SPY: weight of SPY must be at most"
                + " 1e15 in size, got 1E+1000000000 [INVALID_WEIGHT]");
  }

  @Test
  void weightsOfAbsurdExponentsAsStringsAreInvalidWeightsToo(@TempDir Path dir) throws IOException {
    Result huge = plan(dir, oneBot("{\"SPY\": \"-1E+999999999\"}"));
    Result tiny = plan(dir, oneBot("{\"SPY\": \"0.5\", \"TLT\": \"1e-1000000000\"}"));
    Result long1 = plan(dir, oneBot("{\"SPY\": \"0." + "3".repeat(100_000) + "\"}"));

    assertThat(huge.code()).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(huge.err().strip())
        .contains("allocations.momentum.SPY", "-1E+999999999", "[INVALID_WEIGHT]");
    assertThat(tiny.code()).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(tiny.err().strip())
        .contains("allocations.momentum.TLT", "at most 60 decimals", "[INVALID_WEIGHT]");
    assertThat(long1.code()).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(long1.err().strip())
        .isEqualTo(
            "speedtrade: allocations.momentum.SPY: a number of more than 100"
                + " characters [INVALID_WEIGHT]");
  }

  @Test
  void weightsAtTheBoundsAreTheBotsToGetWrongNotMalformed(@TempDir Path dir) throws IOException {
    Result largest = plan(dir, oneBot("{\"SPY\": \"1e15\"}"));
    Result finest = plan(dir, oneBot("{\"SPY\": \"0.5\", \"TLT\": \"1e-60\"}"));
    Result letters = plan(dir, oneBot("{\"SPY\": \"" + "x".repeat(100_000) + "\"}"));

    assertThat(JSON.readTree(largest.out()).get("warnings").get(0).get("detail").asText())
        .isEqualTo("momentum: weights sum to 1000000000000000, above 1.000001");
    assertThat(JSON.readTree(finest.out()).get("warnings")).isEmpty();
    assertThat(JSON.readTree(finest.out()).get("weights").get("SPY").asText()).isEqualTo("0.3");
    assertThat(JSON.readTree(letters.out()).get("warnings").get(0).get("detail").asText())
        .isEqualTo("momentum: weight for SPY is not a number");
  }

  @Test
  void aNegativeAmountOfAHugeExponentIsOneShortLine(@TempDir Path dir) throws IOException {
    // Its "must be positive, got ..." message once spelled out a billion zeros.
    Result result =
        plan(
            dir,
            "{\"account\": {\"equity\": \"100\"},"
                + " \"investments\": [{\"botId\": \"b\", \"amount\": -1e1000000000}]}");

    assertThat(result.code()).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(result.err().strip())
        .isEqualTo(
            "speedtrade: investments[0].amount: must be at most 1e15 in size with at most 60 decimals,"
                + " got -1E+1000000000");
  }

  @Test
  void aNumberOfAHundredThousandDigitsIsRefusedWithoutReadingIt(@TempDir Path dir)
      throws IOException {
    Result result =
        plan(
            dir, "{\"account\": {\"equity\": \"100\", \"cash\": \"" + "1".repeat(100_000) + "\"}}");

    assertThat(result.code()).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(result.err().strip())
        .isEqualTo("speedtrade: account.cash: a number of more than 100 characters");
  }

  @Test
  void aBotThatNamesASymbolTwiceHasItsWeightsAdded(@TempDir Path dir) throws IOException {
    Path scenario = dir.resolve("twice.json");
    Files.writeString(
        scenario,
        """
        {"account": {"equity": "10000", "cash": "10000"},
         "investments": [{"botId": "b", "amount": "100", "weightMode": "percent"}],
         "allocations": {"b": {"SPY": "0.25", "spy ": "0.25", "SPY": "0.2"}},
         "prices": {"SPY": {"ask": "100"}}}
        """);

    Result result = run("plan", scenario.toString());

    JsonNode plan = JSON.readTree(result.out());
    assertThat(new BigDecimal(plan.get("weights").get("SPY").asText())).isEqualByComparingTo("0.7");
    assertThat(plan.get("orders").get(0).get("qty").asText()).isEqualTo("70");
  }

  private interface LineCheck {
    void check(String path, JsonNode want, JsonNode got);
  }

  private static void compareList(
      SoftAssertions softly, String name, JsonNode want, JsonNode got, LineCheck check) {
    softly.assertThat(got.size()).as(name + " size").isEqualTo(want.size());
    for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
      check.check(name + "[" + i + "]", want.get(i), got.get(i));
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(entry -> names.add(entry.getKey()));
    return names;
  }

  private static void sameDecimal(SoftAssertions softly, String path, JsonNode want, JsonNode got) {
    if (want == null || want.isNull()) {
      softly.assertThat(got == null || got.isNull()).as(path + " is null, got " + got).isTrue();
      return;
    }
    softly.assertThat(got).as(path).isNotNull();
    if (got != null && !got.isNull()) {
      softly
          .assertThat(new BigDecimal(got.asText()))
          .as(path)
          .isEqualByComparingTo(new BigDecimal(want.asText()));
    }
  }

  private static void closeWeight(SoftAssertions softly, String path, JsonNode want, JsonNode got) {
    softly.assertThat(got).as(path).isNotNull();
    if (got != null) {
      softly
          .assertThat(new BigDecimal(got.asText()))
          .as(path)
          .isCloseTo(new BigDecimal(want.asText()), within(WEIGHT_TOLERANCE));
    }
  }
}
