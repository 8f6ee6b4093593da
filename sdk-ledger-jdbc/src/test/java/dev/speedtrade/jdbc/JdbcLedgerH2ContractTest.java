package dev.speedtrade.jdbc;

import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.testkit.LedgerContract;
import java.time.Clock;

class JdbcLedgerH2ContractTest extends LedgerContract {
  @Override
  protected Ledger newLedger(Clock clock) {
    return JdbcLedger.h2InMemory(clock);
  }

  @Override
  protected int concurrentThreads() {
    return 16;
  }

  @Override
  protected int operationsPerThread() {
    return 600;
  }
}
