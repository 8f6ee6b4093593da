package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the commands that run a file, {@code speedtrade plan}, {@code speedtrade ledger run} and
 * {@code speedtrade orders run} (on {@link FakeOrdersScriptTarget} until the OMS is in the build;
 * {@code -Dspeedtrade.fuzz.orders=engine} runs it on the OMS): the worked scenarios and scripts the
 * other tests use (and the malformed scenarios) are mutated a few hundred times each, from a fixed
 * seed, and every run must end as the specs say a run ends: exit 0 with valid JSON on standard
 * output and nothing on standard error, or exit 2 with exactly one line on standard error and
 * nothing on standard output. Never exit 1, never a stack trace, never a throwable out of {@link
 * SpeedTradeCli#run}, and never longer than {@link #PER_RUN_SECONDS} seconds.
 *
 * <p>Mutations: a member or item dropped, duplicated (a repeated key, in the JSON text), swapped or
 * renamed; a value replaced with a huge, negative, fractional or non-numeric number, null, a
 * boolean, a nested value, a unicode or very long string, or an exponent such as {@code
 * 1e1000000000}; a number scaled or negated; the text truncated or a character inserted or deleted.
 *
 * <p>A failing case is written to {@code target/fuzz-failures} with what was done to it.
 */
class ScriptRunnerFuzzTest {
  /** The seed; {@code -Dspeedtrade.fuzz.seed=N} explores other cases. */
  private static final long SEED = Long.getLong("speedtrade.fuzz.seed", 0x5eed_11L);

  /** Cases per command; {@code -Dspeedtrade.fuzz.cases=N} runs more. */
  private static final int PLAN_CASES = Integer.getInteger("speedtrade.fuzz.cases", 300);

  private static final int LEDGER_CASES = PLAN_CASES;

  private static final int ORDERS_CASES = PLAN_CASES;

  /**
   * What {@code orders run} runs the mutants on: {@code engine} (the default: the OMS wired into
   * the command) or {@code fake} ({@link FakeOrdersScriptTarget}, which checks the runner alone);
   * {@code -Dspeedtrade.fuzz.orders=fake} switches.
   */
  private static final String ORDERS_TARGET =
      System.getProperty("speedtrade.fuzz.orders", "engine");

  /**
   * Every tenth ledger case also runs on H2, the store with a schema (lengths, types) of its own.
   */
  private static final int H2_EVERY = 10;

  private static final long PER_RUN_SECONDS = 10;
  private static final Path FAILURES = Path.of("target", "fuzz-failures");

  private static ExecutorService runner;

  @BeforeAll
  static void startRunner() throws IOException {
    if (Files.isDirectory(FAILURES)) {
      try (Stream<Path> old = Files.list(FAILURES)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    }
    runner =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "fuzz-run");
              thread.setDaemon(true);
              return thread;
            });
  }

  @AfterAll
  static void stopRunner() {
    runner.shutdownNow();
  }

  @Test
  void everyMutatedScenarioExitsZeroWithJsonOrTwoWithOneLine(@TempDir Path dir) throws Exception {
    List<String> scenarios = corpus("/rebalance-scenarios");
    List<String> malformed = corpus("/rebalance-malformed");
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    Map<Integer, Integer> exits = new java.util.TreeMap<>();
    for (int i = 0; i < PLAN_CASES; i++) {
      // Mostly worked scenarios, which reach the planner; a malformed one now and then.
      List<String> corpus = random.nextInt(5) == 0 ? malformed : scenarios;
      Mutant mutant = mutate(corpus.get(random.nextInt(corpus.size())), random, PLAN);
      Path file = dir.resolve("plan-" + i + ".json");
      Files.writeString(file, mutant.text(), StandardCharsets.UTF_8);
      check("plan-" + i, mutant, failures, exits, "plan", file.toString());
    }
    assertThat(failures).as("runs that broke the exit contract").isEmpty();
    assertReachesTheCommand(exits);
  }

  @Test
  void everyMutatedLedgerScriptExitsZeroWithJsonOrTwoWithOneLine(@TempDir Path dir)
      throws Exception {
    List<String> corpus = corpus("/ledger-scenarios");
    Random random = new Random(SEED + 1);
    List<String> failures = new ArrayList<>();
    Map<Integer, Integer> exits = new java.util.TreeMap<>();
    for (int i = 0; i < LEDGER_CASES; i++) {
      Mutant mutant = mutate(corpus.get(random.nextInt(corpus.size())), random, LEDGER);
      boolean onH2 = i % H2_EVERY == 0;
      Path file = dir.resolve("ledger-" + i + ".json");
      Files.writeString(file, mutant.text(), StandardCharsets.UTF_8);
      check("ledger-" + i, mutant, failures, exits, "ledger", "run", file.toString());
      if (onH2) {
        check(
            "ledger-" + i + "-h2",
            mutant,
            failures,
            exits,
            "ledger",
            "run",
            file.toString(),
            "--store",
            "h2");
      }
    }
    assertThat(failures).as("runs that broke the exit contract").isEmpty();
    assertReachesTheCommand(exits);
  }

  @Test
  void everyMutatedOrdersScriptExitsZeroWithJsonOrTwoWithOneLine(@TempDir Path dir)
      throws Exception {
    List<String> corpus = corpus("/orders-scenarios");
    OrdersScriptTarget.Factory targets =
        switch (ORDERS_TARGET) {
          case "fake" -> FakeOrdersScriptTarget.FACTORY;
          case "engine" -> null;
          default ->
              throw new IllegalArgumentException(
                  "speedtrade.fuzz.orders is fake or engine, not " + ORDERS_TARGET);
        };
    Random random = new Random(SEED + 2);
    List<String> failures = new ArrayList<>();
    Map<Integer, Integer> exits = new java.util.TreeMap<>();
    for (int i = 0; i < ORDERS_CASES; i++) {
      Mutant mutant = mutate(corpus.get(random.nextInt(corpus.size())), random, ORDERS);
      Path file = dir.resolve("orders-" + i + ".json");
      Files.writeString(file, mutant.text(), StandardCharsets.UTF_8);
      check("orders-" + i, mutant, failures, exits, targets, "orders", "run", file.toString());
    }
    assertThat(failures).as("runs that broke the exit contract").isEmpty();
    assertReachesTheCommand(exits);
  }

  /**
   * A fuzzer whose every case is refused by the parser tests only the parser: at least a sixth of
   * the runs must get through to the planner or the ledger and exit 0.
   */
  private static void assertReachesTheCommand(Map<Integer, Integer> exits) {
    int all = exits.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(exits.getOrDefault(SpeedTradeCli.OK, 0))
        .as("runs that exit 0, of " + exits)
        .isGreaterThan(all / 6);
  }

  // The ledger bugs the fuzzer reached before the ledger refused them the same way on every store.

  private static final String TWO_ACCOUNTS =
      "{\"accounts\": [{\"id\": \"a\", \"currency\": \"USD\", \"type\": \"t\"},"
          + " {\"id\": \"b\", \"currency\": \"USD\", \"type\": \"t\"}], \"steps\": ";

  private static void keepsTheExitContract(Path dir, String script, String store)
      throws IOException {
    Path file = dir.resolve("script.json");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SpeedTradeCli.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "ledger",
            "run",
            file.toString(),
            "--store",
            store);
    assertThat(problem(new Outcome(code, out.toString(), err.toString())))
        .as(err.toString())
        .isNull();
  }

  @Test
  void aPendingTransferAfterTheYear2262() throws IOException {
    keepsTheExitContract(
        Files.createTempDirectory("fuzz"),
        TWO_ACCOUNTS
            + "[{\"advanceSeconds\": 9000000000},"
            + " {\"transfers\": [{\"id\": \"t1\", \"debit\": \"a\", \"credit\": \"b\", \"amount\": 5,"
            + " \"code\": \"c\", \"pending\": true, \"timeout\": 60}]}]}",
        "memory");
    keepsTheExitContract(
        Files.createTempDirectory("fuzz"),
        TWO_ACCOUNTS
            + "[{\"advanceSeconds\": 9000000000},"
            + " {\"transfers\": [{\"id\": \"t1\", \"debit\": \"a\", \"credit\": \"b\", \"amount\": 5,"
            + " \"code\": \"c\", \"pending\": true, \"timeout\": 60}]}]}",
        "h2");
  }

  @Test
  void aLinkedPendingTransferWithATimeoutOfLongMaxValue() throws IOException {
    keepsTheExitContract(
        Files.createTempDirectory("fuzz"),
        TWO_ACCOUNTS
            + "[{\"linked\": true, \"transfers\": ["
            + "{\"id\": \"t1\", \"debit\": \"a\", \"credit\": \"b\", \"amount\": 5, \"code\": \"c\","
            + " \"pending\": true, \"timeout\": 9223372036854775807},"
            + " {\"id\": \"t2\", \"debit\": \"a\", \"credit\": \"b\", \"amount\": 5, \"code\": \"c\"}]}]}",
        "memory");
  }

  @Test
  void theMostMetadataOfNonAsciiCharactersOnH2() throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int i = 0; i < 16; i++) {
      metadata.put("k" + i, "中".repeat(512));
    }
    keepsTheExitContract(
        Files.createTempDirectory("fuzz"),
        TWO_ACCOUNTS
            + "[{\"transfers\": [{\"id\": \"t1\","
            + " \"debit\": \"a\", \"credit\": \"b\", \"amount\": 5, \"code\": \"c\", \"metadata\": "
            + json(metadata)
            + "}]}]}",
        "h2");
  }

  private record Outcome(int code, String out, String err) {}

  private static void check(
      String name,
      Mutant mutant,
      List<String> failures,
      Map<Integer, Integer> exits,
      String... args)
      throws IOException {
    check(name, mutant, failures, exits, null, args);
  }

  /** Runs {@code args}, {@code orders run} on {@code ordersTargets} unless that is null. */
  private static void check(
      String name,
      Mutant mutant,
      List<String> failures,
      Map<Integer, Integer> exits,
      OrdersScriptTarget.@Nullable Factory ordersTargets,
      String... args)
      throws IOException {
    Future<Outcome> future =
        runner.submit(
            () -> {
              StringWriter out = new StringWriter();
              StringWriter err = new StringWriter();
              int code =
                  ordersTargets == null
                      ? SpeedTradeCli.run(new PrintWriter(out), new PrintWriter(err), args)
                      : SpeedTradeCli.run(
                          new PrintWriter(out), new PrintWriter(err), ordersTargets, args);
              return new Outcome(code, out.toString(), err.toString());
            });
    String problem;
    Outcome outcome = null;
    try {
      outcome = future.get(PER_RUN_SECONDS, TimeUnit.SECONDS);
      problem = problem(outcome);
      exits.merge(outcome.code(), 1, Integer::sum);
    } catch (TimeoutException e) {
      future.cancel(true);
      problem = "took longer than " + PER_RUN_SECONDS + " s";
    } catch (ExecutionException e) {
      problem = "threw " + e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (problem != null) {
      String report =
          name
              + " ("
              + String.join(" ", args).replaceAll("\\S*/", "")
              + "; "
              + mutant.steps()
              + "): "
              + problem
              + (outcome == null
                  ? ""
                  : " | exit "
                      + outcome.code()
                      + " | err: "
                      + abbreviate(outcome.err())
                      + " | out: "
                      + abbreviate(outcome.out()));
      failures.add(report);
      Path saved = FAILURES.resolve(name + ".json");
      Files.createDirectories(saved.getParent());
      Files.writeString(saved, mutant.text(), StandardCharsets.UTF_8);
      Files.writeString(saved.resolveSibling(name + ".txt"), report, StandardCharsets.UTF_8);
    }
  }

  /** Why an outcome breaks the exit contract, or null when it keeps it. */
  static String problem(Outcome outcome) {
    String err = outcome.err();
    if (err.contains("\tat ") || err.contains("Exception in thread")) {
      return "a stack trace on standard error";
    }
    if (outcome.code() == SpeedTradeCli.OK) {
      if (!err.isEmpty()) {
        return "exit 0 with something on standard error";
      }
      return isOneJsonValue(outcome.out()) ? null : "exit 0 without valid JSON on standard output";
    }
    if (outcome.code() == SpeedTradeCli.USAGE) {
      if (!outcome.out().isEmpty()) {
        return "exit 2 with something on standard output";
      }
      if (!err.startsWith("speedtrade: ")
          || err.lines().count() != 1
          || !err.endsWith(System.lineSeparator())) {
        return "exit 2 without exactly one line on standard error";
      }
      return null;
    }
    return "exit " + outcome.code();
  }

  private static boolean isOneJsonValue(String text) {
    try (JsonParser parser = new ObjectMapper().createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static String abbreviate(String text) {
    String flat = text.replace("\n", "\\n");
    return flat.length() <= 300
        ? flat
        : flat.substring(0, 300) + "...(" + flat.length() + " chars)";
  }

  private static List<String> corpus(String resource) throws IOException, URISyntaxException {
    Path dir = Path.of(ScriptRunnerFuzzTest.class.getResource(resource).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> texts = new ArrayList<>();
      for (Path file :
          files
              .filter(
                  f -> f.toString().endsWith(".json") && !f.toString().endsWith(".expected.json"))
              .sorted()
              .toList()) {
        texts.add(Files.readString(file, StandardCharsets.UTF_8));
      }
      assertThat(texts).isNotEmpty();
      return texts;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Mutation

  /** A mutated file and what was done to it. */
  record Mutant(String text, String steps) {}

  /** A JSON value that can be edited, with members in order and repeats allowed. */
  private sealed interface Node permits Obj, Arr, Lit {}

  private static final class Member {
    String key;
    Node value;

    Member(String key, Node value) {
      this.key = key;
      this.value = value;
    }
  }

  private record Obj(List<Member> members) implements Node {}

  private record Arr(List<Node> items) implements Node {}

  /** Any JSON text, written as is: a number, a quoted string, a literal, or something malformed. */
  private record Lit(String json) implements Node {}

  /**
   * The keys a mutation renames to or adds, and the numbers that keep a value a number (to reach
   * past the parser into the planner and the ledger).
   */
  record Palette(List<String> keys, List<String> numbers) {}

  static final Palette PLAN =
      new Palette(
          List.of(
              "account",
              "equity",
              "cash",
              "positions",
              "symbol",
              "qty",
              "settings",
              "orderType",
              "limitPercent",
              "fallbackTicker",
              "cashReserveMode",
              "cashReserveAmount",
              "pairedTickers",
              "minTradePercent",
              "minutesBeforeClose",
              "enabled",
              "investments",
              "botId",
              "amount",
              "weightMode",
              "allocations",
              "error",
              "prices",
              "ask",
              "last",
              "close",
              "SPY",
              "CASH",
              "",
              " ",
              "ünï",
              "x".repeat(300)),
          List.of(
              "0",
              "0.5",
              "1",
              "1.000001",
              "1.0000011",
              "0.99",
              "0.3333333333333333333333333333333333333",
              "2",
              "10",
              "60",
              "100",
              "101",
              "1000000",
              "99999999999999.99",
              "999999999999999",
              "1e15",
              "1e12",
              "999999999999.999",
              "1e-60",
              "1e-9",
              "0.0000000001",
              "-0.01",
              "-5",
              "0.0001",
              "1e-34",
              "1e-35"));

  static final Palette LEDGER =
      new Palette(
          List.of(
              "accounts",
              "steps",
              "id",
              "currency",
              "type",
              "flags",
              "transfers",
              "linked",
              "advanceSeconds",
              "debit",
              "credit",
              "amount",
              "code",
              "pending",
              "timeout",
              "postPendingId",
              "voidPendingId",
              "metadata",
              "ref",
              "",
              "ünï",
              "k".repeat(100)),
          List.of(
              "0",
              "1",
              "-1",
              "60",
              "9223372036854775807",
              "9223372036854775806",
              "4611686018427387904",
              "-9223372036854775808",
              "1.5",
              "1e3",
              "7000000000",
              "9000000000",
              "31556889864403199"));

  static final Palette ORDERS =
      new Palette(
          List.of(
              "clock",
              "marketOpen",
              "tradingState",
              "accounts",
              "instruments",
              "steps",
              "id",
              "cash",
              "limits",
              "maxOrderQty",
              "maxOrderNotional",
              "maxPositionQty",
              "blockedSymbols",
              "tradingWindow",
              "rateLimit",
              "orders",
              "seconds",
              "symbol",
              "assetClass",
              "mark",
              "tradable",
              "fractionable",
              "shortable",
              "op",
              "account",
              "clientOrderId",
              "newClientOrderId",
              "side",
              "type",
              "tif",
              "qty",
              "notional",
              "limitPrice",
              "stopPrice",
              "execId",
              "price",
              "reason",
              "open",
              "state",
              "",
              "ünï",
              "k".repeat(100)),
          List.of(
              "0",
              "1",
              "-1",
              "0.01",
              "1.001",
              "60",
              "190.00",
              "0.123456789",
              "0.1234567891",
              "2147483647",
              "2147483648",
              "9223372036854775807",
              "7447021199",
              "1.5",
              "1e3"));

  /** Replacement values: JSON text. */
  private static final List<String> VALUES = values();

  private static List<String> values() {
    List<String> values =
        new ArrayList<>(
            List.of(
                // numbers
                "1e1000000000",
                "-1e1000000000",
                "1e-1000000000",
                "1E+400",
                "1e308",
                "-1",
                "0",
                "-0",
                "0.5",
                "1.5",
                "2",
                "100",
                "1000000000000000",
                "1e15",
                "1e16",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775808",
                "-9223372036854775809",
                "123456789012345678901234567890",
                "0.000000001",
                "1e-61",
                "3.141592653589793238462643383279502884197169399375105820974944",
                "60",
                "61",
                "10.01",
                "9".repeat(900),
                "0." + "0".repeat(900) + "1",
                "1" + "0".repeat(2000),
                // numbers in strings
                "\"1e1000000000\"",
                "\"-1e1000000000\"",
                "\"1e-1000000000\"",
                "\"1e15\"",
                "\"100\"",
                "\"0.5\"",
                "\"-0.5\"",
                "\" 12 \"",
                "\"NaN\"",
                "\"Infinity\"",
                "\"-\"",
                "\"0x10\"",
                "\"1_000\"",
                "\"1,5\"",
                "\"" + "9".repeat(100_000) + "\"",
                "\"0." + "0".repeat(5000) + "1\"",
                // other strings
                "\"\"",
                "\"   \"",
                "\"abc\"",
                "\"limit\"",
                "\"MARKET\"",
                "\"percent\"",
                "\"dollars\"",
                "\"CASH\"",
                "\"SGOV\"",
                "\"SPY\"",
                "\"DEBITS_MUST_NOT_EXCEED_CREDITS\"",
                "\"CREDITS_MUST_NOT_EXCEED_DEBITS\"",
                "\"USD\"",
                "\"usd\"",
                "\"XXX\"",
                "\"t1\"",
                "\"t2\"",
                "\"bank\"",
                "\"ünïcödé\"",
                "\"\\u0000\"",
                "\"😀\"",
                "\"\\ud800\"",
                "\"a\\u2028b\"",
                "\"a\\nb\\r\\nc\"",
                "\"שלום\"",
                "\"" + "x".repeat(10_000) + "\"",
                "\"" + "é".repeat(600) + "\"",
                // literals and structures
                "null",
                "true",
                "false",
                "{}",
                "[]",
                "{\"a\": {\"b\": [1, {\"c\": null}]}}",
                "[[[[]]]]",
                "[\"SPY\", \"SH\"]",
                "{\"error\": \"down\"}",
                "{\"SPY\": \"0.5\"}",
                "[1, 2, 3]",
                "[".repeat(3000) + "]".repeat(3000)));
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int i = 0; i < 17; i++) {
      metadata.put("k" + i, "v".repeat(i * 40));
    }
    values.add(json(metadata));
    // The most metadata a transfer takes: 16 values of 512 characters, ASCII or not.
    for (String character : List.of("v", "é", "中")) {
      Map<String, String> full = new LinkedHashMap<>();
      for (int i = 0; i < 16; i++) {
        full.put("k" + i, character.repeat(512));
      }
      values.add(json(full));
    }
    return List.copyOf(values);
  }

  private static String json(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Mutant mutate(String text, Random random, Palette palette) {
    Node root;
    try {
      root = node(JsonTree.parse(text));
    } catch (UserInputException e) {
      root = null;
    }
    List<String> steps = new ArrayList<>();
    if (root != null) {
      // Numbers changed in place keep a script well formed, so they reach the planner and the
      // ledger.
      int numbers = random.nextInt(3);
      for (int i = 0; i < numbers; i++) {
        String changed = changeANumber(root, random, palette);
        if (changed != null) {
          steps.add(changed);
        }
      }
      int count =
          random.nextInt(3) == 0
              ? 2 + random.nextInt(2)
              : steps.isEmpty() || random.nextBoolean() ? 1 : 0;
      for (int i = 0; i < count; i++) {
        steps.add(mutateOnce(root, random, palette));
      }
      text = write(root);
    }
    if (root == null || random.nextInt(8) == 0) {
      int at = text.isEmpty() ? 0 : random.nextInt(text.length());
      switch (random.nextInt(3)) {
        case 0 -> {
          text = text.substring(0, at);
          steps.add("truncated at " + at);
        }
        case 1 -> {
          text = text.substring(0, at) + text.substring(Math.min(text.length(), at + 1));
          steps.add("deleted the character at " + at);
        }
        default -> {
          String chars = "{}[],:\"\\ 0e-.n";
          char inserted = chars.charAt(random.nextInt(chars.length()));
          text = text.substring(0, at) + inserted + text.substring(at);
          steps.add("inserted '" + inserted + "' at " + at);
        }
      }
    }
    return new Mutant(text, String.join(", ", steps));
  }

  /**
   * A value to put in place of {@code current}: half the time one of its kind (a number for a
   * number, a string of the same document for a string, the other boolean), else anything.
   */
  private static String replacement(Node current, Node root, Random random, Palette palette) {
    if (random.nextBoolean() && current instanceof Lit literal) {
      String text = literal.json();
      String perturbed = perturb(current, random);
      if (perturbed != null) {
        if (random.nextBoolean()) {
          return perturbed;
        }
        String number = pick(palette.numbers(), random);
        return text.startsWith("\"") ? "\"" + number + "\"" : number;
      }
      if (text.startsWith("\"")) {
        List<String> strings = new ArrayList<>();
        strings(root, strings);
        return pick(strings, random);
      }
      if (text.equals("true") || text.equals("false")) {
        return String.valueOf(!Boolean.parseBoolean(text));
      }
    }
    return pick(VALUES, random);
  }

  private static void strings(Node node, List<String> strings) {
    if (node instanceof Obj object) {
      object.members().forEach(member -> strings(member.value, strings));
    } else if (node instanceof Arr array) {
      array.items().forEach(item -> strings(item, strings));
    } else if (((Lit) node).json().startsWith("\"")) {
      strings.add(((Lit) node).json());
    }
  }

  private static String mutateOnce(Node root, Random random, Palette palette) {
    if (random.nextInt(3) == 0) {
      String changed = changeANumber(root, random, palette);
      if (changed != null) {
        return changed;
      }
    }
    List<Node> containers = new ArrayList<>();
    collect(root, containers);
    Node target = containers.get(random.nextInt(containers.size()));
    String value = VALUES.get(random.nextInt(VALUES.size()));
    if (target instanceof Obj object) {
      List<Member> members = object.members();
      if (members.isEmpty()) {
        String key = pick(palette.keys(), random);
        members.add(new Member(key, new Lit(value)));
        return "added " + key + "=" + abbreviate(value);
      }
      int i = random.nextInt(members.size());
      Member member = members.get(i);
      switch (random.nextInt(9)) {
        case 0 -> {
          members.remove(i);
          return "dropped " + member.key;
        }
        case 1 -> {
          members.add(
              i + 1, new Member(member.key, random.nextBoolean() ? member.value : new Lit(value)));
          return "repeated " + member.key;
        }
        case 2 -> {
          Member other = members.get(random.nextInt(members.size()));
          Node swapped = member.value;
          member.value = other.value;
          other.value = swapped;
          return "swapped " + member.key + " and " + other.key;
        }
        case 3 -> {
          String key = pick(palette.keys(), random);
          String old = member.key;
          member.key = key;
          return "renamed " + old + " to " + abbreviate(key);
        }
        case 4 -> {
          String key = pick(palette.keys(), random);
          String added = random.nextBoolean() ? value : pick(palette.numbers(), random);
          members.add(random.nextInt(members.size() + 1), new Member(key, new Lit(added)));
          return "added " + abbreviate(key) + "=" + abbreviate(added);
        }
        default -> {
          String changed = replacement(member.value, root, random, palette);
          member.value = new Lit(changed);
          return member.key + " to " + abbreviate(changed);
        }
      }
    }
    List<Node> items = ((Arr) target).items();
    if (items.isEmpty()) {
      items.add(new Lit(value));
      return "added item " + abbreviate(value);
    }
    int i = random.nextInt(items.size());
    switch (random.nextInt(6)) {
      case 0 -> {
        items.remove(i);
        return "dropped item " + i;
      }
      case 1 -> {
        items.add(i, items.get(i));
        return "repeated item " + i;
      }
      case 2 -> {
        int j = random.nextInt(items.size());
        Node swapped = items.get(i);
        items.set(i, items.get(j));
        items.set(j, swapped);
        return "swapped items " + i + " and " + j;
      }
      case 3 -> {
        items.add(i, new Lit(value));
        return "inserted item " + abbreviate(value);
      }
      default -> {
        String changed = replacement(items.get(i), root, random, palette);
        items.set(i, new Lit(changed));
        return "item " + i + " to " + abbreviate(changed);
      }
    }
  }

  /**
   * Replaces one number of the document (a JSON number or a string holding one) with one of the
   * palette's or a perturbed one, keeping it quoted or not; null when the document has no number.
   */
  private static String changeANumber(Node root, Random random, Palette palette) {
    List<Member> members = new ArrayList<>();
    numbers(root, members);
    if (members.isEmpty()) {
      return null;
    }
    Member member = members.get(random.nextInt(members.size()));
    String changed = random.nextBoolean() ? perturb(member.value, random) : null;
    if (changed == null) {
      String number = pick(palette.numbers(), random);
      changed = ((Lit) member.value).json().startsWith("\"") ? "\"" + number + "\"" : number;
    }
    member.value = new Lit(changed);
    return member.key + " to " + abbreviate(changed);
  }

  /** The members whose value is a number, in order. */
  private static void numbers(Node node, List<Member> members) {
    if (node instanceof Obj object) {
      for (Member member : object.members()) {
        if (member.value instanceof Lit && perturb(member.value, new Random(0)) != null) {
          members.add(member);
        }
        numbers(member.value, members);
      }
    } else if (node instanceof Arr array) {
      array.items().forEach(item -> numbers(item, members));
    }
  }

  /** A number scaled, negated or moved a little; null when {@code node} is not a number. */
  private static String perturb(Node node, Random random) {
    if (!(node instanceof Lit literal)) {
      return null;
    }
    String text = literal.json();
    boolean quoted = text.startsWith("\"");
    BigDecimal number;
    try {
      number = new BigDecimal(quoted ? text.substring(1, text.length() - 1) : text);
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return null;
    }
    BigDecimal changed;
    try {
      changed =
          switch (random.nextInt(4)) {
            case 0 -> number.negate();
            case 1 -> number.scaleByPowerOfTen(random.nextInt(41) - 20);
            case 2 -> number.add(new BigDecimal("0.5"));
            default ->
                number.scaleByPowerOfTen(random.nextBoolean() ? 1_000_000_000 : -1_000_000_000);
          };
    } catch (ArithmeticException e) {
      return null;
    }
    return quoted ? "\"" + changed + "\"" : changed.toString();
  }

  private static String pick(List<String> keys, Random random) {
    return keys.get(random.nextInt(keys.size()));
  }

  private static void collect(Node node, List<Node> containers) {
    if (node instanceof Obj object) {
      containers.add(object);
      object.members().forEach(member -> collect(member.value, containers));
    } else if (node instanceof Arr array) {
      containers.add(array);
      array.items().forEach(item -> collect(item, containers));
    }
  }

  private static Node node(JsonTree tree) {
    if (tree instanceof JsonTree.Obj object) {
      List<Member> members = new ArrayList<>();
      object
          .members()
          .forEach(member -> members.add(new Member(member.getKey(), node(member.getValue()))));
      return new Obj(members);
    }
    if (tree instanceof JsonTree.Arr array) {
      List<Node> items = new ArrayList<>();
      array.items().forEach(item -> items.add(node(item)));
      return new Arr(items);
    }
    if (tree instanceof JsonTree.Str string) {
      return new Lit(json(string.value()));
    }
    if (tree instanceof JsonTree.Num number) {
      return new Lit(number.value().toString());
    }
    if (tree instanceof JsonTree.Bool bool) {
      return new Lit(String.valueOf(bool.value()));
    }
    return new Lit("null");
  }

  private static String write(Node node) {
    StringBuilder text = new StringBuilder();
    write(node, text);
    return text.toString();
  }

  private static void write(Node node, StringBuilder text) {
    if (node instanceof Obj object) {
      text.append('{');
      for (int i = 0; i < object.members().size(); i++) {
        Member member = object.members().get(i);
        text.append(i == 0 ? "" : ", ").append(json(member.key)).append(": ");
        write(member.value, text);
      }
      text.append('}');
    } else if (node instanceof Arr array) {
      text.append('[');
      for (int i = 0; i < array.items().size(); i++) {
        text.append(i == 0 ? "" : ", ");
        write(array.items().get(i), text);
      }
      text.append(']');
    } else {
      text.append(((Lit) node).json());
    }
  }
}
