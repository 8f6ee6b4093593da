package dev.speedtrade.testkit;

import dev.speedtrade.funding.spi.FundingStore;
import dev.speedtrade.funding.spi.InMemoryFundingStore;

class InMemoryFundingStoreContractTest extends FundingStoreContract {
  @Override
  protected FundingStore newStore() {
    return new InMemoryFundingStore();
  }

  @Override
  protected boolean discardsWritesOfAFailedWork() {
    return false;
  }
}
