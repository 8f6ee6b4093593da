package dev.speedtrade.testkit;

import dev.speedtrade.ledger.Ledger;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/**
 * The whole contract of {@link Ledger} ({@code docs/ledger-contract.md}) as JUnit 5 tests, one
 * nested group per feature: accounts, what each kind of transfer does to balances, result codes and
 * their precedence, idempotency, pending transfers that expire, balance limits and overflow,
 * batches and linked chains, reads, malformed and out-of-range input, the {@link
 * dev.speedtrade.money.Money} conveniences, and the guarantees under concurrent writers.
 *
 * <p>An adapter proves it keeps the contract by extending this class in its own tests and returning
 * a new, empty ledger from {@link #newLedger(Clock)}:
 *
 * <pre>
 * class MyLedgerContractTest extends LedgerContract {
 *   &#64;Override
 *   protected Ledger newLedger(Clock clock) {
 *     return new MyLedger(clock);
 *   }
 * }
 * </pre>
 *
 * <p>Each feature's tests live in a class of their own ({@link AccountContract}, {@link
 * TransferContract}, {@link ResultCodeContract}, {@link IdempotencyContract}, {@link
 * PendingExpiryContract}, {@link LimitContract}, {@link LinkedChainContract}, {@link ReadContract},
 * {@link BadInputContract}, {@link MoneyContract}, {@link ConcurrencyContract}), all on {@link
 * LedgerContractBase}; this class runs each of them as a {@link Nested} group whose ledger comes
 * from {@link #newLedger(Clock)}. To debug one feature, extend its class alone. The rules for
 * {@code newLedger} are {@link LedgerContractBase}'s: a fresh, empty ledger per test, on the given
 * clock.
 *
 * <p>The concurrency test's size can be tuned by overriding {@link #concurrentThreads()} and {@link
 * #operationsPerThread()}, and a store shared by several hosts spreads its workers with {@link
 * #ledgerForWorker(int, Ledger)}.
 */
public abstract class LedgerContract {
  /** Creates the contract; each nested group makes its ledger before each test. */
  protected LedgerContract() {}

  /**
   * Returns a new ledger without any account or transfer, reading time from {@code clock}.
   *
   * @param clock the test's clock; the ledger must read time from it alone
   * @return an empty ledger
   */
  protected abstract Ledger newLedger(Clock clock);

  /**
   * Returns how many threads the concurrency test runs.
   *
   * @return 16 unless overridden
   */
  protected int concurrentThreads() {
    return 16;
  }

  /**
   * Returns how many operations each thread of the concurrency test makes.
   *
   * @return 1500 unless overridden
   */
  protected int operationsPerThread() {
    return 1500;
  }

  /**
   * Returns the ledger that worker {@code worker} of the concurrency test writes through; see
   * {@link ConcurrencyContract#ledgerForWorker(int, Ledger)}.
   *
   * @param worker the worker's number, from 0
   * @param ledger the ledger {@link #newLedger(Clock)} made for this test
   * @return {@code ledger} unless overridden
   */
  protected Ledger ledgerForWorker(int worker, Ledger ledger) {
    return ledger;
  }

  /** {@link AccountContract} on this store. */
  @Nested
  class Accounts extends AccountContract {
    @Override
    protected Ledger newLedger(Clock clock) {
      return LedgerContract.this.newLedger(clock);
    }
  }

  /** {@link TransferContract} on this store. */
  @Nested
  class Transfers extends TransferContract {
    @Override
    protected Ledger newLedger(Clock clock) {
      return LedgerContract.this.newLedger(clock);
    }
  }

  /** {@link ResultCodeContract} on this store. */
  @Nested
  class ResultCodes extends ResultCodeContract {
    @Override
    protected Ledger newLedger(Clock clock) {
      return LedgerContract.this.newLedger(clock);
    }
  }

  /** {@link IdempotencyContract} on this store. */
  @Nested
  class Idempotency extends IdempotencyContract {
    @Override
    protected Ledger newLedger(Clock clock) {
      return LedgerContract.this.newLedger(clock);
    }
  }

  /** {@link PendingExpiryContract} on this store. */
  @Nested
  class PendingExpiry extends PendingExpiryContract {
    @Override
    protected Ledger newLedger(Clock clock) {
      return LedgerContract.this.newLedger(clock);
    }
  }

  /** {@link LimitContract} on this store. */
  @Nested
  class Limits extends LimitContract {
    @Override
    protected Ledger newLedger(Clock clock) {
      return LedgerContract.this.newLedger(clock);
    }
  }

  /** {@link LinkedChainContract} on this store. */
  @Nested
  class LinkedChains extends LinkedChainContract {
    @Override
    protected Ledger newLedger(Clock clock) {
      return LedgerContract.this.newLedger(clock);
    }
  }

  /** {@link ReadContract} on this store. */
  @Nested
  class Reads extends ReadContract {
    @Override
    protected Ledger newLedger(Clock clock) {
      return LedgerContract.this.newLedger(clock);
    }
  }

  /** {@link BadInputContract} on this store. */
  @Nested
  class BadInput extends BadInputContract {
    @Override
    protected Ledger newLedger(Clock clock) {
      return LedgerContract.this.newLedger(clock);
    }
  }

  /** {@link MoneyContract} on this store. */
  @Nested
  class MoneyConveniences extends MoneyContract {
    @Override
    protected Ledger newLedger(Clock clock) {
      return LedgerContract.this.newLedger(clock);
    }
  }

  /** {@link ConcurrencyContract} on this store, sized by the outer class's settings. */
  @Nested
  class Concurrency extends ConcurrencyContract {
    @Override
    protected Ledger newLedger(Clock clock) {
      return LedgerContract.this.newLedger(clock);
    }

    @Override
    protected int concurrentThreads() {
      return LedgerContract.this.concurrentThreads();
    }

    @Override
    protected int operationsPerThread() {
      return LedgerContract.this.operationsPerThread();
    }

    @Override
    protected Ledger ledgerForWorker(int worker, Ledger ledger) {
      return LedgerContract.this.ledgerForWorker(worker, ledger);
    }
  }
}
