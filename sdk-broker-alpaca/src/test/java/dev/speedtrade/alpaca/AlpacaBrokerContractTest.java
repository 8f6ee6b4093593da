package dev.speedtrade.alpaca;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.testkit.BrokerContract;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The Alpaca adapter keeps the {@link BrokerContract}: every call goes over HTTP (and the
 * websocket) to a fake Alpaca serving Alpaca's documented JSON, backed by the contract's standard
 * simulated account. Its calls are counted, so that refusing a bad argument is seen to send
 * nothing.
 */
class AlpacaBrokerContractTest extends BrokerContract {
  private @Nullable SimulatedBroker simulated;
  private @Nullable FakeAlpaca fake;
  private @Nullable Alpaca alpaca;

  @Override
  protected Broker openStandardAccount(Clock clock) {
    simulated = standardSimulatedBroker(clock);
    fake = FakeAlpaca.start(simulated, Fixtures.KEY, Fixtures.SECRET);
    URI url = URI.create(fake.baseUrl());
    alpaca =
        Alpaca.builder(
                AlpacaConfig.paper(AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET))
                    .withBaseUrl(url)
                    .withDataUrl(url)
                    .withRequestsPerMinute(60_000)
                    .withTimeout(Duration.ofSeconds(5)))
            .clock(clock)
            .retryBackoff(Duration.ofMillis(10))
            .pollInterval(Duration.ofMillis(50))
            .streamBackoff(Duration.ofMillis(50))
            .build();
    return alpaca.broker();
  }

  @Override
  protected long providerRequests() {
    return fake == null ? 0 : fake.calls().size();
  }

  @Override
  protected @Nullable MarketData standardMarketData() {
    return alpaca == null ? null : alpaca.marketData();
  }

  @Override
  protected void fillMarketableOrders() {
    if (simulated != null) {
      simulated.matchOrders();
    }
  }

  @Override
  protected void partiallyFill(String orderId, Quantity qty, Price price) {
    if (simulated != null) {
      simulated.fill(orderId, qty, price);
    }
  }

  @Override
  protected void closeStandardAccount() {
    if (alpaca != null) {
      alpaca.close();
    }
    if (fake != null) {
      fake.close();
    }
  }
}
