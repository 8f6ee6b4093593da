package dev.speedtrade.testkit;

import dev.speedtrade.kyc.spi.InMemoryKycStore;
import dev.speedtrade.kyc.spi.KycStore;

class InMemoryKycStoreContractTest extends KycStoreContract {
  @Override
  protected KycStore newStore() {
    return new InMemoryKycStore();
  }

  @Override
  protected boolean discardsWritesOfAFailedWork() {
    return false;
  }
}
