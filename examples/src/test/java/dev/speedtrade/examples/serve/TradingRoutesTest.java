package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.BOB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionKey;
import dev.speedtrade.rebalance.PlanTarget;
import dev.speedtrade.rebalance.ReserveMode;
import dev.speedtrade.rebalance.TickerPair;
import dev.speedtrade.rebalance.TradePlan;
import dev.speedtrade.rebalance.TradingSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TradingRoutesTest {
  private static final String T = "/api/admin/trading";

  private final ServeFixture f = new ServeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  static Stream<Arguments> tradingRoutes() {
    return Stream.of(
        Arguments.of("GET", T + "/bots", null),
        Arguments.of("GET", T + "/investments?mode=paper", null),
        Arguments.of("POST", T + "/investments", "{\"botId\":\"core\",\"amount\":\"100\"}"),
        Arguments.of("DELETE", T + "/investments/core?mode=paper", null),
        Arguments.of("GET", T + "/settings", null),
        Arguments.of("POST", T + "/settings", "{\"enabled\":true}"),
        Arguments.of("POST", T + "/execute?mode=paper&dryRun=true", null),
        Arguments.of("GET", T + "/executions?mode=paper", null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tradingRoutes")
  void refusesEveryTradingRouteWithoutAValidToken(String method, String path, String body) {
    Answer none = f.call(method, path, null, body);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(f.call(method, path, ALICE_TOKEN + "x", body).status()).isEqualTo(401);
    assertThat(f.platform.rebalance().investments().list("alice", TradingMode.PAPER)).isEmpty();
    assertThat(f.platform.rebalance().settings().get("alice", TradingMode.PAPER)).isEmpty();
  }

  static Stream<Arguments> routesWithAMode() {
    return tradingRoutes().filter(a -> !((String) a.get()[1]).endsWith("/bots"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("routesWithAMode")
  void refusesAModeOtherThanPaperOrLiveOnEveryRoute(String method, String path, String body) {
    String sideways =
        path.contains("mode=paper")
            ? path.replace("mode=paper", "mode=sideways")
            : path + "?mode=sideways";
    Answer answer = f.call(method, sideways, ALICE_TOKEN, body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().get("code").asText()).isEqualTo("INVALID_MODE");
    assertThat(answer.json().get("message").asText()).contains("sideways");
    for (TradingMode mode : TradingMode.values()) {
      assertThat(f.platform.rebalance().investments().list("alice", mode)).isEmpty();
      assertThat(f.platform.rebalance().settings().get("alice", mode)).isEmpty();
    }
  }

  // ------------------------------------------------------------------ bots

  @Test
  void listsTheDemoBotsWithTheirWeightsReadOnly() {
    Answer answer = f.call("GET", T + "/bots", ALICE_TOKEN, null);
    assertThat(answer.status()).isEqualTo(200);
    JsonNode bots = answer.json().get("bots");
    assertThat(bots)
        .extracting(b -> b.get("id").asText())
        .containsExactly("core", "treasuries", "megacap", "hedge");
    JsonNode core = bots.get(0);
    assertThat(core.get("name").asText()).isEqualTo("Core ETFs");
    assertThat(core.get("symbols"))
        .extracting(JsonNode::asText)
        .containsExactly("SPY", "QQQ", "BIL");
    assertThat(core.get("weights").get("SPY").asText()).isEqualTo("0.50");
    for (JsonNode bot : bots) {
      BigDecimal sum = BigDecimal.ZERO;
      for (JsonNode weight : bot.get("weights")) {
        sum = sum.add(new BigDecimal(weight.asText()));
      }
      assertThat(sum).as(bot.get("id").asText()).isEqualByComparingTo("1");
    }
    Answer write = f.call("POST", T + "/bots", ALICE_TOKEN, "{\"id\":\"mine\"}");
    assertThat(write.status()).isEqualTo(405);
  }

  @Test
  void aServiceBuiltWithoutBotsListsNoneAndRefusesEveryInvestment() {
    try (HostService bare =
        HostService.builder()
            .platform(f.platform)
            .authenticator(
                BearerTokens.builder()
                    .client("alice", dev.speedtrade.secret.Secret.of(ALICE_TOKEN))
                    .build())
            .build()
            .start()) {
      String base = "http://127.0.0.1:" + bare.port() + T;
      Answer bots =
          f.send(
              new Request.Builder()
                  .url(base + "/bots")
                  .header("Authorization", "Bearer " + ALICE_TOKEN)
                  .build());
      assertThat(bots.status()).isEqualTo(200);
      assertThat(bots.json().get("bots")).isEmpty();
      Answer invest =
          f.send(
              new Request.Builder()
                  .url(base + "/investments")
                  .header("Authorization", "Bearer " + ALICE_TOKEN)
                  .post(
                      okhttp3.RequestBody.create(
                          "{\"botId\":\"core\",\"amount\":\"100\"}",
                          okhttp3.MediaType.get("application/json")))
                  .build());
      assertThat(invest.status()).isEqualTo(400);
      assertThat(invest.json().get("code").asText()).isEqualTo("UNKNOWN_BOT");
      assertThat(f.platform.rebalance().investments().list("alice", TradingMode.PAPER)).isEmpty();
    }
  }

  @Test
  void givesEveryDemoBotAnAllocationOverTheVenuesListedSymbols() {
    dev.speedtrade.broker.Broker books =
        f.platform.accounts().brokerage("alice", TradingMode.PAPER).broker();
    for (Bot bot : DemoBots.bots()) {
      assertThat(DemoBots.allocations().allocation(bot.id(), f.platform.rebalance().marketDate()))
          .isEqualTo(dev.speedtrade.rebalance.Allocation.of(bot.weights()));
      for (String symbol : bot.symbols()) {
        assertThat(books.asset(symbol).symbol()).isEqualTo(symbol);
      }
    }
  }

  // ------------------------------------------------------------------ investments

  @Test
  void addsUpdatesListsAndRemovesAnInvestment() {
    Answer added =
        f.call(
            "POST", T + "/investments", ALICE_TOKEN, "{\"botId\":\"core\",\"amount\":\"1000.00\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(200);
    JsonNode investment = added.json();
    assertThat(investment.get("botId").asText()).isEqualTo("core");
    assertThat(investment.get("mode").asText()).isEqualTo("paper");
    assertThat(investment.get("amount").asText()).isEqualTo("1000.00");
    assertThat(investment.get("weightMode").asText()).isEqualTo("dollars");
    assertThat(investment.get("updatedAt").asText()).isEqualTo("2026-11-24T15:30:00Z");

    post(ALICE_TOKEN, "{\"botId\":\"treasuries\",\"amount\":10,\"weightMode\":\"PERCENT\"}");
    Answer updated =
        post(ALICE_TOKEN, "{\"botId\":\"core\",\"amount\":\"60\",\"weightMode\":\"percent\"}");
    assertThat(updated.json().get("weightMode").asText()).isEqualTo("percent");

    JsonNode list = f.call("GET", T + "/investments?mode=paper", ALICE_TOKEN, null).json();
    assertThat(list.get("mode").asText()).isEqualTo("paper");
    assertThat(list.get("investments"))
        .extracting(i -> i.get("botId").asText())
        .containsExactly("core", "treasuries");
    assertThat(list.get("investments").get(0).get("amount").asText()).isEqualTo("60");
    assertThat(f.platform.rebalance().investments().list("alice", TradingMode.PAPER))
        .containsExactly(
            BotInvestment.percent("core", new BigDecimal("60")),
            BotInvestment.percent("treasuries", new BigDecimal("10")));

    Answer removed = f.call("DELETE", T + "/investments/core?mode=paper", ALICE_TOKEN, null);
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.body())
        .isEqualTo("{\"removed\":true,\"botId\":\"core\",\"mode\":\"paper\"}");
    Answer again = f.call("DELETE", T + "/investments/core", ALICE_TOKEN, null);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().get("code").asText()).isEqualTo("INVESTMENT_NOT_FOUND");
    assertThat(f.platform.rebalance().investments().list("alice", TradingMode.PAPER))
        .extracting(BotInvestment::botId)
        .containsExactly("treasuries");
  }

  static Stream<Arguments> badInvestments() {
    return Stream.of(
        Arguments.of("{\"botId\":\"moonshot\",\"amount\":\"100\"}", "UNKNOWN_BOT", "moonshot"),
        Arguments.of("{\"amount\":\"100\"}", "INVALID_ARGUMENT", "botId"),
        Arguments.of("{\"botId\":\"core\"}", "INVALID_AMOUNT", "amount"),
        Arguments.of("{\"botId\":\"core\",\"amount\":\"ten\"}", "INVALID_AMOUNT", "amount"),
        Arguments.of("{\"botId\":\"core\",\"amount\":0}", "INVALID_AMOUNT", "amount"),
        Arguments.of("{\"botId\":\"core\",\"amount\":\"-5\"}", "INVALID_AMOUNT", "-5"),
        Arguments.of("{\"botId\":\"core\",\"amount\":\"1e400\"}", "INVALID_AMOUNT", "amount"),
        Arguments.of(
            "{\"botId\":\"core\",\"amount\":150,\"weightMode\":\"percent\"}",
            "INVALID_AMOUNT",
            "150"),
        Arguments.of(
            "{\"botId\":\"core\",\"amount\":10,\"weightMode\":\"shares\"}",
            "INVALID_ARGUMENT",
            "weightMode"),
        Arguments.of(
            "{\"botId\":\"core\",\"amount\":10,\"mode\":\"demo\"}", "INVALID_MODE", "demo"),
        Arguments.of("{\"botId\":\"core\",\"amount\":10,\"mode\":1}", "INVALID_MODE", "mode"),
        Arguments.of("[1]", "INVALID_JSON", "object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInvestments")
  void refusesABadInvestmentNamingTheValueAndStoresNothing(String body, String code, String named) {
    Answer answer = post(ALICE_TOKEN, body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().get("code").asText()).isEqualTo(code);
    assertThat(answer.json().get("message").asText()).contains(named);
    for (TradingMode mode : TradingMode.values()) {
      assertThat(f.platform.rebalance().investments().list("alice", mode)).isEmpty();
    }
  }

  @Test
  void keepsPaperAndLiveInvestmentsApart() {
    post(ALICE_TOKEN, "{\"botId\":\"core\",\"amount\":\"1000\"}");
    Answer live =
        post(
            ALICE_TOKEN,
            "{\"botId\":\"core\",\"amount\":\"50\",\"weightMode\":\"percent\",\"mode\":\"LIVE\"}");
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().get("mode").asText()).isEqualTo("live");
    Answer viaQuery =
        f.call(
            "POST",
            T + "/investments?mode=live",
            ALICE_TOKEN,
            "{\"botId\":\"hedge\",\"amount\":5}");
    assertThat(viaQuery.json().get("mode").asText()).isEqualTo("live");

    assertThat(amounts("paper")).containsExactly("core=1000");
    assertThat(amounts("live")).containsExactly("core=50", "hedge=5");
    assertThat(amounts(null)).containsExactly("core=1000");

    assertThat(f.call("DELETE", T + "/investments/hedge?mode=paper", ALICE_TOKEN, null).status())
        .isEqualTo(404);
    assertThat(f.call("DELETE", T + "/investments/core?mode=live", ALICE_TOKEN, null).status())
        .isEqualTo(200);
    assertThat(amounts("paper")).containsExactly("core=1000");
    assertThat(amounts("live")).containsExactly("hedge=5");
    Answer bad = f.call("GET", T + "/investments?mode=both", ALICE_TOKEN, null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("code").asText()).isEqualTo("INVALID_MODE");
  }

  @Test
  void neverShowsOrRemovesAnotherClientsInvestmentsOrExecutions() {
    f.fund("alice", null, "5000.00");
    post(ALICE_TOKEN, "{\"botId\":\"core\",\"amount\":\"90\",\"weightMode\":\"percent\"}");
    assertThat(execute(ALICE_TOKEN, "paper", "false").status()).isEqualTo(200);

    JsonNode bobs = f.call("GET", T + "/investments", BOB_TOKEN, null).json();
    assertThat(bobs.get("investments")).isEmpty();
    Answer remove = f.call("DELETE", T + "/investments/core", BOB_TOKEN, null);
    assertThat(remove.status()).isEqualTo(404);
    assertThat(remove.body()).doesNotContain("90");
    JsonNode bobRuns = f.call("GET", T + "/executions", BOB_TOKEN, null).json();
    assertThat(bobRuns.get("executions")).isEmpty();
    Answer bobRun = execute(BOB_TOKEN, "paper", "true");
    assertThat(bobRun.status()).isEqualTo(409);
    assertThat(bobRun.json().get("code").asText()).isEqualTo("NOT_ENROLLED");

    assertThat(amounts("paper")).containsExactly("core=90");
    assertThat(f.call("GET", T + "/executions", ALICE_TOKEN, null).json().get("executions"))
        .hasSize(1);
  }

  // ------------------------------------------------------------------ settings

  @Test
  void answersTheDefaultSettingsWithoutStoringThem() {
    Answer answer = f.call("GET", T + "/settings", ALICE_TOKEN, null);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body())
        .isEqualTo(
            "{\"mode\":\"paper\",\"orderType\":\"limit\",\"limitPercent\":\"1.0\","
                + "\"fallbackTicker\":\"SGOV\",\"cashReserveMode\":\"dollars\","
                + "\"cashReserveAmount\":\"0\",\"minutesBeforeClose\":10,\"pairedTickers\":[],"
                + "\"enabled\":false,\"minTradePercent\":\"0\"}");
    assertThat(f.platform.rebalance().settings().get("alice", TradingMode.PAPER)).isEmpty();
  }

  @Test
  void mapsEverySettingBothWaysAndChangesOnlyTheFieldsSent() {
    Answer first = f.call("POST", T + "/settings", ALICE_TOKEN, "{\"orderType\":\"MARKET\"}");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("orderType").asText()).isEqualTo("market");
    assertThat(f.platform.rebalance().settings().get("alice", TradingMode.PAPER))
        .contains(TradingSettings.builder().orderType(OrderType.MARKET).build());

    Answer all =
        f.call(
            "POST",
            T + "/settings",
            ALICE_TOKEN,
            "{\"limitPercent\":\"2.5\",\"fallbackTicker\":\" bil \",\"cashReserveMode\":\"percent\","
                + "\"cashReserveAmount\":\"5.00\",\"minutesBeforeClose\":15,"
                + "\"pairedTickers\":[[\"spy\",\"SH\"],[\"QQQ\",\"PSQ\"]],\"enabled\":true,"
                + "\"minTradePercent\":\"0.5\"}");
    assertThat(all.status()).as(all.body()).isEqualTo(200);
    TradingSettings expected =
        TradingSettings.builder()
            .orderType(OrderType.MARKET)
            .limitPercent(new BigDecimal("2.5"))
            .fallbackTicker("BIL")
            .cashReserve(ReserveMode.PERCENT, new BigDecimal("5.00"))
            .minutesBeforeClose(15)
            .pairedTickers(List.of(new TickerPair("SPY", "SH"), new TickerPair("QQQ", "PSQ")))
            .enabled(true)
            .minTradePercent(new BigDecimal("0.5"))
            .build();
    assertThat(f.platform.rebalance().settings().get("alice", TradingMode.PAPER))
        .contains(expected);
    String stored =
        "{\"mode\":\"paper\",\"orderType\":\"market\",\"limitPercent\":\"2.5\","
            + "\"fallbackTicker\":\"BIL\",\"cashReserveMode\":\"percent\","
            + "\"cashReserveAmount\":\"5.00\",\"minutesBeforeClose\":15,"
            + "\"pairedTickers\":[[\"SPY\",\"SH\"],[\"QQQ\",\"PSQ\"]],\"enabled\":true,"
            + "\"minTradePercent\":\"0.5\"}";
    assertThat(all.body()).isEqualTo(stored);
    assertThat(f.call("GET", T + "/settings", ALICE_TOKEN, null).body()).isEqualTo(stored);

    // What GET answers can be posted back as it is, and changes nothing.
    assertThat(f.call("POST", T + "/settings", ALICE_TOKEN, stored).body()).isEqualTo(stored);
    Answer cleared =
        f.call("POST", T + "/settings", ALICE_TOKEN, "{\"pairedTickers\":[],\"enabled\":false}");
    assertThat(f.platform.rebalance().settings().get("alice", TradingMode.PAPER))
        .contains(expected.toBuilder().pairedTickers(List.of()).enabled(false).build());
    assertThat(cleared.json().get("limitPercent").asText()).isEqualTo("2.5");
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of("{\"orderType\":\"stop\"}", "orderType"),
        Arguments.of("{\"orderType\":1}", "orderType"),
        Arguments.of("{\"limitPercent\":\"11\"}", "limitPercent"),
        Arguments.of("{\"limitPercent\":\"-1\"}", "limitPercent"),
        Arguments.of("{\"limitPercent\":\"lots\"}", "limitPercent"),
        Arguments.of("{\"fallbackTicker\":\"\"}", "fallbackTicker"),
        Arguments.of("{\"fallbackTicker\":\"NOT A TICKER!\"}", "fallbackTicker"),
        Arguments.of("{\"cashReserveMode\":\"euros\"}", "cashReserveMode"),
        Arguments.of("{\"cashReserveAmount\":\"-1\"}", "cashReserveAmount"),
        Arguments.of(
            "{\"cashReserveMode\":\"percent\",\"cashReserveAmount\":\"150\"}", "cashReserveAmount"),
        Arguments.of("{\"minutesBeforeClose\":0}", "minutesBeforeClose"),
        Arguments.of("{\"minutesBeforeClose\":61}", "minutesBeforeClose"),
        Arguments.of("{\"minutesBeforeClose\":10.5}", "minutesBeforeClose"),
        Arguments.of("{\"minutesBeforeClose\":\"10\"}", "minutesBeforeClose"),
        Arguments.of("{\"pairedTickers\":\"SPY/SH\"}", "pairedTickers"),
        Arguments.of("{\"pairedTickers\":[[\"SPY\"]]}", "pairedTickers[0]"),
        Arguments.of(
            "{\"pairedTickers\":[[\"SPY\",\"SH\"],[\"QQQ\",\"qqq\"]]}", "pairedTickers[1]"),
        Arguments.of("{\"pairedTickers\":[[\"SGOV\",\"SH\"]]}", "pairedTickers[0]"),
        Arguments.of("{\"enabled\":\"yes\"}", "enabled"),
        Arguments.of("{\"enabled\":null}", "enabled"),
        Arguments.of("{\"minTradePercent\":\"101\"}", "minTradePercent"),
        Arguments.of("{\"orderTyp\":\"market\"}", "orderTyp"),
        Arguments.of("{\"orderType\":\"market\",\"limitPercent\":\"50\"}", "limitPercent"),
        Arguments.of("{\"enabled\":true,\"mode\":\"demo\"}", "demo"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void refusesABadSettingNamingItAndStoresNothing(String body, String named) {
    Answer answer = f.call("POST", T + "/settings", ALICE_TOKEN, body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().get("message").asText()).contains(named);
    assertThat(f.platform.rebalance().settings().get("alice", TradingMode.PAPER)).isEmpty();
    assertThat(f.platform.rebalance().settings().get("alice", TradingMode.LIVE)).isEmpty();
  }

  @Test
  void keepsPaperAndLiveSettingsApart() {
    Answer live =
        f.call("POST", T + "/settings?mode=live", ALICE_TOKEN, "{\"minutesBeforeClose\":30}");
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().get("mode").asText()).isEqualTo("live");
    assertThat(
            f.call("GET", T + "/settings?mode=live", ALICE_TOKEN, null)
                .json()
                .get("minutesBeforeClose")
                .asInt())
        .isEqualTo(30);
    assertThat(
            f.call("GET", T + "/settings", ALICE_TOKEN, null)
                .json()
                .get("minutesBeforeClose")
                .asInt())
        .isEqualTo(10);
    assertThat(
            f.call("GET", T + "/settings?mode=live", BOB_TOKEN, null)
                .json()
                .get("minutesBeforeClose")
                .asInt())
        .isEqualTo(10);
    assertThat(f.platform.rebalance().settings().get("alice", TradingMode.PAPER)).isEmpty();
  }

  // ------------------------------------------------------------------ execute

  @Test
  void dryRunAnswersThePlanWithCurrentAndTargetWeightsAndPlacesNothing() {
    f.fund("alice", null, "10000.00");
    Answer bought =
        f.call(
            "POST",
            "/orders",
            ALICE_TOKEN,
            "{\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"MARKET\",\"qty\":5}");
    assertThat(bought.status()).as(bought.body()).isEqualTo(201);
    post(ALICE_TOKEN, "{\"botId\":\"core\",\"amount\":\"100\",\"weightMode\":\"percent\"}");
    int ordersBefore = f.call("GET", "/orders", ALICE_TOKEN, null).json().size();

    Answer answer = execute(ALICE_TOKEN, "paper", "true");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode run = answer.json();
    assertThat(run.get("mode").asText()).isEqualTo("paper");
    assertThat(run.get("dryRun").asBoolean()).isTrue();
    assertThat(run.get("status").asText()).isEqualTo("DRY_RUN");
    assertThat(run.get("marketDate").asText()).isEqualTo("2026-11-24");
    assertThat(run.get("executionId").isNull()).isTrue();
    assertThat(f.call("GET", "/orders", ALICE_TOKEN, null).json()).hasSize(ordersBefore);
    assertThat(f.call("GET", T + "/executions", ALICE_TOKEN, null).json().get("executions"))
        .isEmpty();

    TradePlan plan = f.platform.rebalance().executeNow("alice", TradingMode.PAPER, true).plan();
    BigDecimal investable = plan.investable();
    assertThat(run.get("investable").asText()).isEqualTo(investable.toPlainString());
    JsonNode targets = run.get("targets");
    assertThat(targets)
        .extracting(t -> t.get("symbol").asText())
        .containsExactly("BIL", "QQQ", "SPY");
    for (int i = 0; i < plan.targets().size(); i++) {
      PlanTarget target = plan.targets().get(i);
      JsonNode row = targets.get(i);
      BigDecimal currentValue =
          target.currentQty().multiply(target.price()).setScale(2, RoundingMode.HALF_EVEN);
      assertThat(row.get("symbol").asText()).isEqualTo(target.symbol());
      assertThat(new BigDecimal(row.get("currentValue").asText()))
          .isEqualByComparingTo(currentValue);
      assertThat(row.get("currentWeight").asText())
          .isEqualTo(currentValue.divide(investable, 4, RoundingMode.HALF_EVEN).toPlainString());
      assertThat(row.get("targetWeight").asText())
          .isEqualTo(target.weight().setScale(4, RoundingMode.HALF_EVEN).toPlainString());
      assertThat(row.get("targetValue").asText()).isEqualTo(target.dollars().toPlainString());
    }
    // core is SPY 0.50, QQQ 0.30, BIL 0.20 of 100%, capped to 99% of the investable value.
    assertThat(targets)
        .extracting(t -> t.get("targetWeight").asText())
        .containsExactly("0.1980", "0.2970", "0.4950");
    JsonNode spy = targets.get(2);
    assertThat(spy.get("currentQty").asText()).isEqualTo("5");
    BigDecimal spyWeight = new BigDecimal(spy.get("currentWeight").asText());
    assertThat(spyWeight).isGreaterThan(new BigDecimal("0.28")).isLessThan(new BigDecimal("0.31"));
    assertThat(targets.get(0).get("currentWeight").asText()).isEqualTo("0.0000");
    assertThat(targets.get(0).get("currentValue").asText()).isEqualTo("0.00");

    JsonNode orders = run.get("orders");
    assertThat(orders)
        .extracting(o -> o.get("symbol").asText() + " " + o.get("side").asText())
        .containsExactly("BIL BUY", "QQQ BUY", "SPY BUY");
    assertThat(orders).allSatisfy(o -> assertThat(o.get("status").asText()).isEqualTo("PLANNED"));
    assertThat(orders.get(0).get("orderType").asText()).isEqualTo("limit");
    assertThat(orders.get(0).get("qty").asText())
        .isEqualTo(plan.buys().get(0).qty().toPlainString());
    assertThat(orders.get(0).get("limitPrice").asText())
        .isEqualTo(plan.buys().get(0).limitPrice().toPlainString());
  }

  @Test
  void plansWithTheStoredSettingsAndAnswersTheirWarnings() {
    f.fund("alice", null, "10000.00");
    post(ALICE_TOKEN, "{\"botId\":\"core\",\"amount\":\"60\",\"weightMode\":\"percent\"}");
    post(ALICE_TOKEN, "{\"botId\":\"hedge\",\"amount\":\"20\",\"weightMode\":\"percent\"}");
    f.call(
        "POST",
        T + "/settings",
        ALICE_TOKEN,
        "{\"pairedTickers\":[[\"SPY\",\"SH\"]],\"orderType\":\"market\","
            + "\"cashReserveMode\":\"percent\",\"cashReserveAmount\":\"10\"}");

    JsonNode run = execute(ALICE_TOKEN, "paper", "true").json();

    // SPY 0.30 and SH 0.20 net to SPY 0.10; the 0.40 freed goes to the fallback, SGOV.
    assertThat(run.get("warnings"))
        .extracting(w -> w.get("code").asText() + " " + w.get("message").asText())
        .containsExactly("PAIRED_NETTED SPY/SH");
    assertThat(run.get("reserve").asText()).isEqualTo("1000.00");
    assertThat(run.get("investable").asText()).isEqualTo("9000.00");
    assertThat(run.get("targets"))
        .extracting(t -> t.get("symbol").asText() + " " + t.get("targetWeight").asText())
        .containsExactly("BIL 0.1200", "QQQ 0.1800", "SGOV 0.4000", "SPY 0.1000");
    assertThat(run.get("targets").get(3).get("targetValue").asText()).isEqualTo("900.00");
    assertThat(run.get("orders"))
        .allSatisfy(o -> assertThat(o.get("orderType").asText()).isEqualTo("market"));
    assertThat(run.get("orders"))
        .allSatisfy(o -> assertThat(o.get("limitPrice").isNull()).isTrue());
  }

  @Test
  void executesAPaperRunOnceAndListsItNewestFirst() {
    f.fund("alice", null, "10000.00");
    post(ALICE_TOKEN, "{\"botId\":\"core\",\"amount\":\"100\",\"weightMode\":\"percent\"}");

    Answer answer = execute(ALICE_TOKEN, "PAPER", "false");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode run = answer.json();
    assertThat(run.get("dryRun").asBoolean()).isFalse();
    assertThat(run.get("outcome").asText()).isEqualTo("EXECUTED");
    assertThat(run.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(run.get("executionId").asText()).startsWith("rb");
    assertThat(run.get("orders"))
        .extracting(o -> o.get("symbol").asText())
        .containsExactly("BIL", "QQQ", "SPY");
    // The run ends with its buys acknowledged; the answer reads their status from the broker now.
    assertThat(run.get("orders"))
        .allSatisfy(o -> assertThat(o.get("status").asText()).isEqualTo("FILLED"));
    assertThat(run.get("orders"))
        .allSatisfy(o -> assertThat(o.get("filledQty").asText()).isEqualTo(o.get("qty").asText()));
    JsonNode placed = f.call("GET", "/orders", ALICE_TOKEN, null).json();
    assertThat(placed).hasSize(3);
    assertThat(placed)
        .extracting(o -> o.get("id").asText())
        .containsExactlyInAnyOrderElementsOf(run.get("orders").findValuesAsText("clientOrderId"));

    JsonNode history = f.call("GET", T + "/executions?mode=paper", ALICE_TOKEN, null).json();
    assertThat(history.get("executions")).hasSize(1);
    JsonNode recorded = history.get("executions").get(0);
    assertThat(recorded.get("id").asText()).isEqualTo(run.get("executionId").asText());
    assertThat(recorded.get("mode").asText()).isEqualTo("paper");
    assertThat(recorded.get("marketDate").asText()).isEqualTo("2026-11-24");
    assertThat(recorded.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(recorded.get("dryRun").asBoolean()).isFalse();
    assertThat(recorded.get("orders")).hasSize(3);
    assertThat(recorded.get("startedAt").asText()).isEqualTo("2026-11-24T15:30:00Z");

    // An older execution (a day's run that crashed, still RUNNING) is listed after it.
    ExecutionKey older = new ExecutionKey("alice", TradingMode.PAPER, LocalDate.of(2026, 11, 20));
    f.platform
        .rebalance()
        .executions()
        .claim(older, Instant.parse("2026-11-20T20:50:00Z"))
        .orElseThrow()
        .close();
    JsonNode both = f.call("GET", T + "/executions", ALICE_TOKEN, null).json().get("executions");
    assertThat(both)
        .extracting(e -> e.get("marketDate").asText() + " " + e.get("status").asText())
        .containsExactly("2026-11-24 SUCCESS", "2026-11-20 RUNNING");

    Answer twice = execute(ALICE_TOKEN, "paper", "false");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().get("code").asText()).isEqualTo("ALREADY_FINISHED");
    assertThat(f.call("GET", "/orders", ALICE_TOKEN, null).json()).hasSize(3);
    assertThat(
            f.call("GET", T + "/executions?mode=live", ALICE_TOKEN, null).json().get("executions"))
        .isEmpty();
  }

  @Test
  void refusesALiveRunOnAPaperPlatformAndPlacesNothing() {
    f.fund("alice", null, "10000.00");
    post(
        ALICE_TOKEN,
        "{\"botId\":\"core\",\"amount\":\"100\",\"weightMode\":\"percent\",\"mode\":\"live\"}");
    assertThat(
            f.call("POST", T + "/settings?mode=live", ALICE_TOKEN, "{\"enabled\":true}").status())
        .isEqualTo(200);

    for (String dryRun : new String[] {"false", "true"}) {
      Answer answer = execute(ALICE_TOKEN, "live", dryRun);
      assertThat(answer.status()).as(answer.body()).isEqualTo(422);
      assertThat(answer.json().get("code").asText()).isEqualTo("LIVE_TRADING_UNAVAILABLE");
      assertThat(answer.json().get("message").asText()).contains("live");
    }
    assertThat(f.call("GET", "/orders", ALICE_TOKEN, null).json()).isEmpty();
    for (String mode : new String[] {"live", "paper"}) {
      assertThat(
              f.call("GET", T + "/executions?mode=" + mode, ALICE_TOKEN, null)
                  .json()
                  .get("executions"))
          .isEmpty();
    }
    assertThat(amounts("live")).containsExactly("core=100");
  }

  @Test
  void runsLiveOnAPlatformWithALiveBrokerageAndRefusesPaperThere() {
    try (ServeFixture live = new ServeFixture(TradingMode.LIVE)) {
      Answer invested =
          live.call(
              "POST",
              T + "/investments",
              ALICE_TOKEN,
              "{\"botId\":\"core\",\"amount\":\"100\",\"weightMode\":\"percent\",\"mode\":\"live\"}");
      assertThat(invested.status()).isEqualTo(200);
      Answer dry = live.call("POST", T + "/execute?mode=live&dryRun=true", ALICE_TOKEN, null);
      assertThat(dry.status()).as(dry.body()).isEqualTo(200);
      assertThat(dry.json().get("mode").asText()).isEqualTo("live");
      assertThat(dry.json().get("status").asText()).isEqualTo("DRY_RUN");

      live.fund("alice", null, "10000.00");
      Answer real = live.call("POST", T + "/execute?mode=live&dryRun=false", ALICE_TOKEN, null);
      assertThat(real.status()).as(real.body()).isEqualTo(200);
      assertThat(real.json().get("status").asText()).isEqualTo("SUCCESS");
      assertThat(live.call("GET", "/orders", ALICE_TOKEN, null).json()).hasSize(3);
      assertThat(
              live.call("GET", T + "/executions?mode=live", ALICE_TOKEN, null)
                  .json()
                  .get("executions"))
          .hasSize(1);

      live.call(
          "POST",
          T + "/investments",
          ALICE_TOKEN,
          "{\"botId\":\"core\",\"amount\":\"100\",\"weightMode\":\"percent\"}");
      Answer paper = live.call("POST", T + "/execute?mode=paper&dryRun=true", ALICE_TOKEN, null);
      assertThat(paper.status()).as(paper.body()).isEqualTo(404);
      assertThat(paper.json().get("code").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
    }
  }

  @Test
  void refusesAnExecutionWithABadModeOrDryRunOrNothingInvested() {
    Answer mode = execute(ALICE_TOKEN, "demo", "true");
    assertThat(mode.status()).isEqualTo(400);
    assertThat(mode.json().get("code").asText()).isEqualTo("INVALID_MODE");
    Answer dryRun = execute(ALICE_TOKEN, "paper", "maybe");
    assertThat(dryRun.status()).isEqualTo(400);
    assertThat(dryRun.json().get("message").asText()).contains("dryRun");
    Answer none = execute(ALICE_TOKEN, "paper", "false");
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.json().get("code").asText()).isEqualTo("NOT_ENROLLED");
    assertThat(f.call("GET", "/orders", ALICE_TOKEN, null).json()).isEmpty();
  }

  @Test
  void runsDryWhenDryRunIsNotSent() {
    f.fund("alice", null, "1000.00");
    post(ALICE_TOKEN, "{\"botId\":\"core\",\"amount\":\"100\",\"weightMode\":\"percent\"}");
    Answer answer = f.call("POST", T + "/execute", ALICE_TOKEN, null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("dryRun").asBoolean()).isTrue();
    assertThat(answer.json().get("mode").asText()).isEqualTo("paper");
    assertThat(f.call("GET", "/orders", ALICE_TOKEN, null).json()).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private Answer post(String token, String body) {
    return f.call("POST", T + "/investments", token, body);
  }

  private Answer execute(String token, String mode, String dryRun) {
    return f.call("POST", T + "/execute?mode=" + mode + "&dryRun=" + dryRun, token, null);
  }

  private List<String> amounts(String mode) {
    Answer answer =
        f.call(
            "GET", T + "/investments" + (mode == null ? "" : "?mode=" + mode), ALICE_TOKEN, null);
    assertThat(answer.status()).isEqualTo(200);
    List<String> rows = new ArrayList<>();
    answer
        .json()
        .get("investments")
        .forEach(i -> rows.add(i.get("botId").asText() + "=" + i.get("amount").asText()));
    return rows;
  }
}
