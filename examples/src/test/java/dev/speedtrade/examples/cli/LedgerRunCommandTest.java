package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speedtrade.testkit.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code speedtrade ledger run} on every worked scenario and every store, and its malformed input.
 */
class LedgerRunCommandTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SpeedTradeCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  static Stream<Arguments> scenariosOnEveryStore() throws IOException, URISyntaxException {
    Path dir = Path.of(LedgerRunCommandTest.class.getResource("/ledger-scenarios").toURI());
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path script :
          files
              .filter(f -> !f.getFileName().toString().endsWith(".expected.json"))
              .sorted()
              .toList()) {
        for (String store : List.of("memory", "h2", "postgres")) {
          cases.add(Arguments.of(script.getFileName().toString(), store, script));
        }
      }
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(12);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("scenariosOnEveryStore")
  void everyScenarioGivesItsExpectedOutputOnEveryStore(String name, String store, Path script)
      throws IOException {
    List<String> args =
        new ArrayList<>(List.of("ledger", "run", script.toString(), "--store", store));
    if (store.equals("postgres")) {
      args.addAll(List.of("--jdbc-url", postgres.jdbcUrl()));
    }

    Result result = run(args.toArray(String[]::new));

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    Path expected = script.resolveSibling(name.replace(".json", ".expected.json"));
    assertThat(JSON.readTree(result.out())).isEqualTo(JSON.readTree(expected.toFile()));
  }

  @Test
  void thePostgresStoreDropsTheSchemaItRanOn() throws Exception {
    Path script =
        Path.of(
            getClass()
                .getResource("/ledger-scenarios/01-deposit-hold-fee-partial-post.json")
                .toURI());
    run(
        "ledger",
        "run",
        script.toString(),
        "--store",
        "postgres",
        "--jdbc-url",
        postgres.jdbcUrl());

    try (var connection = postgres.connect();
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'speedtrade_run_%'")) {
      rows.next();
      assertThat(rows.getInt(1)).isZero();
    }
  }

  static Stream<Arguments> malformedScripts() {
    String account = "{\"id\": \"a\", \"currency\": \"USD\", \"type\": \"t\"}";
    String transfer =
        "{\"id\": \"t\", \"debit\": \"a\", \"credit\": \"b\", \"amount\": 5, \"code\": \"c\"";
    return Stream.of(
        Arguments.of("not json", "{", "not valid JSON"),
        Arguments.of(
            "an unknown top-level key",
            "{\"accounts\": [], \"steps\": [], \"extra\": 1}",
            "script.extra"),
        Arguments.of("missing steps", "{\"accounts\": []}", "steps"),
        Arguments.of(
            "an unknown account key",
            "{\"accounts\": [{\"id\": \"a\", \"currency\": \"USD\", \"type\": \"t\", \"x\": 1}], \"steps\": []}",
            "accounts[0].x"),
        Arguments.of(
            "an unknown flag",
            "{\"accounts\": [{\"id\": \"a\", \"currency\": \"USD\", \"type\": \"t\", \"flags\": [\"NOPE\"]}], \"steps\": []}",
            "accounts[0].flags[0]"),
        Arguments.of(
            "a missing amount",
            "{\"accounts\": ["
                + account
                + "], \"steps\": [{\"transfers\": [{\"id\": \"t\", \"debit\": \"a\", \"credit\": \"b\", \"code\": \"c\"}]}]}",
            "steps[0].transfers[0].amount"),
        Arguments.of(
            "a fractional amount",
            "{\"accounts\": [], \"steps\": [{\"transfers\": ["
                + transfer.replace("5", "5.5")
                + "}]}]}",
            "steps[0].transfers[0].amount"),
        Arguments.of(
            "an amount beyond long",
            "{\"accounts\": [], \"steps\": [{\"transfers\": ["
                + transfer.replace("5", "9223372036854775808")
                + "}]}]}",
            "steps[0].transfers[0].amount"),
        Arguments.of(
            "a string amount",
            "{\"accounts\": [], \"steps\": [{\"transfers\": ["
                + transfer.replace("5", "\"5\"")
                + "}]}]}",
            "steps[0].transfers[0].amount"),
        Arguments.of(
            "a timeout on a single transfer",
            "{\"accounts\": [], \"steps\": [{\"transfers\": [" + transfer + ", \"timeout\": 5}]}]}",
            "steps[0].transfers[0].timeout"),
        Arguments.of(
            "a zero timeout",
            "{\"accounts\": [], \"steps\": [{\"transfers\": ["
                + transfer
                + ", \"pending\": true, \"timeout\": 0}]}]}",
            "steps[0].transfers[0].timeout"),
        Arguments.of(
            "a post naming accounts",
            "{\"accounts\": [], \"steps\": [{\"transfers\": [{\"id\": \"p\", \"postPendingId\": \"t\", \"debit\": \"a\"}]}]}",
            "steps[0].transfers[0].debit"),
        Arguments.of(
            "a post naming a code",
            "{\"accounts\": [], \"steps\": [{\"transfers\": [{\"id\": \"p\", \"postPendingId\": \"t\", \"code\": \"c\"}]}]}",
            "steps[0].transfers[0].code"),
        Arguments.of(
            "a void with an amount",
            "{\"accounts\": [], \"steps\": [{\"transfers\": [{\"id\": \"v\", \"voidPendingId\": \"t\", \"amount\": 1}]}]}",
            "steps[0].transfers[0].amount"),
        Arguments.of(
            "a negative advance",
            "{\"accounts\": [], \"steps\": [{\"advanceSeconds\": -1}]}",
            "steps[0].advanceSeconds"),
        Arguments.of(
            "a fractional advance",
            "{\"accounts\": [], \"steps\": [{\"advanceSeconds\": 1.5}]}",
            "steps[0].advanceSeconds"),
        // Both once ended in exit 1 ("long overflow") when the clock was moved.
        Arguments.of(
            "an advance past the last instant",
            "{\"accounts\": [], \"steps\": [{\"advanceSeconds\": 9223372036854775807}]}",
            "steps[0].advanceSeconds: moves the clock past 2261-12-31T23:59:59.999999Z"),
        Arguments.of(
            "advances that together pass the last instant",
            "{\"accounts\": [], \"steps\": [{\"advanceSeconds\": 20000000000000000}, {\"advanceSeconds\": 1}, {\"advanceSeconds\": 20000000000000000}]}",
            "steps[0].advanceSeconds"),
        Arguments.of(
            "a linked flag that is not a boolean",
            "{\"accounts\": [], \"steps\": [{\"linked\": \"yes\", \"transfers\": []}]}",
            "steps[0].linked"),
        Arguments.of(
            "a timeout beyond the longest a ledger takes",
            "{\"accounts\": [], \"steps\": [{\"transfers\": ["
                + transfer
                + ", \"pending\": true, \"timeout\": 4294967296}]}]}",
            "steps[0].transfers[0].timeout"),
        Arguments.of(
            "a timeout of Long.MAX_VALUE",
            "{\"accounts\": [], \"steps\": [{\"transfers\": ["
                + transfer
                + ", \"pending\": true, \"timeout\": 9223372036854775807}]}]}",
            "steps[0].transfers[0].timeout"),
        Arguments.of(
            "clock moves of 10,000 years",
            "{\"accounts\": [], \"steps\": [{\"advanceSeconds\": 157680000000}, {\"advanceSeconds\": 157680000000}]}",
            "steps[0].advanceSeconds"),
        Arguments.of(
            "clock moves that together pass 2261",
            "{\"accounts\": [], \"steps\": [{\"advanceSeconds\": 7447022998}, {\"advanceSeconds\": 1}, {\"advanceSeconds\": 1}]}",
            "steps[2].advanceSeconds"),
        Arguments.of(
            "clock moves adding up past a long",
            "{\"accounts\": [], \"steps\": [{\"advanceSeconds\": 9223372036854775807}, {\"advanceSeconds\": 9223372036854775807}]}",
            "steps[0].advanceSeconds"),
        Arguments.of(
            "a code with a control character",
            "{\"accounts\": [], \"steps\": [{\"transfers\": ["
                + transfer.replace("\"c\"", "\"c\\u0000\"")
                + "}]}]}",
            "steps[0].transfers[0]"),
        Arguments.of(
            "metadata with an unpaired surrogate",
            "{\"accounts\": [], \"steps\": [{\"transfers\": ["
                + transfer
                + ", \"metadata\": {\"k\": \"\\ud800\"}}]}]}",
            "steps[0].transfers[0]"),
        Arguments.of(
            "an account type with a control character",
            "{\"accounts\": [{\"id\": \"a\", \"currency\": \"USD\", \"type\": \"t\\u0007\"}], \"steps\": []}",
            "accounts[0]"),
        Arguments.of(
            "a malformed step after good ones",
            "{\"accounts\": ["
                + account
                + "], \"steps\": [{\"transfers\": ["
                + transfer
                + "}]}, {\"advanceSeconds\": \"x\"}]}",
            "steps[1].advanceSeconds"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedScripts")
  void aMalformedScriptIsOneLineNamingTheFieldExitTwoAndNothingOnStandardOutput(
      String what, String script, String field, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("script.json");
    Files.writeString(file, script);

    Result result = run("ledger", "run", file.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .startsWith("speedtrade: ")
        .contains(field);
  }

  @Test
  void anUnreadableFileAndAMissingUrlAreUsageErrors(@TempDir Path dir) {
    Result missing = run("ledger", "run", dir.resolve("nope.json").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.json");

    Result noUrl = run("ledger", "run", dir.toString(), "--store", "postgres");
    assertThat(noUrl.code()).isEqualTo(2);

    Result badStore = run("ledger", "run", "x.json", "--store", "oracle");
    assertThat(badStore.code()).isEqualTo(2);
    assertThat(badStore.err()).contains("oracle");
  }

  @Test
  void helpIsOfferedOnEveryLevel() {
    assertThat(run("ledger", "--help").code()).isZero();
    assertThat(run("ledger", "--help").out()).contains("run");
    assertThat(run("ledger", "run", "--help").out()).contains("--store", "--jdbc-url");
    assertThat(run("ledger").code()).isEqualTo(2);
  }

  @Test
  void theWholeScriptIsCheckedBeforeAnythingRuns(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("script.json");
    Files.writeString(
        file,
        "{\"accounts\": [{\"id\": \"a\", \"currency\": \"USD\", \"type\": \"t\"}],"
            + " \"steps\": [{\"advanceSeconds\": 1}, {\"advanceSeconds\": -1}]}");

    Result result = run("ledger", "run", file.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    JsonNode none = JSON.nullNode();
    assertThat(none.isNull()).isTrue();
  }
}
