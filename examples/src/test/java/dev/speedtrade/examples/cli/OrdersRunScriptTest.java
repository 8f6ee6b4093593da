package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.examples.cli.OrdersScript.Account;
import dev.speedtrade.examples.cli.OrdersScript.Instrument;
import dev.speedtrade.examples.cli.OrdersScript.Limits;
import dev.speedtrade.examples.cli.OrdersScript.Op;
import dev.speedtrade.examples.cli.OrdersScript.TradingState;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OrdersScript#parse}: what a well-formed script becomes. */
class OrdersRunScriptTest {

  private static String j(String text) {
    return text.replace('\'', '"');
  }

  private static OrdersScript scenario(String name) throws IOException, URISyntaxException {
    Path file = Path.of(OrdersRunScriptTest.class.getResource("/orders-scenarios/" + name).toURI());
    return OrdersScript.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void theRiskLadderScenarioReadsWithItsLimitsInstrumentsAndDefaults() throws Exception {
    OrdersScript script = scenario("02-risk-denial-ladder.json");

    assertThat(script.clock()).isEqualTo(Instant.parse("2026-01-05T14:29:00Z"));
    assertThat(script.marketOpen()).isTrue();
    assertThat(script.tradingState()).isEqualTo(TradingState.ACTIVE);
    Account bob = script.accounts().get(0);
    assertThat(bob.id()).isEqualTo("bob");
    assertThat(bob.cash()).isEqualTo(new BigDecimal("6000.00"));
    assertThat(bob.tradingState()).isEqualTo(TradingState.ACTIVE);
    assertThat(bob.limits())
        .isEqualTo(
            new Limits(
                new BigDecimal("100"),
                new BigDecimal("5000"),
                new BigDecimal("30"),
                List.of("GME"),
                new OrdersScript.TradingWindow(LocalTime.of(9, 30), LocalTime.of(16, 0)),
                new OrdersScript.RateLimit(3, 60)));
    assertThat(script.instruments())
        .containsExactly(
            new Instrument(
                "AAPL", AssetClass.US_EQUITY, new BigDecimal("190.00"), true, true, false),
            new Instrument(
                "GME", AssetClass.US_EQUITY, new BigDecimal("20.00"), true, false, false),
            new Instrument(
                "XYZ", AssetClass.US_EQUITY, new BigDecimal("5.00"), false, false, false),
            new Instrument(
                "PENNY", AssetClass.US_EQUITY, new BigDecimal("0.50"), true, false, false),
            new Instrument(
                "BTC/USD", AssetClass.CRYPTO, new BigDecimal("60000"), true, true, false));
    assertThat(script.steps()).hasSize(32);
    assertThat(script.steps().get(0))
        .isEqualTo(new OrdersScript.SetTradingState(TradingState.HALTED, null));
    assertThat(script.steps().get(12))
        .isEqualTo(new OrdersScript.SetTradingState(TradingState.REDUCING, "bob"));
    assertThat(script.steps().get(15)).isEqualTo(new OrdersScript.SetMarket(false));
    assertThat(script.steps().get(19)).isEqualTo(new OrdersScript.Advance(60));
    assertThat(script.steps().get(9))
        .isEqualTo(
            new OrdersScript.Submit(
                "bob",
                "d08",
                "AAPL",
                OrderSide.BUY,
                OrderType.STOP_LIMIT,
                TimeInForce.DAY,
                new BigDecimal("1"),
                null,
                new BigDecimal("190.00"),
                null));
  }

  @Test
  void everyScenarioReadsAndItsStepsKeepTheirOps() throws Exception {
    OrdersScript first = scenario("01-limit-partial-cancel-late-fill.json");
    assertThat(first.steps())
        .extracting(OrdersScript.Step::op)
        .startsWith(Op.SUBMIT, Op.VENUE_ACCEPT, Op.FILL, Op.CANCEL, Op.FILL, Op.CANCEL_ACK);
    assertThat(first.steps().get(2))
        .isEqualTo(
            new OrdersScript.Fill(
                "alice", "buy-1", "e1", new BigDecimal("8"), new BigDecimal("189.50")));
    assertThat(first.steps().get(13))
        .isEqualTo(new OrdersScript.Mark("AAPL", new BigDecimal("191.20")));
    assertThat(((OrdersScript.Submit) first.steps().get(10)).notional())
        .isEqualTo(new BigDecimal("7000.00"));

    OrdersScript third = scenario("03-replace-with-fill-while-pending.json");
    assertThat(third.marketOpen()).isTrue();
    assertThat(third.accounts().get(0).limits()).isEqualTo(Limits.NONE);
    assertThat(third.steps().get(1))
        .isEqualTo(
            new OrdersScript.Replace(
                "carol", "m1", "m1-r1", null, new BigDecimal("401.00"), null, null));
    assertThat(scenario("04-round-trip-partial-sell-pnl.json").steps()).hasSize(17);
  }

  @Test
  void decimalsKeepTheirScaleAsGiven() {
    OrdersScript script =
        OrdersScript.parse(
            j(
                "{'clock': '2026-01-05T15:00:00Z', 'accounts': [], 'instruments': [], 'steps': ["
                    + "{'op': 'submit', 'account': 'a', 'clientOrderId': 'c', 'symbol': 'S',"
                    + " 'side': 'sell', 'type': 'stop', 'tif': 'fok', 'qty': '10.00',"
                    + " 'notional': '-0', 'stopPrice': '007.50'}]}"));

    OrdersScript.Submit submit = (OrdersScript.Submit) script.steps().get(0);
    assertThat(submit.qty()).hasToString("10.00");
    assertThat(submit.notional()).isEqualTo(new BigDecimal("0"));
    assertThat(submit.stopPrice()).hasToString("7.50");
    assertThat(submit.limitPrice()).isNull();
  }

  @Test
  void theClockDropsItsFractionWhichNeverMatters() {
    OrdersScript script =
        OrdersScript.parse(
            j(
                "{'clock': '2024-02-29T23:59:59.999999999999Z', 'accounts': [],"
                    + " 'instruments': [], 'steps': []}"));

    assertThat(script.clock()).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
  }

  @Test
  void theDefaultsAreThoseOfTheSpec() {
    OrdersScript script =
        OrdersScript.parse(
            j(
                "{'clock': '2026-01-05T15:00:00Z', 'accounts': [{'id': 'a', 'cash': '0'}],"
                    + " 'instruments': [{'symbol': 'S', 'assetClass': 'crypto', 'mark': '1'}],"
                    + " 'steps': [{'op': 'venueReject', 'account': 'a', 'clientOrderId': 'c'},"
                    + " {'op': 'replace', 'account': 'a', 'clientOrderId': 'c',"
                    + " 'newClientOrderId': 'd', 'tif': 'ioc'}, {'op': 'endOfDay'}]}"));

    assertThat(script.marketOpen()).isTrue();
    assertThat(script.tradingState()).isEqualTo(TradingState.ACTIVE);
    assertThat(script.accounts())
        .containsExactly(new Account("a", BigDecimal.ZERO, TradingState.ACTIVE, Limits.NONE));
    assertThat(script.instruments())
        .containsExactly(
            new Instrument("S", AssetClass.CRYPTO, BigDecimal.ONE, true, false, false));
    assertThat(script.steps())
        .containsExactly(
            new OrdersScript.VenueReject("a", "c", null),
            new OrdersScript.Replace("a", "c", "d", null, null, null, TimeInForce.IOC),
            new OrdersScript.EndOfDay());
  }

  @Test
  void anOvernightWindowAndTheLargestRateLimitRead() {
    OrdersScript script =
        OrdersScript.parse(
            j(
                "{'clock': '2026-01-05T15:00:00Z', 'marketOpen': false, 'tradingState': 'HALTED',"
                    + " 'accounts': [{'id': 'a', 'cash': '1.5', 'tradingState': 'REDUCING',"
                    + " 'limits': {'tradingWindow': '22:00-02:00',"
                    + " 'rateLimit': {'orders': 2147483647, 'seconds': 1}}}],"
                    + " 'instruments': [], 'steps': []}"));

    assertThat(script.marketOpen()).isFalse();
    assertThat(script.tradingState()).isEqualTo(TradingState.HALTED);
    Account account = script.accounts().get(0);
    assertThat(account.tradingState()).isEqualTo(TradingState.REDUCING);
    assertThat(account.limits().tradingWindow())
        .isEqualTo(new OrdersScript.TradingWindow(LocalTime.of(22, 0), LocalTime.of(2, 0)));
    assertThat(account.limits().rateLimit())
        .isEqualTo(new OrdersScript.RateLimit(Integer.MAX_VALUE, 1));
    assertThat(account.limits().maxOrderQty()).isNull();
    assertThat(account.limits().blockedSymbols()).isEmpty();
  }

  @Test
  void theFirstMalformedFieldIsTheOneNamed() {
    assertThatThrownBy(
            () ->
                OrdersScript.parse(
                    j(
                        "{'clock': 'soon', 'accounts': [{'id': ''}], 'instruments': [],"
                            + " 'steps': []}")))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("clock: ");
  }

  @Test
  void everyOpIsSpelledAsInTheSpec() {
    assertThat(List.of(Op.values()))
        .extracting(Op::spelling)
        .containsExactly(
            "submit",
            "venueAccept",
            "venueReject",
            "fill",
            "cancel",
            "cancelAck",
            "cancelReject",
            "replace",
            "replaceAck",
            "replaceReject",
            "expire",
            "endOfDay",
            "mark",
            "advance",
            "setMarket",
            "setTradingState");
  }
}
