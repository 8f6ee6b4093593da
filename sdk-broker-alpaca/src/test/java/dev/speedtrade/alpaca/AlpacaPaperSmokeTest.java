package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.AccountStatus;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.MarketStatus;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.Snapshot;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradeUpdateEvent;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Opt-in smoke test against a real Alpaca <em>paper</em> account. It runs only when {@code
 * APCA_API_KEY_ID} and {@code APCA_API_SECRET_KEY} are set, and is skipped otherwise (CI included):
 *
 * <pre>{@code
 * APCA_API_KEY_ID=PK... APCA_API_SECRET_KEY=... mvn -B -pl sdk-broker-alpaca -am verify \
 *     -Dtest=AlpacaPaperSmokeTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 *
 * It reads the account, positions, open orders, clock, calendar, an asset and snapshots; when the
 * market is open it also places one limit buy of 1 SPY at $1.00 (far below the market, so it
 * rests), finds it by client order id, sees its update on the stream, and cancels it.
 */
@EnabledIfEnvironmentVariable(named = "APCA_API_KEY_ID", matches = ".+")
@EnabledIfEnvironmentVariable(named = "APCA_API_SECRET_KEY", matches = ".+")
class AlpacaPaperSmokeTest {

  @Test
  void talksToTheRealPaperAccount() throws Exception {
    Map<String, String> environment = System.getenv();
    AlpacaConfig config =
        AlpacaConfig.paper(AlpacaCredentials.fromEnvironment(environment))
            .withEnvironment(environment);
    try (Alpaca alpaca = Alpaca.connect(config)) {
      assertThat(alpaca.broker().account().status()).isEqualTo(AccountStatus.ACTIVE);
      alpaca.broker().positions();
      alpaca.broker().openOrders();
      MarketStatus status = alpaca.marketClock().status();
      assertThat(alpaca.marketClock().calendar(LocalDate.now(), LocalDate.now().plusDays(10)))
          .isNotEmpty();
      assertThat(alpaca.broker().asset("SPY").isTradable()).isTrue();
      Map<String, Snapshot> snapshots = alpaca.marketData().snapshots(List.of("SPY", "AAPL"));
      assertThat(snapshots).containsKeys("SPY", "AAPL");
      if (!status.open()) {
        return;
      }
      BlockingQueue<TradeUpdate> updates = new LinkedBlockingQueue<>();
      Subscription subscription = alpaca.broker().subscribe(updates::add);
      try {
        String clientOrderId = "smoke-" + UUID.randomUUID();
        BrokerOrder order =
            alpaca
                .broker()
                .submitOrder(
                    OrderRequest.builder()
                        .symbol("SPY")
                        .side(OrderSide.BUY)
                        .qty(Quantity.of(1))
                        .type(OrderType.LIMIT)
                        .limitPrice(Price.of("1.00"))
                        .timeInForce(TimeInForce.DAY)
                        .clientOrderId(clientOrderId)
                        .build());
        assertThat(alpaca.broker().orderByClientOrderId(clientOrderId))
            .get()
            .extracting(BrokerOrder::id)
            .isEqualTo(order.id());
        alpaca.broker().cancelOrder(order.id());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean canceled = false;
        while (!canceled && System.nanoTime() - deadline < 0) {
          TradeUpdate update = updates.poll(1, TimeUnit.SECONDS);
          canceled =
              update != null
                  && update.order().id().equals(order.id())
                  && update.event() == TradeUpdateEvent.CANCELED;
        }
        assertThat(canceled).as("a CANCELED update for the smoke order").isTrue();
        Optional<BrokerOrder> after = alpaca.broker().order(order.id());
        assertThat(after).get().extracting(BrokerOrder::status).isEqualTo(OrderStatus.CANCELED);
      } finally {
        subscription.close();
      }
    }
  }
}
