package dev.speedtrade.benchmarks;

import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory ledger on one thread: single transfers (a batch of one) between random accounts of
 * 10,000. A ledger keeps every transfer, so a fresh one replaces it every {@value
 * #TRANSFERS_PER_LEDGER} transfers, to measure a ledger of a steady size rather than the garbage
 * collector.
 *
 * <p>{@link #bareLoop} is the floor the ledger is measured against, in the same run: what a naive
 * ledger does per transfer (a hash map of accounts holding two longs each, a hash set of ids that
 * refuses a duplicate, an overdraft check for a flagged account), on the same random pairs and the
 * same id strings. Read the ratio {@code singleTransfer / bareLoop}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
public class InMemoryLedgerBenchmark {
  private static final int ACCOUNTS = 10_000;
  private static final int TRANSFERS_PER_LEDGER = 100_000;
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-05T14:30:00Z"), ZoneOffset.UTC);

  private final SplittableRandom random = new SplittableRandom(42);
  private final String[] accountIds = new String[ACCOUNTS];
  private InMemoryLedger ledger = new InMemoryLedger(CLOCK);
  private long sequence;
  private Map<String, BareAccount> bareAccounts = new HashMap<>();
  private Set<String> bareIds = new HashSet<>();

  /** Lists the account ids and opens the first ledger. */
  @Setup(Level.Trial)
  public void accounts() {
    for (int i = 0; i < ACCOUNTS; i++) {
      accountIds[i] = "user:" + i + ":cash";
    }
    newLedger();
    newBare();
  }

  private void newLedger() {
    ledger = new InMemoryLedger(CLOCK);
    List<LedgerAccount> accounts = new ArrayList<>();
    for (String id : accountIds) {
      accounts.add(LedgerAccount.of(id, "USD", "user_cash"));
    }
    ledger.createAccounts(accounts);
  }

  private void newBare() {
    bareAccounts = new HashMap<>();
    for (String id : accountIds) {
      bareAccounts.put(id, new BareAccount(false));
    }
    bareIds = new HashSet<>();
  }

  /** One single-phase transfer between two random accounts, alone in its call. */
  @Benchmark
  public List<TransferResult> singleTransfer() {
    if (++sequence % TRANSFERS_PER_LEDGER == 0) {
      newLedger();
    }
    int debit = random.nextInt(ACCOUNTS);
    int credit = (debit + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    return ledger.createTransfers(
        List.of(
            Transfer.single(
                "t" + sequence,
                accountIds[debit],
                accountIds[credit],
                1 + random.nextInt(10_000),
                "payment")));
  }

  /**
   * The same transfer as {@link #singleTransfer}, done by a bare loop: the same id string, two
   * additions and an id lookup, a refused duplicate id, missing account or overdraft.
   */
  @Benchmark
  public boolean bareLoop() {
    if (++sequence % TRANSFERS_PER_LEDGER == 0) {
      newBare();
    }
    int debit = random.nextInt(ACCOUNTS);
    int credit = (debit + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    String id = "t" + sequence;
    long amount = 1 + random.nextInt(10_000);
    BareAccount from = bareAccounts.get(accountIds[debit]);
    BareAccount to = bareAccounts.get(accountIds[credit]);
    if (from == null || to == null) {
      return false;
    }
    if (from.debitsMustNotExceedCredits && from.debits + amount > from.credits) {
      return false;
    }
    if (!bareIds.add(id)) {
      return false;
    }
    from.debits += amount;
    to.credits += amount;
    return true;
  }

  /** An account of the bare loop: two longs and its one flag. */
  private static final class BareAccount {
    final boolean debitsMustNotExceedCredits;
    long debits;
    long credits;

    BareAccount(boolean debitsMustNotExceedCredits) {
      this.debitsMustNotExceedCredits = debitsMustNotExceedCredits;
    }
  }
}
