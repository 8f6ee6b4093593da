package dev.speedtrade.testkit;

import dev.speedtrade.oms.spi.InMemoryOrderStore;
import dev.speedtrade.oms.spi.OrderStore;

/** The order store contract on {@link InMemoryOrderStore}, which keeps a failed work's writes. */
class InMemoryOrderStoreContractTest extends OrderStoreContract {
  @Override
  protected OrderStore newStore() {
    return new InMemoryOrderStore();
  }

  @Override
  protected boolean discardsWritesOfAFailedWork() {
    return false;
  }
}
