package dev.speedtrade.testkit;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.money.Money;
import dev.speedtrade.oms.ClientLedgerAccounts;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Omnibus client books as per-user accounts keep the trading accounts contract. */
class OmnibusAccountsContractTest extends TradingAccountsContract {
  private @Nullable SpeedTrade platform;

  @Override
  protected TradingAccounts openAliceAndBob(Clock clock) {
    SimulatedBroker venue =
        SimulatedBroker.builder()
            .clock(clock)
            .demoListings()
            .cash(Money.of("1000000.00", "USD"))
            .build();
    SpeedTrade omnibus =
        SpeedTrade.builder()
            .omnibus(
                new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
            .clock(clock)
            .orderExecutor(Runnable::run)
            .build();
    platform = omnibus;
    for (String client : new String[] {ALICE, BOB}) {
      omnibus.orders().openAccount(client);
      omnibus
          .ledger()
          .submit(
              Transfer.single(
                  "deposit:" + client,
                  ClientLedgerAccounts.PSP,
                  ClientLedgerAccounts.cash(client),
                  10_000_00L,
                  "deposit"));
    }
    return omnibus.accounts();
  }

  @Override
  protected void closeAccounts(TradingAccounts accounts) {
    Objects.requireNonNull(platform).close();
  }
}
