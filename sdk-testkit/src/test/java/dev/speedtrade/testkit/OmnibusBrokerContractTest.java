package dev.speedtrade.testkit;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientOrder;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An omnibus client's view of the books keeps the broker contract: the client's orders go through
 * the order service (risk, ledger holds) to a standard simulated venue account.
 */
class OmnibusBrokerContractTest extends BrokerContract {
  private static final String CLIENT = "client";

  private @Nullable SimulatedBroker venue;
  private @Nullable SpeedTrade platform;

  @Override
  protected Broker openStandardAccount(Clock clock) {
    SimulatedBroker standard = BrokerContract.standardSimulatedBroker(clock);
    venue = standard;
    SpeedTrade omnibus =
        SpeedTrade.builder()
            .omnibus(
                new Brokerage(
                    TradingMode.PAPER, standard, standard.marketData(), standard.marketClock()))
            .clock(clock)
            .orderExecutor(Runnable::run)
            .build();
    platform = omnibus;
    omnibus.orders().openAccount(CLIENT);
    omnibus
        .ledger()
        .submit(
            Transfer.single(
                "deposit",
                ClientLedgerAccounts.PSP,
                ClientLedgerAccounts.cash(CLIENT),
                100_000_00L,
                "deposit"));
    return omnibus.accounts().brokerage(CLIENT, TradingMode.PAPER).broker();
  }

  @Override
  protected void fillMarketableOrders() {
    Objects.requireNonNull(venue).matchOrders();
  }

  @Override
  protected void partiallyFill(String orderId, Quantity qty, Price price) {
    ClientOrder order =
        Objects.requireNonNull(platform).orders().orders(CLIENT).stream()
            .filter(o -> o.orderId().equals(orderId))
            .findFirst()
            .orElseThrow();
    Objects.requireNonNull(venue).fill(Objects.requireNonNull(order.venueOrderId()), qty, price);
  }

  @Override
  protected void closeStandardAccount() {
    if (platform != null) {
      platform.close();
    }
  }
}
