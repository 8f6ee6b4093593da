package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.testkit.ManualClock;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A crypto pair round trip through the adapter and a fake Alpaca that, like Alpaca, reports the
 * position as {@code BTCUSD} and finds it only under that name: the SDK sees {@code BTC/USD}
 * throughout, so a planner never mistakes its own holding for a different symbol.
 */
class AlpacaCryptoPairsTest {

  @Test
  void buysHoldsPricesAndClosesBtcUsdUnderOneName() {
    SimulatedBroker simulated =
        SimulatedBroker.builder()
            .clock(new ManualClock(Instant.parse("2026-11-24T20:50:00Z")))
            .demoListings()
            .cash(Money.of("10000.00", "USD"))
            .build();
    FakeAlpaca fake = FakeAlpaca.start(simulated, Fixtures.KEY, Fixtures.SECRET);
    try (Alpaca alpaca =
        Alpaca.builder(
                AlpacaConfig.paper(AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET))
                    .withBaseUrl(URI.create(fake.baseUrl()))
                    .withDataUrl(URI.create(fake.baseUrl()))
                    .withRequestsPerMinute(60_000))
            .build()) {
      BrokerOrder buy =
          alpaca
              .broker()
              .submitOrder(
                  OrderRequest.builder()
                      .symbol("BTC/USD")
                      .side(OrderSide.BUY)
                      .notional(Money.of("1000.00", "USD"))
                      .type(OrderType.MARKET)
                      .timeInForce(TimeInForce.GTC)
                      .clientOrderId("crypto-1")
                      .build());

      assertThat(buy.symbol()).isEqualTo("BTC/USD");
      assertThat(buy.status()).isEqualTo(OrderStatus.FILLED);
      List<Position> positions = alpaca.broker().positions();
      assertThat(positions).extracting(Position::symbol).containsExactly("BTC/USD");
      assertThat(alpaca.marketData().snapshots(List.of("BTC/USD")).get("BTC/USD").lastTradePrice())
          .contains(Price.of("97250.5"));
      BrokerOrder close = alpaca.broker().closePosition("BTC/USD");
      assertThat(close.symbol()).isEqualTo("BTC/USD");
      assertThat(close.qty()).isEqualTo(positions.get(0).qty());
      assertThat(alpaca.broker().positions()).isEmpty();
    } finally {
      fake.close();
    }
    assertThat(fake.calls())
        .contains("DELETE /v2/positions/BTCUSD")
        .anyMatch(call -> call.startsWith("GET /v1beta3/crypto/us/snapshots?symbols=BTC"));
  }
}
