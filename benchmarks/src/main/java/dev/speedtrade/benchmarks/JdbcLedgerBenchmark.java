package dev.speedtrade.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.jdbc.JdbcLedger;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDBC ledger beside its ceiling, in one run and one database: {@code ledger*} applies a batch
 * of single transfers through {@link JdbcLedger#createTransfers}; {@code rawInsert*} inserts the
 * same number of rows, with the same columns, into a plain table (no keys, no indexes, no locks)
 * with one batched {@code INSERT} per transaction. Scores are batches per second; the ratio of a
 * ledger score to the raw score with the same parameters is the figure to read.
 *
 * <p>Parameters: the database (H2 in-process, or a throwaway local PostgreSQL cluster with
 * durability settings off, as the tests use); the batch size; and which accounts are debited:
 * {@code uniform} draws both sides from 10,000 accounts, {@code hot} debits one account every time,
 * so every batch waits for that account's row lock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class JdbcLedgerBenchmark {
  private static final int ACCOUNTS = 10_000;

  /** Which database. */
  @Param({"h2", "postgres"})
  public String database = "h2";

  /** Transfers per call. */
  @Param({"1", "100"})
  public int batch = 1;

  /** Which accounts are debited. */
  @Param({"uniform", "hot"})
  public String accounts = "uniform";

  private final AtomicLong sequence = new AtomicLong();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private @Nullable PostgresServer server;
  private @Nullable HikariDataSource dataSource;
  private @Nullable JdbcLedger ledger;

  /** Starts the database, migrates it, opens the accounts and creates the raw table. */
  @Setup(Level.Trial)
  public void open() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(8);
    if (database.equals("postgres")) {
      PostgresServer started = PostgresServer.start();
      server = started;
      config.setJdbcUrl(started.newSchemaUrl());
    } else {
      config.setJdbcUrl("jdbc:h2:mem:bench-" + run + ";DB_CLOSE_DELAY=-1");
    }
    HikariDataSource pool = new HikariDataSource(config);
    dataSource = pool;
    JdbcLedger opened = JdbcLedger.builder(pool).build();
    ledger = opened;
    opened.migrate();
    List<LedgerAccount> all = new ArrayList<>();
    all.add(LedgerAccount.of("hot", "USD", "platform_bank"));
    for (int i = 0; i < ACCOUNTS; i++) {
      all.add(LedgerAccount.of(account(i), "USD", "user_cash"));
      if (all.size() == 1000) {
        check(opened.createAccounts(all));
        all.clear();
      }
    }
    check(opened.createAccounts(all));
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE bench_raw (id VARCHAR(128), kind VARCHAR(8), req_debit VARCHAR(128),"
              + " req_credit VARCHAR(128), req_amount BIGINT, req_code VARCHAR(64), timeout_seconds BIGINT,"
              + " pending_id VARCHAR(128), metadata VARCHAR(65536), debit_account_id VARCHAR(128),"
              + " credit_account_id VARCHAR(128), amount BIGINT, code VARCHAR(64), ts BIGINT,"
              + " created_at_micros BIGINT, pending_status VARCHAR(8), resolved_ts BIGINT, expires_at_micros BIGINT)");
      statement.execute("CREATE TABLE bench_indexed AS SELECT * FROM bench_raw WHERE 1 = 0");
      statement.execute("ALTER TABLE bench_indexed ALTER COLUMN id SET NOT NULL");
      statement.execute("ALTER TABLE bench_indexed ADD PRIMARY KEY (id)");
      statement.execute("CREATE INDEX bench_indexed_debit ON bench_indexed (debit_account_id, ts)");
      statement.execute(
          "CREATE INDEX bench_indexed_credit ON bench_indexed (credit_account_id, ts)");
      if (database.equals("postgres")) {
        // A database in service has planner statistics; a fresh schema has none until autovacuum.
        statement.execute("ANALYZE");
      }
    }
  }

  /** Closes the pool and stops the database. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    if (dataSource != null) {
      dataSource.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Per-thread random choices. */
  @State(Scope.Thread)
  public static class Picker {
    final SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
  }

  /** One call of the ledger, one client thread. */
  @Benchmark
  @Threads(1)
  public List<TransferResult> ledger1(Picker picker) {
    return Objects.requireNonNull(ledger).createTransfers(transfers(picker));
  }

  /** One call of the ledger, four client threads. */
  @Benchmark
  @Threads(4)
  public List<TransferResult> ledger4(Picker picker) {
    return Objects.requireNonNull(ledger).createTransfers(transfers(picker));
  }

  /** The ceiling: one batched insert of as many plain rows, one client thread. */
  @Benchmark
  @Threads(1)
  public int rawInsert1(Picker picker) throws SQLException {
    return insert("bench_raw", transfers(picker));
  }

  /**
   * Not a ceiling but a floor: the same insert into a table with the ledger's three transfer
   * indexes (by id for idempotency, by account and timestamp for each side's history), and nothing
   * else: no account locked, read or updated. What any ledger that answers those reads pays at
   * least.
   */
  @Benchmark
  @Threads(1)
  public int indexedInsert1(Picker picker) throws SQLException {
    return insert("bench_indexed", transfers(picker));
  }

  /** The ceiling: one batched insert of as many plain rows, four client threads. */
  @Benchmark
  @Threads(4)
  public int rawInsert4(Picker picker) throws SQLException {
    return insert("bench_raw", transfers(picker));
  }

  private List<Transfer> transfers(Picker picker) {
    List<Transfer> transfers = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      int credit = picker.random.nextInt(ACCOUNTS);
      String debit =
          accounts.equals("hot")
              ? "hot"
              : account((credit + 1 + picker.random.nextInt(ACCOUNTS - 1)) % ACCOUNTS);
      transfers.add(
          Transfer.single(
              run + "-" + sequence.incrementAndGet(),
              debit,
              account(credit),
              1 + picker.random.nextInt(10_000),
              "payment"));
    }
    return transfers;
  }

  private int insert(String table, List<Transfer> transfers) throws SQLException {
    try (Connection connection = Objects.requireNonNull(dataSource).getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO "
                  + table
                  + " VALUES"
                  + " (?, ?, ?, ?, ?, ?, NULL, NULL, '', ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)")) {
        for (Transfer transfer : transfers) {
          insert.setString(1, transfer.id());
          insert.setString(2, "SINGLE");
          insert.setString(3, transfer.debitAccountId());
          insert.setString(4, transfer.creditAccountId());
          insert.setLong(5, transfer.amount());
          insert.setString(6, transfer.code());
          insert.setString(7, transfer.debitAccountId());
          insert.setString(8, transfer.creditAccountId());
          insert.setLong(9, transfer.amount());
          insert.setString(10, transfer.code());
          insert.setLong(11, sequence.get());
          insert.setLong(12, System.nanoTime() / 1000);
          insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        connection.commit();
        return counts.length;
      }
    }
  }

  private static String account(int index) {
    return "user:" + index + ":cash";
  }

  private static void check(List<AccountResult> results) {
    if (!results.stream().allMatch(AccountResult::isSuccess)) {
      throw new IllegalStateException("account setup failed: " + results);
    }
  }
}
