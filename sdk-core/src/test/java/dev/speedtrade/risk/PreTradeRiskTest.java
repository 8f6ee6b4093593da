package dev.speedtrade.risk;

import static dev.speedtrade.risk.Ctx.d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The order of the checks: when two fail, the lower number is the answer. */
class PreTradeRiskTest {
  private final PreTradeRisk risk = new PreTradeRisk();

  private Optional<RiskCode> judge(Consumer<Ctx> setup) {
    Ctx ctx = new Ctx();
    setup.accept(ctx);
    return risk.firstFailure(ctx.build());
  }

  @Test
  void codesAreNumberedOneToTwentyInDeclarationOrder() {
    assertThat(Arrays.stream(RiskCode.values()).mapToInt(RiskCode::number))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
  }

  @Test
  void aHaltedStateWinsOverAnUnknownSymbol() {
    assertThat(
            judge(
                c -> {
                  c.state = TradingState.HALTED;
                  c.instrument = null;
                }))
        .contains(RiskCode.TRADING_HALTED);
  }

  @Test
  void anUnknownSymbolWinsOverAnInvalidQty() {
    assertThat(
            judge(
                c -> {
                  c.instrument = null;
                  c.qty = d("0");
                }))
        .contains(RiskCode.UNKNOWN_SYMBOL);
  }

  @Test
  void notTradableWinsOverAnInvalidQty() {
    assertThat(
            judge(
                c -> {
                  c.instrument(false, true, false);
                  c.qty = d("0");
                }))
        .contains(RiskCode.NOT_TRADABLE);
  }

  @Test
  void aMissingPriceWinsOverAnInvalidTick() {
    assertThat(
            judge(
                c -> {
                  c.type = OrderType.STOP_LIMIT;
                  c.limitPrice = d("1.001");
                }))
        .contains(RiskCode.PRICE_REQUIRED);
  }

  @Test
  void anInvalidTickWinsOverAReducingState() {
    assertThat(
            judge(
                c -> {
                  c.limitPrice = d("100.001");
                  c.state = TradingState.REDUCING;
                }))
        .contains(RiskCode.INVALID_TICK);
  }

  @Test
  void aClosedMarketWinsOverABlockedSymbol() {
    assertThat(
            judge(
                c -> {
                  c.marketOpen = false;
                  c.tif = TimeInForce.IOC;
                  c.limits = RiskLimits.builder().blockedSymbols(java.util.Set.of("AAPL")).build();
                }))
        .contains(RiskCode.MARKET_CLOSED);
  }

  @Test
  void theMaximumPositionWinsOverAnInsufficientPosition() {
    assertThat(
            judge(
                c -> {
                  c.sell("40");
                  c.limits = RiskLimits.builder().maxPositionQty(d("30")).build();
                }))
        .contains(RiskCode.MAX_POSITION_EXCEEDED);
  }

  @Test
  void buyingPowerWinsOverTheRateLimit() {
    assertThat(
            judge(
                c -> {
                  c.buyingPower = d("0.00");
                  c.limits = RiskLimits.builder().rateLimit(new RateLimit(1, 1)).build();
                  c.recent = 1;
                }))
        .contains(RiskCode.INSUFFICIENT_BUYING_POWER);
  }

  @Test
  void aReplaceRunsChecksOneToNineteenOnly() {
    Consumer<Ctx> limited =
        c -> {
          c.limits = RiskLimits.builder().rateLimit(new RateLimit(1, 1)).build();
          c.recent = 5;
        };
    assertThat(judge(limited)).contains(RiskCode.RATE_LIMITED);
    assertThat(judge(limited.andThen(c -> c.replace = true))).isEmpty();
  }
}
