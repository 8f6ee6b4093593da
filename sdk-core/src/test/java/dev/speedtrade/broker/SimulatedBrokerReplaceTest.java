package dev.speedtrade.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** {@link SimulatedBroker#replaceOrder}, {@link SimulatedBroker#fill} and execution ids. */
class SimulatedBrokerReplaceTest {
  /** A Tuesday, regular session open. */
  private static final LocalDateTime TUESDAY_10AM = LocalDateTime.of(2026, 11, 24, 10, 0);

  private final MutableClock clock = MutableClock.at(TUESDAY_10AM);

  private SimulatedBroker broker() {
    return SimulatedBroker.builder().clock(clock).seed(1).demoListings().build();
  }

  private static OrderRequest.Builder limitBuy(String symbol, String qty, String limit) {
    return OrderRequest.builder()
        .symbol(symbol)
        .side(OrderSide.BUY)
        .qty(qty)
        .type(OrderType.LIMIT)
        .limitPrice(Price.of(limit));
  }

  private static ReplaceRequest limit(String price) {
    return ReplaceRequest.builder().limitPrice(Price.of(price)).build();
  }

  private static void assertRefused(ThrowingCallable call, ErrorCode code, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(messagePart);
            });
  }

  // ------------------------------------------------------------------ replace

  @Test
  void aReplacementSendsReplacedForTheOldOrderThenNewForTheNewOne() {
    SimulatedBroker broker = broker();
    List<TradeUpdate> updates = new CopyOnWriteArrayList<>();
    broker.subscribe(updates::add);
    BrokerOrder old = broker.submitOrder(limitBuy("SPY", "10", "580.00").build());
    updates.clear();

    BrokerOrder replacement = broker.replaceOrder(old.id(), limit("585.00"));

    assertThat(updates)
        .extracting(update -> update.event(), update -> update.order().id())
        .containsExactly(
            tuple(TradeUpdateEvent.REPLACED, old.id()),
            tuple(TradeUpdateEvent.NEW, replacement.id()));
    BrokerOrder replaced = updates.get(0).order();
    assertThat(replaced.status()).isEqualTo(OrderStatus.REPLACED);
    assertThat(replaced.replacedBy()).isEqualTo(replacement.id());
    assertThat(replaced.replacedAt()).isEqualTo(clock.instant());
    assertThat(replacement.replaces()).isEqualTo(old.id());
    assertThat(replacement.createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void aReplacementIsDeterministicForTheSameSeedAndCalls() {
    List<String> first = replaceTwice(broker());
    List<String> second = replaceTwice(broker());

    assertThat(first).isEqualTo(second).doesNotHaveDuplicates();
  }

  private static List<String> replaceTwice(SimulatedBroker broker) {
    BrokerOrder old = broker.submitOrder(limitBuy("SPY", "10", "580.00").build());
    BrokerOrder second = broker.replaceOrder(old.id(), limit("581.00"));
    BrokerOrder third = broker.replaceOrder(second.id(), ReplaceRequest.builder().qty("4").build());
    return List.of(
        old.id(),
        second.id(),
        second.clientOrderId(),
        third.id(),
        third.clientOrderId(),
        old.clientOrderId());
  }

  @Test
  void anOrderWaitingForTheOpenIsNotReplaceable() {
    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 20, 30));
    SimulatedBroker broker = broker();
    BrokerOrder waiting =
        broker.submitOrder(limitBuy("SPY", "1", "580.00").timeInForce(TimeInForce.GTC).build());
    assertThat(waiting.status()).isEqualTo(OrderStatus.ACCEPTED);

    assertRefused(
        () -> broker.replaceOrder(waiting.id(), limit("581.00")),
        ErrorCode.ORDER_NOT_REPLACEABLE,
        "is ACCEPTED");
  }

  @Test
  void aNotionalOrderIsNeverReplaceable() {
    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 20, 30));
    SimulatedBroker broker = broker();
    BrokerOrder notional =
        broker.submitOrder(
            OrderRequest.builder()
                .symbol("BTC/USD")
                .side(OrderSide.BUY)
                .notional(Money.of("100.00", "USD"))
                .timeInForce(TimeInForce.GTC)
                .build());
    // Crypto trades at once; a notional order is refused whatever its status.
    assertRefused(
        () -> broker.replaceOrder(notional.id(), ReplaceRequest.builder().qty("1").build()),
        ErrorCode.ORDER_NOT_REPLACEABLE,
        notional.id());
  }

  @Test
  void aFieldTheOrderDoesNotTakeIsRefusedAsInvalidNamingIt() {
    SimulatedBroker broker = broker();
    BrokerOrder order = broker.submitOrder(limitBuy("SPY", "10", "580.00").build());

    assertRefused(
        () ->
            broker.replaceOrder(
                order.id(), ReplaceRequest.builder().stopPrice(Price.of("570")).build()),
        ErrorCode.INVALID_ORDER,
        "stopPrice");
    assertRefused(
        () -> broker.replaceOrder(order.id(), ReplaceRequest.builder().qty("2.5").build()),
        ErrorCode.INVALID_ORDER,
        "qty");
    assertRefused(
        () ->
            broker.replaceOrder(
                order.id(), ReplaceRequest.builder().trail(new BigDecimal("1.5")).build()),
        ErrorCode.INVALID_ORDER,
        "trail");
    assertRefused(
        () ->
            broker.replaceOrder(
                order.id(), ReplaceRequest.builder().timeInForce(TimeInForce.OPG).build()),
        ErrorCode.MARKET_CLOSED,
        "OPG");
    assertThat(broker.order(order.id())).map(BrokerOrder::status).contains(OrderStatus.NEW);
  }

  @Test
  void aReplacementIsCheckedAgainstBuyingPowerWithoutTheOldOrdersReservation() {
    SimulatedBroker broker =
        SimulatedBroker.builder()
            .clock(clock)
            .seed(1)
            .demoListings()
            .cash(Money.of("6000.00", "USD"))
            .build();
    BrokerOrder order = broker.submitOrder(limitBuy("SPY", "10", "580.00").build());

    BrokerOrder higher = broker.replaceOrder(order.id(), limit("590.00"));

    assertThat(broker.account().buyingPower()).isEqualTo(Money.of("100.00", "USD"));
    assertRefused(
        () -> broker.replaceOrder(higher.id(), ReplaceRequest.builder().qty("11").build()),
        ErrorCode.INSUFFICIENT_BUYING_POWER,
        "buying power");
    assertThat(broker.openOrders()).extracting(BrokerOrder::id).containsExactly(higher.id());
  }

  @Test
  void aSellReplacementMayAskForTheUnitsItsOldOrderHeld() {
    SimulatedBroker broker =
        SimulatedBroker.builder()
            .clock(clock)
            .seed(1)
            .demoListings()
            .position("SPY", Quantity.of(5), Price.of("500"))
            .build();
    BrokerOrder sell =
        broker.submitOrder(
            OrderRequest.builder()
                .symbol("SPY")
                .side(OrderSide.SELL)
                .qty("5")
                .type(OrderType.LIMIT)
                .limitPrice(Price.of("600.00"))
                .build());

    BrokerOrder lower = broker.replaceOrder(sell.id(), limit("595.00"));

    assertThat(lower.qty()).isEqualTo(Quantity.of(5));
    assertRefused(
        () -> broker.replaceOrder(lower.id(), ReplaceRequest.builder().qty("6").build()),
        ErrorCode.INSUFFICIENT_QUANTITY,
        "available");
  }

  // ------------------------------------------------------------------ scripted fills

  @Test
  void aScriptedFillRespectsTheLimitAndTheOpenQuantity() {
    SimulatedBroker broker = broker();
    BrokerOrder order = broker.submitOrder(limitBuy("SPY", "10", "580.00").build());

    assertRefused(
        () -> broker.fill(order.id(), Quantity.of(1), Price.of("581.00")),
        ErrorCode.INVALID_ARGUMENT,
        "581");
    assertRefused(
        () -> broker.fill(order.id(), Quantity.of(11), Price.of("580.00")),
        ErrorCode.INVALID_ARGUMENT,
        "10 open");
    assertRefused(
        () -> broker.fill("no-such-order", Quantity.of(1), Price.of("580.00")),
        ErrorCode.ORDER_NOT_FOUND,
        "no-such-order");

    BrokerOrder partly = broker.fill(order.id(), Quantity.of(4), Price.of("579.00"));

    assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(partly.filledQty()).isEqualTo(Quantity.of(4));
    assertThat(broker.account().cash()).isEqualTo(Money.of("97684.00", "USD"));
  }

  // ------------------------------------------------------------------ execution ids

  @Test
  void eachFillCarriesItsOwnDeterministicExecutionIdAndOtherUpdatesNone() {
    List<TradeUpdate> first = fillsOf(broker());
    List<TradeUpdate> second = fillsOf(broker());

    List<String> ids =
        first.stream()
            .filter(update -> update.event().isFill())
            .map(TradeUpdate::executionId)
            .toList();
    assertThat(ids).hasSize(3).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(second.stream().filter(update -> update.event().isFill()).toList())
        .extracting(TradeUpdate::executionId)
        .isEqualTo(ids);
    assertThat(first.stream().filter(update -> !update.event().isFill()).toList())
        .isNotEmpty()
        .allSatisfy(update -> assertThat(update.executionId()).isNull());
  }

  private static List<TradeUpdate> fillsOf(SimulatedBroker broker) {
    List<TradeUpdate> updates = new CopyOnWriteArrayList<>();
    broker.subscribe(updates::add);
    BrokerOrder order = broker.submitOrder(limitBuy("SPY", "10", "580.00").build());
    broker.fill(order.id(), Quantity.of(3), Price.of("580.00"));
    broker.fill(order.id(), Quantity.of(3), Price.of("579.00"));
    broker.submitOrder(limitBuy("QQQ", "1", "510.00").build());
    return updates;
  }

  // ------------------------------------------------------------------ requests

  @Test
  void aReplaceRequestNeedsOneFieldAndValidValues() {
    assertRefused(
        () -> ReplaceRequest.builder().build(), ErrorCode.INVALID_ORDER, "at least one of qty");
    assertRefused(() -> ReplaceRequest.builder().qty("0").build(), ErrorCode.INVALID_ORDER, "qty");
    assertRefused(
        () -> ReplaceRequest.builder().trail(BigDecimal.ZERO).build(),
        ErrorCode.INVALID_ORDER,
        "trail");
    assertRefused(
        () -> ReplaceRequest.builder().clientOrderId("has space").build(),
        ErrorCode.INVALID_ORDER,
        "client order id");
    assertThat(ReplaceRequest.builder().timeInForce(TimeInForce.GTC).build().timeInForce())
        .isEqualTo(TimeInForce.GTC);
  }

  @Test
  void anOrderOfTypeOtherCannotBePlaced() {
    assertRefused(
        () ->
            OrderRequest.builder()
                .symbol("SPY")
                .side(OrderSide.SELL)
                .qty("1")
                .type(OrderType.OTHER)
                .build(),
        ErrorCode.INVALID_ORDER,
        "OTHER");
  }

  @Test
  void theOldConstructorsLeaveTheNewFieldsNull() {
    BrokerOrder order = broker().submitOrder(limitBuy("SPY", "1", "580.00").build());
    TradeUpdate update =
        new TradeUpdate(TradeUpdateEvent.NEW, order, clock.instant(), null, null, null);

    assertThat(update.executionId()).isNull();
    assertThat(order.replaces()).isNull();
    assertThat(order.replacedBy()).isNull();
    assertThat(order.replacedAt()).isNull();
  }
}
