package dev.speedtrade.testkit;

import dev.speedtrade.rebalance.ExecutionStore;
import dev.speedtrade.rebalance.InMemoryExecutionStore;
import dev.speedtrade.rebalance.InMemoryInvestmentStore;
import dev.speedtrade.rebalance.InMemorySettingsStore;
import dev.speedtrade.rebalance.InvestmentStore;
import dev.speedtrade.rebalance.SettingsStore;

class InMemoryRebalanceStoreContractTest extends RebalanceStoreContract {
  @Override
  protected InvestmentStore newInvestmentStore() {
    return new InMemoryInvestmentStore();
  }

  @Override
  protected SettingsStore newSettingsStore() {
    return new InMemorySettingsStore();
  }

  @Override
  protected ExecutionStore newExecutionStore() {
    return new InMemoryExecutionStore();
  }
}
