package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferKind;
import dev.speedtrade.ledger.TransferResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ledger contract under concurrent writers: many threads (and, for a shared store, several
 * ledgers standing for several hosts) apply single transfers, batches and linked chains with
 * duplicates and replays while the clock moves, and the guarantees are checked afterwards: balanced
 * books, limits that held at every read, each id applied at most once, balances that match the
 * transfers.
 *
 * <p>Size the run for a slow store by overriding {@link #concurrentThreads()} and {@link
 * #operationsPerThread()}; a store that needs connections sizes its pool for {@link
 * #concurrentThreads()} plus a few.
 *
 * <p>Part of {@link LedgerContract}, which runs every ledger contract; extend this class alone to
 * run (and debug) just this feature against {@link #newLedger(java.time.Clock)}.
 */
public abstract class ConcurrencyContract extends LedgerContractBase {
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
   * Returns the ledger that worker {@code worker} of the concurrency test writes through: {@code
   * ledger}, the test's own, unless overridden. A store shared by several processes overrides it to
   * spread the workers over several instances on separate connection pools, as separate hosts would
   * be; the guarantees are then checked across all of them.
   *
   * @param worker the worker's number, from 0
   * @param ledger the ledger {@link #newLedger(Clock)} made for this test
   * @return the ledger the worker writes through
   */
  protected Ledger ledgerForWorker(int worker, Ledger ledger) {
    return ledger;
  }

  /** Creates the contract; the ledger is made before each test. */
  protected ConcurrencyContract() {}

  private static final int ACCOUNTS = 100;
  private static final int FLAGGED = 30;
  private static final long DEPOSIT = 1_000;
  private static final int WINDOW = 24;
  private static final long SEED = 20260105L;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void concurrentWritersKeepEveryGuarantee() throws InterruptedException {
    int threads = concurrentThreads();
    int operations = operationsPerThread();
    List<LedgerAccount> accounts = new ArrayList<>();
    accounts.add(usd("bank"));
    for (int i = 0; i < ACCOUNTS; i++) {
      accounts.add(i < FLAGGED ? capped(acct(i)) : usd(acct(i)));
    }
    createAccounts(accounts.toArray(new LedgerAccount[0]));
    List<Transfer> deposits = new ArrayList<>();
    for (int i = 0; i < FLAGGED; i++) {
      deposits.add(Transfer.single("deposit-" + i, "bank", acct(i), DEPOSIT, "deposit"));
    }
    assertThat(ledger.createTransfers(deposits)).containsOnly(TransferResult.OK);

    int pool = Math.max(60, threads * operations / 2);
    int total = threads * operations;
    int chains = Math.max(20, pool / 8);
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean finished = new AtomicBoolean();
    Semaphore ticks = new Semaphore(0);
    CountDownLatch startGate = new CountDownLatch(1);

    Thread advancer =
        new Thread(
            () -> {
              try {
                while (true) {
                  ticks.acquire();
                  if (finished.get()) {
                    return;
                  }
                  clock.advance(Duration.ofSeconds(1));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException | Error e) {
                failures.add(e);
              }
            },
            "ledger-contract-clock");
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int worker = t;
      Ledger host = ledgerForWorker(worker, ledger);
      workers.add(
          new Thread(
              () -> {
                List<Outcome> mine = new ArrayList<>();
                try {
                  startGate.await();
                  SplittableRandom random = new SplittableRandom(SEED + worker);
                  for (int op = 0; op < operations; op++) {
                    int choice = random.nextInt(100);
                    if (choice < 75) {
                      // Half the time an id near where the run has got to, which the other threads
                      // draw too.
                      int k =
                          choice < 40
                              ? (int)
                                  Math.min(
                                      pool - 1,
                                      (long) done.get() * (pool - WINDOW) / total
                                          + random.nextInt(WINDOW))
                              : random.nextInt(pool);
                      Transfer transfer = poolTransfer(k, random.nextInt(20) == 0);
                      record(mine, List.of(transfer), host.createTransfers(List.of(transfer)));
                    } else if (choice < 80) {
                      List<Transfer> batch =
                          List.of(
                              poolTransfer(random.nextInt(pool), false),
                              poolTransfer(random.nextInt(pool), false),
                              poolTransfer(random.nextInt(pool), false));
                      record(mine, batch, host.createTransfers(batch));
                    } else if (choice < 96) {
                      List<Transfer> chain = chain(random.nextInt(chains));
                      record(mine, chain, host.createLinkedTransfers(chain));
                    } else {
                      String id = acct(random.nextInt(FLAGGED));
                      AccountBalances b = host.balances(id).orElseThrow();
                      if (b.debitsPending() + b.debitsPosted() > b.creditsPosted()) {
                        violations.add(b.toString());
                      }
                    }
                    if (done.incrementAndGet() % 50 == 0) {
                      ticks.release();
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  failures.add(e);
                } catch (RuntimeException | Error e) {
                  failures.add(e);
                } finally {
                  outcomes.addAll(mine);
                }
              },
              "ledger-contract-" + t));
    }
    workers.forEach(Thread::start);
    advancer.start();
    startGate.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    finished.set(true);
    ticks.release();
    advancer.join();
    if (!failures.isEmpty()) {
      AssertionError error =
          new AssertionError(failures.size() + " concurrent callers failed", failures.peek());
      failures.stream().skip(1).limit(5).forEach(error::addSuppressed);
      throw error;
    }
    assertThat(violations)
        .as("flagged balances read during the run that broke their limit")
        .isEmpty();
    checkAfterConcurrentRun(List.copyOf(outcomes), deposits);
  }

  private void checkAfterConcurrentRun(List<Outcome> outcomes, List<Transfer> deposits) {
    List<String> accountIds = new ArrayList<>();
    accountIds.add("bank");
    for (int i = 0; i < ACCOUNTS; i++) {
      accountIds.add(acct(i));
    }
    accountIds.forEach(id -> ledger.balances(id));
    Map<String, AccountBalances> balances = new HashMap<>();
    long debitsPosted = 0;
    long creditsPosted = 0;
    long debitsPending = 0;
    long creditsPending = 0;
    for (String id : accountIds) {
      AccountBalances b = ledger.balances(id).orElseThrow();
      balances.put(id, b);
      debitsPosted += b.debitsPosted();
      creditsPosted += b.creditsPosted();
      debitsPending += b.debitsPending();
      creditsPending += b.creditsPending();
    }
    assertThat(debitsPosted).as("sum of debits posted").isEqualTo(creditsPosted);
    assertThat(debitsPending).as("sum of debits pending").isEqualTo(creditsPending);
    for (int i = 0; i < FLAGGED; i++) {
      AccountBalances b = Objects.requireNonNull(balances.get(acct(i)), "read above");
      assertThat(b.debitsPending() + b.debitsPosted())
          .as("debits of flagged %s", b.accountId())
          .isLessThanOrEqualTo(b.creditsPosted());
    }

    Map<String, Integer> okCounts = new HashMap<>();
    Map<TransferResult, Integer> byResult = new EnumMap<>(TransferResult.class);
    for (Outcome outcome : outcomes) {
      byResult.merge(outcome.result(), 1, Integer::sum);
      if (outcome.result() == TransferResult.OK) {
        okCounts.merge(outcome.id(), 1, Integer::sum);
      }
    }
    assertThat(byResult)
        .as("results of the run: %s", byResult)
        .containsKeys(TransferResult.OK, TransferResult.EXISTS);
    assertThat(okCounts.entrySet())
        .as("ids answered OK more than once")
        .filteredOn(entry -> entry.getValue() > 1)
        .isEmpty();

    Map<String, RecordedTransfer> recorded = new HashMap<>();
    for (String id : accountIds) {
      long[] implied = new long[4];
      long after = 0;
      while (true) {
        List<RecordedTransfer> page = ledger.transfers(id, after, Ledger.MAX_PAGE);
        if (page.isEmpty()) {
          break;
        }
        for (RecordedTransfer transfer : page) {
          assertThat(transfer.timestamp()).as("page order of %s", id).isGreaterThan(after);
          after = transfer.timestamp();
          RecordedTransfer previous = recorded.putIfAbsent(transfer.id(), transfer);
          assertThat(previous == null || previous.equals(transfer))
              .as("transfer %s read twice alike", transfer.id())
              .isTrue();
          addImplied(implied, id, transfer);
        }
      }
      AccountBalances b = Objects.requireNonNull(balances.get(id), "read above");
      assertThat(
              new long[] {
                b.debitsPending(), b.debitsPosted(), b.creditsPending(), b.creditsPosted()
              })
          .as("balances of %s against its transfers [dp, dpo, cp, cpo]", id)
          .containsExactly(implied);
    }
    Set<String> expectedIds = new HashSet<>(okCounts.keySet());
    deposits.forEach(deposit -> expectedIds.add(deposit.id()));
    assertThat(recorded.keySet()).as("transfers recorded vs answered OK").isEqualTo(expectedIds);
    for (String id : okCounts.keySet()) {
      assertThat(ledger.transfer(id)).as("transfer %s", id).contains(recorded.get(id));
    }

    Map<String, List<RecordedTransfer>> resolutions = new HashMap<>();
    for (RecordedTransfer transfer : recorded.values()) {
      String pendingId = transfer.transfer().pendingId();
      if (pendingId != null) {
        resolutions.computeIfAbsent(pendingId, key -> new ArrayList<>()).add(transfer);
      }
    }
    Instant now = clock.instant();
    for (RecordedTransfer transfer : recorded.values()) {
      if (transfer.kind() != TransferKind.PENDING) {
        continue;
      }
      List<RecordedTransfer> resolvedBy = resolutions.getOrDefault(transfer.id(), List.of());
      PendingStatus status = ledger.pendingStatus(transfer.id()).orElseThrow();
      Instant expiresAt = transfer.expiresAt();
      switch (status) {
        case POSTED -> {
          assertThat(resolvedBy).as("resolutions of %s", transfer.id()).hasSize(1);
          assertThat(resolvedBy.get(0).kind()).isEqualTo(TransferKind.POST);
          assertThat(resolvedBy.get(0).amount()).isBetween(1L, transfer.amount());
        }
        case VOIDED -> {
          assertThat(resolvedBy).as("resolutions of %s", transfer.id()).hasSize(1);
          assertThat(resolvedBy.get(0).kind()).isEqualTo(TransferKind.VOID);
        }
        case EXPIRED -> {
          assertThat(resolvedBy).as("resolutions of %s", transfer.id()).isEmpty();
          assertThat(expiresAt).as("expiry of %s", transfer.id()).isNotNull();
          assertThat(now).as("expiry of %s", transfer.id()).isAfterOrEqualTo(expiresAt);
        }
        case PENDING -> {
          assertThat(resolvedBy).as("resolutions of %s", transfer.id()).isEmpty();
          if (expiresAt != null) {
            assertThat(now).as("expiry of %s", transfer.id()).isBefore(expiresAt);
          }
        }
        default -> throw new AssertionError("unknown status " + status);
      }
    }
  }

  /**
   * Adds what {@code transfer} contributes to {@code accountId}'s four balances, as its pending
   * status says.
   */
  private void addImplied(long[] implied, String accountId, RecordedTransfer transfer) {
    boolean debit = transfer.debitAccountId().equals(accountId);
    boolean credit = transfer.creditAccountId().equals(accountId);
    switch (transfer.kind()) {
      case SINGLE, POST -> {
        implied[1] += debit ? transfer.amount() : 0;
        implied[3] += credit ? transfer.amount() : 0;
      }
      case PENDING -> {
        if (ledger.pendingStatus(transfer.id()).orElseThrow() == PendingStatus.PENDING) {
          implied[0] += debit ? transfer.amount() : 0;
          implied[2] += credit ? transfer.amount() : 0;
        }
      }
      case VOID -> {
        // A void only releases its pending transfer's reservation.
      }
      default -> throw new AssertionError("unknown kind " + transfer.kind());
    }
  }

  private static void record(
      List<Outcome> into, List<Transfer> transfers, List<TransferResult> results) {
    assertThat(results).hasSameSizeAs(transfers);
    for (int i = 0; i < results.size(); i++) {
      into.add(new Outcome(transfers.get(i).id(), results.get(i)));
    }
  }

  private static String acct(int index) {
    return String.format(Locale.ROOT, "acct-%02d", index);
  }

  /**
   * Returns the transfer of the shared pool's id number {@code k}: the same fields every time (so
   * that concurrent duplicates are true replays), unless {@code variant}, which changes one field.
   * In each ten ids, four are singles, three pendings (a third of them with a 1-5 s timeout), two
   * posts and a void of those pendings.
   */
  private static Transfer poolTransfer(int k, boolean variant) {
    SplittableRandom r = new SplittableRandom(SEED * 31 + k);
    String id = "c-" + k;
    int debit = r.nextInt(ACCOUNTS);
    int credit = (debit + 1 + r.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    long amount = 1 + r.nextInt(500) + (variant ? 1 : 0);
    int decade = k - k % 10;
    String pendingId = "c-" + (decade + 4 + r.nextInt(3));
    int slot = k % 10;
    if (slot < 4) {
      return Transfer.single(id, acct(debit), acct(credit), amount, "trade");
    } else if (slot < 7) {
      return r.nextInt(3) == 0
          ? Transfer.pending(id, acct(debit), acct(credit), amount, "hold", 1 + r.nextInt(5))
          : Transfer.pending(id, acct(debit), acct(credit), amount, "hold");
    } else if (slot < 9) {
      return r.nextBoolean() && !variant
          ? Transfer.post(id, pendingId)
          : Transfer.post(id, pendingId, amount);
    } else {
      return variant
          ? Transfer.voidPending(id, "c-" + (decade + 7))
          : Transfer.voidPending(id, pendingId);
    }
  }

  /** Returns linked chain number {@code j} of the shared pool: 2-4 members, the same every time. */
  private static List<Transfer> chain(int j) {
    SplittableRandom r = new SplittableRandom(SEED * 17 + j);
    int length = 2 + r.nextInt(3);
    List<Transfer> chain = new ArrayList<>();
    String lastPending = null;
    for (int m = 0; m < length; m++) {
      String id = "L-" + j + "-" + m;
      if (lastPending != null && r.nextBoolean()) {
        chain.add(
            r.nextBoolean()
                ? Transfer.post(id, lastPending)
                : Transfer.voidPending(id, lastPending));
        lastPending = null;
        continue;
      }
      int debit = r.nextInt(ACCOUNTS);
      int credit = (debit + 1 + r.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
      long amount = 1 + r.nextInt(300);
      if (r.nextInt(3) == 0) {
        chain.add(
            r.nextBoolean()
                ? Transfer.pending(id, acct(debit), acct(credit), amount, "hold", 1 + r.nextInt(5))
                : Transfer.pending(id, acct(debit), acct(credit), amount, "hold"));
        lastPending = id;
      } else {
        chain.add(Transfer.single(id, acct(debit), acct(credit), amount, "trade"));
      }
    }
    return chain;
  }

  /** What one transfer of the concurrency test answered. */
  private record Outcome(String id, TransferResult result) {}
}
