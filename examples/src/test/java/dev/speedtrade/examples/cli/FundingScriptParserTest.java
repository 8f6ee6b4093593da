package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.examples.cli.FundingScript.Advance;
import dev.speedtrade.examples.cli.FundingScript.AutoInvest;
import dev.speedtrade.examples.cli.FundingScript.Bank;
import dev.speedtrade.examples.cli.FundingScript.BuyFill;
import dev.speedtrade.examples.cli.FundingScript.Card;
import dev.speedtrade.examples.cli.FundingScript.DepositCreate;
import dev.speedtrade.examples.cli.FundingScript.DepositEvent;
import dev.speedtrade.examples.cli.FundingScript.DepositEventType;
import dev.speedtrade.examples.cli.FundingScript.Instrument;
import dev.speedtrade.examples.cli.FundingScript.Kyc;
import dev.speedtrade.examples.cli.FundingScript.Op;
import dev.speedtrade.examples.cli.FundingScript.PayoutEventType;
import dev.speedtrade.examples.cli.FundingScript.Settings;
import dev.speedtrade.examples.cli.FundingScript.Step;
import dev.speedtrade.examples.cli.FundingScript.User;
import dev.speedtrade.examples.cli.FundingScript.WithdrawalCreate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FundingScriptParser}: the worked scenarios, what a well-formed script becomes, and every
 * malformed-script rule of the funding contract, each named by the path of its field.
 */
class FundingScriptParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path scenarioDir() throws URISyntaxException {
    return Path.of(FundingScriptParserTest.class.getResource("/funding-scenarios").toURI());
  }

  private static FundingScript scenario(String name) throws IOException, URISyntaxException {
    return FundingScript.parse(
        Files.readString(scenarioDir().resolve(name), StandardCharsets.UTF_8));
  }

  static Stream<Arguments> scenarios() throws IOException, URISyntaxException {
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(scenarioDir())) {
      for (Path script :
          files
              .filter(f -> !f.getFileName().toString().endsWith(".expected.json"))
              .sorted()
              .toList()) {
        String name = script.getFileName().toString();
        assertThat(script.resolveSibling(name.replace(".json", ".expected.json"))).exists();
        cases.add(Arguments.of(name, script));
      }
    }
    assertThat(cases).hasSize(4);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyWorkedScenarioParses(String name, Path script) throws IOException {
    FundingScript parsed = FundingScript.parse(Files.readString(script, StandardCharsets.UTF_8));

    assertThat(parsed.users()).isNotEmpty();
    assertThat(parsed.steps()).isNotEmpty();
  }

  @Test
  void theDepositScenarioKeepsItsSettingAndFillsInTheDefaults() throws Exception {
    FundingScript script = scenario("01-deposit-confirmed-amount-and-replay.json");

    assertThat(script.clock()).isEqualTo(Instant.parse("2026-03-02T15:00:00Z"));
    assertThat(script.settings().kycDepositLimit()).hasToString("500.00");
    assertThat(script.settings().instantFeeRate()).hasToString("0.0175");
    assertThat(script.settings().liquidityBuffer()).hasToString("0.10");
    assertThat(script.settings().depositMax()).hasToString("50000.00");
    assertThat(script.settings().autoApproveLimit()).isNull();
    assertThat(script.users())
        .containsExactly(new User("alice", Kyc.APPROVED, null), new User("bob", Kyc.PENDING, null));
    assertThat(script.instruments()).isEmpty();
    assertThat(script.steps()).hasSize(15);
    assertThat(script.steps().get(2))
        .isEqualTo(
            new DepositEvent("ev2", "d1", DepositEventType.COMPLETED, new BigDecimal("990.50")));
    assertThat(script.steps().get(8))
        .isEqualTo(new DepositEvent("ev5", "d2", DepositEventType.FAILED, null));
    assertThat(script.steps().get(12))
        .isEqualTo(new DepositCreate("alice", "d3", new BigDecimal("25.005")));
    assertThat(script.steps().get(14))
        .isEqualTo(new DepositEvent("ev7", "d3", DepositEventType.EXPIRED, null));
  }

  @Test
  void theSettlementScenarioHasACardAndAdvancesToInstants() throws Exception {
    FundingScript script = scenario("02-t1-weekend-holiday-instant.json");

    assertThat(script.settings()).isEqualTo(Settings.DEFAULTS);
    assertThat(script.instruments())
        .containsExactly(new Instrument("AAPL", AssetClass.US_EQUITY, new BigDecimal("200.00")));
    assertThat(script.steps()).hasSize(12);
    assertThat(script.steps().get(3))
        .isEqualTo(
            new FundingScript.SellFill(
                "carol", "x2", "AAPL", new BigDecimal("4"), new BigDecimal("210.00")));
    assertThat(script.steps().get(4))
        .isEqualTo(
            new FundingScript.WithdrawInstant(
                "carol", "w1", new BigDecimal("500.00"), new Card("4242")));
    assertThat(script.steps().get(5))
        .isEqualTo(new Advance(null, Instant.parse("2026-01-19T15:00:00Z")));
    assertThat(script.steps().get(6)).isEqualTo(new FundingScript.Settle());
    assertThat(script.steps().get(11))
        .isEqualTo(new FundingScript.PayoutEvent("p1", "w1", PayoutEventType.PAID));
  }

  @Test
  void theReviewedScenarioHasBanksReviewersAndItsAutoApproveLimit() throws Exception {
    FundingScript script = scenario("03-reviewed-withdrawal-shortfall-clabe.json");

    assertThat(script.settings().autoApproveLimit()).isEqualTo(new BigDecimal("100.00"));
    assertThat(script.settings().instantDailyLimit()).hasToString("5000.00");
    assertThat(script.steps()).hasSize(18);
    assertThat(((WithdrawalCreate) script.steps().get(3)).destination())
        .isEqualTo(new Bank("002010077777777779"));
    assertThat(((WithdrawalCreate) script.steps().get(12)).destination())
        .isEqualTo(new Card("1881"));
    assertThat(script.steps().get(6)).isEqualTo(new FundingScript.WithdrawApprove("w1", "ops-1"));
    assertThat(script.steps().get(7)).isEqualTo(new FundingScript.WithdrawProcess("w1"));
    assertThat(script.steps().get(13)).isEqualTo(new FundingScript.WithdrawCancel("w3"));
    assertThat(script.steps().get(15)).isEqualTo(new FundingScript.WithdrawReject("w4", "ops-2"));
    assertThat(script.steps().get(17)).isEqualTo(new FundingScript.LiquidityReport());
  }

  @Test
  void theAutoInvestScenarioHasRankedListsAndOrderFills() throws Exception {
    FundingScript script = scenario("04-auto-invest-buffer-harmonic.json");

    assertThat(script.instruments())
        .extracting(Instrument::symbol)
        .containsExactly("SPY", "BIL", "NVDA", "MSFT", "AAPL");
    assertThat(script.steps()).hasSize(10);
    assertThat(script.steps().get(2))
        .isEqualTo(new AutoInvest("erin", "ai1", new BigDecimal("800.00"), List.of()));
    assertThat(script.steps().get(3))
        .isEqualTo(
            new AutoInvest(
                "erin", "ai2", new BigDecimal("500.00"), List.of("NVDA", "MSFT", "AAPL")));
    assertThat(script.steps().get(4))
        .isEqualTo(
            new BuyFill(
                "erin", "x1", "SPY", new BigDecimal("0.95"), new BigDecimal("500.00"), "ai1:SPY"));
    assertThat(script.steps().get(6)).isEqualTo(new FundingScript.OrderCancel("ai2:AAPL"));
  }

  // ---------------------------------------------------------------------------------------------
  // Scripts to vary.

  /** JSON written with single quotes, for legibility. */
  private static String j(String text) {
    return text.replace('\'', '"');
  }

  private static final String CLOCK = "2026-03-02T15:00:00Z";
  private static final String USER = j("{'id': 'dan', 'kyc': 'APPROVED'}");
  private static final String INSTRUMENT =
      j("{'symbol': 'SPY', 'assetClass': 'us_equity', 'mark': '500.00'}");
  private static final String SETTINGS = j("{'autoApproveLimit': '100.00'}");
  private static final String DEPOSIT_CREATE =
      j("{'op': 'depositCreate', 'user': 'dan', 'depositId': 'd1', 'amount': '100.00'}");
  private static final String DEPOSIT_EVENT =
      j(
          "{'op': 'depositEvent', 'eventId': 'e1', 'depositId': 'd1', 'type': 'completed',"
              + " 'confirmedAmount': '99.50'}");
  private static final String BUY_FILL =
      j(
          "{'op': 'buyFill', 'user': 'dan', 'execId': 'x1', 'symbol': 'SPY', 'qty': '1',"
              + " 'price': '500.00', 'orderId': 'ai1:SPY'}");
  private static final String SELL_FILL =
      j(
          "{'op': 'sellFill', 'user': 'dan', 'execId': 'x2', 'symbol': 'SPY', 'qty': '0.5',"
              + " 'price': '510.00'}");
  private static final String ORDER_CANCEL = j("{'op': 'orderCancel', 'orderId': 'ai1:SPY'}");
  private static final String WITHDRAW_INSTANT =
      j(
          "{'op': 'withdrawInstant', 'user': 'dan', 'withdrawalId': 'w1', 'amount': '50.00',"
              + " 'destination': {'type': 'card', 'last4': '4242'}}");
  private static final String WITHDRAW_REQUEST =
      j(
          "{'op': 'withdrawRequest', 'user': 'dan', 'withdrawalId': 'w2', 'amount': '1200.00',"
              + " 'destination': {'type': 'bank', 'clabe': '002010077777777771'}}");
  private static final String WITHDRAW_APPROVE =
      j("{'op': 'withdrawApprove', 'withdrawalId': 'w2', 'reviewer': 'ops-1'}");
  private static final String WITHDRAW_REJECT =
      j("{'op': 'withdrawReject', 'withdrawalId': 'w2', 'reviewer': 'ops-2'}");
  private static final String WITHDRAW_CANCEL = j("{'op': 'withdrawCancel', 'withdrawalId': 'w2'}");
  private static final String WITHDRAW_PROCESS =
      j("{'op': 'withdrawProcess', 'withdrawalId': 'w2'}");
  private static final String PAYOUT_EVENT =
      j("{'op': 'payoutEvent', 'eventId': 'p1', 'withdrawalId': 'w1', 'type': 'failed'}");
  private static final String AUTO_INVEST =
      j(
          "{'op': 'autoInvest', 'user': 'dan', 'investId': 'ai1', 'amount': '80.00',"
              + " 'ranked': ['SPY', 'BIL']}");
  private static final String SET_KYC = j("{'op': 'setKyc', 'user': 'dan', 'status': 'REJECTED'}");
  private static final String MARK = j("{'op': 'mark', 'symbol': 'SPY', 'price': '505.25'}");
  private static final String ADVANCE = j("{'op': 'advance', 'seconds': 60}");
  private static final String SETTLE = j("{'op': 'settle'}");
  private static final String LIQUIDITY_REPORT = j("{'op': 'liquidityReport'}");

  /** A well-formed step of each op. */
  private static final Map<Op, String> STEPS = stepOfEachOp();

  private static Map<Op, String> stepOfEachOp() {
    Map<Op, String> steps = new LinkedHashMap<>();
    steps.put(Op.DEPOSIT_CREATE, DEPOSIT_CREATE);
    steps.put(Op.DEPOSIT_EVENT, DEPOSIT_EVENT);
    steps.put(Op.BUY_FILL, BUY_FILL);
    steps.put(Op.SELL_FILL, SELL_FILL);
    steps.put(Op.ORDER_CANCEL, ORDER_CANCEL);
    steps.put(Op.WITHDRAW_INSTANT, WITHDRAW_INSTANT);
    steps.put(Op.WITHDRAW_REQUEST, WITHDRAW_REQUEST);
    steps.put(Op.WITHDRAW_APPROVE, WITHDRAW_APPROVE);
    steps.put(Op.WITHDRAW_REJECT, WITHDRAW_REJECT);
    steps.put(Op.WITHDRAW_CANCEL, WITHDRAW_CANCEL);
    steps.put(Op.WITHDRAW_PROCESS, WITHDRAW_PROCESS);
    steps.put(Op.PAYOUT_EVENT, PAYOUT_EVENT);
    steps.put(Op.AUTO_INVEST, AUTO_INVEST);
    steps.put(Op.SET_KYC, SET_KYC);
    steps.put(Op.MARK, MARK);
    steps.put(Op.ADVANCE, ADVANCE);
    steps.put(Op.SETTLE, SETTLE);
    steps.put(Op.LIQUIDITY_REPORT, LIQUIDITY_REPORT);
    return steps;
  }

  /** The keys a step may leave out. */
  private static final Set<String> OPTIONAL_STEP_KEYS =
      Set.of("op", "orderId", "confirmedAmount", "ranked");

  /** A well-formed script with these users, instruments and steps. */
  private static String script(String users, String instruments, String... steps) {
    return "{\"clock\": \""
        + CLOCK
        + "\", \"settings\": "
        + SETTINGS
        + ", \"users\": ["
        + users
        + "], \"instruments\": ["
        + instruments
        + "], \"steps\": ["
        + String.join(", ", steps)
        + "]}";
  }

  private static String steps(String... steps) {
    return script(USER, INSTRUMENT, steps);
  }

  /** The script with a valid deposit first, so that the step at fault is {@code steps[1]}. */
  private static String secondStep(String step) {
    return steps(DEPOSIT_CREATE, step);
  }

  private static String topWith(String key, @Nullable String valueJson) {
    return with(steps(), key, valueJson);
  }

  private static String settingsWith(String key, String valueJson) {
    return topWith("settings", with(SETTINGS, key, valueJson));
  }

  private static String userWith(String key, @Nullable String valueJson) {
    return script(with(USER, key, valueJson), INSTRUMENT);
  }

  private static String instrumentWith(String key, @Nullable String valueJson) {
    return script(USER, with(INSTRUMENT, key, valueJson));
  }

  private static String destinationWith(String destination) {
    return secondStep(with(WITHDRAW_INSTANT, "destination", j(destination)));
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }

  /** {@code json} with {@code key} set to {@code valueJson}, or removed when that is null. */
  private static String with(String json, String key, @Nullable String valueJson) {
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

  // ---------------------------------------------------------------------------------------------
  // Well formed.

  @Test
  void everyOpReadsIntoItsRecord() {
    FundingScript script = FundingScript.parse(steps(STEPS.values().toArray(String[]::new)));

    assertThat(script.steps()).extracting(Step::op).containsExactlyElementsOf(STEPS.keySet());
    assertThat(script.steps())
        .containsExactly(
            new DepositCreate("dan", "d1", new BigDecimal("100.00")),
            new DepositEvent("e1", "d1", DepositEventType.COMPLETED, new BigDecimal("99.50")),
            new BuyFill("dan", "x1", "SPY", BigDecimal.ONE, new BigDecimal("500.00"), "ai1:SPY"),
            new FundingScript.SellFill(
                "dan", "x2", "SPY", new BigDecimal("0.5"), new BigDecimal("510.00")),
            new FundingScript.OrderCancel("ai1:SPY"),
            new FundingScript.WithdrawInstant(
                "dan", "w1", new BigDecimal("50.00"), new Card("4242")),
            new FundingScript.WithdrawRequest(
                "dan", "w2", new BigDecimal("1200.00"), new Bank("002010077777777771")),
            new FundingScript.WithdrawApprove("w2", "ops-1"),
            new FundingScript.WithdrawReject("w2", "ops-2"),
            new FundingScript.WithdrawCancel("w2"),
            new FundingScript.WithdrawProcess("w2"),
            new FundingScript.PayoutEvent("p1", "w1", PayoutEventType.FAILED),
            new AutoInvest("dan", "ai1", new BigDecimal("80.00"), List.of("SPY", "BIL")),
            new FundingScript.SetKyc("dan", Kyc.REJECTED),
            new FundingScript.Mark("SPY", new BigDecimal("505.25")),
            new Advance(60L, null),
            new FundingScript.Settle(),
            new FundingScript.LiquidityReport());
  }

  @Test
  void everyOpIsSpelledAsInTheSpec() {
    assertThat(List.of(Op.values()))
        .extracting(Op::spelling)
        .containsExactly(
            "depositCreate",
            "depositEvent",
            "buyFill",
            "sellFill",
            "orderCancel",
            "withdrawInstant",
            "withdrawRequest",
            "withdrawApprove",
            "withdrawReject",
            "withdrawCancel",
            "withdrawProcess",
            "payoutEvent",
            "autoInvest",
            "setKyc",
            "mark",
            "advance",
            "settle",
            "liquidityReport");
  }

  @Test
  void withoutOptionalPartsTheDefaultsAreThoseOfTheSpec() {
    FundingScript script =
        FundingScript.parse(
            j(
                "{'clock': '2026-03-02T15:00:00Z', 'users': [], 'steps': [{'op': 'buyFill',"
                    + " 'user': 'u', 'execId': 'x', 'symbol': 'S', 'qty': '1', 'price': '1'},"
                    + " {'op': 'autoInvest', 'user': 'u', 'investId': 'i', 'amount': '1'}]}"));

    assertThat(script.settings())
        .isEqualTo(
            new Settings(
                new BigDecimal("0.10"),
                new BigDecimal("0.0175"),
                new BigDecimal("5000.00"),
                new BigDecimal("1.00"),
                new BigDecimal("150.00"),
                new BigDecimal("1.00"),
                new BigDecimal("50000.00"),
                new BigDecimal("0.00"),
                null))
        .isEqualTo(Settings.DEFAULTS);
    assertThat(script.users()).isEmpty();
    assertThat(script.instruments()).isEmpty();
    assertThat(((BuyFill) script.steps().get(0)).orderId()).isNull();
    assertThat(((AutoInvest) script.steps().get(1)).ranked()).isEmpty();
  }

  @Test
  void everySettingGivenIsKeptAsWritten() {
    FundingScript script =
        FundingScript.parse(
            topWith(
                "settings",
                j(
                    "{'liquidityBuffer': '0', 'instantFeeRate': '0.999999999',"
                        + " 'instantDailyLimit': '0.000', 'instantFeeMin': '2.50',"
                        + " 'instantFeeMax': '2.5', 'depositMin': '10', 'depositMax': '10.00',"
                        + " 'kycDepositLimit': '007.10', 'autoApproveLimit': '0'}")));

    assertThat(script.settings())
        .isEqualTo(
            new Settings(
                new BigDecimal("0"),
                new BigDecimal("0.999999999"),
                new BigDecimal("0.000"),
                new BigDecimal("2.50"),
                new BigDecimal("2.5"),
                new BigDecimal("10"),
                new BigDecimal("10.00"),
                new BigDecimal("7.10"),
                BigDecimal.ZERO));
    assertThat(script.settings().kycDepositLimit()).hasToString("7.10");
  }

  @Test
  void aUsersOwnLimitIsKept() {
    FundingScript script = FundingScript.parse(userWith("instantDailyLimit", j("'1000.00'")));

    assertThat(script.users())
        .containsExactly(new User("dan", Kyc.APPROVED, new BigDecimal("1000.00")));
  }

  @Test
  void whatTheRulesAnswerWithACodeIsNotMalformed() {
    FundingScript script =
        FundingScript.parse(
            steps(
                with(DEPOSIT_CREATE, "amount", j("'-0.001'")),
                with(DEPOSIT_EVENT, "confirmedAmount", j("'0'")),
                with(with(SELL_FILL, "qty", j("'0'")), "price", j("'-1.0000000001'")),
                with(WITHDRAW_INSTANT, "amount", j("'25.005'")),
                with(WITHDRAW_REQUEST, "destination", j("{'type': 'bank', 'clabe': ''}")),
                with(AUTO_INVEST, "ranked", j("['ZZZ', 'A.B', 'BTC/USD', 'x-1']")),
                with(BUY_FILL, "orderId", j("' '")),
                with(SET_KYC, "user", j("'nobody'")),
                with(MARK, "symbol", j("'UNKNOWN'"))));

    assertThat(((DepositCreate) script.steps().get(0)).amount()).hasToString("-0.001");
    assertThat(((DepositEvent) script.steps().get(1)).confirmedAmount()).hasToString("0");
    assertThat(((WithdrawalCreate) script.steps().get(4)).destination()).isEqualTo(new Bank(""));
    assertThat(((AutoInvest) script.steps().get(5)).ranked())
        .containsExactly("ZZZ", "A.B", "BTC/USD", "x-1");
    assertThat(((BuyFill) script.steps().get(6)).orderId()).isEqualTo(" ");
  }

  @Test
  void idsAndSymbolsMayBeAsLongAsTheirForms() {
    String id = "a".repeat(64);
    String symbol = "S".repeat(20);
    FundingScript script =
        FundingScript.parse(
            script(
                with(USER, "id", quoted(id)),
                with(INSTRUMENT, "symbol", quoted(symbol)),
                with(DEPOSIT_CREATE, "depositId", quoted("A-z_0.9"))));

    assertThat(script.users().get(0).id()).isEqualTo(id);
    assertThat(script.instruments().get(0).symbol()).isEqualTo(symbol);
    assertThat(((DepositCreate) script.steps().get(0)).depositId()).isEqualTo("A-z_0.9");
  }

  @Test
  void aRepeatedKeyTakesItsLastValue() {
    FundingScript script =
        FundingScript.parse(
            j(
                "{'clock': 'not yet', 'users': [{'id': 'a', 'kyc': 'NONE', 'kyc': 'PENDING'}],"
                    + " 'steps': [{'op': 'settle', 'op': 'depositCreate', 'user': 'a',"
                    + " 'depositId': 'd1', 'amount': 5, 'amount': '7.00'}],"
                    + " 'clock': '2026-03-02T15:00:00Z'}"));

    assertThat(script.clock()).isEqualTo(Instant.parse("2026-03-02T15:00:00Z"));
    assertThat(script.users()).containsExactly(new User("a", Kyc.PENDING, null));
    assertThat(script.steps())
        .containsExactly(new DepositCreate("a", "d1", new BigDecimal("7.00")));
  }

  @Test
  void aRepeatedKeyWhoseLastValueIsMalformedIsMalformed() {
    assertThatThrownBy(
            () ->
                FundingScript.parse(
                    j(
                        "{'clock': '2026-03-02T15:00:00Z', 'users': [], 'steps': [],"
                            + " 'clock': '2026-02-30T00:00:00Z'}")))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("clock: ");
  }

  @Test
  void advancesMoveTheClockForwardToItsLastSecond() {
    FundingScript script =
        FundingScript.parse(
            steps(
                j("{'op': 'advance', 'seconds': 0}"),
                j("{'op': 'advance', 'to': '" + CLOCK + "'}"),
                j("{'op': 'advance', 'seconds': 86400}"),
                j("{'op': 'advance', 'to': '2026-03-03T15:00:00Z'}"),
                j("{'op': 'advance', 'to': '9999-12-31T23:59:58Z'}"),
                j("{'op': 'advance', 'seconds': 1}")));

    Instant clock = script.clock();
    for (Step step : script.steps()) {
      clock = ((Advance) step).after(clock);
    }
    assertThat(clock).isEqualTo(FundingScriptParser.LATEST_CLOCK);
    assertThat(script.steps().get(2)).isEqualTo(new Advance(86_400L, null));
  }

  @Test
  void oneAdvanceMayTakeTheClockToItsLastSecond() {
    FundingScript script =
        FundingScript.parse(steps(j("{'op': 'advance', 'seconds': 251629837199}")));

    assertThat(((Advance) script.steps().get(0)).after(script.clock()))
        .isEqualTo(FundingScriptParser.LATEST_CLOCK);
  }

  @Test
  void theClockMayStartOnAnyRealSecondFromYearOne() {
    assertThat(FundingScript.parse(topWith("clock", quoted("0001-01-01T00:00:00Z"))).clock())
        .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    assertThat(FundingScript.parse(topWith("clock", quoted("2028-02-29T23:59:59Z"))).clock())
        .isEqualTo(Instant.parse("2028-02-29T23:59:59Z"));
    assertThat(FundingScript.parse(topWith("clock", quoted("9999-12-31T23:59:59Z"))).clock())
        .isEqualTo(FundingScriptParser.LATEST_CLOCK);
  }

  // ---------------------------------------------------------------------------------------------
  // Malformed: one case per rule of the spec (several where a rule has several forms).

  private static Arguments malformed(String what, String script, String message) {
    return Arguments.of(what, script, message);
  }

  static Stream<Arguments> malformedScripts() {
    List<Arguments> cases = new ArrayList<>();
    // unreadable JSON
    cases.add(malformed("not JSON", "{", "script is not valid JSON"));
    cases.add(malformed("an empty text", "", "script: must be a JSON object"));
    cases.add(malformed("a list, not an object", "[]", "script: must be a JSON object"));
    cases.add(malformed("content after the script", steps() + " {}", "script is not valid JSON"));
    cases.add(
        malformed(
            "single quotes",
            "{'clock': '2026-03-02T15:00:00Z', 'users': [], 'steps': []}",
            "script is not valid JSON"));

    // unknown keys and ops
    cases.add(malformed("an unknown top-level key", topWith("accounts", "[]"), "accounts:"));
    cases.add(
        malformed(
            "an unknown setting",
            settingsWith("feeRate", j("'0.01'")),
            "settings.feeRate: unknown key"));
    cases.add(malformed("an unknown user key", userWith("cash", j("'1'")), "users[0].cash:"));
    cases.add(
        malformed(
            "an unknown instrument key",
            instrumentWith("tradable", "true"),
            "instruments[0].tradable: unknown key"));
    cases.add(
        malformed(
            "a key of another op",
            secondStep(with(DEPOSIT_CREATE, "eventId", j("'e1'"))),
            "steps[1].eventId: unknown key"));
    cases.add(
        malformed(
            "an orderId on a sellFill",
            secondStep(with(SELL_FILL, "orderId", j("'o1'"))),
            "steps[1].orderId: unknown key"));
    cases.add(
        malformed(
            "a user on settle",
            secondStep(with(SETTLE, "user", j("'dan'"))),
            "steps[1].user: unknown key"));
    cases.add(
        malformed(
            "a field on liquidityReport",
            secondStep(with(LIQUIDITY_REPORT, "at", j("'now'"))),
            "steps[1].at: unknown key"));
    cases.add(
        malformed(
            "an unknown destination key",
            destinationWith("{'type': 'card', 'last4': '4242', 'name': 'Dan'}"),
            "steps[1].destination.name: unknown key"));
    cases.add(
        malformed(
            "a last4 on a bank",
            destinationWith("{'type': 'bank', 'clabe': '002010077777777771', 'last4': '7771'}"),
            "steps[1].destination.last4: unknown key"));
    cases.add(
        malformed(
            "a clabe on a card",
            destinationWith("{'type': 'card', 'last4': '4242', 'clabe': '002010077777777771'}"),
            "steps[1].destination.clabe: unknown key"));
    cases.add(
        malformed(
            "an unknown op",
            secondStep(j("{'op': 'withdraw', 'withdrawalId': 'w1'}")),
            "steps[1].op: unknown op 'withdraw'"));
    cases.add(
        malformed(
            "an op spelled in another case",
            secondStep(with(DEPOSIT_CREATE, "op", j("'DepositCreate'"))),
            "steps[1].op: unknown op"));

    // missing fields
    for (String key : List.of("clock", "users", "steps")) {
      cases.add(malformed("no " + key, without(steps(), key), key + ": is missing"));
    }
    cases.add(malformed("a user without id", userWith("id", null), "users[0].id: is missing"));
    cases.add(malformed("a user without kyc", userWith("kyc", null), "users[0].kyc: is missing"));
    for (String key : List.of("symbol", "assetClass", "mark")) {
      cases.add(
          malformed(
              "an instrument without " + key,
              instrumentWith(key, null),
              "instruments[0]." + key + ": is missing"));
    }
    cases.add(
        malformed(
            "a step without op",
            secondStep(without(DEPOSIT_CREATE, "op")),
            "steps[1].op: is missing"));
    for (Map.Entry<Op, String> step : STEPS.entrySet()) {
      if (step.getKey() == Op.ADVANCE) {
        continue;
      }
      for (String key : fieldNames(step.getValue())) {
        if (!OPTIONAL_STEP_KEYS.contains(key)) {
          cases.add(
              malformed(
                  step.getKey().spelling() + " without " + key,
                  secondStep(without(step.getValue(), key)),
                  "steps[1]." + key + ": is missing"));
        }
      }
    }
    cases.add(
        malformed(
            "a destination without type",
            destinationWith("{'last4': '4242'}"),
            "steps[1].destination.type: is missing"));
    cases.add(
        malformed(
            "a bank without clabe",
            destinationWith("{'type': 'bank'}"),
            "steps[1].destination.clabe: is missing"));
    cases.add(
        malformed(
            "a card without last4",
            destinationWith("{'type': 'card'}"),
            "steps[1].destination.last4: is missing"));

    // null
    for (String key : List.of("clock", "settings", "users", "instruments", "steps")) {
      cases.add(malformed("a null " + key, topWith(key, "null"), key + ": must not be null"));
    }
    cases.add(
        malformed(
            "a null setting",
            settingsWith("depositMax", "null"),
            "settings.depositMax: must not be null"));
    cases.add(
        malformed(
            "a null user limit",
            userWith("instantDailyLimit", "null"),
            "users[0].instantDailyLimit: must not be null"));
    cases.add(
        malformed(
            "a null orderId",
            secondStep(with(BUY_FILL, "orderId", "null")),
            "steps[1].orderId: must not be null"));
    cases.add(
        malformed(
            "a null confirmedAmount",
            secondStep(with(DEPOSIT_EVENT, "confirmedAmount", "null")),
            "steps[1].confirmedAmount: must not be null"));
    cases.add(
        malformed(
            "a null ranked",
            secondStep(with(AUTO_INVEST, "ranked", "null")),
            "steps[1].ranked: must not be null"));
    cases.add(
        malformed(
            "a null amount",
            secondStep(with(WITHDRAW_REQUEST, "amount", "null")),
            "steps[1].amount: must not be null"));
    cases.add(
        malformed(
            "a null destination",
            secondStep(with(WITHDRAW_REQUEST, "destination", "null")),
            "steps[1].destination: must not be null"));
    cases.add(
        malformed(
            "a null op", secondStep(with(SETTLE, "op", "null")), "steps[1].op: must be a string"));
    cases.add(
        malformed(
            "a null advance field",
            secondStep(j("{'op': 'advance', 'seconds': null, 'to': '2026-03-03T00:00:00Z'}")),
            "steps[1].seconds: must not be null"));
    cases.add(malformed("a null step", steps(DEPOSIT_CREATE, "null"), "steps[1]: must be"));

    // mistyped
    cases.add(malformed("a clock as a number", topWith("clock", "0"), "clock: must be a string"));
    cases.add(malformed("settings as a list", topWith("settings", "[]"), "settings: must be"));
    cases.add(malformed("users as an object", topWith("users", "{}"), "users: must be a list"));
    cases.add(
        malformed(
            "instruments as a string", topWith("instruments", j("'SPY'")), "instruments: must be"));
    cases.add(malformed("steps as an object", topWith("steps", "{}"), "steps: must be a list"));
    cases.add(malformed("a user as a string", script(j("'dan'"), INSTRUMENT), "users[0]: must"));
    cases.add(malformed("a step as a list", steps(DEPOSIT_CREATE, "[]"), "steps[1]: must be"));
    cases.add(
        malformed(
            "an op as a number", secondStep(with(SETTLE, "op", "1")), "steps[1].op: must be"));
    cases.add(malformed("an id as a number", userWith("id", "7"), "users[0].id: must be a string"));
    cases.add(
        malformed(
            "a reviewer as a number",
            secondStep(with(WITHDRAW_APPROVE, "reviewer", "1")),
            "steps[1].reviewer: must be a string"));
    cases.add(
        malformed(
            "a destination as a string",
            secondStep(with(WITHDRAW_INSTANT, "destination", j("'card:4242'"))),
            "steps[1].destination: must be an object"));
    cases.add(
        malformed(
            "ranked as a string",
            secondStep(with(AUTO_INVEST, "ranked", j("'SPY'"))),
            "steps[1].ranked: must be a list"));
    cases.add(
        malformed(
            "a ranked symbol as a number",
            secondStep(with(AUTO_INVEST, "ranked", j("['SPY', 5]"))),
            "steps[1].ranked[1]: must be a string"));
    cases.add(
        malformed("a kyc as a boolean", userWith("kyc", "true"), "users[0].kyc: must be a string"));

    // decimals
    cases.add(
        malformed(
            "an amount as a JSON number",
            secondStep(with(DEPOSIT_CREATE, "amount", "100.00")),
            "steps[1].amount: must be a decimal in a JSON string"));
    cases.add(
        malformed(
            "an integer amount as a JSON number",
            secondStep(with(AUTO_INVEST, "amount", "100")),
            "steps[1].amount: must be a decimal"));
    cases.add(
        malformed(
            "a mark as a JSON number",
            instrumentWith("mark", "500"),
            "instruments[0].mark: must be a decimal"));
    cases.add(
        malformed(
            "a setting as a JSON number",
            settingsWith("instantFeeRate", "0.01"),
            "settings.instantFeeRate: must be a decimal"));
    for (String form : List.of("1.", ".5", "+1", "1e2", " 1", "1,00", "", "--1", "0x10", "١")) {
      cases.add(
          malformed(
              "the decimal '" + form + "'",
              secondStep(with(SELL_FILL, "qty", quoted(form))),
              "steps[1].qty: must be a decimal"));
    }
    cases.add(
        malformed(
            "a confirmedAmount out of form",
            secondStep(with(DEPOSIT_EVENT, "confirmedAmount", j("'99.5.0'"))),
            "steps[1].confirmedAmount: must be a decimal"));

    // ids, symbols, non-empty strings
    for (String id : List.of("", "a b", "a".repeat(65), "dän", "a/b", "a:b", "a\n")) {
      cases.add(
          malformed(
              "the user id '" + id + "'",
              userWith("id", quoted(id.replace("\n", "\\n"))),
              "users[0].id: must match"));
    }
    for (Map.Entry<String, String> field :
        List.of(
            Map.entry("user", DEPOSIT_CREATE),
            Map.entry("depositId", DEPOSIT_CREATE),
            Map.entry("eventId", DEPOSIT_EVENT),
            Map.entry("depositId", DEPOSIT_EVENT),
            Map.entry("execId", BUY_FILL),
            Map.entry("user", SELL_FILL),
            Map.entry("withdrawalId", WITHDRAW_INSTANT),
            Map.entry("user", WITHDRAW_REQUEST),
            Map.entry("withdrawalId", WITHDRAW_REJECT),
            Map.entry("withdrawalId", WITHDRAW_PROCESS),
            Map.entry("eventId", PAYOUT_EVENT),
            Map.entry("withdrawalId", PAYOUT_EVENT),
            Map.entry("investId", AUTO_INVEST),
            Map.entry("user", SET_KYC))) {
      cases.add(
          malformed(
              "the " + field.getKey() + " 'ai1:SPY' of " + opOf(field.getValue()),
              secondStep(with(field.getValue(), field.getKey(), j("'ai1:SPY'"))),
              "steps[1]." + field.getKey() + ": must match"));
    }
    for (String symbol : List.of("", "S".repeat(21), "BRK_B", "S P Y", "$SPY")) {
      cases.add(
          malformed(
              "the instrument symbol '" + symbol + "'",
              instrumentWith("symbol", quoted(symbol)),
              "instruments[0].symbol: must match"));
    }
    cases.add(
        malformed(
            "a fill's symbol out of form",
            secondStep(with(BUY_FILL, "symbol", j("'BRK_B'"))),
            "steps[1].symbol: must match"));
    cases.add(
        malformed(
            "a mark's symbol out of form",
            secondStep(with(MARK, "symbol", j("''"))),
            "steps[1].symbol: must match"));
    cases.add(
        malformed(
            "a ranked symbol out of form",
            secondStep(with(AUTO_INVEST, "ranked", j("['SPY', 'BI L']"))),
            "steps[1].ranked[1]: must match"));
    cases.add(
        malformed(
            "an empty orderId on a buyFill",
            secondStep(with(BUY_FILL, "orderId", j("''"))),
            "steps[1].orderId: must not be empty"));
    cases.add(
        malformed(
            "an empty orderId on orderCancel",
            secondStep(with(ORDER_CANCEL, "orderId", j("''"))),
            "steps[1].orderId: must not be empty"));
    cases.add(
        malformed(
            "an empty reviewer",
            secondStep(with(WITHDRAW_REJECT, "reviewer", j("''"))),
            "steps[1].reviewer: must not be empty"));

    // instants
    for (String clock :
        List.of(
            "2026-03-02 15:00:00Z",
            "2026-03-02T15:00:00",
            "2026-03-02T15:00:00.5Z",
            "2026-03-02T15:00:00+00:00",
            "2026-03-02T15:00Z",
            "2026-3-02T15:00:00Z",
            "+2026-03-02T15:00:00Z",
            "10000-01-01T00:00:00Z",
            "2026-03-02t15:00:00z",
            "2026-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-03-02T24:00:00Z",
            "2026-03-02T15:60:00Z",
            "2026-12-31T23:59:60Z",
            "0000-01-01T00:00:00Z")) {
      cases.add(malformed("the clock '" + clock + "'", topWith("clock", quoted(clock)), "clock: "));
    }
    cases.add(
        malformed(
            "an advance to an instant out of form",
            secondStep(j("{'op': 'advance', 'to': '2026-03-03'}")),
            "steps[1].to: must be a UTC instant"));
    cases.add(
        malformed(
            "an advance to an instant that does not exist",
            secondStep(j("{'op': 'advance', 'to': '2026-03-32T00:00:00Z'}")),
            "steps[1].to: "));
    cases.add(
        malformed(
            "an advance to a number",
            secondStep(j("{'op': 'advance', 'to': 1772463600}")),
            "steps[1].to: must be a string"));

    // enums
    cases.add(malformed("a lower-case kyc", userWith("kyc", j("'approved'")), "users[0].kyc:"));
    cases.add(malformed("an unknown kyc", userWith("kyc", j("'NONE'")), "users[0].kyc: must be"));
    cases.add(
        malformed(
            "an upper-case asset class",
            instrumentWith("assetClass", j("'US_EQUITY'")),
            "instruments[0].assetClass: must be one of us_equity, crypto"));
    cases.add(
        malformed(
            "an unknown asset class",
            instrumentWith("assetClass", j("'us_option'")),
            "instruments[0].assetClass:"));
    cases.add(
        malformed(
            "an unknown deposit event type",
            secondStep(without(with(DEPOSIT_EVENT, "type", j("'settled'")), "confirmedAmount")),
            "steps[1].type: must be one of processing, completed, failed, expired, canceled"));
    cases.add(
        malformed(
            "an upper-case deposit event type",
            secondStep(with(DEPOSIT_EVENT, "type", j("'COMPLETED'"))),
            "steps[1].type:"));
    cases.add(
        malformed(
            "an unknown payout event type",
            secondStep(with(PAYOUT_EVENT, "type", j("'completed'"))),
            "steps[1].type: must be one of paid, failed"));
    cases.add(
        malformed(
            "an unknown destination type",
            destinationWith("{'type': 'iban', 'last4': '4242'}"),
            "steps[1].destination.type: must be one of bank, card"));
    cases.add(
        malformed(
            "an unknown KYC status",
            secondStep(with(SET_KYC, "status", j("'Approved'"))),
            "steps[1].status:"));

    // repeated ids and symbols
    cases.add(
        malformed(
            "a repeated user id",
            script(USER + ", " + j("{'id': 'eve', 'kyc': 'PENDING'}") + ", " + USER, INSTRUMENT),
            "users[2].id: user 'dan' is listed more than once"));
    cases.add(
        malformed(
            "a repeated symbol",
            script(USER, INSTRUMENT + ", " + with(INSTRUMENT, "assetClass", j("'crypto'"))),
            "instruments[1].symbol: symbol 'SPY' is listed more than once"));
    cases.add(
        malformed(
            "a repeated ranked symbol",
            secondStep(with(AUTO_INVEST, "ranked", j("['SPY', 'BIL', 'SPY']"))),
            "steps[1].ranked[2]: symbol 'SPY' is ranked more than once"));

    // settings and limits out of range
    for (String rate : List.of("liquidityBuffer", "instantFeeRate")) {
      for (String value : List.of("1", "1.0", "-0.01", "2")) {
        cases.add(
            malformed(
                rate + " " + value,
                settingsWith(rate, quoted(value)),
                "settings." + rate + ": must be 0 or more and below 1"));
      }
    }
    for (String money :
        List.of(
            "instantDailyLimit",
            "instantFeeMin",
            "instantFeeMax",
            "depositMin",
            "depositMax",
            "kycDepositLimit",
            "autoApproveLimit")) {
      for (String value : List.of("-0.01", "1.005")) {
        cases.add(
            malformed(
                money + " " + value,
                settingsWith(money, quoted(value)),
                "settings." + money + ": must be 0 or more with at most 2 decimals"));
      }
    }
    for (String value : List.of("-1", "100.001")) {
      cases.add(
          malformed(
              "a user's instantDailyLimit " + value,
              userWith("instantDailyLimit", quoted(value)),
              "users[0].instantDailyLimit: must be 0 or more with at most 2 decimals"));
    }
    cases.add(
        malformed(
            "instantFeeMin above instantFeeMax",
            topWith("settings", j("{'instantFeeMin': '5.01', 'instantFeeMax': '5.00'}")),
            "settings.instantFeeMin: 5.01 is above instantFeeMax, 5.00"));
    cases.add(
        malformed(
            "instantFeeMin above the default instantFeeMax",
            settingsWith("instantFeeMin", j("'150.01'")),
            "settings.instantFeeMin:"));
    cases.add(
        malformed(
            "instantFeeMax below the default instantFeeMin",
            settingsWith("instantFeeMax", j("'0.99'")),
            "settings.instantFeeMin:"));
    cases.add(
        malformed(
            "depositMin above depositMax",
            topWith("settings", j("{'depositMin': '100', 'depositMax': '99.99'}")),
            "settings.depositMin: 100 is above depositMax, 99.99"));
    cases.add(
        malformed(
            "depositMax below the default depositMin",
            settingsWith("depositMax", j("'0'")),
            "settings.depositMin:"));

    // marks
    for (String mark : List.of("0", "0.00", "-1", "-0")) {
      cases.add(
          malformed(
              "a mark of " + mark,
              instrumentWith("mark", quoted(mark)),
              "instruments[0].mark: must be greater than 0"));
      cases.add(
          malformed(
              "a mark step's price of " + mark,
              secondStep(with(MARK, "price", quoted(mark))),
              "steps[1].price: must be greater than 0"));
    }

    // destinations
    for (String last4 : List.of("424", "42424", "abcd", "42 4", "", "٤٢٤٢", "４２４２")) {
      cases.add(
          malformed(
              "the last4 '" + last4 + "'",
              destinationWith("{'type': 'card', 'last4': '" + last4 + "'}"),
              "steps[1].destination.last4: must be 4 digits"));
    }
    cases.add(
        malformed(
            "a last4 as a number",
            destinationWith("{'type': 'card', 'last4': 4242}"),
            "steps[1].destination.last4: must be a string"));
    cases.add(
        malformed(
            "a clabe as a number",
            destinationWith("{'type': 'bank', 'clabe': 2010077777777771}"),
            "steps[1].destination.clabe: must be a string"));
    cases.add(
        malformed(
            "a type as a number",
            destinationWith("{'type': 1, 'last4': '4242'}"),
            "steps[1].destination.type: must be a string"));

    // confirmedAmount on another type
    for (String type : List.of("processing", "failed", "expired", "canceled")) {
      cases.add(
          malformed(
              "a confirmedAmount on a " + type + " event",
              secondStep(with(DEPOSIT_EVENT, "type", quoted(type))),
              "steps[1].confirmedAmount: only a completed event has one"));
    }

    // advance
    cases.add(
        malformed(
            "an advance with both fields",
            secondStep(j("{'op': 'advance', 'seconds': 60, 'to': '2026-03-03T00:00:00Z'}")),
            "steps[1].seconds: an advance takes exactly one of seconds and to, not both"));
    cases.add(
        malformed(
            "an advance with neither field",
            secondStep(j("{'op': 'advance'}")),
            "steps[1].seconds: an advance takes exactly one of seconds and to, not neither"));
    for (String seconds : List.of("5.0", "1e2", "1E2", "60.5", "\"60\"", "true", "[60]")) {
      cases.add(
          malformed(
              "an advance of " + seconds,
              secondStep("{\"op\": \"advance\", \"seconds\": " + seconds + "}"),
              "steps[1].seconds: must be a JSON integer"));
    }
    cases.add(
        malformed(
            "an advance of -1",
            secondStep(j("{'op': 'advance', 'seconds': -1}")),
            "steps[1].seconds: must be 0 or more"));
    cases.add(
        malformed(
            "an advance past the last second",
            secondStep(j("{'op': 'advance', 'seconds': 251629837200}")),
            "steps[1].seconds: moves the clock from 2026-03-02T15:00:00Z past"
                + " 9999-12-31T23:59:59Z"));
    cases.add(
        malformed(
            "an advance beyond a long",
            secondStep(j("{'op': 'advance', 'seconds': 100000000000000000000000000000}")),
            "steps[1].seconds: moves the clock"));
    cases.add(
        malformed(
            "an advance one second past the last second",
            steps(
                j("{'op': 'advance', 'to': '9999-12-31T23:59:59Z'}"),
                j("{'op': 'advance', 'seconds': 0}"),
                j("{'op': 'advance', 'seconds': 1}")),
            "steps[2].seconds: moves the clock"));
    cases.add(
        malformed(
            "an advance back before the start",
            secondStep(j("{'op': 'advance', 'to': '2026-03-02T14:59:59Z'}")),
            "steps[1].to: takes the clock back, from 2026-03-02T15:00:00Z to"
                + " 2026-03-02T14:59:59Z"));
    cases.add(
        malformed(
            "an advance back before an earlier advance",
            steps(
                j("{'op': 'advance', 'seconds': 3600}"),
                SETTLE,
                j("{'op': 'advance', 'to': '2026-03-02T15:30:00Z'}")),
            "steps[2].to: takes the clock back, from 2026-03-02T16:00:00Z"));
    cases.add(
        malformed(
            "an advance back after advancing to",
            steps(
                j("{'op': 'advance', 'to': '2026-03-05T00:00:00Z'}"),
                j("{'op': 'advance', 'to': '2026-03-04T23:59:59Z'}")),
            "steps[1].to: takes the clock back"));
    return cases.stream();
  }

  private static String opOf(String step) {
    try {
      return JSON.readTree(step).get("op").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> fieldNames(String json) {
    try {
      List<String> names = new ArrayList<>();
      JSON.readTree(json).fieldNames().forEachRemaining(names::add);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedScripts")
  void aMalformedScriptIsRefusedNamingTheFieldAtFault(String what, String script, String message) {
    assertThat(catchThrowable(() -> FundingScriptParser.parse(script)))
        .as(what)
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(message);
  }
}
