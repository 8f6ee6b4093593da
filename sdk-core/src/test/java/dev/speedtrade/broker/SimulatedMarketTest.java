package dev.speedtrade.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many accounts on one simulated market: shared prices, separate books, independent randomness. */
class SimulatedMarketTest {
  private static final Clock OPEN =
      Clock.fixed(Instant.parse("2026-11-24T15:30:00Z"), ZoneOffset.UTC);

  private static OrderRequest limitBuy(String symbol, String limit, String clientOrderId) {
    return OrderRequest.builder()
        .symbol(symbol)
        .side(OrderSide.BUY)
        .type(OrderType.LIMIT)
        .qty(Quantity.of(10))
        .limitPrice(Price.of(limit))
        .clientOrderId(clientOrderId)
        .build();
  }

  @Test
  void onePrintFillsTheRestingOrdersOfEveryAccountAndEachKeepsItsOwnBook() {
    SimulatedMarket market = SimulatedMarket.builder().clock(OPEN).demoListings().build();
    SimulatedBroker alice = market.openAccount("alice", Money.of("10000.00", "USD"));
    SimulatedBroker bob = market.openAccount("bob", Money.of("20000.00", "USD"));
    alice.submitOrder(limitBuy("SPY", "580.00", "c1"));
    bob.submitOrder(limitBuy("SPY", "585.00", "c1"));

    market.setPrice("SPY", Price.of("584.00"));

    assertThat(alice.openOrders())
        .singleElement()
        .satisfies(order -> assertThat(order.clientOrderId()).isEqualTo("c1"));
    assertThat(alice.positions()).isEmpty();
    assertThat(bob.openOrders()).isEmpty();
    assertThat(bob.positions())
        .singleElement()
        .satisfies(position -> assertThat(position.qty()).isEqualTo(Quantity.of(10)));
    assertThat(bob.account().cash()).isEqualTo(Money.of("14160.00", "USD"));
    assertThat(alice.account().cash()).isEqualTo(Money.of("10000.00", "USD"));
    assertThat(alice.orderByClientOrderId("c1").orElseThrow().id())
        .isNotEqualTo(bob.orderByClientOrderId("c1").orElseThrow().id());

    market.setPrice("SPY", Price.of("579.50"));

    assertThat(alice.positions())
        .singleElement()
        .satisfies(position -> assertThat(position.qty()).isEqualTo(Quantity.of(10)));
  }

  @Test
  void anAccountBehavesTheSameWhateverOtherAccountsTradeBesideIt() {
    List<String> alone = fills(false);
    List<String> crowded = fills(true);

    assertThat(crowded).isEqualTo(alone).isNotEmpty();
  }

  private static List<String> fills(boolean withNeighbour) {
    SimulatedMarket market =
        SimulatedMarket.builder().clock(OPEN).seed(7).demoListings().partialFillPercent(60).build();
    SimulatedBroker neighbour =
        withNeighbour ? market.openAccount("neighbour", Money.of("100000.00", "USD")) : null;
    SimulatedBroker alice = market.openAccount("alice", Money.of("100000.00", "USD"));
    List<String> fills = new ArrayList<>();
    alice.subscribe(
        update ->
            fills.add(
                update.event() + " " + update.order().filledQty() + " " + update.order().id()));
    for (int i = 0; i < 5; i++) {
      if (neighbour != null) {
        neighbour.submitOrder(
            OrderRequest.builder().symbol("QQQ").side(OrderSide.BUY).qty(Quantity.of(3)).build());
      }
      alice.submitOrder(
          OrderRequest.builder()
              .symbol("AAPL")
              .side(OrderSide.BUY)
              .qty(Quantity.of(10 + i))
              .build());
      market.setPrice("AAPL", Price.of("229.87"));
    }
    return fills;
  }

  @Test
  void anAccountIdIsOpenedOnceAndPositionsNeedListedSymbols() {
    SimulatedMarket market = SimulatedMarket.builder().clock(OPEN).demoListings().build();
    market.openAccount("alice", Money.of("1.00", "USD"));

    assertThatThrownBy(() -> market.openAccount("alice", Money.of("1.00", "USD")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(
            () ->
                market.openAccount(
                    "bob",
                    Money.of("1.00", "USD"),
                    List.of(new StartingPosition("NOPE", Quantity.of(1), Price.of("1")))))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SYMBOL));
    assertThatThrownBy(() -> market.openAccount("carol", Money.of("1.00", "EUR")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
  }
}
