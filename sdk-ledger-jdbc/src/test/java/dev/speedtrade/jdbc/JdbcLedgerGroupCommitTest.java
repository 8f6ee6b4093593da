package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.testkit.PostgresExtension;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDBC ledger writes the transfer calls of concurrent threads in shared transactions (group
 * commit), and each call still gets exactly what it would have got alone. A gate on the data source
 * holds the first transaction's connection until enough calls are queued behind it, so that the
 * grouping these tests rely on happens on any machine.
 */
class JdbcLedgerGroupCommitTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  @Test
  void concurrentCallsShareTransactionsAndKeepEveryRuleOnPostgres() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.jdbcUrl());
    config.setMaximumPoolSize(16);
    HikariDataSource pooled = new HikariDataSource(config);
    Gate gate = new Gate(pooled);
    JdbcLedger ledger = JdbcLedger.builder(gate.dataSource()).build();
    ledger.migrate();
    gate.ledger.set(ledger);
    int users = 12;
    List<LedgerAccount> accounts = new ArrayList<>();
    accounts.add(LedgerAccount.of("gc:bank", "USD", "platform_bank"));
    for (int u = 0; u < users; u++) {
      accounts.add(
          LedgerAccount.of(
              "gc:u" + u, "USD", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
    }
    ledger.createAccounts(accounts);

    int threads = 16;
    int callsPerThread = 40;
    // However many calls the first transaction took before its connection was held, every thread's
    // first call is in before it goes on.
    gate.holdUntilUnfinished(threads);
    Map<String, Transfer> submitted = new ConcurrentHashMap<>();
    Map<String, List<TransferResult>> outcomes = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      running.add(
          pool.submit(
              () -> {
                SplittableRandom random = new SplittableRandom(thread);
                for (int c = 0; c < callsPerThread; c++) {
                  String user = "gc:u" + random.nextInt(users);
                  long amount = 1 + random.nextInt(500);
                  // Every fifth call's id is shared by two threads: one must win, one see EXISTS.
                  String id =
                      c % 5 == 0 ? "gc:shared:" + (thread / 2) + ":" + c : "gc:" + thread + ":" + c;
                  Transfer transfer =
                      random.nextBoolean()
                          ? Transfer.single(id, "gc:bank", user, amount, "deposit")
                          : Transfer.single(id, user, "gc:bank", amount, "withdrawal");
                  if (c % 5 == 0) {
                    // Both threads of a pair send the same transfer under the shared id.
                    transfer = Transfer.single(id, "gc:bank", "gc:u0", 7, "deposit");
                  }
                  List<TransferResult> result;
                  if (c % 7 == 3 && c % 5 != 0) {
                    Transfer fee = Transfer.single(id + ":fee", user, "gc:bank", 1, "fee");
                    result = ledger.createLinkedTransfers(List.of(transfer, fee));
                    submitted.put(fee.id(), fee);
                    outcomes
                        .computeIfAbsent(
                            fee.id(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(result.get(1));
                  } else {
                    result = ledger.createTransfers(List.of(transfer));
                  }
                  submitted.put(id, transfer);
                  outcomes
                      .computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                      .add(result.get(0));
                }
                return null;
              }));
    }
    for (Future<?> future : running) {
      future.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
    try (pooled) {
      checkEveryRule(
          ledger, gate, accounts, submitted, outcomes, threads * callsPerThread, threads);
    }
  }

  private static void checkEveryRule(
      JdbcLedger ledger,
      Gate gate,
      List<LedgerAccount> accounts,
      Map<String, Transfer> submitted,
      Map<String, List<TransferResult>> outcomes,
      int calls,
      int threads) {
    assertThat(gate.released.get()).as("the gate saw the calls queue up").isTrue();
    assertThat(ledger.groupCommit().transactions())
        .as("transactions for %d calls", calls)
        .isLessThanOrEqualTo(calls - (threads - 2));

    Map<String, Long> debits = new HashMap<>();
    Map<String, Long> credits = new HashMap<>();
    for (Map.Entry<String, List<TransferResult>> entry : outcomes.entrySet()) {
      List<TransferResult> results = entry.getValue();
      long applied = results.stream().filter(r -> r == TransferResult.OK).count();
      boolean stored = ledger.transfer(entry.getKey()).isPresent();
      assertThat(applied)
          .as("OK results for %s: %s", entry.getKey(), results)
          .isLessThanOrEqualTo(1);
      assertThat(stored).as("%s stored: %s", entry.getKey(), results).isEqualTo(applied == 1);
      if (results.size() > 1 && applied == 1) {
        assertThat(results).as(entry.getKey()).contains(TransferResult.EXISTS);
      }
      if (applied == 1) {
        Transfer transfer = submitted.get(entry.getKey());
        debits.merge(transfer.debitAccountId(), transfer.amount(), Long::sum);
        credits.merge(transfer.creditAccountId(), transfer.amount(), Long::sum);
      }
    }
    long refused =
        outcomes.values().stream()
            .flatMap(List::stream)
            .filter(r -> r == TransferResult.EXCEEDS_CREDITS)
            .count();
    assertThat(refused).as("some withdrawals met the overdraft rule").isPositive();
    for (LedgerAccount account : accounts) {
      AccountBalances balances = ledger.balances(account.id()).orElseThrow();
      assertThat(balances.debitsPosted())
          .as("%s debits", account.id())
          .isEqualTo(debits.getOrDefault(account.id(), 0L));
      assertThat(balances.creditsPosted())
          .as("%s credits", account.id())
          .isEqualTo(credits.getOrDefault(account.id(), 0L));
      if (!account.id().equals("gc:bank")) {
        assertThat(balances.debitsPosted()).isLessThanOrEqualTo(balances.creditsPosted());
      }
    }
  }

  @Test
  void aCallWhoseDataTheDatabaseRefusesFailsAloneAndTheOthersInItsGroupApply() throws Exception {
    Gate gate = new Gate(h2());
    JdbcLedger ledger = bankAndUser(gate);
    try (Connection connection = gate.target.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "ALTER TABLE ledger_transfers ADD CONSTRAINT test_not_13 CHECK (amount <> 13)");
    }
    long before = ledger.groupCommit().transactions();
    int followers = 6;
    gate.holdUntilWaiting(followers);
    ExecutorService pool = Executors.newFixedThreadPool(followers + 1);
    Future<List<TransferResult>> leader =
        pool.submit(
            () ->
                ledger.createTransfers(List.of(Transfer.single("lead", "bank", "user", 100, "d"))));
    // The leader's call is taken before the gate holds it; the followers queue behind it.
    waitFor(() -> gate.holding.get());
    List<Future<List<TransferResult>>> calls = new ArrayList<>();
    for (int i = 0; i < followers; i++) {
      int n = i;
      calls.add(
          pool.submit(
              () ->
                  switch (n) {
                    case 2 ->
                        ledger.createTransfers(
                            List.of(Transfer.single("refused", "bank", "user", 13, "d")));
                    case 4 ->
                        ledger.createLinkedTransfers(
                            List.of(
                                Transfer.single("chain-1", "user", "bank", 50, "w"),
                                Transfer.single("chain-2", "user", "bank", 5_000, "w")));
                    default ->
                        ledger.createTransfers(
                            List.of(Transfer.single("f" + n, "bank", "user", 10, "d")));
                  }));
    }

    assertThat(leader.get(1, TimeUnit.MINUTES)).containsExactly(TransferResult.OK);
    for (int i = 0; i < followers; i++) {
      Future<List<TransferResult>> call = calls.get(i);
      if (i == 2) {
        try {
          call.get(1, TimeUnit.MINUTES);
          throw new AssertionError("the refused call succeeded");
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause())
              .isInstanceOfSatisfying(
                  SpeedTradeException.class,
                  refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_TRANSFER));
        }
      } else if (i == 4) {
        assertThat(call.get(1, TimeUnit.MINUTES))
            .containsExactly(TransferResult.LINKED_EVENT_FAILED, TransferResult.EXCEEDS_CREDITS);
      } else {
        assertThat(call.get(1, TimeUnit.MINUTES)).containsExactly(TransferResult.OK);
      }
    }
    pool.shutdown();

    // The leader alone, the six together (refused), then each of the six alone.
    assertThat(ledger.groupCommit().transactions() - before).isEqualTo(1 + 1 + followers);
    assertThat(ledger.transfer("refused")).isEmpty();
    assertThat(ledger.transfer("chain-1")).isEmpty();
    assertThat(ledger.balances("user").orElseThrow().creditsPosted()).isEqualTo(100 + 4 * 10);
    assertThat(ledger.balances("user").orElseThrow().debitsPosted()).isZero();
  }

  @Test
  void callsQueuedBehindOneTransactionGoInTheNextTogether() throws Exception {
    Gate gate = new Gate(h2());
    JdbcLedger ledger = bankAndUser(gate);
    long before = ledger.groupCommit().transactions();
    gate.holdUntilWaiting(3);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Future<List<TransferResult>> deposit =
        pool.submit(
            () ->
                ledger.createTransfers(List.of(Transfer.single("dep", "bank", "user", 100, "d"))));
    waitFor(() -> gate.holding.get());
    // Queued in this order: the first withdrawal fits the deposit, the second then overdraws.
    Future<List<TransferResult>> first =
        pool.submit(
            () -> ledger.createTransfers(List.of(Transfer.single("w1", "user", "bank", 80, "w"))));
    waitFor(() -> ledger.groupCommit().waiting() == 1);
    Future<List<TransferResult>> second =
        pool.submit(
            () -> ledger.createTransfers(List.of(Transfer.single("w2", "user", "bank", 30, "w"))));
    waitFor(() -> ledger.groupCommit().waiting() == 2);
    Future<List<TransferResult>> replay =
        pool.submit(
            () -> ledger.createTransfers(List.of(Transfer.single("w1", "user", "bank", 80, "w"))));

    assertThat(deposit.get(1, TimeUnit.MINUTES)).containsExactly(TransferResult.OK);
    assertThat(first.get(1, TimeUnit.MINUTES)).containsExactly(TransferResult.OK);
    assertThat(second.get(1, TimeUnit.MINUTES)).containsExactly(TransferResult.EXCEEDS_CREDITS);
    assertThat(replay.get(1, TimeUnit.MINUTES)).containsExactly(TransferResult.EXISTS);
    pool.shutdown();
    assertThat(ledger.groupCommit().transactions() - before).isEqualTo(2);
    assertThat(ledger.balances("user").orElseThrow().debitsPosted()).isEqualTo(80);
  }

  /** A ledger on {@code gate} with a bank account and a user who may not overdraw. */
  private static JdbcLedger bankAndUser(Gate gate) {
    JdbcLedger ledger = JdbcLedger.builder(gate.dataSource()).build();
    ledger.migrate();
    gate.ledger.set(ledger);
    ledger.createAccounts(
        List.of(
            LedgerAccount.of("bank", "USD", "platform_bank"),
            LedgerAccount.of(
                "user", "USD", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)));
    return ledger;
  }

  private static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:group-commit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(1);
    }
  }

  /**
   * A data source whose next connection, once armed, is handed over only when the ledger has a
   * given number of calls queued.
   */
  private static final class Gate {
    final DataSource target;
    final AtomicReference<JdbcLedger> ledger = new AtomicReference<>();
    final AtomicBoolean holding = new AtomicBoolean();
    final AtomicBoolean released = new AtomicBoolean();
    private volatile int waitingFor = -1;
    private volatile int unfinishedFor = -1;

    Gate(DataSource target) {
      this.target = target;
    }

    void holdUntilWaiting(int calls) {
      waitingFor = calls;
    }

    void holdUntilUnfinished(int calls) {
      unfinishedFor = calls;
    }

    DataSource dataSource() {
      return (DataSource)
          Proxy.newProxyInstance(
              JdbcLedgerGroupCommitTest.class.getClassLoader(),
              new Class<?>[] {DataSource.class},
              (proxy, method, args) -> {
                if (method.getName().equals("getConnection")) {
                  int calls = waitingFor;
                  int unfinished = unfinishedFor;
                  if (calls >= 0) {
                    waitingFor = -1;
                    holding.set(true);
                    waitFor(() -> ledger.get().groupCommit().waiting() >= calls);
                    released.set(true);
                  } else if (unfinished >= 0) {
                    unfinishedFor = -1;
                    holding.set(true);
                    waitFor(() -> ledger.get().groupCommit().unfinished() >= unfinished);
                    released.set(true);
                  }
                }
                return ReflectiveCall.forward(target, method, args);
              });
    }
  }
}
