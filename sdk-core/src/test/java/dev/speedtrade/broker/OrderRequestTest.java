package dev.speedtrade.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderRequestTest {
  private static final Price LIMIT = Price.of("187.50");
  private static final Price STOP = Price.of("180.25");
  private static final Money HUNDRED_DOLLARS = Money.of("100", "USD");

  private static OrderRequest.Builder buyTenAapl() {
    return OrderRequest.builder().symbol("AAPL").side(OrderSide.BUY).qty(Quantity.of(10));
  }

  private static OrderRequest.Builder buyHundredDollarsOfAapl() {
    return OrderRequest.builder().symbol("AAPL").side(OrderSide.BUY).notional(HUNDRED_DOLLARS);
  }

  private static void assertRejected(ThrowingCallable call, ErrorCode code, String... named) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(named);
            });
  }

  private static void assertInvalidOrder(ThrowingCallable call, String... named) {
    assertRejected(call, ErrorCode.INVALID_ORDER, named);
  }

  @Test
  void builderDefaultsToADayMarketOrderInRegularHours() {
    OrderRequest request = buyTenAapl().build();

    assertThat(request.symbol()).isEqualTo("AAPL");
    assertThat(request.side()).isEqualTo(OrderSide.BUY);
    assertThat(request.type()).isEqualTo(OrderType.MARKET);
    assertThat(request.timeInForce()).isEqualTo(TimeInForce.DAY);
    assertThat(request.extendedHours()).isFalse();
    assertThat(request.qty()).isEqualTo(Quantity.of(10));
    assertThat(request.notional()).isNull();
    assertThat(request.limitPrice()).isNull();
    assertThat(request.stopPrice()).isNull();
    assertThat(request.clientOrderId()).isNull();
  }

  @Test
  void quantityAndNotionalAccessorsReflectTheKindOfOrder() {
    OrderRequest byQty = buyTenAapl().build();
    OrderRequest byNotional = buyHundredDollarsOfAapl().build();

    assertThat(byQty.quantity()).contains(Quantity.of(10));
    assertThat(byQty.notionalAmount()).isEmpty();
    assertThat(byNotional.quantity()).isEmpty();
    assertThat(byNotional.notionalAmount()).contains(HUNDRED_DOLLARS);
  }

  @Test
  void acceptsALimitOrderWithALimitPrice() {
    OrderRequest request = buyTenAapl().type(OrderType.LIMIT).limitPrice(LIMIT).build();

    assertThat(request.limitPrice()).isEqualTo(LIMIT);
  }

  @Test
  void rejectsLimitOrderWithoutLimitPrice() {
    assertInvalidOrder(
        () -> buyTenAapl().type(OrderType.LIMIT).build(), "LIMIT order needs a limit price");
  }

  @Test
  void rejectsStopLimitOrderWithoutLimitPrice() {
    assertInvalidOrder(
        () -> buyTenAapl().type(OrderType.STOP_LIMIT).stopPrice(STOP).build(),
        "STOP_LIMIT order needs a limit price");
  }

  @Test
  void rejectsMarketOrderWithLimitPrice() {
    assertInvalidOrder(
        () -> buyTenAapl().limitPrice(LIMIT).build(), "MARKET", "no limit price", "187.5");
  }

  @Test
  void rejectsStopOrderWithLimitPrice() {
    assertInvalidOrder(
        () -> buyTenAapl().type(OrderType.STOP).stopPrice(STOP).limitPrice(LIMIT).build(),
        "STOP",
        "no limit price",
        "187.5");
  }

  @Test
  void acceptsAStopOrderWithAStopPrice() {
    OrderRequest request = buyTenAapl().type(OrderType.STOP).stopPrice(STOP).build();

    assertThat(request.stopPrice()).isEqualTo(STOP);
    assertThat(request.limitPrice()).isNull();
  }

  @Test
  void rejectsStopOrderWithoutStopPrice() {
    assertInvalidOrder(
        () -> buyTenAapl().type(OrderType.STOP).build(), "STOP order needs a stop price");
  }

  @Test
  void rejectsLimitOrderWithStopPrice() {
    assertInvalidOrder(
        () -> buyTenAapl().type(OrderType.LIMIT).limitPrice(LIMIT).stopPrice(STOP).build(),
        "LIMIT",
        "no stop price",
        "180.25");
  }

  @Test
  void rejectsMarketOrderWithStopPrice() {
    assertInvalidOrder(
        () -> buyTenAapl().stopPrice(STOP).build(), "MARKET", "no stop price", "180.25");
  }

  @Test
  void acceptsAStopLimitOrderWithBothPrices() {
    OrderRequest request =
        buyTenAapl().type(OrderType.STOP_LIMIT).limitPrice(LIMIT).stopPrice(STOP).build();

    assertThat(request.limitPrice()).isEqualTo(LIMIT);
    assertThat(request.stopPrice()).isEqualTo(STOP);
  }

  @Test
  void rejectsStopLimitOrderWithoutStopPrice() {
    assertInvalidOrder(
        () -> buyTenAapl().type(OrderType.STOP_LIMIT).limitPrice(LIMIT).build(),
        "STOP_LIMIT order needs a stop price");
  }

  @Test
  void rejectsOrderWithNeitherQtyNorNotional() {
    assertInvalidOrder(
        () -> OrderRequest.builder().symbol("AAPL").side(OrderSide.BUY).build(),
        "exactly one of qty and notional",
        "neither");
  }

  @Test
  void rejectsOrderWithBothQtyAndNotional() {
    assertInvalidOrder(
        () ->
            new OrderRequest(
                "AAPL",
                OrderSide.BUY,
                OrderType.MARKET,
                TimeInForce.DAY,
                Quantity.of(1),
                HUNDRED_DOLLARS,
                null,
                null,
                false,
                null),
        "exactly one of qty and notional",
        "both");
  }

  @Test
  void builderKeepsOnlyTheLastOfQtyAndNotional() {
    OrderRequest byQty = buyHundredDollarsOfAapl().qty("2.5").build();
    OrderRequest byNotional = buyTenAapl().notional(HUNDRED_DOLLARS).build();

    assertThat(byQty.qty()).isEqualTo(Quantity.of("2.5"));
    assertThat(byQty.notional()).isNull();
    assertThat(byNotional.notional()).isEqualTo(HUNDRED_DOLLARS);
    assertThat(byNotional.qty()).isNull();
  }

  @Test
  void rejectsZeroQty() {
    assertInvalidOrder(() -> buyTenAapl().qty(Quantity.ZERO).build(), "qty must be positive", "0");
  }

  @Test
  void acceptsTheSmallestFractionalQty() {
    assertThat(buyTenAapl().qty("0.000000001").build().qty()).isEqualTo(Quantity.of("1e-9"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5"})
  void rejectsNotionalThatIsNotPositive(String amount) {
    Money notional = Money.of(amount, "USD");

    assertInvalidOrder(
        () -> buyHundredDollarsOfAapl().notional(notional).build(),
        "notional must be positive",
        notional.toString());
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderType.class,
      names = {"MARKET", "OTHER"},
      mode = EnumSource.Mode.EXCLUDE)
  void rejectsNotionalOrderThatIsNotAMarketOrder(OrderType type) {
    OrderRequest.Builder builder = buyHundredDollarsOfAapl().type(type);
    if (type.hasLimitPrice()) {
      builder.limitPrice(LIMIT);
    }
    if (type.hasStopPrice()) {
      builder.stopPrice(STOP);
    }

    assertInvalidOrder(builder::build, "notional order must be a market order", type.name());
  }

  @ParameterizedTest
  @EnumSource(
      value = TimeInForce.class,
      names = {"DAY", "GTC", "IOC"})
  void acceptsNotionalOrderWithDayGtcOrIoc(TimeInForce timeInForce) {
    OrderRequest request = buyHundredDollarsOfAapl().timeInForce(timeInForce).build();

    assertThat(request.timeInForce()).isEqualTo(timeInForce);
    assertThat(request.notional()).isEqualTo(HUNDRED_DOLLARS);
  }

  @ParameterizedTest
  @EnumSource(
      value = TimeInForce.class,
      names = {"FOK", "OPG", "CLS"})
  void rejectsNotionalOrderWithOtherTimeInForce(TimeInForce timeInForce) {
    assertInvalidOrder(
        () -> buyHundredDollarsOfAapl().timeInForce(timeInForce).build(),
        "DAY, GTC or IOC",
        timeInForce.name());
  }

  @Test
  void acceptsExtendedHoursForADayLimitOrder() {
    OrderRequest request =
        buyTenAapl().type(OrderType.LIMIT).limitPrice(LIMIT).extendedHours(true).build();

    assertThat(request.extendedHours()).isTrue();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "MARKET, DAY",
    "STOP, DAY",
    "STOP_LIMIT, DAY",
    "LIMIT, GTC",
    "LIMIT, IOC",
    "LIMIT, FOK",
    "LIMIT, OPG",
    "LIMIT, CLS"
  })
  void rejectsExtendedHoursForAnythingButADayLimitOrder(OrderType type, TimeInForce timeInForce) {
    OrderRequest.Builder builder =
        buyTenAapl().type(type).timeInForce(timeInForce).extendedHours(true);
    if (type.hasLimitPrice()) {
      builder.limitPrice(LIMIT);
    }
    if (type.hasStopPrice()) {
      builder.stopPrice(STOP);
    }

    assertInvalidOrder(builder::build, "extended hours", type + " " + timeInForce);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"OPG, MARKET", "OPG, LIMIT", "CLS, MARKET", "CLS, LIMIT"})
  void acceptsAuctionTimeInForceForMarketAndLimitOrders(TimeInForce timeInForce, OrderType type) {
    OrderRequest.Builder builder = buyTenAapl().type(type).timeInForce(timeInForce);
    if (type.hasLimitPrice()) {
      builder.limitPrice(LIMIT);
    }

    assertThat(builder.build().timeInForce()).isEqualTo(timeInForce);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"OPG, STOP", "OPG, STOP_LIMIT", "CLS, STOP", "CLS, STOP_LIMIT"})
  void rejectsAuctionTimeInForceForStopOrders(TimeInForce timeInForce, OrderType type) {
    OrderRequest.Builder builder = buyTenAapl().type(type).timeInForce(timeInForce).stopPrice(STOP);
    if (type.hasLimitPrice()) {
      builder.limitPrice(LIMIT);
    }

    assertInvalidOrder(
        builder::build, timeInForce + " applies only to MARKET and LIMIT orders", type.name());
  }

  @Test
  void acceptsAClientOrderIdOfExactlyTheMaximumLength() {
    String id = "a".repeat(OrderRequest.MAX_CLIENT_ORDER_ID_LENGTH);

    assertThat(buyTenAapl().clientOrderId(id).build().clientOrderId()).isEqualTo(id);
  }

  @Test
  void rejectsAClientOrderIdOneCharacterTooLong() {
    String id = "b".repeat(OrderRequest.MAX_CLIENT_ORDER_ID_LENGTH + 1);

    assertInvalidOrder(() -> buyTenAapl().clientOrderId(id).build(), "129", "128", "b".repeat(40));
  }

  @Test
  void rejectsAnEmptyClientOrderId() {
    assertInvalidOrder(() -> buyTenAapl().clientOrderId("").build(), "client order id", "empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rebalance 1", " lead", "tab\there", "caf\u00e9", "del\u007f", "\u0000"})
  void rejectsAClientOrderIdWithSpacesOrNonPrintableAscii(String id) {
    assertInvalidOrder(
        () -> buyTenAapl().clientOrderId(id).build(), "'" + id + "'", "not printable ASCII");
  }

  @Test
  void acceptsAClientOrderIdOfPrintableAsciiPunctuation() {
    String id = "rebalance-2026-11-24_AAPL:buy#1~!";

    assertThat(buyTenAapl().clientOrderId(id).build().clientOrderId()).isEqualTo(id);
  }

  @Test
  void acceptsAbsentClientOrderId() {
    assertThat(buyTenAapl().clientOrderId(null).build().clientOrderId()).isNull();
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({
    "' aapl ', AAPL",
    "msft, MSFT",
    "BTC/USD, BTC/USD",
    "btc/usd, BTC/USD",
    "BRK.B, BRK.B",
    "BRK-B, BRK-B",
    "X, X",
    "ABCDEFGHIJKLMNOPQRST, ABCDEFGHIJKLMNOPQRST"
  })
  void trimsAndUpperCasesWellFormedSymbols(String symbol, String normalized) {
    assertThat(buyTenAapl().symbol(symbol).build().symbol()).isEqualTo(normalized);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"AA PL", "ABCDEFGHIJKLMNOPQRSTU", "$AAPL", ".AAPL", "/USD", "AAPL*", "\u00c4APL"})
  void rejectsMalformedSymbols(String symbol) {
    assertRejected(
        () -> buyTenAapl().symbol(symbol).build(), ErrorCode.INVALID_SYMBOL, "'" + symbol + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void rejectsBlankSymbols(String symbol) {
    assertRejected(() -> buyTenAapl().symbol(symbol).build(), ErrorCode.INVALID_SYMBOL, "blank");
  }

  @Test
  void rejectsMissingSymbol() {
    assertRejected(
        () -> OrderRequest.builder().side(OrderSide.BUY).qty(Quantity.of(1)).build(),
        ErrorCode.INVALID_SYMBOL,
        "null");
  }

  @Test
  void rejectsMissingSide() {
    assertInvalidOrder(
        () -> OrderRequest.builder().symbol("AAPL").qty(Quantity.of(1)).build(), "side");
  }

  @ParameterizedTest(name = "{0} fractional: {1}")
  @CsvSource({"10, false", "10.000, false", "2.5, true", "0.000000001, true"})
  void isFractionalFollowsTheQuantity(String qty, boolean fractional) {
    assertThat(buyTenAapl().qty(qty).build().isFractional()).isEqualTo(fractional);
  }

  @Test
  void notionalOrdersAreFractional() {
    assertThat(buyHundredDollarsOfAapl().build().isFractional()).isTrue();
  }

  @Test
  void toBuilderRebuildsAnEqualRequest() {
    OrderRequest original =
        OrderRequest.builder()
            .symbol("brk.b")
            .side(OrderSide.SELL)
            .qty("3.25")
            .type(OrderType.LIMIT)
            .limitPrice(LIMIT)
            .timeInForce(TimeInForce.DAY)
            .extendedHours(true)
            .clientOrderId("exit-brk-b-1")
            .build();

    OrderRequest copy = original.toBuilder().build();

    assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
    assertThat(copy.symbol()).isEqualTo("BRK.B");
  }

  @Test
  void toBuilderRebuildsEqualStopLimitAndNotionalRequests() {
    OrderRequest stopLimit =
        buyTenAapl()
            .type(OrderType.STOP_LIMIT)
            .limitPrice(LIMIT)
            .stopPrice(STOP)
            .timeInForce(TimeInForce.GTC)
            .build();
    OrderRequest notional =
        buyHundredDollarsOfAapl().timeInForce(TimeInForce.IOC).clientOrderId("n-1").build();

    assertThat(stopLimit.toBuilder().build()).isEqualTo(stopLimit);
    assertThat(notional.toBuilder().build()).isEqualTo(notional);
  }

  @Test
  void toBuilderDerivesAChangedCopyWithoutTouchingTheOriginal() {
    OrderRequest original =
        buyTenAapl().type(OrderType.LIMIT).limitPrice(LIMIT).clientOrderId("a-1").build();

    OrderRequest changed =
        original.toBuilder().limitPrice(Price.of("190")).clientOrderId("a-2").build();

    assertThat(changed.limitPrice()).isEqualTo(Price.of("190"));
    assertThat(changed.clientOrderId()).isEqualTo("a-2");
    assertThat(changed.qty()).isEqualTo(original.qty());
    assertThat(changed.symbol()).isEqualTo(original.symbol());
    assertThat(original.limitPrice()).isEqualTo(LIMIT);
    assertThat(original.clientOrderId()).isEqualTo("a-1");
  }
}
