package dev.speedtrade.benchmarks;

import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

  /** Lists the account ids and opens the first ledger. */
  @Setup(Level.Trial)
  public void accounts() {
    for (int i = 0; i < ACCOUNTS; i++) {
      accountIds[i] = "user:" + i + ":cash";
    }
    newLedger();
  }

  private void newLedger() {
    ledger = new InMemoryLedger(CLOCK);
    List<LedgerAccount> accounts = new ArrayList<>();
    for (String id : accountIds) {
      accounts.add(LedgerAccount.of(id, "USD", "user_cash"));
    }
    ledger.createAccounts(accounts);
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
}
