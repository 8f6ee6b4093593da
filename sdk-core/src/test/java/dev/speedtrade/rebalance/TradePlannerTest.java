package dev.speedtrade.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planner's steps one rule at a time, on inputs small enough to check by hand. */
class TradePlannerTest {

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static PlanInput.Builder oneBot(String equity, Map<String, BigDecimal> weights) {
    return PlanInput.builder(d(equity))
        .cash(d(equity))
        .investments(List.of(BotInvestment.percent("bot", d("100"))))
        .allocations(Map.of("bot", Allocation.of(weights)));
  }

  @Test
  void targetDollarsAreRoundedToCentsBeforeSharesAreCounted() {
    // A third of $30,000 is $10,000.00 after rounding: 100 shares of a $100 stock, not 99.
    PlanInput input =
        PlanInput.builder(d("30000"))
            .cash(d("30000"))
            .investments(List.of(BotInvestment.dollars("bot", d("10000"))))
            .allocations(Map.of("bot", Allocation.of(Map.of("ABC", BigDecimal.ONE))))
            .prices(Map.of("ABC", ReferencePrices.ask(d("100"))))
            .build();

    TradePlan plan = TradePlanner.plan(input);

    assertThat(plan.targets().get(0).dollars()).isEqualByComparingTo("10000.00");
    assertThat(plan.targets().get(0).targetQty()).isEqualByComparingTo("100");
  }

  @Test
  void targetDollarsRoundHalfEven() {
    // 0.5 of 0.25 is 0.125: half-even keeps 0.12; 0.5 of 0.35 is 0.175: half-even gives 0.18.
    TradePlan low =
        TradePlanner.plan(
            PlanInput.builder(d("0.25"))
                .cash(d("0.25"))
                .investments(List.of(BotInvestment.percent("bot", d("50"))))
                .allocations(Map.of("bot", Allocation.of(Map.of("ABC", BigDecimal.ONE))))
                .prices(Map.of("ABC", ReferencePrices.ask(d("0.01"))))
                .build());
    TradePlan high =
        TradePlanner.plan(
            PlanInput.builder(d("0.35"))
                .cash(d("0.35"))
                .investments(List.of(BotInvestment.percent("bot", d("50"))))
                .allocations(Map.of("bot", Allocation.of(Map.of("ABC", BigDecimal.ONE))))
                .prices(Map.of("ABC", ReferencePrices.ask(d("0.01"))))
                .build());

    assertThat(low.targets().get(0).dollars()).isEqualByComparingTo("0.12");
    assertThat(high.targets().get(0).dollars()).isEqualByComparingTo("0.18");
  }

  @Test
  void limitPricesRoundHalfUpToCentsFromOneDollarAndToFourDecimalsBelow() {
    assertThat(TradePlanner.limitPrice(d("90.50"), d("1.0")))
        .isEqualByComparingTo("91.41"); // 91.405
    assertThat(TradePlanner.limitPrice(d("0.98"), d("2.5"))).isEqualByComparingTo("1.00"); // 1.0045
    assertThat(TradePlanner.limitPrice(d("0.915"), d("1.0")))
        .isEqualByComparingTo("0.9242"); // 0.92415
    assertThat(TradePlanner.limitPrice(d("0.99"), d("1.0")))
        .isEqualByComparingTo("0.9999"); // below $1: 4 dp
    assertThat(TradePlanner.limitPrice(d("0.99"), d("1.0")).scale()).isEqualTo(4);
    assertThat(TradePlanner.limitPrice(d("100"), d("0"))).isEqualByComparingTo("100.00");
  }

  @Test
  void sharesAreWholeAndRoundedDownButAnExitSellsTheFraction() {
    TradePlan plan =
        TradePlanner.plan(
            oneBot("1000", Map.of("ABC", d("0.5")))
                .holdings(List.of(new Holding("ABC", d("1.5")), new Holding("XYZ", d("2.75"))))
                .prices(Map.of("ABC", ReferencePrices.ask(d("3"))))
                .build());

    // 500 / 3 = 166.67 -> 166 target; buy 166 - 1.5 = 164.5 -> 164.
    assertThat(plan.buys())
        .singleElement()
        .satisfies(buy -> assertThat(buy.qty()).isEqualByComparingTo("164"));
    assertThat(plan.sells())
        .singleElement()
        .satisfies(
            sell -> {
              assertThat(sell.symbol()).isEqualTo("XYZ");
              assertThat(sell.qty()).isEqualByComparingTo("2.75");
              assertThat(sell.exit()).isTrue();
              assertThat(sell.type()).isEqualTo(OrderType.MARKET);
            });
  }

  @Test
  void aFailedBotFallsBackToTheFallbackTickerAndWarnsWithItsReason() {
    PlanInput input =
        PlanInput.builder(d("1000"))
            .cash(d("1000"))
            .investments(
                List.of(BotInvestment.percent("a", d("50")), BotInvestment.percent("b", d("40"))))
            .allocations(
                Map.of(
                    "a",
                    Allocation.failed("timed out"),
                    "b",
                    Allocation.of(List.of(new SymbolWeight("X", d("-0.1"))))))
            .prices(Map.of("SGOV", ReferencePrices.ask(d("100"))))
            .build();

    TradePlan plan = TradePlanner.plan(input);

    assertThat(plan.weights()).containsOnlyKeys("SGOV");
    assertThat(plan.weights().get("SGOV")).isEqualByComparingTo("0.9");
    assertThat(plan.warnings())
        .containsExactly(
            new PlanWarning(WarningCode.BOT_FAILED, "a: timed out"),
            new PlanWarning(WarningCode.BOT_FAILED, "b: negative weight for X"));
  }

  @Test
  void anAllocationAboveOneMillionthOverOneFailsButOneAtItPasses() {
    PlanInput.Builder base =
        PlanInput.builder(d("1000"))
            .cash(d("1000"))
            .investments(List.of(BotInvestment.percent("bot", d("10"))))
            .settings(TradingSettings.builder().fallbackTicker("CASH").build());

    TradePlan atLimit =
        TradePlanner.plan(
            base.allocations(
                    Map.of("bot", Allocation.of(Map.of("A", d("0.5"), "B", d("0.500001")))))
                .build());
    TradePlan above =
        TradePlanner.plan(
            base.allocations(
                    Map.of("bot", Allocation.of(Map.of("A", d("0.5"), "B", d("0.5000011")))))
                .build());

    assertThat(atLimit.warnings()).isEmpty();
    assertThat(above.warnings())
        .extracting(PlanWarning::code)
        .containsExactly(WarningCode.BOT_FAILED);
    assertThat(above.weights()).isEmpty();
  }

  @Test
  void theLargestWeightASymbolWeightTakesFailsTheBotWithAShortReason() {
    PlanInput input =
        PlanInput.builder(d("1000"))
            .cash(d("1000"))
            .investments(List.of(BotInvestment.percent("bot", d("10"))))
            .allocations(
                Map.of(
                    "bot",
                    Allocation.of(
                        List.of(
                            new SymbolWeight("A", d("1e15")), new SymbolWeight("B", d("1e-60"))))))
            .settings(TradingSettings.builder().fallbackTicker("CASH").build())
            .build();

    TradePlan plan = TradePlanner.plan(input);

    assertThat(plan.warnings())
        .containsExactly(
            new PlanWarning(
                WarningCode.BOT_FAILED,
                "bot: weights sum to 1000000000000000.000000000000000000, above 1.000001"));
    assertThat(plan.weights()).isEmpty();
  }

  @Test
  void pairsNetInTheirConfiguredOrderAndParkTheOverlapInTheFallback() {
    TradingSettings settings =
        TradingSettings.builder()
            .pairedTickers(List.of(new TickerPair("SPY", "SH"), new TickerPair("sh", "QQQ")))
            .fallbackTicker("BIL")
            .build();
    TradePlan plan =
        TradePlanner.plan(
            oneBot("1000", Map.of("SPY", d("0.3"), "SH", d("0.4"), "QQQ", d("0.2")))
                .settings(settings)
                .build());

    // SPY/SH: overlap 0.3 -> SPY 0, SH 0.1, BIL 0.6; SH/QQQ: overlap 0.1 -> SH 0, QQQ 0.1, BIL 0.8.
    assertThat(plan.weights()).containsOnlyKeys("BIL", "QQQ");
    assertThat(plan.weights().get("QQQ")).isEqualByComparingTo("0.1");
    assertThat(plan.weights().get("BIL")).isEqualByComparingTo("0.8");
    assertThat(plan.warnings())
        .containsExactly(
            new PlanWarning(WarningCode.PAIRED_NETTED, "SPY/SH"),
            new PlanWarning(WarningCode.PAIRED_NETTED, "SH/QQQ"));
  }

  @Test
  void weightsAboveNinetyNinePercentAreScaledToIt() {
    TradePlan plan =
        TradePlanner.plan(oneBot("1000", Map.of("A", d("0.6"), "B", d("0.4"))).build());

    assertThat(plan.weights().get("A")).isEqualByComparingTo("0.594");
    assertThat(plan.weights().get("B")).isEqualByComparingTo("0.396");
  }

  @Test
  void buysBeyondTheCashAreScaledDownAndZeroShareBuysDropped() {
    PlanInput input =
        oneBot("1000", Map.of("A", d("0.9"), "B", d("0.001")))
            .cash(d("100"))
            .settings(TradingSettings.builder().orderType(OrderType.MARKET).build())
            .prices(Map.of("A", ReferencePrices.ask(d("10")), "B", ReferencePrices.ask(d("1"))))
            .build();

    TradePlan plan = TradePlanner.plan(input);

    // A: 900 / 10 = 90 shares, B: 1.00 / 1 = 1 share, $901 in all against $100 of cash:
    // A keeps floor(90 x 100 / 901) = 9 shares, B floor(1 x 100 / 901) = 0 and is dropped.
    assertThat(plan.buys())
        .singleElement()
        .satisfies(
            buy -> {
              assertThat(buy.symbol()).isEqualTo("A");
              assertThat(buy.qty()).isEqualByComparingTo("9");
              assertThat(buy.side()).isEqualTo(OrderSide.BUY);
            });
    assertThat(plan.warnings())
        .extracting(PlanWarning::code)
        .containsExactly(WarningCode.BUYS_SCALED);
  }

  @Test
  void theBuyPlanCountsOnlyTheCashThereIsNotTheProceedsOfSellsStillOpen() {
    PlanInput input =
        oneBot("2000", Map.of("A", d("0.5")))
            .cash(d("100"))
            .holdings(List.of(new Holding("B", d("10"))))
            .prices(Map.of("A", ReferencePrices.ask(d("10")), "B", ReferencePrices.ask(d("190"))))
            .build();

    TradePlan withSells = TradePlanner.plan(input);
    TradePlan buysOnly = TradePlanner.planBuys(input);

    // 1000 / 10 = 100 A at the 10.10 limit: $1,010. The sale of B would pay for it; $100 of cash
    // does not.
    assertThat(withSells.buys())
        .singleElement()
        .satisfies(buy -> assertThat(buy.qty()).isEqualByComparingTo("100"));
    assertThat(buysOnly.buys())
        .singleElement()
        .satisfies(buy -> assertThat(buy.qty()).isEqualByComparingTo("9"));
    assertThat(buysOnly.warnings())
        .extracting(PlanWarning::code)
        .containsExactly(WarningCode.BUYS_SCALED);
  }

  @Test
  void negativeCashLeavesNothingForBuys() {
    TradePlan plan =
        TradePlanner.plan(
            oneBot("1000", Map.of("A", d("0.5")))
                .cash(d("-50"))
                .prices(Map.of("A", ReferencePrices.ask(d("10"))))
                .build());

    assertThat(plan.buys()).isEmpty();
    assertThat(plan.warnings())
        .extracting(PlanWarning::code)
        .containsExactly(WarningCode.BUYS_SCALED);
  }

  @Test
  void theReferencePriceIsTheFirstPositiveOfAskTradeAndClose() {
    assertThat(TradePlanner.price(new ReferencePrices(d("0"), d("-1"), d("5"))))
        .isEqualTo(new TradePlanner.Priced(d("5"), PriceSource.BAR));
    assertThat(TradePlanner.price(new ReferencePrices(null, d("4"), d("5"))))
        .isEqualTo(new TradePlanner.Priced(d("4"), PriceSource.TRADE));
    assertThat(TradePlanner.price(ReferencePrices.ask(d("3"))))
        .isEqualTo(new TradePlanner.Priced(d("3"), PriceSource.QUOTE));
    assertThat(TradePlanner.price(ReferencePrices.NONE)).isNull();
    assertThat(TradePlanner.price(null)).isNull();
  }

  @Test
  void theSamePlanComesFromTheSameInput() {
    PlanInput input =
        oneBot("5000", Map.of("A", d("0.3"), "B", d("0.3")))
            .prices(Map.of("A", ReferencePrices.ask(d("7.77")), "B", ReferencePrices.ask(d("13"))))
            .build();

    assertThat(TradePlanner.plan(input)).isEqualTo(TradePlanner.plan(input));
  }

  @Test
  void theExampleOfTheRebalancePagePlansAsItSays() {
    PlanInput input =
        PlanInput.builder(new BigDecimal("100000"))
            .cash(new BigDecimal("34853"))
            .holdings(List.of(new Holding("SPY", new BigDecimal("120"))))
            .settings(
                TradingSettings.builder()
                    .cashReserve(ReserveMode.PERCENT, new BigDecimal("5"))
                    .pairedTickers(List.of(new TickerPair("SPY", "SH")))
                    .build())
            .investments(
                List.of(
                    BotInvestment.dollars("momentum", new BigDecimal("60000")),
                    BotInvestment.percent("hedge", new BigDecimal("30"))))
            .allocations(
                Map.of(
                    "momentum",
                        Allocation.of(
                            Map.of("SPY", new BigDecimal("0.7"), "TLT", new BigDecimal("0.3"))),
                    "hedge", Allocation.failed("backtest timed out")))
            .prices(
                Map.of(
                    "SPY", ReferencePrices.ask(new BigDecimal("500.10")),
                    "TLT", new ReferencePrices(null, new BigDecimal("90.50"), null),
                    "SGOV", new ReferencePrices(null, null, new BigDecimal("100.40"))))
            .build();

    TradePlan plan = TradePlanner.plan(input);

    assertThat(plan.sells())
        .extracting(PlannedOrder::symbol, PlannedOrder::qty)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SPY", new BigDecimal("37")));
    assertThat(plan.buys())
        .extracting(PlannedOrder::symbol, PlannedOrder::limitPrice)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SGOV", new BigDecimal("101.40")),
            org.assertj.core.groups.Tuple.tuple("TLT", new BigDecimal("91.41")));
    assertThat(plan.warnings())
        .containsExactly(new PlanWarning(WarningCode.BOT_FAILED, "hedge: backtest timed out"));
  }
}
