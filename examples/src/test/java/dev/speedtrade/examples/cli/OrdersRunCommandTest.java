package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code speedtrade orders run}: the worked scenarios, the output's shape (on {@link
 * FakeOrdersScriptTarget} until the OMS is wired in), every malformed-script rule of the spec, and
 * the exit codes.
 */
class OrdersRunCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Result(int code, String out, String err) {}

  /** Runs on the OMS wired into the command. */
  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SpeedTradeCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs on the targets of {@code targets}. */
  private static Result run(OrdersScriptTarget.Factory targets, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SpeedTradeCli.run(new PrintWriter(out), new PrintWriter(err), targets, args);
    return new Result(code, out.toString(), err.toString());
  }

  static Stream<Arguments> scenarios() throws IOException, URISyntaxException {
    Path dir = Path.of(OrdersRunCommandTest.class.getResource("/orders-scenarios").toURI());
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
    Result result = run("orders", "run", script.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    ExpectedOrdersOutput.assertMatches(
        JSON.readTree(result.out()), JSON.readTree(expected.toFile()));
  }

  /**
   * What of the expected output does not depend on the OMS: one result per step with its index, op
   * and the order it names, and the keys of every object.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyScenarioGivesTheExpectedShapeOnTheFake(String name, Path script, Path expected)
      throws IOException {
    Result result = run(FakeOrdersScriptTarget.FACTORY, "orders", "run", script.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    JsonNode actual = JSON.readTree(result.out());
    JsonNode wanted = JSON.readTree(expected.toFile());
    assertThat(fieldNames(actual)).containsExactly("results", "orders", "positions", "accounts");
    assertThat(actual.get("results")).hasSameSizeAs(wanted.get("results"));
    for (int i = 0; i < wanted.get("results").size(); i++) {
      JsonNode a = actual.get("results").get(i);
      JsonNode e = wanted.get("results").get(i);
      assertThat(fieldNames(a)).as("results[%d]", i).isEqualTo(fieldNames(e));
      for (String field : List.of("step", "op", "account", "clientOrderId")) {
        assertThat(a.get(field)).as("results[%d].%s", i, field).isEqualTo(e.get(field));
      }
    }
    for (String list : List.of("orders", "positions", "accounts")) {
      for (JsonNode item : actual.get(list)) {
        assertThat(fieldNames(item)).as(list).isEqualTo(fieldNames(wanted.get(list).get(0)));
      }
    }
    assertThat(actual.get("accounts")).hasSameSizeAs(wanted.get("accounts"));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  // ---------------------------------------------------------------------------------------------
  // Malformed scripts: one case per rule of the spec (several per rule where it has several forms).

  /** JSON written with single quotes, for legibility. */
  private static String j(String text) {
    return text.replace('\'', '"');
  }

  private static final String ACCOUNT = j("{'id': 'a', 'cash': '100.00'}");
  private static final String INSTRUMENT =
      j("{'symbol': 'AAPL', 'assetClass': 'us_equity', 'mark': '190.00'}");
  private static final String SUBMIT =
      j(
          "{'op': 'submit', 'account': 'a', 'clientOrderId': 'c1', 'symbol': 'AAPL', 'side': 'buy',"
              + " 'type': 'limit', 'tif': 'day', 'qty': '1', 'limitPrice': '190.00'}");
  private static final String FILL =
      j(
          "{'op': 'fill', 'account': 'a', 'clientOrderId': 'c1', 'execId': 'e1', 'qty': '1',"
              + " 'price': '190.00'}");
  private static final String REPLACE =
      j(
          "{'op': 'replace', 'account': 'a', 'clientOrderId': 'c1', 'newClientOrderId': 'c2',"
              + " 'qty': '2'}");
  private static final String MARK = j("{'op': 'mark', 'symbol': 'AAPL', 'price': '191.00'}");
  private static final String ADVANCE = j("{'op': 'advance', 'seconds': 60}");
  private static final String SET_STATE =
      j("{'op': 'setTradingState', 'state': 'HALTED', 'account': 'a'}");
  private static final String LIMITS =
      j(
          "{'maxOrderQty': '100', 'maxOrderNotional': '5000', 'maxPositionQty': '30',"
              + " 'blockedSymbols': ['GME'], 'tradingWindow': '09:30-16:00',"
              + " 'rateLimit': {'orders': 3, 'seconds': 60}}");

  /** A well-formed script with these accounts, instruments and steps. */
  private static String script(String accounts, String instruments, String... steps) {
    return "{\"clock\": \"2026-01-05T15:00:00Z\", \"accounts\": ["
        + accounts
        + "], \"instruments\": ["
        + instruments
        + "], \"steps\": ["
        + String.join(", ", steps)
        + "]}";
  }

  private static String steps(String... steps) {
    return script(ACCOUNT, INSTRUMENT, steps);
  }

  /** The script with a valid submit first, so that the malformed step is {@code steps[1]}. */
  private static String secondStep(String step) {
    return steps(SUBMIT, step);
  }

  private static String accountWith(String key, String valueJson) {
    return script(with(ACCOUNT, key, valueJson), INSTRUMENT);
  }

  private static String limitsWith(String key, String valueJson) {
    return accountWith("limits", with(LIMITS, key, valueJson));
  }

  private static String instrumentWith(String key, String valueJson) {
    return script(ACCOUNT, with(INSTRUMENT, key, valueJson));
  }

  private static String topWith(String key, String valueJson) {
    return with(steps(), key, valueJson);
  }

  /** {@code json} with {@code key} set to {@code valueJson}, or removed when that is null. */
  private static String with(String json, String key, String valueJson) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(json);
      if (valueJson == null) {
        node.remove(key);
      } else {
        node.set(key, JSON.readTree(valueJson));
      }
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String without(String json, String key) {
    return with(json, key, null);
  }

  private static Arguments malformed(String what, String script, String message) {
    return Arguments.of(what, script, message);
  }

  static Stream<Arguments> malformedScripts() {
    List<Arguments> cases = new ArrayList<>();
    // unreadable JSON
    cases.add(malformed("not JSON", "{", "script is not valid JSON"));
    cases.add(malformed("an empty file", "", "script: must be a JSON object"));
    cases.add(malformed("a list, not an object", "[]", "script: must be a JSON object"));
    cases.add(
        malformed(
            "a repeated key",
            steps().replace("\"steps\"", "\"clock\": \"2026-01-05T15:00:00Z\", \"steps\""),
            "script is not valid JSON: Duplicate field 'clock'"));
    cases.add(malformed("nesting too deep", "[".repeat(3000), "script is not valid JSON"));

    // unknown keys and ops
    cases.add(malformed("an unknown top-level key", topWith("extra", "1"), "extra: unknown key"));
    cases.add(
        malformed("an unknown account key", accountWith("x", "1"), "accounts[0].x: unknown key"));
    cases.add(
        malformed(
            "an unknown limits key", limitsWith("maxQty", j("'1'")), "accounts[0].limits.maxQty:"));
    cases.add(
        malformed(
            "an unknown rateLimit key",
            limitsWith("rateLimit", j("{'orders': 1, 'seconds': 1, 'burst': 2}")),
            "accounts[0].limits.rateLimit.burst: unknown key"));
    cases.add(
        malformed(
            "an unknown instrument key",
            instrumentWith("exchange", j("'NYSE'")),
            "instruments[0].exchange: unknown key"));
    cases.add(
        malformed(
            "an unknown submit key",
            secondStep(with(SUBMIT, "price", j("'1'"))),
            "steps[1].price: unknown key"));
    cases.add(
        malformed(
            "a key of another op",
            secondStep(
                j("{'op': 'venueAccept', 'account': 'a', 'clientOrderId': 'c1', 'qty': '1'}")),
            "steps[1].qty: unknown key"));
    cases.add(
        malformed(
            "a reason on a venueAccept",
            secondStep(
                j("{'op': 'venueAccept', 'account': 'a', 'clientOrderId': 'c1', 'reason': 'x'}")),
            "steps[1].reason: unknown key"));
    cases.add(
        malformed(
            "an account on endOfDay",
            secondStep(j("{'op': 'endOfDay', 'account': 'a'}")),
            "steps[1].account: unknown key"));
    cases.add(
        malformed(
            "an unknown op",
            secondStep(j("{'op': 'amend', 'account': 'a', 'clientOrderId': 'c1'}")),
            "steps[1].op: unknown op 'amend'"));
    cases.add(
        malformed(
            "an op spelled in another case",
            secondStep(j("{'op': 'VenueAccept', 'account': 'a', 'clientOrderId': 'c1'}")),
            "steps[1].op: unknown op"));

    // missing fields
    for (String key : List.of("clock", "accounts", "instruments", "steps")) {
      cases.add(malformed("no " + key, without(steps(), key), key + ": is missing"));
    }
    cases.add(
        malformed(
            "an account without id",
            script(without(ACCOUNT, "id"), INSTRUMENT),
            "accounts[0].id: is missing"));
    cases.add(
        malformed(
            "an account without cash",
            script(without(ACCOUNT, "cash"), INSTRUMENT),
            "accounts[0].cash: is missing"));
    for (String key : List.of("orders", "seconds")) {
      cases.add(
          malformed(
              "a rateLimit without " + key,
              limitsWith("rateLimit", without(j("{'orders': 1, 'seconds': 1}"), key)),
              "accounts[0].limits.rateLimit." + key + ": is missing"));
    }
    for (String key : List.of("symbol", "assetClass", "mark")) {
      cases.add(
          malformed(
              "an instrument without " + key,
              script(ACCOUNT, without(INSTRUMENT, key)),
              "instruments[0]." + key + ": is missing"));
    }
    cases.add(malformed("a step without op", secondStep("{}"), "steps[1].op: is missing"));
    for (String key : List.of("account", "clientOrderId", "symbol", "side", "type", "tif")) {
      cases.add(
          malformed(
              "a submit without " + key,
              secondStep(without(SUBMIT, key)),
              "steps[1]." + key + ": is missing"));
    }
    for (String op :
        List.of(
            "venueAccept",
            "venueReject",
            "cancel",
            "cancelAck",
            "cancelReject",
            "replaceAck",
            "replaceReject",
            "expire")) {
      cases.add(
          malformed(
              op + " without clientOrderId",
              secondStep(j("{'op': '" + op + "', 'account': 'a'}")),
              "steps[1].clientOrderId: is missing"));
      cases.add(
          malformed(
              op + " without account",
              secondStep(j("{'op': '" + op + "', 'clientOrderId': 'c1'}")),
              "steps[1].account: is missing"));
    }
    for (String key : List.of("account", "clientOrderId", "execId", "qty", "price")) {
      cases.add(
          malformed(
              "a fill without " + key,
              secondStep(without(FILL, key)),
              "steps[1]." + key + ": is missing"));
    }
    for (String key : List.of("account", "clientOrderId", "newClientOrderId")) {
      cases.add(
          malformed(
              "a replace without " + key,
              secondStep(without(REPLACE, key)),
              "steps[1]." + key + ": is missing"));
    }
    for (String key : List.of("symbol", "price")) {
      cases.add(
          malformed(
              "a mark without " + key,
              secondStep(without(MARK, key)),
              "steps[1]." + key + ": is missing"));
    }
    cases.add(
        malformed(
            "an advance without seconds",
            secondStep(j("{'op': 'advance'}")),
            "steps[1].seconds: is missing"));
    cases.add(
        malformed(
            "a setMarket without open",
            secondStep(j("{'op': 'setMarket'}")),
            "steps[1].open: is missing"));
    cases.add(
        malformed(
            "a setTradingState without state",
            secondStep(without(SET_STATE, "state")),
            "steps[1].state: is missing"));

    // null, which is never a value
    cases.add(
        malformed(
            "a null marketOpen", topWith("marketOpen", "null"), "marketOpen: must not be null"));
    cases.add(
        malformed(
            "a null tradingState",
            topWith("tradingState", "null"),
            "tradingState: must not be null"));
    cases.add(malformed("a null clock", topWith("clock", "null"), "clock: must not be null"));
    cases.add(malformed("null steps", topWith("steps", "null"), "steps: must not be null"));
    cases.add(
        malformed(
            "null limits", accountWith("limits", "null"), "accounts[0].limits: must not be null"));
    cases.add(
        malformed(
            "a null limit",
            limitsWith("maxOrderQty", "null"),
            "accounts[0].limits.maxOrderQty: must not be null"));
    cases.add(
        malformed(
            "a null tradable",
            instrumentWith("tradable", "null"),
            "instruments[0].tradable: must not be null"));
    cases.add(
        malformed(
            "a null qty in a submit",
            secondStep(with(SUBMIT, "qty", "null")),
            "steps[1].qty: must not be null"));
    cases.add(
        malformed(
            "a null reason",
            secondStep(
                j("{'op': 'venueReject', 'account': 'a', 'clientOrderId': 'c1', 'reason': null}")),
            "steps[1].reason: must not be null"));
    cases.add(
        malformed(
            "a null account in setTradingState",
            secondStep(with(SET_STATE, "account", "null")),
            "steps[1].account: must not be null"));
    cases.add(
        malformed(
            "a null tif in a replace",
            secondStep(with(REPLACE, "tif", "null")),
            "steps[1].tif: must not be null"));
    cases.add(
        malformed("a null step", secondStep("null"), "steps[1]: must be an object, not null"));

    // mistyped fields
    cases.add(
        malformed(
            "marketOpen as a string",
            topWith("marketOpen", j("'yes'")),
            "marketOpen: must be true or false"));
    cases.add(
        malformed("accounts as an object", topWith("accounts", "{}"), "accounts: must be a list"));
    cases.add(
        malformed(
            "instruments as a string",
            topWith("instruments", j("'AAPL'")),
            "instruments: must be a list"));
    cases.add(malformed("steps as an object", topWith("steps", "{}"), "steps: must be a list"));
    cases.add(
        malformed("clock as a number", topWith("clock", "1767625200"), "clock: must be a string"));
    cases.add(
        malformed(
            "an account as a string",
            script(j("'a'"), INSTRUMENT),
            "accounts[0]: must be an object"));
    cases.add(
        malformed(
            "an account id as a number",
            accountWith("id", "7"),
            "accounts[0].id: must be a string"));
    cases.add(
        malformed(
            "limits as a list",
            accountWith("limits", "[]"),
            "accounts[0].limits: must be an object"));
    cases.add(
        malformed(
            "blockedSymbols as a string",
            limitsWith("blockedSymbols", j("'GME'")),
            "accounts[0].limits.blockedSymbols: must be a list"));
    cases.add(
        malformed(
            "a blocked symbol as a number",
            limitsWith("blockedSymbols", j("['GME', 7]")),
            "accounts[0].limits.blockedSymbols[1]: must be a string"));
    cases.add(
        malformed(
            "rateLimit as a number",
            limitsWith("rateLimit", "5"),
            "accounts[0].limits.rateLimit: must be an object"));
    cases.add(
        malformed(
            "tradingWindow as an object",
            limitsWith("tradingWindow", j("{'start': '09:30'}")),
            "accounts[0].limits.tradingWindow: must be a string"));
    cases.add(
        malformed(
            "an instrument as a list", script(ACCOUNT, "[]"), "instruments[0]: must be an object"));
    for (String flag : List.of("tradable", "fractionable", "shortable")) {
      cases.add(
          malformed(
              flag + " as a string",
              instrumentWith(flag, j("'true'")),
              "instruments[0]." + flag + ": must be true or false"));
    }
    cases.add(
        malformed("a step as a string", secondStep(j("'submit'")), "steps[1]: must be an object"));
    cases.add(
        malformed(
            "an op as a number", secondStep(j("{'op': 1}")), "steps[1].op: must be a string"));
    cases.add(
        malformed(
            "a clientOrderId as a number",
            secondStep(with(SUBMIT, "clientOrderId", "1")),
            "steps[1].clientOrderId: must be a string"));
    cases.add(
        malformed(
            "a reason as a number",
            secondStep(
                j("{'op': 'venueReject', 'account': 'a', 'clientOrderId': 'c1', 'reason': 42}")),
            "steps[1].reason: must be a string"));
    cases.add(
        malformed(
            "setMarket open as a string",
            secondStep(j("{'op': 'setMarket', 'open': 'false'}")),
            "steps[1].open: must be true or false"));

    // decimals: JSON strings of the form -?[0-9]+(\.[0-9]+)?
    for (String bad :
        List.of(
            "100",
            "100.5",
            "'1e3'",
            "'1E+3'",
            "' 12'",
            "'12 '",
            "'+5'",
            "'.5'",
            "'5.'",
            "'1,5'",
            "'0x10'",
            "'NaN'",
            "'Infinity'",
            "''",
            "'-'",
            "'--1'",
            "'1_000'",
            "'١٢'",
            "true",
            "[]")) {
      cases.add(
          malformed(
              "a qty of " + bad,
              secondStep(with(SUBMIT, "qty", j(bad))),
              "steps[1].qty: must be a decimal in a JSON string"));
    }
    cases.add(
        malformed(
            "cash as a number", accountWith("cash", "100"), "accounts[0].cash: must be a decimal"));
    cases.add(
        malformed(
            "a mark as a number",
            instrumentWith("mark", "190"),
            "instruments[0].mark: must be a decimal"));
    cases.add(
        malformed(
            "a limit as a number",
            limitsWith("maxOrderNotional", "5000"),
            "accounts[0].limits.maxOrderNotional: must be a decimal"));
    for (String key : List.of("notional", "limitPrice", "stopPrice")) {
      cases.add(
          malformed(
              "a submit's " + key + " as a number",
              secondStep(with(SUBMIT, key, "1")),
              "steps[1]." + key + ": must be a decimal"));
    }
    for (String key : List.of("qty", "price")) {
      cases.add(
          malformed(
              "a fill's " + key + " with an exponent",
              secondStep(with(FILL, key, j("'1e2'"))),
              "steps[1]." + key + ": must be a decimal"));
    }
    for (String key : List.of("qty", "limitPrice", "stopPrice")) {
      cases.add(
          malformed(
              "a replace's " + key + " as a number",
              secondStep(with(REPLACE, key, "2")),
              "steps[1]." + key + ": must be a decimal"));
    }
    cases.add(
        malformed(
            "a mark step's price as a number",
            secondStep(with(MARK, "price", "191")),
            "steps[1].price: must be a decimal"));

    // integers: JSON integers
    for (String bad : List.of("'3'", "3.0", "3.5", "3e0", "true")) {
      cases.add(
          malformed(
              "rateLimit orders of " + bad,
              limitsWith("rateLimit", j("{'orders': " + bad + ", 'seconds': 60}")),
              "accounts[0].limits.rateLimit.orders: must be a JSON integer"));
      cases.add(
          malformed(
              "advance seconds of " + bad,
              secondStep(with(ADVANCE, "seconds", j(bad))),
              "steps[1].seconds: must be a JSON integer"));
    }
    cases.add(
        malformed(
            "rateLimit seconds as a string",
            limitsWith("rateLimit", j("{'orders': 3, 'seconds': '60'}")),
            "accounts[0].limits.rateLimit.seconds: must be a JSON integer"));

    // enum values, spelled as in the spec
    for (String bad : List.of("BUY", "Buy", "short", "")) {
      cases.add(
          malformed(
              "side " + bad,
              secondStep(with(SUBMIT, "side", j("'" + bad + "'"))),
              "steps[1].side: must be one of buy, sell"));
    }
    for (String bad : List.of("LIMIT", "stop-limit", "stoplimit", "trailing_stop")) {
      cases.add(
          malformed(
              "type " + bad,
              secondStep(with(SUBMIT, "type", j("'" + bad + "'"))),
              "steps[1].type: must be one of market, limit, stop, stop_limit"));
    }
    for (String bad : List.of("DAY", "opg", "cls", "gtd")) {
      cases.add(
          malformed(
              "tif " + bad,
              secondStep(with(SUBMIT, "tif", j("'" + bad + "'"))),
              "steps[1].tif: must be one of day, gtc, ioc, fok"));
    }
    cases.add(
        malformed(
            "a replace's tif opg",
            secondStep(with(REPLACE, "tif", j("'opg'"))),
            "steps[1].tif: must be one of day, gtc, ioc, fok"));
    for (String bad : List.of("US_EQUITY", "equity", "option")) {
      cases.add(
          malformed(
              "assetClass " + bad,
              instrumentWith("assetClass", j("'" + bad + "'")),
              "instruments[0].assetClass: must be one of us_equity, crypto"));
    }
    cases.add(
        malformed(
            "a platform tradingState active",
            topWith("tradingState", j("'active'")),
            "tradingState: must be one of ACTIVE, REDUCING, HALTED"));
    cases.add(
        malformed(
            "an account tradingState PAUSED",
            accountWith("tradingState", j("'PAUSED'")),
            "accounts[0].tradingState: must be one of ACTIVE, REDUCING, HALTED"));
    cases.add(
        malformed(
            "a setTradingState state halted",
            secondStep(with(SET_STATE, "state", j("'halted'"))),
            "steps[1].state: must be one of ACTIVE, REDUCING, HALTED"));

    // empty ids (blank ones too)
    for (String empty : List.of("''", "'  '")) {
      cases.add(
          malformed(
              "an account id of " + empty,
              accountWith("id", j(empty)),
              "accounts[0].id: must not be empty"));
      cases.add(
          malformed(
              "a symbol of " + empty,
              instrumentWith("symbol", j(empty)),
              "instruments[0].symbol: must not be empty"));
      cases.add(
          malformed(
              "a blocked symbol of " + empty,
              limitsWith("blockedSymbols", j("['GME', " + empty + "]")),
              "accounts[0].limits.blockedSymbols[1]: must not be empty"));
      for (String key : List.of("account", "clientOrderId", "symbol")) {
        cases.add(
            malformed(
                "a submit's " + key + " of " + empty,
                secondStep(with(SUBMIT, key, j(empty))),
                "steps[1]." + key + ": must not be empty"));
      }
      cases.add(
          malformed(
              "a fill's execId of " + empty,
              secondStep(with(FILL, "execId", j(empty))),
              "steps[1].execId: must not be empty"));
      cases.add(
          malformed(
              "a replace's newClientOrderId of " + empty,
              secondStep(with(REPLACE, "newClientOrderId", j(empty))),
              "steps[1].newClientOrderId: must not be empty"));
      cases.add(
          malformed(
              "a cancel's clientOrderId of " + empty,
              secondStep(j("{'op': 'cancel', 'account': 'a', 'clientOrderId': " + empty + "}")),
              "steps[1].clientOrderId: must not be empty"));
      cases.add(
          malformed(
              "a mark's symbol of " + empty,
              secondStep(with(MARK, "symbol", j(empty))),
              "steps[1].symbol: must not be empty"));
      cases.add(
          malformed(
              "a setTradingState account of " + empty,
              secondStep(with(SET_STATE, "account", j(empty))),
              "steps[1].account: must not be empty"));
    }

    // duplicates
    cases.add(
        malformed(
            "an account listed twice",
            script(ACCOUNT + ", " + with(ACCOUNT, "cash", j("'5'")), INSTRUMENT),
            "accounts[1].id: account 'a' is listed more than once"));
    cases.add(
        malformed(
            "a symbol listed twice",
            script(ACCOUNT, INSTRUMENT + ", " + with(INSTRUMENT, "assetClass", j("'crypto'"))),
            "instruments[1].symbol: symbol 'AAPL' is listed more than once"));

    // cash
    for (String bad : List.of("-0.01", "-1", "1.001", "1.0010", "0.009")) {
      cases.add(
          malformed(
              "cash of " + bad,
              accountWith("cash", j("'" + bad + "'")),
              "accounts[0].cash: must be 0 or more with at most 2 decimals"));
    }

    // limits, marks and mark steps greater than 0
    for (String key : List.of("maxOrderQty", "maxOrderNotional", "maxPositionQty")) {
      for (String bad : List.of("0", "0.000", "-5")) {
        cases.add(
            malformed(
                key + " of " + bad,
                limitsWith(key, j("'" + bad + "'")),
                "accounts[0].limits." + key + ": must be greater than 0"));
      }
    }
    for (String bad : List.of("0", "-190.00")) {
      cases.add(
          malformed(
              "a mark of " + bad,
              instrumentWith("mark", j("'" + bad + "'")),
              "instruments[0].mark: must be greater than 0"));
      cases.add(
          malformed(
              "a mark step's price of " + bad,
              secondStep(with(MARK, "price", j("'" + bad + "'"))),
              "steps[1].price: must be greater than 0"));
    }

    // trading windows
    for (String bad :
        List.of(
            "9:30-16:00",
            "09:30-24:00",
            "24:00-09:30",
            "09:60-16:00",
            "09:30-16:75",
            "09:30 - 16:00",
            "0930-1600",
            "09:30",
            "09:30-16:00-17:00",
            "")) {
      cases.add(
          malformed(
              "a trading window of '" + bad + "'",
              limitsWith("tradingWindow", j("'" + bad + "'")),
              "accounts[0].limits.tradingWindow: must be HH:MM-HH:MM"));
    }
    cases.add(
        malformed(
            "a trading window that starts where it ends",
            limitsWith("tradingWindow", j("'09:30-09:30'")),
            "accounts[0].limits.tradingWindow: starts and ends at the same time"));

    // clocks
    for (String bad :
        List.of(
            "2026-01-05 15:00:00Z",
            "2026-01-05T15:00:00",
            "2026-01-05T15:00:00+00:00",
            "2026-01-05T15:00Z",
            "2026-01-05T15:00:00.Z",
            "2026-1-05T15:00:00Z",
            "2026-01-05t15:00:00z",
            "")) {
      cases.add(
          malformed(
              "a clock of '" + bad + "'",
              topWith("clock", j("'" + bad + "'")),
              "clock: must be a UTC instant YYYY-MM-DDTHH:MM:SS[.f]Z"));
    }
    for (String bad :
        List.of(
            "2026-02-30T15:00:00Z",
            "2025-02-29T15:00:00Z",
            "2026-13-01T15:00:00Z",
            "2026-01-00T15:00:00Z",
            "2026-01-05T24:00:00Z",
            "2026-01-05T15:60:00Z",
            "2026-01-05T15:00:60Z")) {
      cases.add(
          malformed(
              "a clock of '" + bad + "'",
              topWith("clock", j("'" + bad + "'")),
              "clock: '" + bad + "' is not an instant that exists"));
    }
    for (String outside : List.of("1969-12-31T23:59:59Z", "2262-01-01T00:00:00Z")) {
      cases.add(
          malformed(
              "a clock of " + outside + ", outside the ledger's range",
              topWith("clock", j("'" + outside + "'")),
              "clock: must be from 1970-01-01T00:00:00Z to 2261-12-31T23:59:59.999999Z"));
    }

    // rate limits and advances in range
    for (String key : List.of("orders", "seconds")) {
      for (String bad : List.of("0", "-1", "2147483648")) {
        String rate =
            key.equals("orders")
                ? "{'orders': " + bad + ", 'seconds': 60}"
                : "{'orders': 3, 'seconds': " + bad + "}";
        cases.add(
            malformed(
                "rateLimit " + key + " of " + bad,
                limitsWith("rateLimit", j(rate)),
                "accounts[0].limits.rateLimit." + key + ": must be from 1 to 2147483647"));
      }
    }
    cases.add(
        malformed(
            "an advance of -1",
            secondStep(with(ADVANCE, "seconds", "-1")),
            "steps[1].seconds: must be 0 or more"));
    cases.add(
        malformed(
            "an advance beyond a long",
            secondStep(with(ADVANCE, "seconds", "9223372036854775808")),
            "steps[1].seconds: must be 0 or more"));
    cases.add(
        malformed(
            "an advance past the ledger's last instant",
            secondStep(with(ADVANCE, "seconds", "9223372036854775807")),
            "steps[1].seconds: moves the clock past 2261-12-31T23:59:59.999999Z"));
    cases.add(
        malformed(
            "advances that together pass the ledger's last instant",
            steps(ADVANCE, with(ADVANCE, "seconds", "7447021049"), ADVANCE, ADVANCE),
            "steps[3].seconds: moves the clock past"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedScripts")
  void aMalformedScriptIsOneLineNamingTheFieldExitTwoAndNothingOnStandardOutput(
      String what, String script, String message, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("script.json");
    Files.writeString(file, script);
    AtomicInteger opened = new AtomicInteger();

    Result result =
        run(
            s -> {
              opened.incrementAndGet();
              return FakeOrdersScriptTarget.FACTORY.open(s);
            },
            "orders",
            "run",
            file.toString());

    assertThat(result.code()).as(result.err()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .startsWith("speedtrade: " + message);
    assertThat(opened).as("targets opened").hasValue(0);
  }

  /** What the spec answers with a code, and the edges of what is well formed. */
  static Stream<Arguments> wellFormedScripts() {
    return Stream.of(
        Arguments.of(
            "the four decimals as the OMS will judge them",
            secondStep(
                with(
                    with(with(SUBMIT, "qty", j("'-1'")), "notional", j("'0'")),
                    "stopPrice",
                    j("'-0.5'")))),
        Arguments.of(
            "a fill of 0 at a negative price",
            secondStep(with(with(FILL, "qty", j("'0'")), "price", j("'-1'")))),
        Arguments.of(
            "an empty reason",
            secondStep(
                j("{'op': 'venueReject', 'account': 'a', 'clientOrderId': 'c1', 'reason': ''}"))),
        Arguments.of(
            "steps naming an unknown account and symbol",
            steps(
                with(SUBMIT, "account", j("'zed'")),
                with(SUBMIT, "symbol", j("'ZZZ'")),
                with(MARK, "symbol", j("'ZZZ'")),
                with(SET_STATE, "account", j("'zed'")))),
        Arguments.of(
            "every op",
            steps(
                SUBMIT,
                j("{'op': 'venueAccept', 'account': 'a', 'clientOrderId': 'c1'}"),
                j("{'op': 'venueReject', 'account': 'a', 'clientOrderId': 'c1'}"),
                FILL,
                j("{'op': 'cancel', 'account': 'a', 'clientOrderId': 'c1'}"),
                j("{'op': 'cancelAck', 'account': 'a', 'clientOrderId': 'c1'}"),
                j("{'op': 'cancelReject', 'account': 'a', 'clientOrderId': 'c1'}"),
                REPLACE,
                j("{'op': 'replaceAck', 'account': 'a', 'clientOrderId': 'c1'}"),
                j("{'op': 'replaceReject', 'account': 'a', 'clientOrderId': 'c1'}"),
                j("{'op': 'expire', 'account': 'a', 'clientOrderId': 'c1'}"),
                j("{'op': 'endOfDay'}"),
                MARK,
                ADVANCE,
                j("{'op': 'setMarket', 'open': false}"),
                SET_STATE,
                j("{'op': 'setTradingState', 'state': 'ACTIVE'}"))),
        Arguments.of(
            "cash of 0 and of 5.000",
            script(
                with(ACCOUNT, "cash", j("'0'")) + ", " + j("{'id': 'b', 'cash': '5.000'}"),
                INSTRUMENT)),
        Arguments.of(
            "symbols that differ in case only",
            script(ACCOUNT, INSTRUMENT + ", " + with(INSTRUMENT, "symbol", j("'aapl'")))),
        Arguments.of(
            "an overnight window and the smallest rate limit",
            accountWith(
                "limits",
                with(
                    with(LIMITS, "tradingWindow", j("'22:00-02:00'")),
                    "rateLimit",
                    j("{'orders': 1, 'seconds': 1}")))),
        Arguments.of(
            "a leap day with a long fraction",
            topWith("clock", j("'2024-02-29T23:59:59.1234567890123Z'"))),
        Arguments.of("an advance of 0", steps(with(ADVANCE, "seconds", "0"))),
        Arguments.of(
            "an advance to the ledger's last second",
            with(steps(with(ADVANCE, "seconds", "1")), "clock", j("'2261-12-31T23:59:58Z'"))),
        Arguments.of("no accounts, instruments or steps", script("", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormedScripts")
  void aWellFormedScriptRunsAndExitsZero(String what, String script, @TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("script.json");
    Files.writeString(file, script);

    Result result = run(FakeOrdersScriptTarget.FACTORY, "orders", "run", file.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    JsonNode output = JSON.readTree(result.out());
    assertThat(output.get("results")).hasSize(JSON.readTree(script).get("steps").size());
  }

  @Test
  void theWholeScriptIsCheckedBeforeAnythingRuns(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("script.json");
    Files.writeString(file, steps(SUBMIT, FILL, MARK, with(ADVANCE, "seconds", "-1")));
    AtomicInteger opened = new AtomicInteger();

    Result result =
        run(
            s -> {
              opened.incrementAndGet();
              return FakeOrdersScriptTarget.FACTORY.open(s);
            },
            "orders",
            "run",
            file.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("speedtrade: steps[3].seconds:");
    assertThat(opened).hasValue(0);
  }

  @Test
  void anUnreadableFileIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
    Result missing = run("orders", "run", dir.resolve("nope.json").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err().lines()).singleElement().asString().contains("nope.json");

    Result directory = run("orders", "run", dir.toString());
    assertThat(directory.code()).isEqualTo(2);
    assertThat(directory.err().lines())
        .singleElement()
        .asString()
        .startsWith("speedtrade: cannot read script");

    Path latin1 = dir.resolve("latin1.json");
    Files.write(latin1, new byte[] {'{', '"', (byte) 0xe9, '"', '}'});
    Result notUtf8 = run("orders", "run", latin1.toString());
    assertThat(notUtf8.code()).isEqualTo(2);
    assertThat(notUtf8.out()).isEmpty();
  }

  @Test
  void aTargetThatBreaksIsOneLineExitOneAndNothingOnStandardOutput(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("script.json");
    Files.writeString(file, steps(SUBMIT));

    Result broken =
        run(
            s -> {
              throw new IllegalStateException("trial balance is 5, not 0,\nafter step 0");
            },
            "orders",
            "run",
            file.toString());

    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.out()).isEmpty();
    assertThat(broken.err().lines())
        .singleElement()
        .asString()
        .startsWith("speedtrade: trial balance is 5");
  }

  @Test
  void helpIsOfferedOnEveryLevel() {
    assertThat(run("--help").out()).contains("orders");
    Result orders = run("orders", "--help");
    assertThat(orders.code()).isZero();
    assertThat(orders.out()).contains("Usage: speedtrade orders", "run");
    Result ordersRun = run("orders", "run", "--help");
    assertThat(ordersRun.code()).isZero();
    assertThat(ordersRun.out()).contains("Usage: speedtrade orders run", "SCRIPT.json");
    assertThat(run("orders", "help", "run").out()).contains("SCRIPT.json");

    Result none = run("orders");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err().lines()).singleElement().asString().contains("speedtrade orders --help");
    Result noScript = run("orders", "run");
    assertThat(noScript.code()).isEqualTo(2);
    assertThat(noScript.err().lines()).singleElement().asString().contains("SCRIPT.json");
    Result twoScripts = run("orders", "run", "a.json", "b.json");
    assertThat(twoScripts.code()).isEqualTo(2);
  }

  @Test
  void theOutputIsOneJsonObjectOnStandardOutput(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("script.json");
    Files.writeString(file, steps(SUBMIT, FILL));

    Result result = run(FakeOrdersScriptTarget.FACTORY, "orders", "run", file.toString());

    assertThat(result.code()).isZero();
    JsonNode output = JSON.readTree(result.out());
    Iterator<String> names = output.fieldNames();
    assertThat(names.next()).isEqualTo("results");
    assertThat(result.out()).endsWith(System.lineSeparator());
  }
}
