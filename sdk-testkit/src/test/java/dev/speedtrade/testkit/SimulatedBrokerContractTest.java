package dev.speedtrade.testkit;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

class SimulatedBrokerContractTest extends BrokerContract {
  private @Nullable SimulatedBroker broker;

  @Override
  protected Broker openStandardAccount(Clock clock) {
    SimulatedBroker opened = standardSimulatedBroker(clock);
    broker = opened;
    return opened;
  }

  @Override
  protected @Nullable MarketData standardMarketData() {
    return broker == null ? null : broker.marketData();
  }

  @Override
  protected void fillMarketableOrders() {
    if (broker != null) {
      broker.matchOrders();
    }
  }

  @Override
  protected void partiallyFill(String orderId, Quantity qty, Price price) {
    if (broker != null) {
      broker.fill(orderId, qty, price);
    }
  }
}
