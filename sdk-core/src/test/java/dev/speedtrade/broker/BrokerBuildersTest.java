package dev.speedtrade.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The one rule for builders, on the broker package's: a setter refuses null with a {@link
 * NullPointerException} naming the parameter; what {@code build()} checks keeps its own code.
 */
class BrokerBuildersTest {

  @Test
  void orderRequestSettersRefuseNullNamingTheParameter() {
    OrderRequest.Builder builder = OrderRequest.builder();

    assertNullRefused(() -> builder.symbol(nullValue()), "symbol");
    assertNullRefused(() -> builder.side(nullValue()), "side");
    assertNullRefused(() -> builder.type(nullValue()), "type");
    assertNullRefused(() -> builder.timeInForce(nullValue()), "timeInForce");
    assertNullRefused(() -> builder.qty((Quantity) nullValue()), "qty");
    assertNullRefused(() -> builder.qty((String) nullValue()), "qty");
    assertNullRefused(() -> builder.notional(nullValue()), "notional");
  }

  @Test
  void orderRequestOptionalPartsStillTakeNullToClearThem() {
    OrderRequest request =
        OrderRequest.builder()
            .symbol("AAPL")
            .side(OrderSide.BUY)
            .qty("1")
            .clientOrderId(null)
            .limitPrice(null)
            .stopPrice(null)
            .build();

    assertThat(request.clientOrderId()).isNull();
    assertThat(request.limitPrice()).isNull();
  }

  @Test
  void orderRequestMissingPartsKeepTheirBusinessCodes() {
    assertCode(
        () -> OrderRequest.builder().side(OrderSide.BUY).qty("1").build(),
        ErrorCode.INVALID_SYMBOL);
    assertCode(
        () -> OrderRequest.builder().symbol("AAPL").qty("1").build(), ErrorCode.INVALID_ORDER);
    assertCode(
        () -> OrderRequest.builder().symbol("AAPL").side(OrderSide.BUY).build(),
        ErrorCode.INVALID_ORDER);
  }

  @Test
  void simulatedBrokerSettersRefuseNullNamingTheParameter() {
    SimulatedBroker.Builder builder = SimulatedBroker.builder();

    assertNullRefused(() -> builder.clock(nullValue()), "clock");
    assertNullRefused(() -> builder.accountId(nullValue()), "accountId");
    assertNullRefused(() -> builder.cash(nullValue()), "cash");
    assertNullRefused(() -> builder.listing(nullValue(), Price.of("1")), "asset");
    assertNullRefused(() -> builder.listing(Asset.usEquity("AAPL", "Apple"), nullValue()), "price");
    assertNullRefused(() -> builder.latency(nullValue(), Duration.ZERO), "min");
    assertNullRefused(() -> builder.latencySleeper(nullValue()), "sleeper");
    assertNullRefused(() -> builder.randomWalk(nullValue()), "maxStepPercent");
    assertCode(() -> builder.accountId(" "), ErrorCode.INVALID_ARGUMENT);
    assertCode(() -> builder.cash(Money.of("1.00", "EUR")), ErrorCode.CURRENCY_MISMATCH);
  }

  @Test
  void simulatedMarketSettersRefuseNullNamingTheParameter() {
    SimulatedMarket.Builder builder = SimulatedMarket.builder();

    assertNullRefused(() -> builder.clock(nullValue()), "clock");
    assertNullRefused(() -> builder.listing(nullValue(), Price.of("1")), "asset");
    assertNullRefused(() -> builder.latency(Duration.ZERO, nullValue()), "max");
    assertNullRefused(() -> builder.latencySleeper(nullValue()), "sleeper");
    assertNullRefused(() -> builder.randomWalk(nullValue()), "maxStepPercent");
    assertCode(() -> builder.randomWalk(BigDecimal.ZERO), ErrorCode.INVALID_ARGUMENT);
    assertCode(
        () -> builder.latency(Duration.ofSeconds(2), Duration.ofSeconds(1)),
        ErrorCode.INVALID_ARGUMENT);
  }

  static void assertNullRefused(ThrowingCallable call, String parameter) {
    assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(parameter);
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue", "TypeParameterUnusedInFormals"})
  private static <T> T nullValue() {
    return null;
  }
}
