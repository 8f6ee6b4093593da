package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.testkit.ManualClock;
import dev.speedtrade.testkit.PostgresExtension;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A transfer whose database connection dies mid-transaction (its backend killed with {@code
 * pg_terminate_backend}) is either wholly there or wholly absent, and a retry with the same ids
 * converges.
 */
class JdbcLedgerCrashTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T14:30:00Z"));
  private PGSimpleDataSource plain = new PGSimpleDataSource();
  private JdbcLedger healthy = JdbcLedger.h2InMemory(clock);

  @BeforeEach
  void freshLedger() throws SQLException {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      // Every table and sequence of the class's schema, whatever the migrations have grown to.
      statement.execute(
          "DO $$ DECLARE r record; BEGIN"
              + " FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP"
              + "   EXECUTE 'DROP TABLE IF EXISTS ' || quote_ident(r.tablename) || ' CASCADE'; END LOOP;"
              + " FOR r IN SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = current_schema()"
              + " LOOP EXECUTE 'DROP SEQUENCE IF EXISTS ' || quote_ident(r.sequence_name) || ' CASCADE'; END LOOP;"
              + " END $$");
    }
    plain = new PGSimpleDataSource();
    plain.setURL(postgres.jdbcUrl());
    healthy = JdbcLedger.builder(plain).clock(clock).build();
    healthy.migrate();
    healthy.createAccounts(
        List.of(
            LedgerAccount.of("bank", "USD", "platform_bank"),
            LedgerAccount.of(
                "user", "USD", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)));
    assertThat(
            healthy.createTransfers(
                List.of(Transfer.single("seed", "bank", "user", 1000, "deposit"))))
        .containsExactly(TransferResult.OK);
  }

  @Test
  void aBackendKilledBeforeTheInsertLeavesNothingAndTheRetryApplies() {
    JdbcLedger dying =
        JdbcLedger.builder(killing(plain, Moment.BEFORE_INSERT)).clock(clock).build();
    List<Transfer> chain =
        List.of(
            Transfer.single("w1", "user", "bank", 300, "withdrawal"),
            Transfer.single("f1", "user", "bank", 5, "fee"));

    assertThatThrownBy(() -> dying.createLinkedTransfers(chain))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));

    assertThat(healthy.transfer("w1")).isEmpty();
    assertThat(healthy.transfer("f1")).isEmpty();
    assertThat(healthy.balances("user").orElseThrow().debitsPosted()).isZero();
    assertThat(healthy.createLinkedTransfers(chain))
        .containsExactly(TransferResult.OK, TransferResult.OK);
    assertThat(healthy.createLinkedTransfers(chain))
        .containsExactly(TransferResult.EXISTS, TransferResult.EXISTS);
    assertThat(healthy.balances("user").orElseThrow().debitsPosted()).isEqualTo(305);
  }

  /**
   * On PostgreSQL the writes and the {@code COMMIT} reach the server in one message, so the moment
   * between them is on the server: a trigger holds the balance update of the victim's backend (the
   * transfer row already inserted) until the backend is killed.
   */
  @Test
  void aBackendKilledAfterTheWritesBeforeTheCommitLeavesNothing() throws SQLException {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE crash_victims (pid INT NOT NULL)");
      statement.execute(
          "CREATE OR REPLACE FUNCTION crash_hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " IF EXISTS (SELECT 1 FROM crash_victims WHERE pid = pg_backend_pid()) THEN"
              + "   PERFORM pg_sleep(30); END IF;"
              + " RETURN NEW; END $$");
      statement.execute(
          "CREATE TRIGGER crash_hold BEFORE UPDATE ON ledger_accounts"
              + " FOR EACH ROW EXECUTE FUNCTION crash_hold()");
    }
    JdbcLedger dying =
        JdbcLedger.builder(killing(plain, Moment.BEFORE_COMMIT)).clock(clock).build();

    assertThatThrownBy(
            () ->
                dying.createTransfers(
                    List.of(Transfer.single("w2", "user", "bank", 400, "withdrawal"))))
        .isInstanceOf(SpeedTradeException.class);

    assertThat(healthy.transfer("w2")).isEmpty();
    assertThat(healthy.balances("bank").orElseThrow().creditsPosted()).isZero();
    assertThat(
            healthy.createTransfers(
                List.of(Transfer.single("w2", "user", "bank", 400, "withdrawal"))))
        .containsExactly(TransferResult.OK);
  }

  @Test
  void aBackendKilledAfterTheCommitLeavesEverythingAndTheRetryAnswersExists() {
    JdbcLedger dying = JdbcLedger.builder(killing(plain, Moment.AFTER_COMMIT)).clock(clock).build();
    Transfer transfer = Transfer.single("w3", "user", "bank", 250, "withdrawal");

    try {
      dying.createTransfers(List.of(transfer));
    } catch (SpeedTradeException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    }

    assertThat(healthy.transfer("w3")).isPresent();
    assertThat(healthy.createTransfers(List.of(transfer))).containsExactly(TransferResult.EXISTS);
    assertThat(healthy.balances("user").orElseThrow().debitsPosted()).isEqualTo(250);
    assertThat(healthy.balances("bank").orElseThrow().creditsPosted()).isEqualTo(250);
  }

  private enum Moment {
    BEFORE_INSERT,
    BEFORE_COMMIT,
    AFTER_COMMIT
  }

  /**
   * A data source whose first write transaction has its server backend terminated, from another
   * connection, at {@code moment}.
   */
  private static DataSource killing(PGSimpleDataSource target, Moment moment) {
    AtomicBoolean killed = new AtomicBoolean();
    return (DataSource)
        Proxy.newProxyInstance(
            JdbcLedgerCrashTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = ReflectiveCall.forward(target, method, args);
              if (method.getName().equals("getConnection")) {
                Connection connection = (Connection) result;
                return wrap(connection, moment, killed, target);
              }
              return result;
            });
  }

  private static Connection wrap(
      Connection connection, Moment moment, AtomicBoolean killed, PGSimpleDataSource admin) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("prepareStatement")
              && moment == Moment.BEFORE_COMMIT
              && ((String) args[0]).contains("INSERT INTO ledger_transfers")) {
            assertThat((String) args[0])
                .as("the writes and the commit, together")
                .endsWith("COMMIT");
            killDuringTheWrites(connection, killed, admin);
          }
          if (name.equals("prepareStatement")
              && moment == Moment.BEFORE_INSERT
              && ((String) args[0]).startsWith("INSERT INTO ledger_transfers")) {
            killOnce(connection, killed, admin);
          }
          Object result = ReflectiveCall.forward(connection, method, args);
          if (name.equals("commit") && moment == Moment.AFTER_COMMIT) {
            killOnce(connection, killed, admin);
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(
            JdbcLedgerCrashTest.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  /**
   * Marks the victim's backend for the {@code crash_hold} trigger, and kills it from another thread
   * once the trigger holds it (the transfer inserted, the balance update begun, the commit not yet
   * run).
   */
  private static void killDuringTheWrites(
      Connection victim, AtomicBoolean killed, PGSimpleDataSource admin) throws SQLException {
    if (!killed.compareAndSet(false, true)) {
      return;
    }
    int pid = backendPid(victim);
    try (Connection other = admin.getConnection();
        PreparedStatement mark =
            other.prepareStatement("INSERT INTO crash_victims (pid) VALUES (?)")) {
      mark.setInt(1, pid);
      mark.executeUpdate();
    }
    Thread killer =
        new Thread(
            () -> {
              try (Connection other = admin.getConnection();
                  Statement statement = other.createStatement()) {
                for (int i = 0; i < 3000; i++) {
                  try (ResultSet row =
                      statement.executeQuery(
                          "SELECT count(*) FROM pg_stat_activity WHERE pid = "
                              + pid
                              + " AND wait_event = 'PgSleep'")) {
                    row.next();
                    if (row.getInt(1) == 1) {
                      statement.execute("SELECT pg_terminate_backend(" + pid + ", 10000)");
                      return;
                    }
                  }
                  Thread.sleep(10);
                }
              } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            "crash-killer");
    killer.setDaemon(true);
    killer.start();
  }

  private static int backendPid(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
      row.next();
      return row.getInt(1);
    }
  }

  private static void killOnce(Connection victim, AtomicBoolean killed, PGSimpleDataSource admin)
      throws SQLException {
    if (!killed.compareAndSet(false, true)) {
      return;
    }
    int pid;
    try (Statement statement = victim.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
      row.next();
      pid = row.getInt(1);
    }
    try (Connection other = admin.getConnection();
        PreparedStatement terminate =
            other.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
      terminate.setInt(1, pid);
      try (ResultSet row = terminate.executeQuery()) {
        row.next();
        assertThat(row.getBoolean(1)).as("backend %s terminated", pid).isTrue();
      }
    }
  }
}
