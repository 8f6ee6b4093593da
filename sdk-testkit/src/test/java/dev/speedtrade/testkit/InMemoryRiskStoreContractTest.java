package dev.speedtrade.testkit;

import dev.speedtrade.risk.InMemoryRiskStore;
import dev.speedtrade.risk.RiskStore;

/** The risk store contract on {@link InMemoryRiskStore}. */
class InMemoryRiskStoreContractTest extends RiskStoreContract {
  @Override
  protected RiskStore newStore() {
    return new InMemoryRiskStore();
  }
}
