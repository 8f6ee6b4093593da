package dev.speedtrade.testkit;

import dev.speedtrade.broker.SimulatedAccounts;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.money.Money;
import java.time.Clock;

class SimulatedAccountsContractTest extends TradingAccountsContract {
  @Override
  protected TradingAccounts openAliceAndBob(Clock clock) {
    SimulatedAccounts accounts =
        SimulatedAccounts.on(SimulatedMarket.builder().clock(clock).demoListings().build());
    accounts.open(ALICE, TradingMode.PAPER, Money.of("10000.00", "USD"));
    accounts.open(BOB, TradingMode.PAPER, Money.of("10000.00", "USD"));
    return accounts;
  }
}
