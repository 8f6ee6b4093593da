package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.testkit.ManualClock;
import dev.speedtrade.testkit.PostgresExtension;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * On PostgreSQL the JDBC ledger writes a transfer call on accounts it keeps in memory in one
 * statement sent once, conditioned on what it kept; when another host changed what the rules read
 * (an account's balances, a transfer id, a pending transfer come due), the call takes the locking
 * path and answers exactly what it would have answered there. Two ledgers on one database play the
 * two hosts; a data source that counts statement executions shows which path a call took.
 */
class JdbcLedgerCachedWriteTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  /** What every account is credited when opened, all it may spend. */
  private static final long FUNDS = 1_000_000;

  /** Past the eight accounts a {@code VALUES} list takes: the update goes from arrays. */
  private static final String[] MANY = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"};

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T10:00:00Z"));
  private final AtomicInteger executions = new AtomicInteger();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private JdbcLedger host;
  private JdbcLedger otherHost;

  @BeforeEach
  void twoHosts() {
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setURL(postgres.jdbcUrl());
    host = JdbcLedger.builder(counting(database)).clock(clock).build();
    host.migrate();
    otherHost = JdbcLedger.builder(database).clock(clock).build();
  }

  @Test
  void aCallOnKeptAccountsIsOneStatementAndKeepsEveryBalance() {
    openAccounts(host, "a", "b");
    // The first call takes a block of timestamps ahead, then writes.
    assertThat(host.createTransfers(List.of(single("t0", "a", "b", 1)))).containsExactly(ok());
    for (int i = 1; i <= 20; i++) {
      int before = executions.get();
      assertThat(host.createTransfers(List.of(single("t" + i, "a", "b", i)))).containsExactly(ok());
      assertThat(executions.get() - before).as("statements sent for call %d", i).isEqualTo(1);
    }
    AccountBalances a = host.balances(id("a")).orElseThrow();
    assertThat(a.debitsPosted()).isEqualTo(1 + 20 * 21 / 2);
    assertThat(otherHost.balances(id("b")).orElseThrow().creditsPosted()).isEqualTo(FUNDS + 211);
    List<String> made = new ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      made.add("t" + i);
    }
    assertMadeInOrder(host, "a", made);
  }

  @Test
  void aBatchOnManyKeptAccountsIsOneStatementToo() {
    String[] names = MANY;
    openAccounts(host, names);
    host.createTransfers(List.of(single("warm", "a", "b", 1)));
    List<Transfer> ring =
        ring(names, (i, debit, credit) -> single("ring" + i, debit, credit, 10 + i));
    int before = executions.get();
    assertThat(host.createTransfers(ring)).containsOnly(ok()).hasSize(names.length);
    assertThat(executions.get() - before).isEqualTo(1);

    AccountBalances c = otherHost.balances(id("c")).orElseThrow();
    assertThat(c.debitsPosted()).isEqualTo(12);
    assertThat(c.creditsPosted()).isEqualTo(FUNDS + 11);
    AccountBalances a = otherHost.balances(id("a")).orElseThrow();
    assertThat(a.debitsPosted()).isEqualTo(1 + 10);
    assertThat(a.creditsPosted()).isEqualTo(FUNDS + 21);
  }

  @Test
  void aBatchOfPendingTransfersOnManyKeptAccountsWritesTheirPendingBalances() {
    // Pending amounts change: the update sets all four balances, not only the posted ones.
    String[] names = MANY;
    openAccounts(host, names);
    host.createTransfers(List.of(single("warm", "a", "b", 1)));
    List<Transfer> ring =
        ring(
            names,
            (i, debit, credit) ->
                Transfer.pending(id("hold" + i), id(debit), id(credit), 10 + i, "test"));
    int before = executions.get();
    assertThat(host.createTransfers(ring)).containsOnly(ok()).hasSize(names.length);
    assertThat(executions.get() - before).isEqualTo(1);

    AccountBalances c = otherHost.balances(id("c")).orElseThrow();
    assertThat(c.debitsPending()).isEqualTo(12);
    assertThat(c.creditsPending()).isEqualTo(11);
    assertThat(c.debitsPosted()).isZero();
    assertThat(c.creditsPosted()).isEqualTo(FUNDS);
    AccountBalances a = otherHost.balances(id("a")).orElseThrow();
    assertThat(a.debitsPending()).isEqualTo(10);
    assertThat(a.creditsPending()).isEqualTo(21);
    assertThat(a.debitsPosted()).isEqualTo(1);
  }

  @Test
  void anotherHostsChangeSendsTheCallThroughTheLocksAndItStillCounts() {
    openAccounts(host, "a", "b");
    host.createTransfers(List.of(single("t1", "a", "b", 10)));
    otherHost.createTransfers(List.of(single("t2", "a", "b", 100)));

    int before = executions.get();
    assertThat(host.createTransfers(List.of(single("t3", "a", "b", 1000)))).containsExactly(ok());
    assertThat(executions.get() - before).as("guarded write, then the locking path").isEqualTo(3);
    before = executions.get();
    assertThat(host.createTransfers(List.of(single("t4", "a", "b", 10000)))).containsExactly(ok());
    assertThat(executions.get() - before).as("kept again after the locking path").isEqualTo(1);

    assertThat(host.balances(id("a")).orElseThrow().debitsPosted()).isEqualTo(11110);
    assertThat(otherHost.balances(id("b")).orElseThrow().creditsPosted()).isEqualTo(FUNDS + 11110);
    assertMadeInOrder(otherHost, "a", List.of("t1", "t2", "t3", "t4"));
  }

  @Test
  void anotherHostsChangeToOneOfManyKeptAccountsSendsTheBatchThroughTheLocks() {
    String[] names = MANY;
    openAccounts(host, names);
    host.createTransfers(List.of(single("warm", "a", "b", 1)));
    otherHost.createTransfers(List.of(single("moved", "e", "f", 100)));
    List<Transfer> ring =
        ring(names, (i, debit, credit) -> single("ring" + i, debit, credit, 10 + i));
    int before = executions.get();
    assertThat(host.createTransfers(ring)).containsOnly(ok()).hasSize(names.length);
    assertThat(executions.get() - before).as("guarded write, then the locking path").isEqualTo(3);

    AccountBalances e = otherHost.balances(id("e")).orElseThrow();
    assertThat(e.debitsPosted()).isEqualTo(100 + 14);
    assertThat(e.creditsPosted()).isEqualTo(FUNDS + 13);
    assertThat(otherHost.balances(id("f")).orElseThrow().creditsPosted())
        .isEqualTo(FUNDS + 100 + 14);
  }

  @Test
  void aTransferIdAnotherHostTookAnswersAsOnTheLockingPath() {
    openAccounts(host, "a", "b", "c", "d");
    host.createTransfers(List.of(single("warm", "a", "b", 1)));
    otherHost.createTransfers(List.of(single("taken", "c", "d", 5)));

    // Inserted by the call: the primary key refuses it, and the locking path answers.
    assertThat(host.createTransfers(List.of(single("taken", "a", "b", 7))))
        .containsExactly(TransferResult.EXISTS_WITH_DIFFERENT_FIELDS);
    // Not inserted by the call (it fails a limit on cached rows): the id guard catches it.
    Transfer tooMuch = single("taken", "a", "b", FUNDS * 2);
    assertThat(host.createTransfers(List.of(single("fine", "b", "a", 1), tooMuch)))
        .containsExactly(ok(), TransferResult.EXISTS_WITH_DIFFERENT_FIELDS);
    assertThat(host.createTransfers(List.of(single("taken", "c", "d", 5))))
        .containsExactly(TransferResult.EXISTS);

    AccountBalances a = host.balances(id("a")).orElseThrow();
    assertThat(a.debitsPosted()).isEqualTo(1);
    assertThat(a.creditsPosted()).isEqualTo(FUNDS + 1);
  }

  @Test
  void aPendingTransferComeDueIsExpiredBeforeTheCallIsJudged() {
    openAccounts(host, "a", "b");
    assertThat(
            host.createTransfers(
                List.of(Transfer.pending(id("hold"), id("a"), id("b"), 60, "hold", 30))))
        .containsExactly(ok());
    clock.advance(Duration.ofSeconds(31));

    // A call the kept rows would allow either way: the hold still expires first, in the ledger's
    // order, so the balances as of the call's own timestamp hold nothing pending.
    assertThat(host.createTransfers(List.of(single("t1", "a", "b", 1)))).containsExactly(ok());
    long t1 = otherHost.transfer(id("t1")).orElseThrow().timestamp();
    AccountBalances atT1 = otherHost.balancesAt(id("a"), t1).orElseThrow();
    assertThat(atT1.debitsPending()).isZero();
    assertThat(atT1.debitsPosted()).isEqualTo(1);
    // "a" may now spend all it has left.
    assertThat(host.createTransfers(List.of(single("t2", "a", "b", FUNDS - 1))))
        .containsExactly(ok());

    assertThat(otherHost.pendingStatus(id("hold"))).contains(PendingStatus.EXPIRED);
    AccountBalances a = otherHost.balances(id("a")).orElseThrow();
    assertThat(a.debitsPending()).isZero();
    assertThat(a.debitsPosted()).isEqualTo(FUNDS);
    assertThat(a.creditsPosted()).isEqualTo(FUNDS);
  }

  @Test
  void noneKeptSendsEveryCallThroughTheLocks() {
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setURL(postgres.jdbcUrl());
    JdbcLedger locking = JdbcLedger.builder(counting(database)).cachedAccounts(0).build();
    openAccounts(locking, "a", "b");
    for (int i = 1; i <= 3; i++) {
      int before = executions.get();
      assertThat(locking.createTransfers(List.of(single("t" + i, "a", "b", 1))))
          .containsExactly(ok());
      assertThat(executions.get() - before).isEqualTo(2);
    }
  }

  @Test
  void aNegativeCacheSizeIsRefused() {
    assertThatThrownBy(() -> JdbcLedger.builder(new PGSimpleDataSource()).cachedAccounts(-1))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("cached accounts").contains("-1");
            });
  }

  /** A transfer of the {@code i}th link of a ring, from {@code debit} to {@code credit}. */
  private interface Link {
    Transfer of(int i, String debit, String credit);
  }

  /** One transfer from each of {@code names} to the next, the last to the first. */
  private static List<Transfer> ring(String[] names, Link link) {
    List<Transfer> ring = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      ring.add(link.of(i, names[i], names[(i + 1) % names.length]));
    }
    return ring;
  }

  private void openAccounts(JdbcLedger ledger, String... names) {
    List<LedgerAccount> accounts = new ArrayList<>();
    for (String name : names) {
      accounts.add(
          LedgerAccount.of(
              id(name), "USD", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
    }
    ledger.createAccounts(accounts);
    // Every account starts with FUNDS credited from a bank account without limits.
    String bank = id("bank-" + String.join("-", names));
    ledger.createAccounts(List.of(LedgerAccount.of(bank, "USD", "platform_bank")));
    List<Transfer> funding = new ArrayList<>();
    for (String name : names) {
      funding.add(Transfer.single(id("fund-" + name), bank, id(name), FUNDS, "fund"));
    }
    ledger.createTransfers(funding);
  }

  private Transfer single(String name, String debit, String credit, long amount) {
    return Transfer.single(id(name), id(debit), id(credit), amount, "test");
  }

  private String id(String name) {
    return "cw-" + run + "-" + name;
  }

  private static TransferResult ok() {
    return TransferResult.OK;
  }

  /**
   * The account's transfers in timestamp order are its funding and then {@code names}, in the order
   * they were made, with strictly increasing timestamps.
   */
  private void assertMadeInOrder(JdbcLedger ledger, String account, List<String> names) {
    List<String> expected = new ArrayList<>();
    expected.add(id("fund-" + account));
    names.forEach(name -> expected.add(id(name)));
    List<RecordedTransfer> page = ledger.transfers(id(account), 0, 100);
    assertThat(page).extracting(RecordedTransfer::id).containsExactlyElementsOf(expected);
    for (int i = 1; i < page.size(); i++) {
      assertThat(page.get(i).timestamp()).isGreaterThan(page.get(i - 1).timestamp());
    }
  }

  /** {@code target}, counting the statements its connections execute. */
  private DataSource counting(DataSource target) {
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = ReflectiveCall.forward(target, method, args);
              return result instanceof Connection connection
                  ? countingConnection(connection)
                  : result;
            });
  }

  private Connection countingConnection(Connection target) {
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = ReflectiveCall.forward(target, method, args);
              if (result instanceof PreparedStatement statement) {
                return countingStatement(statement, PreparedStatement.class);
              }
              if (result instanceof Statement statement) {
                return countingStatement(statement, Statement.class);
              }
              return result;
            });
  }

  private <T extends Statement> T countingStatement(T target, Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getName().startsWith("execute")) {
                executions.incrementAndGet();
              }
              return ReflectiveCall.forward(target, method, args);
            }));
  }
}
