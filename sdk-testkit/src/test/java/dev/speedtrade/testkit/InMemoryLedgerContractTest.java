package dev.speedtrade.testkit;

import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Ledger;
import java.time.Clock;

class InMemoryLedgerContractTest extends LedgerContract {
  @Override
  protected Ledger newLedger(Clock clock) {
    return new InMemoryLedger(clock);
  }
}
