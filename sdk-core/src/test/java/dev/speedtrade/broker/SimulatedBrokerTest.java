package dev.speedtrade.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SimulatedBrokerTest {
  /** A Tuesday, regular session open. */
  private static final LocalDateTime TUESDAY_10AM = LocalDateTime.of(2026, 11, 24, 10, 0);

  private final MutableClock clock = MutableClock.at(TUESDAY_10AM);

  private SimulatedBroker.Builder builder() {
    return SimulatedBroker.builder().clock(clock).seed(1).demoListings();
  }

  private SimulatedBroker broker() {
    return builder().build();
  }

  private static OrderRequest.Builder buy(String symbol, String qty) {
    return OrderRequest.builder().symbol(symbol).side(OrderSide.BUY).qty(qty);
  }

  private static OrderRequest.Builder sell(String symbol, String qty) {
    return OrderRequest.builder().symbol(symbol).side(OrderSide.SELL).qty(qty);
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

  // ------------------------------------------------------------------ fills and accounting

  @Test
  void marketBuyFillsAtTheCurrentPriceAndMovesCashIntoAPosition() {
    SimulatedBroker broker = broker();

    BrokerOrder order = broker.submitOrder(buy("SPY", "10").build());

    assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(order.filledQty()).isEqualTo(Quantity.of(10));
    assertThat(order.filledAvgPrice()).isEqualTo(Price.of("590.25"));
    assertThat(order.filledAt()).isEqualTo(clock.instant());
    Account account = broker.account();
    assertThat(account.cash()).isEqualTo(Money.of("94097.50", "USD"));
    assertThat(account.equity()).isEqualTo(Money.of("100000.00", "USD"));
    assertThat(broker.positions())
        .singleElement()
        .satisfies(
            position -> {
              assertThat(position.symbol()).isEqualTo("SPY");
              assertThat(position.qty()).isEqualTo(Quantity.of(10));
              assertThat(position.avgEntryPrice()).isEqualTo(Price.of("590.25"));
              assertThat(position.marketValue()).isEqualTo(Money.of("5902.50", "USD"));
              assertThat(position.side()).isEqualTo(PositionSide.LONG);
            });
  }

  @Test
  void fractionalFillMovesCashByValueRoundedHalfEvenToTheCent() {
    SimulatedBroker broker =
        builder().listing(Asset.usEquity("TEN", "Ten"), Price.of("10.01")).build();

    broker.submitOrder(buy("TEN", "0.5").build());

    // 0.5 x 10.01 = 5.005, a tie: HALF_EVEN keeps 5.00.
    assertThat(broker.account().cash()).isEqualTo(Money.of("99995.00", "USD"));
  }

  @Test
  void averageEntryPriceIsTheQuantityWeightedMeanOfFills() {
    SimulatedBroker broker = broker();
    broker.submitOrder(buy("TLT", "1").build());
    broker.setPrice("TLT", Price.of("91.00"));
    broker.submitOrder(buy("TLT", "2").build());

    // (90.50 + 2 x 91.00) / 3 = 90.8333333333..., HALF_EVEN to 9 decimals.
    assertThat(broker.positions())
        .singleElement()
        .satisfies(p -> assertThat(p.avgEntryPrice()).isEqualTo(Price.of("90.833333333")));
  }

  @Test
  void sellingEverythingClosesThePositionAndReturnsTheCash() {
    SimulatedBroker broker = broker();
    broker.submitOrder(buy("AAPL", "3").build());
    broker.setPrice("AAPL", Price.of("230.87"));

    BrokerOrder sold = broker.submitOrder(sell("AAPL", "3").build());

    assertThat(sold.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(broker.positions()).isEmpty();
    assertThat(broker.account().cash()).isEqualTo(Money.of("100003.00", "USD"));
  }

  @Test
  void notionalOrderBuysUnitsRoundedDownToNineDecimals() {
    SimulatedBroker broker = broker();

    BrokerOrder order =
        broker.submitOrder(
            OrderRequest.builder()
                .symbol("AAPL")
                .side(OrderSide.BUY)
                .notional(Money.of("1000.00", "USD"))
                .build());

    BigDecimal units =
        new BigDecimal("1000.00").divide(new BigDecimal("229.87"), 9, RoundingMode.FLOOR);
    assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(order.qty()).isNull();
    assertThat(order.notional()).isEqualTo(Money.of("1000.00", "USD"));
    assertThat(order.filledQty()).isEqualTo(Quantity.of(units));
    Money spent =
        Money.of(
            units.multiply(new BigDecimal("229.87")),
            Money.currency("USD"),
            RoundingMode.HALF_EVEN);
    assertThat(broker.account().cash()).isEqualTo(Money.of("100000.00", "USD").minus(spent));
  }

  // ------------------------------------------------------------------ limits and stops

  @Test
  void limitBuyRestsUntilThePriceReachesTheLimitThenFillsAtThatPrice() {
    SimulatedBroker broker = broker();
    BrokerOrder placed =
        broker.submitOrder(
            buy("TLT", "10").type(OrderType.LIMIT).limitPrice(Price.of("90.00")).build());
    assertThat(placed.status()).isEqualTo(OrderStatus.NEW);

    broker.setPrice("TLT", Price.of("90.01"));
    assertThat(broker.order(placed.id()).orElseThrow().status()).isEqualTo(OrderStatus.NEW);

    broker.setPrice("TLT", Price.of("89.80"));
    BrokerOrder filled = broker.order(placed.id()).orElseThrow();
    assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(filled.filledAvgPrice()).isEqualTo(Price.of("89.80"));
  }

  @Test
  void limitSellFillsWhenThePriceRisesToTheLimit() {
    SimulatedBroker broker = broker();
    broker.submitOrder(buy("MSFT", "5").build());
    BrokerOrder placed =
        broker.submitOrder(
            sell("MSFT", "5").type(OrderType.LIMIT).limitPrice(Price.of("420")).build());

    broker.setPrice("MSFT", Price.of("419.99"));
    assertThat(broker.order(placed.id()).orElseThrow().status()).isEqualTo(OrderStatus.NEW);
    broker.setPrice("MSFT", Price.of("420.00"));
    assertThat(broker.order(placed.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void sellStopTriggersWhenThePriceFallsToTheStopAndFillsAtMarket() {
    SimulatedBroker broker = broker();
    broker.submitOrder(buy("SPY", "10").build());
    BrokerOrder stop =
        broker.submitOrder(
            sell("SPY", "10").type(OrderType.STOP).stopPrice(Price.of("585")).build());

    broker.setPrice("SPY", Price.of("585.01"));
    assertThat(broker.order(stop.id()).orElseThrow().status()).isEqualTo(OrderStatus.NEW);
    broker.setPrice("SPY", Price.of("584.50"));

    BrokerOrder filled = broker.order(stop.id()).orElseThrow();
    assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(filled.filledAvgPrice()).isEqualTo(Price.of("584.5"));
  }

  @Test
  void buyStopTriggersWhenThePriceRisesToTheStop() {
    SimulatedBroker broker = broker();
    BrokerOrder stop =
        broker.submitOrder(buy("QQQ", "2").type(OrderType.STOP).stopPrice(Price.of("510")).build());

    broker.setPrice("QQQ", Price.of("509.99"));
    assertThat(broker.order(stop.id()).orElseThrow().status()).isEqualTo(OrderStatus.NEW);
    broker.setPrice("QQQ", Price.of("510.00"));
    assertThat(broker.order(stop.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void triggeredStopLimitStaysTriggeredAndWaitsForItsLimit() {
    SimulatedBroker broker = broker();
    broker.submitOrder(buy("SPY", "4").build());
    BrokerOrder order =
        broker.submitOrder(
            sell("SPY", "4")
                .type(OrderType.STOP_LIMIT)
                .stopPrice(Price.of("580"))
                .limitPrice(Price.of("579"))
                .build());

    broker.setPrice("SPY", Price.of("578")); // triggers; 578 is below the 579 limit
    assertThat(broker.order(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.NEW);
    broker.setPrice("SPY", Price.of("580.50")); // above the stop again, but the stop has latched
    BrokerOrder filled = broker.order(order.id()).orElseThrow();
    assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(filled.filledAvgPrice()).isEqualTo(Price.of("580.5"));
  }

  // ------------------------------------------------------------------ partial fills, IOC, FOK

  @Test
  void partialFillLeavesTheRestWorkingUntilTheNextPrint() {
    SimulatedBroker broker = builder().partialFillPercent(100).build();
    List<TradeUpdate> updates = new CopyOnWriteArrayList<>();
    broker.subscribe(updates::add);

    BrokerOrder first = broker.submitOrder(buy("SPY", "100").build());
    assertThat(first.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(first.filledQty().value()).isBetween(BigDecimal.TEN, BigDecimal.valueOf(90));
    assertThat(first.filledQty().isWhole()).isTrue();
    broker.account();
    assertThat(broker.order(first.id()).orElseThrow().filledQty()).isEqualTo(first.filledQty());

    broker.setPrice("SPY", Price.of("591.25"));
    BrokerOrder second = broker.order(first.id()).orElseThrow();
    assertThat(second.filledQty()).isGreaterThan(first.filledQty());
    assertThat(updates)
        .filteredOn(u -> u.event() == TradeUpdateEvent.PARTIAL_FILL)
        .hasSizeGreaterThanOrEqualTo(1)
        .allSatisfy(u -> assertThat(u.qty()).isNotNull());
    assertThat(broker.positions())
        .singleElement()
        .satisfies(p -> assertThat(p.qty()).isEqualTo(second.filledQty()));
  }

  @Test
  void immediateOrCancelCancelsWhatDidNotFillAtOnce() {
    SimulatedBroker broker = builder().partialFillPercent(100).build();

    BrokerOrder order = broker.submitOrder(buy("SPY", "50").timeInForce(TimeInForce.IOC).build());

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(order.filledQty().isZero()).isFalse();
    assertThat(order.filledQty()).isLessThan(Quantity.of(50));
    assertThat(broker.openOrders()).isEmpty();
  }

  @Test
  void fillOrKillThatCannotFillCompletelyIsCanceledWithNothingFilled() {
    SimulatedBroker broker = builder().partialFillPercent(100).build();

    BrokerOrder order = broker.submitOrder(buy("SPY", "50").timeInForce(TimeInForce.FOK).build());

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(order.filledQty()).isEqualTo(Quantity.ZERO);
    assertThat(broker.positions()).isEmpty();
    assertThat(broker.account().cash()).isEqualTo(Money.of("100000.00", "USD"));
  }

  @Test
  void immediateOrCancelLimitThatIsNotMarketableIsCanceled() {
    SimulatedBroker broker = broker();

    BrokerOrder order =
        broker.submitOrder(
            buy("SPY", "1")
                .type(OrderType.LIMIT)
                .limitPrice(Price.of("500"))
                .timeInForce(TimeInForce.IOC)
                .build());

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELED);
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void refusesAnUnknownSymbol() {
    assertRefused(
        () -> broker().submitOrder(buy("NOPE", "1").build()), ErrorCode.UNKNOWN_SYMBOL, "NOPE");
  }

  @Test
  void refusesAnInactiveAsset() {
    assertRefused(
        () -> broker().submitOrder(buy("OLDCO", "1").build()),
        ErrorCode.ASSET_NOT_TRADABLE,
        "OLDCO");
  }

  @Test
  void refusesFractionalAndNotionalOrdersOnANonFractionableAsset() {
    SimulatedBroker broker = builder().cash(Money.of("2000000", "USD")).build();
    assertRefused(
        () -> broker.submitOrder(buy("BRK.A", "0.5").build()),
        ErrorCode.ASSET_NOT_FRACTIONABLE,
        "BRK.A");
    assertRefused(
        () ->
            broker.submitOrder(
                OrderRequest.builder()
                    .symbol("BRK.A")
                    .side(OrderSide.BUY)
                    .notional(Money.of("1000", "USD"))
                    .build()),
        ErrorCode.ASSET_NOT_FRACTIONABLE,
        "notional");
    assertThat(broker.submitOrder(buy("BRK.A", "1").build()).status())
        .isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void refusesABuyAboveBuyingPowerAndWritesNothing() {
    SimulatedBroker broker = broker();

    assertRefused(
        () -> broker.submitOrder(buy("SPY", "170").clientOrderId("big-1").build()),
        ErrorCode.INSUFFICIENT_BUYING_POWER,
        "100000.00 USD");

    assertThat(broker.openOrders()).isEmpty();
    assertThat(broker.orderByClientOrderId("big-1")).isEmpty();
    assertThat(broker.account().cash()).isEqualTo(Money.of("100000.00", "USD"));
    assertThat(broker.submitOrder(buy("SPY", "169").clientOrderId("big-1").build()).status())
        .isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void openBuyOrdersReserveBuyingPower() {
    SimulatedBroker broker = broker();
    broker.submitOrder(buy("TLT", "1000").type(OrderType.LIMIT).limitPrice(Price.of("60")).build());

    assertThat(broker.account().buyingPower()).isEqualTo(Money.of("40000.00", "USD"));
    assertRefused(
        () -> broker.submitOrder(buy("SPY", "68").build()),
        ErrorCode.INSUFFICIENT_BUYING_POWER,
        "40000.00 USD");
  }

  @Test
  void refusesASellAboveTheUnitsHeldOrAlreadyReservedBySells() {
    SimulatedBroker broker = broker();
    broker.submitOrder(buy("AAPL", "5").build());
    assertRefused(
        () -> broker.submitOrder(sell("AAPL", "6").build()), ErrorCode.INSUFFICIENT_QUANTITY, "5");

    broker.submitOrder(sell("AAPL", "4").type(OrderType.LIMIT).limitPrice(Price.of("300")).build());
    assertRefused(
        () ->
            broker.submitOrder(
                sell("AAPL", "2").type(OrderType.LIMIT).limitPrice(Price.of("300")).build()),
        ErrorCode.INSUFFICIENT_QUANTITY,
        "reserved by open sells 4");
  }

  @Test
  void refusesADuplicateClientOrderIdEvenAfterTheFirstOrderFilled() {
    SimulatedBroker broker = broker();
    BrokerOrder first = broker.submitOrder(buy("SPY", "1").clientOrderId("rebalance-1").build());

    assertRefused(
        () -> broker.submitOrder(buy("QQQ", "1").clientOrderId("rebalance-1").build()),
        ErrorCode.DUPLICATE_CLIENT_ORDER_ID,
        first.id());
    assertThat(broker.orderByClientOrderId("rebalance-1"))
        .contains(broker.order(first.id()).orElseThrow());
    assertThat(broker.positions()).extracting(Position::symbol).containsExactly("SPY");
  }

  @Test
  void refusesAnOrderThatCouldWashAgainstAnOppositeOpenOrder() {
    SimulatedBroker broker = broker();
    broker.submitOrder(buy("SPY", "2").build());
    BrokerOrder resting =
        broker.submitOrder(
            sell("SPY", "1").type(OrderType.LIMIT).limitPrice(Price.of("600")).build());

    assertRefused(
        () -> broker.submitOrder(buy("SPY", "1").build()), ErrorCode.WASH_TRADE, resting.id());
    BrokerOrder nonCrossing =
        broker.submitOrder(
            buy("SPY", "1").type(OrderType.LIMIT).limitPrice(Price.of("580")).build());
    assertThat(nonCrossing.status()).isEqualTo(OrderStatus.NEW);
  }

  @Test
  void refusesCryptoDayOrdersAndFractionalEquityGoodTillCanceledOrders() {
    SimulatedBroker broker = broker();
    assertRefused(
        () -> broker.submitOrder(buy("BTC/USD", "0.01").build()),
        ErrorCode.INVALID_ORDER,
        "GTC or IOC");
    assertRefused(
        () -> broker.submitOrder(buy("AAPL", "0.5").timeInForce(TimeInForce.GTC).build()),
        ErrorCode.INVALID_ORDER,
        "DAY");
  }

  @Test
  void rejectsAcceptedOrdersAtTheConfiguredRate() {
    SimulatedBroker broker = builder().rejectionPercent(100).build();
    List<TradeUpdate> updates = new ArrayList<>();
    broker.subscribe(updates::add);

    BrokerOrder order = broker.submitOrder(buy("SPY", "1").build());

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.rejectReason()).isEqualTo("simulated rejection");
    assertThat(order.failedAt()).isEqualTo(clock.instant());
    assertThat(updates).extracting(TradeUpdate::event).containsExactly(TradeUpdateEvent.REJECTED);
    assertThat(broker.positions()).isEmpty();
  }

  // ------------------------------------------------------------------ market hours

  @Test
  void refusesEquityDayOrdersWhileTheMarketIsClosed() {
    SimulatedBroker broker = broker();
    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 9, 29));
    assertRefused(
        () -> broker.submitOrder(buy("SPY", "1").build()), ErrorCode.MARKET_CLOSED, "09:29");
    clock.setNewYork(LocalDateTime.of(2026, 11, 28, 11, 0)); // a Saturday
    assertRefused(
        () -> broker.submitOrder(buy("SPY", "1").build()), ErrorCode.MARKET_CLOSED, "SPY");
    assertRefused(
        () -> broker.submitOrder(buy("SPY", "1").timeInForce(TimeInForce.IOC).build()),
        ErrorCode.MARKET_CLOSED,
        "IOC");
  }

  @Test
  void dayOrdersExpireAtTheClose() {
    SimulatedBroker broker = broker();
    List<TradeUpdate> updates = new CopyOnWriteArrayList<>();
    broker.subscribe(updates::add);
    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 15, 59));
    BrokerOrder order =
        broker.submitOrder(
            buy("SPY", "1").type(OrderType.LIMIT).limitPrice(Price.of("500")).build());

    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 16, 0));
    broker.matchOrders();

    BrokerOrder expired = broker.order(order.id()).orElseThrow();
    assertThat(expired.status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(expired.expiredAt())
        .isEqualTo(LocalDateTime.of(2026, 11, 24, 16, 0).atZone(TradingDay.NEW_YORK).toInstant());
    assertThat(broker.openOrders()).isEmpty();
    assertThat(broker.account().buyingPower()).isEqualTo(Money.of("100000.00", "USD"));
    assertThat(updates)
        .extracting(TradeUpdate::event)
        .containsExactly(TradeUpdateEvent.NEW, TradeUpdateEvent.EXPIRED);
  }

  @Test
  void dayOrdersExpireAtOnePmOnAnEarlyCloseDayAndLaterOrdersAreRefused() {
    SimulatedBroker broker = broker();
    clock.setNewYork(LocalDateTime.of(2026, 11, 27, 12, 30)); // the day after Thanksgiving
    BrokerOrder order =
        broker.submitOrder(
            buy("SPY", "1").type(OrderType.LIMIT).limitPrice(Price.of("500")).build());

    clock.setNewYork(LocalDateTime.of(2026, 11, 27, 13, 0));
    assertThat(broker.order(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
    clock.setNewYork(LocalDateTime.of(2026, 11, 27, 13, 30));
    assertRefused(
        () -> broker.submitOrder(buy("SPY", "1").build()), ErrorCode.MARKET_CLOSED, "13:30");
  }

  @Test
  void onAHolidayEquityDayOrdersAreRefusedAndGoodTillCanceledOrdersWaitForTheNextOpen() {
    SimulatedBroker broker = broker();
    clock.setNewYork(LocalDateTime.of(2026, 11, 26, 11, 0)); // Thanksgiving
    assertRefused(
        () -> broker.submitOrder(buy("SPY", "1").build()), ErrorCode.MARKET_CLOSED, "2026-11-26");

    BrokerOrder gtc = broker.submitOrder(buy("SPY", "1").timeInForce(TimeInForce.GTC).build());
    assertThat(gtc.status()).isEqualTo(OrderStatus.ACCEPTED);
    clock.setNewYork(LocalDateTime.of(2026, 11, 27, 9, 29, 59));
    assertThat(broker.order(gtc.id()).orElseThrow().status()).isEqualTo(OrderStatus.ACCEPTED);
    clock.setNewYork(LocalDateTime.of(2026, 11, 27, 9, 30));

    BrokerOrder filled = broker.order(gtc.id()).orElseThrow();
    assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(filled.filledAt()).isEqualTo(clock.instant());
  }

  @Test
  void cryptoTradesOnASunday() {
    SimulatedBroker broker = broker();
    clock.setNewYork(LocalDateTime.of(2026, 11, 29, 3, 15)); // Sunday night
    assertThat(broker.marketClock().isOpen()).isFalse();

    BrokerOrder order =
        broker.submitOrder(
            OrderRequest.builder()
                .symbol("btc/usd")
                .side(OrderSide.BUY)
                .notional(Money.of("500", "USD"))
                .timeInForce(TimeInForce.GTC)
                .build());

    assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(order.symbol()).isEqualTo("BTC/USD");
    assertThat(order.assetClass()).isEqualTo(AssetClass.CRYPTO);
    assertThat(broker.positions())
        .singleElement()
        .satisfies(p -> assertThat(p.assetClass()).isEqualTo(AssetClass.CRYPTO));
  }

  @Test
  void extendedHoursLimitOrdersTradeAfterTheCloseAndExpireAtEightPm() {
    SimulatedBroker broker = broker();
    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 18, 0));
    BrokerOrder order =
        broker.submitOrder(
            buy("SPY", "1")
                .type(OrderType.LIMIT)
                .limitPrice(Price.of("580"))
                .extendedHours(true)
                .build());
    assertThat(order.status()).isEqualTo(OrderStatus.NEW);

    broker.setPrice("SPY", Price.of("579"));
    assertThat(broker.order(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);

    BrokerOrder late =
        broker.submitOrder(
            sell("SPY", "1")
                .type(OrderType.LIMIT)
                .limitPrice(Price.of("650"))
                .extendedHours(true)
                .build());
    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 20, 0));
    assertThat(broker.order(late.id()).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
    assertRefused(
        () ->
            broker.submitOrder(
                buy("SPY", "1")
                    .type(OrderType.LIMIT)
                    .limitPrice(Price.of("580"))
                    .extendedHours(true)
                    .build()),
        ErrorCode.MARKET_CLOSED,
        "extended-hours");
  }

  @Test
  void openingOrdersAreTakenBeforeTheOpenAndFillInIt() {
    SimulatedBroker broker = broker();
    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 8, 0));
    BrokerOrder order = broker.submitOrder(buy("SPY", "1").timeInForce(TimeInForce.OPG).build());
    assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);

    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 9, 30));
    broker.matchOrders();
    assertThat(broker.order(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
    assertRefused(
        () -> broker.submitOrder(buy("SPY", "1").timeInForce(TimeInForce.OPG).build()),
        ErrorCode.MARKET_CLOSED,
        "OPG");
  }

  @Test
  void closingOrdersFillAtTheCloseAtTheLastPrice() {
    SimulatedBroker broker = broker();
    BrokerOrder order = broker.submitOrder(buy("SPY", "1").timeInForce(TimeInForce.CLS).build());
    assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
    broker.setPrice("SPY", Price.of("595"));
    assertThat(broker.order(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.ACCEPTED);

    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 16, 0, 1));
    BrokerOrder filled = broker.order(order.id()).orElseThrow();
    assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(filled.filledAvgPrice()).isEqualTo(Price.of("595"));
    assertThat(filled.filledAt())
        .isEqualTo(LocalDateTime.of(2026, 11, 24, 16, 0).atZone(TradingDay.NEW_YORK).toInstant());
  }

  @Test
  void anOpeningLimitOrderThatCannotFillAtTheOpenExpires() {
    SimulatedBroker broker = broker();
    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 8, 0));
    BrokerOrder order =
        broker.submitOrder(
            buy("SPY", "1")
                .type(OrderType.LIMIT)
                .limitPrice(Price.of("500"))
                .timeInForce(TimeInForce.OPG)
                .build());

    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 9, 30));
    broker.matchOrders();
    broker.setPrice("SPY", Price.of("499"));

    BrokerOrder expired = broker.order(order.id()).orElseThrow();
    assertThat(expired.status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(expired.filledQty()).isEqualTo(Quantity.ZERO);
  }

  @Test
  void aClosingLimitOrderThatCannotFillAtTheCloseExpires() {
    SimulatedBroker broker = broker();
    BrokerOrder order =
        broker.submitOrder(
            buy("SPY", "1")
                .type(OrderType.LIMIT)
                .limitPrice(Price.of("500"))
                .timeInForce(TimeInForce.CLS)
                .build());

    clock.setNewYork(LocalDateTime.of(2026, 11, 24, 16, 5));
    BrokerOrder expired = broker.order(order.id()).orElseThrow();

    assertThat(expired.status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(expired.expiredAt())
        .isEqualTo(LocalDateTime.of(2026, 11, 24, 16, 0).atZone(TradingDay.NEW_YORK).toInstant());
  }

  @Test
  void refusesANotionalOrderInAnotherCurrency() {
    assertRefused(
        () ->
            broker()
                .submitOrder(
                    OrderRequest.builder()
                        .symbol("AAPL")
                        .side(OrderSide.SELL)
                        .notional(Money.of("100", "EUR"))
                        .build()),
        ErrorCode.CURRENCY_MISMATCH,
        "EUR");
  }

  @Test
  void updatesCausedByAListenerReachEveryListenerAfterTheCurrentOneInOrder() {
    SimulatedBroker broker = broker();
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    broker.subscribe(
        update -> {
          first.add(update.event() + " " + update.order().symbol());
          if (update.event() == TradeUpdateEvent.FILL && update.order().symbol().equals("SPY")) {
            broker.submitOrder(buy("QQQ", "1").build());
          }
        });
    broker.subscribe(update -> second.add(update.event() + " " + update.order().symbol()));

    broker.submitOrder(buy("SPY", "1").build());

    List<String> expected = List.of("NEW SPY", "FILL SPY", "NEW QQQ", "FILL QQQ");
    assertThat(first).isEqualTo(expected);
    assertThat(second).isEqualTo(expected);
  }

  // ------------------------------------------------------------------ cancel and close

  @Test
  void cancelsAnOpenOrderAndRefusesToCancelAFinalOrUnknownOne() {
    SimulatedBroker broker = broker();
    BrokerOrder resting =
        broker.submitOrder(
            buy("SPY", "1").type(OrderType.LIMIT).limitPrice(Price.of("500")).build());
    BrokerOrder filled = broker.submitOrder(buy("QQQ", "1").build());

    broker.cancelOrder(resting.id());

    BrokerOrder canceled = broker.order(resting.id()).orElseThrow();
    assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(canceled.canceledAt()).isEqualTo(clock.instant());
    assertRefused(
        () -> broker.cancelOrder(filled.id()), ErrorCode.ORDER_NOT_CANCELABLE, filled.id());
    assertRefused(() -> broker.cancelOrder("no-such-id"), ErrorCode.ORDER_NOT_FOUND, "no-such-id");
  }

  @Test
  void cancelAllReportsEveryOpenOrder() {
    SimulatedBroker broker = broker();
    BrokerOrder a =
        broker.submitOrder(
            buy("SPY", "1").type(OrderType.LIMIT).limitPrice(Price.of("500")).build());
    BrokerOrder b =
        broker.submitOrder(
            buy("QQQ", "1").type(OrderType.LIMIT).limitPrice(Price.of("400")).build());
    broker.submitOrder(buy("TLT", "1").build());

    List<CancelOutcome> outcomes = broker.cancelAllOrders();

    assertThat(outcomes)
        .extracting(CancelOutcome::orderId)
        .containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(outcomes).allMatch(CancelOutcome::succeeded);
    assertThat(broker.openOrders()).isEmpty();
  }

  @Test
  void closePositionSellsEveryUnitIncludingFractions() {
    SimulatedBroker broker = broker();
    broker.submitOrder(buy("AAPL", "2.5").build());

    BrokerOrder close = broker.closePosition("aapl");

    assertThat(close.side()).isEqualTo(OrderSide.SELL);
    assertThat(close.filledQty()).isEqualTo(Quantity.of("2.5"));
    assertThat(broker.positions()).isEmpty();
    assertRefused(() -> broker.closePosition("AAPL"), ErrorCode.POSITION_NOT_FOUND, "AAPL");
  }

  @Test
  void startingPositionsAreHeldAtTheirEntryPrice() {
    SimulatedBroker broker = builder().position("spy", Quantity.of(3), Price.of("500")).build();

    assertThat(broker.positions())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.symbol()).isEqualTo("SPY");
              assertThat(p.costBasis()).isEqualTo(Money.of("1500.00", "USD"));
              assertThat(p.marketValue()).isEqualTo(Money.of("1770.75", "USD"));
            });
    assertThat(broker.account().equity()).isEqualTo(Money.of("101770.75", "USD"));
  }

  // ------------------------------------------------------------------ market data

  @Test
  void snapshotsAnswerManySymbolsInOneCallAndLeaveOutUnknownOnes() {
    SimulatedBroker broker = broker();

    Map<String, Snapshot> snapshots =
        broker.marketData().snapshots(List.of("spy", "TLT", "NOPE", "SPY"));

    assertThat(snapshots).containsOnlyKeys("SPY", "TLT");
    Snapshot spy = snapshots.get("SPY");
    assertThat(spy.ask()).contains(Price.of("590.25"));
    assertThat(spy.lastTradePrice()).contains(Price.of("590.25"));
    assertThat(spy.dailyClose()).contains(Price.of("590.25"));
    assertThat(spy.previousDailyBar()).isNull();
  }

  @Test
  void dailyBarTracksTheSessionAndRollsOverOnANewDate() {
    SimulatedBroker broker = broker();
    broker.setPrice("SPY", Price.of("600"));
    broker.setPrice("SPY", Price.of("580"));
    broker.setPrice("SPY", Price.of("585"));
    clock.setNewYork(LocalDateTime.of(2026, 11, 25, 10, 0));
    broker.setPrice("SPY", Price.of("586"));

    Snapshot spy = broker.marketData().snapshots(List.of("SPY")).get("SPY");
    Bar previous = spy.previousDailyBar();
    assertThat(previous).isNotNull();
    assertThat(previous.open()).isEqualTo(Price.of("590.25"));
    assertThat(previous.high()).isEqualTo(Price.of("600"));
    assertThat(previous.low()).isEqualTo(Price.of("580"));
    assertThat(previous.close()).isEqualTo(Price.of("585"));
    assertThat(spy.dailyBar()).isNotNull();
    assertThat(spy.dailyBar().open()).isEqualTo(Price.of("585"));
    assertThat(spy.dailyBar().close()).isEqualTo(Price.of("586"));
  }

  // ------------------------------------------------------------------ determinism, latency,
  // updates

  @Test
  void theSameSeedAndCallsGiveTheSameIdsFillsAndPrices() {
    List<String> first =
        script(builder().seed(99).partialFillPercent(50).randomWalk(new BigDecimal("2")).build());
    List<String> second =
        script(builder().seed(99).partialFillPercent(50).randomWalk(new BigDecimal("2")).build());
    List<String> other =
        script(builder().seed(100).partialFillPercent(50).randomWalk(new BigDecimal("2")).build());

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  private static List<String> script(SimulatedBroker broker) {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      BrokerOrder order = broker.submitOrder(buy("SPY", "7").build());
      broker.step();
      seen.add(
          order.id()
              + " "
              + order.clientOrderId()
              + " "
              + order.filledQty()
              + " "
              + broker.price("SPY"));
    }
    return seen;
  }

  @Test
  void stepRequiresARandomWalkAndKeepsPricesPositiveAndInCents() {
    assertRefused(() -> broker().step(), ErrorCode.INVALID_ARGUMENT, "randomWalk");
    SimulatedBroker broker = builder().randomWalk(new BigDecimal("50")).build();
    for (int i = 0; i < 200; i++) {
      broker.step();
      Price price = broker.price("SPY");
      assertThat(price.value().scale()).isLessThanOrEqualTo(4);
      assertThat(price.value().signum()).isPositive();
    }
  }

  @Test
  void everyBrokerCallWaitsASeededLatencyWithinTheConfiguredBounds() {
    List<Duration> waits = new ArrayList<>();
    SimulatedBroker broker =
        builder()
            .latency(Duration.ofMillis(10), Duration.ofMillis(20))
            .latencySleeper(waits::add)
            .build();

    broker.account();
    broker.positions();
    broker.submitOrder(buy("SPY", "1").build());
    broker.marketData().snapshots(List.of("SPY"));

    assertThat(waits)
        .hasSize(4)
        .allSatisfy(
            wait -> assertThat(wait).isBetween(Duration.ofMillis(10), Duration.ofMillis(20)));
    assertThat(waits).doesNotHaveDuplicates();
  }

  @Test
  void listenersReceiveUpdatesInOrderUntilUnsubscribedAndAFailingListenerHarmsNoOther() {
    SimulatedBroker broker = broker();
    List<TradeUpdate> updates = new ArrayList<>();
    broker.subscribe(
        update -> {
          throw new IllegalStateException("listener bug");
        });
    Subscription subscription = broker.subscribe(updates::add);

    BrokerOrder order = broker.submitOrder(buy("SPY", "2").build());
    subscription.close();
    broker.submitOrder(buy("SPY", "1").build());

    assertThat(updates)
        .extracting(TradeUpdate::event)
        .containsExactly(TradeUpdateEvent.NEW, TradeUpdateEvent.FILL);
    TradeUpdate fill = updates.get(1);
    assertThat(fill.order().id()).isEqualTo(order.id());
    assertThat(fill.price()).isEqualTo(Price.of("590.25"));
    assertThat(fill.qty()).isEqualTo(Quantity.of(2));
    assertThat(fill.positionQty()).isEqualByComparingTo("2");
  }

  @Test
  void aListenerMayCallBackIntoTheBroker() {
    SimulatedBroker broker = broker();
    List<Account> seen = new ArrayList<>();
    broker.subscribe(
        update -> {
          if (update.event() == TradeUpdateEvent.FILL) {
            seen.add(broker.account());
          }
        });

    broker.submitOrder(buy("SPY", "1").build());

    assertThat(seen)
        .singleElement()
        .satisfies(account -> assertThat(account.cash()).isEqualTo(Money.of("99409.75", "USD")));
  }

  @Test
  void concurrentOrdersKeepCashAndPositionsConsistent() throws Exception {
    SimulatedBroker broker = builder().partialFillPercent(30).build();
    int threads = 8;
    int ordersPerThread = 50;
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers.add(
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < ordersPerThread; i++) {
                    broker.submitOrder(
                        buy("TLT", "1").clientOrderId("t" + thread + "-" + i).build());
                    broker.setPrice("TLT", Price.of("90.50"));
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              }));
    }
    workers.forEach(Thread::start);
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(failures).isEmpty();
    BigDecimal held = broker.positions().get(0).qty().value();
    BigDecimal working =
        broker.openOrders().stream()
            .map(o -> Quantity.of(1).minus(o.filledQty()).value())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(held.add(working))
        .isEqualByComparingTo(BigDecimal.valueOf(threads * ordersPerThread));
    Money spent =
        Money.of(
            held.multiply(new BigDecimal("90.50")), Money.currency("USD"), RoundingMode.HALF_EVEN);
    assertThat(broker.account().cash()).isEqualTo(Money.of("100000.00", "USD").minus(spent));
  }
}
