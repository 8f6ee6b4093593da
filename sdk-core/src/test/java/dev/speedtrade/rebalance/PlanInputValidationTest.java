package dev.speedtrade.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.speedtrade.broker.OrderType;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Settings, investments and plan inputs refuse what the contract calls malformed, naming the field.
 */
class PlanInputValidationTest {

  private static void refused(ThrowingCallable call, ErrorCode code, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(field);
  }

  @Test
  void defaultsAreTheContractsDefaults() {
    TradingSettings settings = TradingSettings.defaults();

    assertThat(settings.orderType()).isEqualTo(OrderType.LIMIT);
    assertThat(settings.limitPercent()).isEqualByComparingTo("1.0");
    assertThat(settings.fallbackTicker()).isEqualTo("SGOV");
    assertThat(settings.cashReserveMode()).isEqualTo(ReserveMode.DOLLARS);
    assertThat(settings.cashReserveAmount()).isZero();
    assertThat(settings.pairedTickers()).isEmpty();
    assertThat(settings.minTradePercent()).isZero();
    assertThat(settings.minutesBeforeClose()).isEqualTo(10);
    assertThat(settings.enabled()).isFalse();
  }

  @Test
  void everySettingOutOfRangeIsRefusedByName() {
    refused(
        () -> TradingSettings.builder().orderType(OrderType.STOP).build(),
        ErrorCode.INVALID_SETTINGS,
        "orderType");
    refused(
        () -> TradingSettings.builder().limitPercent(new BigDecimal("10.01")).build(),
        ErrorCode.INVALID_SETTINGS,
        "limitPercent");
    refused(
        () -> TradingSettings.builder().limitPercent(new BigDecimal("-0.1")).build(),
        ErrorCode.INVALID_SETTINGS,
        "limitPercent");
    refused(
        () -> TradingSettings.builder().fallbackTicker("  ").build(),
        ErrorCode.INVALID_SETTINGS,
        "fallbackTicker");
    refused(
        () ->
            TradingSettings.builder()
                .cashReserve(ReserveMode.DOLLARS, new BigDecimal("-1"))
                .build(),
        ErrorCode.INVALID_SETTINGS,
        "cashReserveAmount");
    refused(
        () ->
            TradingSettings.builder()
                .cashReserve(ReserveMode.PERCENT, new BigDecimal("100.5"))
                .build(),
        ErrorCode.INVALID_SETTINGS,
        "cashReserveAmount");
    refused(
        () -> TradingSettings.builder().minTradePercent(new BigDecimal("101")).build(),
        ErrorCode.INVALID_SETTINGS,
        "minTradePercent");
    refused(
        () -> TradingSettings.builder().minutesBeforeClose(0).build(),
        ErrorCode.INVALID_SETTINGS,
        "minutesBeforeClose");
    refused(
        () -> TradingSettings.builder().minutesBeforeClose(61).build(),
        ErrorCode.INVALID_SETTINGS,
        "minutesBeforeClose");
    refused(
        () ->
            TradingSettings.builder().pairedTickers(List.of(new TickerPair("SPY", "sgov"))).build(),
        ErrorCode.INVALID_SETTINGS,
        "pairedTickers[0]");
  }

  @Test
  void theBoundsThemselvesAreAccepted() {
    TradingSettings settings =
        TradingSettings.builder()
            .limitPercent(BigDecimal.TEN)
            .cashReserve(ReserveMode.PERCENT, new BigDecimal("100"))
            .minTradePercent(new BigDecimal("100"))
            .minutesBeforeClose(60)
            .fallbackTicker(" cash ")
            .build();

    assertThat(settings.fallsBackToCash()).isTrue();
    assertThat(TradingSettings.builder().minutesBeforeClose(1).build().minutesBeforeClose())
        .isEqualTo(1);
  }

  @Test
  void aPairIsTwoDistinctSymbolsNeitherOfThemCash() {
    assertThat(new TickerPair(" spy", "SH ")).isEqualTo(new TickerPair("SPY", "SH"));
    refused(() -> new TickerPair("SPY", "spy"), ErrorCode.INVALID_SETTINGS, "SPY");
    refused(() -> new TickerPair("SPY", "cash"), ErrorCode.INVALID_SETTINGS, "CASH");
    refused(() -> new TickerPair("SPY", " "), ErrorCode.INVALID_SETTINGS, "pair");
  }

  @Test
  void anInvestmentNeedsABotAndAPositiveAmount() {
    refused(
        () -> BotInvestment.dollars(" ", BigDecimal.ONE), ErrorCode.INVALID_INVESTMENT, "botId");
    refused(
        () -> BotInvestment.dollars("bot", BigDecimal.ZERO),
        ErrorCode.INVALID_INVESTMENT,
        "amount");
    refused(
        () -> BotInvestment.percent("bot", new BigDecimal("-5")),
        ErrorCode.INVALID_INVESTMENT,
        "amount");
    refused(
        () -> BotInvestment.dollars("bot", new BigDecimal("1e15")),
        ErrorCode.INVALID_INVESTMENT,
        "amount");
    refused(
        () -> new BotInvestment("bot", BigDecimal.ONE, null),
        ErrorCode.INVALID_INVESTMENT,
        "weightMode");
  }

  @Test
  void twoInvestmentsInOneBotAreRefused() {
    refused(
        () ->
            PlanInput.builder(BigDecimal.TEN)
                .investments(
                    List.of(
                        BotInvestment.dollars("a", BigDecimal.ONE),
                        BotInvestment.dollars("a", BigDecimal.TEN)))
                .build(),
        ErrorCode.INVALID_INVESTMENT,
        "investments[1].botId");
  }

  @Test
  void valuesThatWouldMakeRoundingExpensiveAreRefused() {
    refused(
        () -> PlanInput.builder(new BigDecimal("1e999999999")).build(),
        ErrorCode.INVALID_AMOUNT,
        "equity");
    refused(
        () -> PlanInput.builder(BigDecimal.TEN).cash(new BigDecimal("1e-999999999")).build(),
        ErrorCode.INVALID_AMOUNT,
        "cash");
    refused(
        () ->
            PlanInput.builder(BigDecimal.TEN)
                .holdings(List.of(new Holding("A", new BigDecimal("0.0000000001"))))
                .build(),
        ErrorCode.INVALID_QUANTITY,
        "qty of A");
    refused(
        () ->
            PlanInput.builder(BigDecimal.TEN)
                .prices(Map.of("a", ReferencePrices.ask(new BigDecimal("1e12"))))
                .build(),
        ErrorCode.INVALID_PRICE,
        "price of A");
  }

  @Test
  void aWeightNoBotCanMeanIsRefusedBeforeAnyWork() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          refused(
              () -> new SymbolWeight("SPY", new BigDecimal("1e1000000000")),
              ErrorCode.INVALID_WEIGHT,
              "weight of SPY must be at most 1e15 in size, got 1E+1000000000");
          refused(
              () -> new SymbolWeight("SPY", new BigDecimal("-1e1000000000")),
              ErrorCode.INVALID_WEIGHT,
              "weight of SPY");
          refused(
              () -> new SymbolWeight("SPY", new BigDecimal("1e-1000000000")),
              ErrorCode.INVALID_WEIGHT,
              "weight of SPY must have at most 60 decimals");
          refused(
              () -> Allocation.of(Map.of("TLT", new BigDecimal("1000000000000000.1"))),
              ErrorCode.INVALID_WEIGHT,
              "weight of TLT");
          refused(
              () -> new SymbolWeight("TLT", new BigDecimal("1e-61")),
              ErrorCode.INVALID_WEIGHT,
              "weight of TLT");
        });
  }

  @Test
  void weightsTheBotMayHaveMeantAreLeftForThePlannerToJudge() {
    assertThat(new SymbolWeight("SPY", new BigDecimal("1e15")).weight())
        .isEqualByComparingTo("1e15");
    assertThat(new SymbolWeight("SPY", new BigDecimal("-1e15")).weight())
        .isEqualByComparingTo("-1e15");
    assertThat(new SymbolWeight("SPY", new BigDecimal("1.0e-60")).weight())
        .isEqualByComparingTo("1e-60");
    assertThat(new SymbolWeight(" ", new BigDecimal("2")).symbol()).isEqualTo(" ");
  }

  @Test
  void symbolsAreTrimmedAndUpperCasedWhereTheyEnter() {
    PlanInput input =
        PlanInput.builder(BigDecimal.TEN)
            .holdings(List.of(new Holding(" aapl ", BigDecimal.ONE)))
            .prices(Map.of(" aapl", ReferencePrices.ask(BigDecimal.ONE)))
            .build();

    assertThat(input.holdings().get(0).symbol()).isEqualTo("AAPL");
    assertThat(input.prices()).containsOnlyKeys("AAPL");
    refused(() -> new Holding(" ", BigDecimal.ONE), ErrorCode.INVALID_SYMBOL, "symbol");
  }
}
