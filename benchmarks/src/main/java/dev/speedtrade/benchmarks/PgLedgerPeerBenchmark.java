package dev.speedtrade.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.jdbc.JdbcLedger;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.testkit.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * {@link JdbcLedger} beside a peer, pgledger (github {@code pgr0ss/pgledger}, MIT: a double-entry
 * ledger written as PostgreSQL functions, one call per transfer), beside the raw batched insert of
 * the same rows, and beside the floor of its own tables, on PostgreSQL.
 *
 * <p>Every trial (one fork per combination of parameters and thread count) starts a throwaway
 * PostgreSQL cluster (or uses {@code SPEEDTRADE_TEST_PG_URL}), installs pgledger's SQL, vendored
 * unchanged under {@code pgledger/} in this module's resources, into the schema {@code pgledger}
 * (dropped first if it exists, and again after the trial), migrates {@code JdbcLedger} into a
 * schema of its own, opens the same 10,000 accounts in both, creates the raw insert's plain table
 * and the floor's copies of {@code JdbcLedger}'s two tables. All sides then share one Hikari pool
 * of {@value #POOL} connections whose search path names both schemas, and whose connections run
 * with {@code enable_seqscan = off}: {@code JdbcLedger} sets that in each of its transactions
 * anyway; pgledger gets it too, or on young tables the planner picks sequential scans for its
 * lookups and its figures fall as its tables grow.
 *
 * <p>Before measuring, a trial applies the same fixed list of transfers, shaped as the trial's
 * calls are, through both ledgers, and checks that every account ends with the balance the list
 * implies in both (a benchmark that moves no money measures nothing); then counts, from the
 * driver's own protocol log, the round trips and statements one call of each side makes, and prints
 * them. After measuring it checks that each ledger's balances still sum to zero and prints how many
 * rows each side wrote.
 *
 * <p>Parameters: {@code mix} is the call's shape and the accounts both sides of each transfer are
 * drawn from ({@code single-10000}: one transfer among 10,000 accounts; {@code single-50}: one
 * transfer among 50 hot accounts; {@code batch100-10000}: 100 transfers a call among 10,000
 * accounts, which pgledger takes as 100 transfer requests in one {@code pgledger_create_transfers}
 * call); {@code side} is what runs ({@code jdbcledger}, {@code pgledger}; {@code raw}: the rows
 * alone, into a table without keys; {@code floor}: the least a ledger on {@code JdbcLedger}'s
 * tables must write, see {@link #floor}; {@code trip}: one {@code SELECT 1}). JMH runs the
 * combinations with {@code side} varying fastest, so the sides of one row run one after the other.
 * Scores are calls per second (a call is one transfer or one batch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// Flyway's and Hikari's start-up lines would bury the trial's own check and round-trip lines.
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class PgLedgerPeerBenchmark {
  private static final int ACCOUNTS = 10_000;
  private static final int POOL = 16;
  private static final String PEER_SCHEMA = "pgledger";
  private static final List<String> PEER_SQL =
      List.of(
          "pgledger/vendor/scoville-pgsql-ulid/ulid-to-uuid.sql",
          "pgledger/vendor/scoville-pgsql-ulid/uuid-to-ulid.sql",
          "pgledger/pgledger.sql");

  /** The call's shape and the accounts it draws from: {@code single-N} or {@code batchB-N}. */
  @Param({"single-10000", "single-50", "batch100-10000"})
  public String mix = "single-10000";

  /**
   * What runs: {@code jdbcledger}, {@code pgledger}, {@code raw}, {@code floor} or {@code trip}.
   */
  @Param({"jdbcledger", "pgledger", "raw", "floor", "trip"})
  public String side = "jdbcledger";

  private final AtomicLong sequence = new AtomicLong();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String ourSchema = "speedtrade_" + run;
  private final String[] ourIds = new String[ACCOUNTS];
  private final String[] peerIds = new String[ACCOUNTS];
  private int batch = 1;
  private int accounts = ACCOUNTS;
  private @Nullable PostgresServer server;
  private @Nullable HikariDataSource dataSource;
  private @Nullable JdbcLedger ledger;
  private @Nullable String peerBatchSql;

  /** Starts PostgreSQL, installs both ledgers, opens the accounts, checks both, counts trips. */
  @Setup(Level.Trial)
  public void open() throws SQLException, IOException {
    parseMix();
    PostgresServer started = PostgresServer.start();
    server = started;
    started
        .unavailable()
        .ifPresent(
            why -> {
              throw new IllegalStateException("no PostgreSQL: " + why);
            });
    String base = started.baseUrl();
    try (Connection connection = DriverManager.getConnection(base);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + PEER_SCHEMA + " CASCADE");
      statement.execute("CREATE SCHEMA " + PEER_SCHEMA);
      statement.execute("CREATE SCHEMA " + ourSchema);
      statement.execute("SET search_path = " + PEER_SCHEMA);
      for (String resource : PEER_SQL) {
        statement.execute(resource(resource));
      }
    }
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(POOL);
    // The first schema gets JdbcLedger's tables; pgledger's functions find theirs by the second.
    config.setJdbcUrl(
        base + (base.contains("?") ? "&" : "?") + "currentSchema=" + ourSchema + "," + PEER_SCHEMA);
    config.setConnectionInitSql("SET enable_seqscan = off");
    HikariDataSource pool = new HikariDataSource(config);
    dataSource = pool;
    JdbcLedger opened = JdbcLedger.builder(pool).build();
    ledger = opened;
    opened.migrate();
    List<LedgerAccount> all = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      ourIds[i] = "user:" + i + ":cash";
      all.add(LedgerAccount.of(ourIds[i], "USD", "user_cash"));
      if (all.size() == 1000) {
        checkAccounts(opened.createAccounts(all));
        all.clear();
      }
    }
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      // pgledger's defaults: negative and positive balances allowed, as our accounts without flags.
      statement.execute(
          "SELECT a.id FROM generate_series(0, "
              + (ACCOUNTS - 1)
              + ") AS i, LATERAL pgledger_create_account('user:' || i || ':cash', 'USD') AS a");
      Map<String, String> byName = new HashMap<>();
      try (ResultSet row = statement.executeQuery("SELECT name, id FROM pgledger_accounts")) {
        while (row.next()) {
          byName.put(row.getString(1), row.getString(2));
        }
      }
      for (int i = 0; i < ACCOUNTS; i++) {
        peerIds[i] = Objects.requireNonNull(byName.get(ourIds[i]), ourIds[i]);
      }
      statement.execute(
          "CREATE TABLE bench_raw (id VARCHAR(128), kind VARCHAR(8), req_debit VARCHAR(128),"
              + " req_credit VARCHAR(128), req_amount BIGINT, req_code VARCHAR(64), timeout_seconds BIGINT,"
              + " pending_id VARCHAR(128), metadata VARCHAR(65536), debit_account_id VARCHAR(128),"
              + " credit_account_id VARCHAR(128), amount BIGINT, code VARCHAR(64), ts BIGINT,"
              + " created_at_micros BIGINT, pending_status VARCHAR(8), resolved_ts BIGINT, expires_at_micros BIGINT)");
      // The floor's copies: the same columns, keys, indexes and checks as JdbcLedger's tables.
      statement.execute("CREATE TABLE bench_floor_transfers (LIKE ledger_transfers INCLUDING ALL)");
      statement.execute("CREATE TABLE bench_floor_accounts (LIKE ledger_accounts INCLUDING ALL)");
      statement.execute("INSERT INTO bench_floor_accounts SELECT * FROM ledger_accounts");
      // A database in service has planner statistics; fresh tables have none until autovacuum.
      statement.execute("ANALYZE");
    }
    StringBuilder sql = new StringBuilder("SELECT count(*) FROM pgledger_create_transfers(ARRAY[");
    for (int i = 0; i < batch; i++) {
      sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
    }
    peerBatchSql = sql.append("]::transfer_request[])").toString();
    checkSameTotals();
    countRoundTrips();
  }

  /** Checks that money is conserved on both ledgers, prints what was written, and stops. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    try {
      if (dataSource != null) {
        try (Connection connection = dataSource.getConnection();
            Statement statement = connection.createStatement()) {
          long ours = single(statement, "SELECT count(*) FROM ledger_transfers");
          long peer = single(statement, "SELECT count(*) FROM pgledger_transfers");
          long raw = single(statement, "SELECT count(*) FROM bench_raw");
          long floor = single(statement, "SELECT count(*) FROM bench_floor_transfers");
          long floorSum =
              single(
                  statement,
                  "SELECT COALESCE(SUM(credits_posted - debits_posted), 0)"
                      + " FROM bench_floor_accounts");
          long ourSum =
              single(
                  statement,
                  "SELECT COALESCE(SUM(credits_posted - debits_posted), 0) FROM ledger_accounts");
          long peerSum =
              single(statement, "SELECT COALESCE(SUM(balance), 0) FROM pgledger_accounts");
          System.out.printf(
              Locale.ROOT,
              "%n[peer] %s %s: rows written: jdbcledger %,d transfers, pgledger %,d transfers,"
                  + " raw %,d rows, floor %,d rows; balance sums: jdbcledger %d, pgledger %d,"
                  + " floor %d%n",
              mix,
              side,
              ours,
              peer,
              raw,
              floor,
              ourSum,
              peerSum,
              floorSum);
          if (ourSum != 0 || peerSum != 0 || floorSum != 0) {
            throw new IllegalStateException(
                "money not conserved: jdbcledger "
                    + ourSum
                    + ", pgledger "
                    + peerSum
                    + ", floor "
                    + floorSum);
          }
          printScans(statement);
          // Leaves a server named by SPEEDTRADE_TEST_PG_URL as it was (a throwaway one is deleted).
          statement.execute("DROP SCHEMA " + ourSchema + " CASCADE");
          statement.execute("DROP SCHEMA " + PEER_SCHEMA + " CASCADE");
        }
      }
    } finally {
      if (dataSource != null) {
        dataSource.close();
      }
      if (server != null) {
        server.close();
      }
    }
  }

  /** Per-thread random transfers: the same generator for every side. */
  @State(Scope.Thread)
  public static class Picker {
    final SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
  }

  /** One call, one client thread. */
  @Benchmark
  @Threads(1)
  public int threads01(Picker picker) throws SQLException {
    return call(moves(picker.random));
  }

  /** One call, four client threads. */
  @Benchmark
  @Threads(4)
  public int threads04(Picker picker) throws SQLException {
    return call(moves(picker.random));
  }

  /** One call, sixteen client threads (as many as the pool has connections). */
  @Benchmark
  @Threads(16)
  public int threads16(Picker picker) throws SQLException {
    return call(moves(picker.random));
  }

  /** One transfer: indexes into the account arrays, and an amount in minor units. */
  private record Move(int debit, int credit, long amount) {}

  private List<Move> moves(SplittableRandom random) {
    List<Move> moves = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      int credit = random.nextInt(accounts);
      int debit = (credit + 1 + random.nextInt(accounts - 1)) % accounts;
      moves.add(new Move(debit, credit, 1 + random.nextInt(10_000)));
    }
    return moves;
  }

  private int call(List<Move> moves) throws SQLException {
    return switch (side) {
      case "jdbcledger" -> ours(moves);
      case "pgledger" -> peer(moves);
      case "raw" -> raw(moves);
      case "floor" -> floor(moves);
      case "trip" -> trip();
      default -> throw new IllegalArgumentException("side: " + side);
    };
  }

  /** Our ledger: one {@code createTransfers} call of the moves as single-phase transfers. */
  private int ours(List<Move> moves) {
    List<Transfer> transfers = new ArrayList<>(moves.size());
    for (Move move : moves) {
      transfers.add(
          Transfer.single(
              run + "-" + sequence.incrementAndGet(),
              ourIds[move.debit()],
              ourIds[move.credit()],
              move.amount(),
              "payment"));
    }
    List<TransferResult> results = Objects.requireNonNull(ledger).createTransfers(transfers);
    for (TransferResult result : results) {
      if (!result.isSuccess()) {
        throw new IllegalStateException("a transfer failed: " + result);
      }
    }
    return results.size();
  }

  /**
   * pgledger, called as its author does: {@code pgledger_create_transfer(from, to, amount)} for one
   * transfer (its {@code performance_check.go}), {@code pgledger_create_transfers(array[(from, to,
   * amount), ...]::transfer_request[])} for several in one call (its tests). Each call is one
   * statement in its own transaction (auto-commit), as a pgx pool runs it.
   */
  private int peer(List<Move> moves) throws SQLException {
    try (Connection connection = Objects.requireNonNull(dataSource).getConnection()) {
      if (moves.size() == 1) {
        Move move = moves.get(0);
        try (PreparedStatement call =
            connection.prepareStatement("SELECT id FROM pgledger_create_transfer(?, ?, ?)")) {
          call.setString(1, peerIds[move.debit()]);
          call.setString(2, peerIds[move.credit()]);
          call.setLong(3, move.amount());
          try (ResultSet row = call.executeQuery()) {
            if (!row.next()) {
              throw new IllegalStateException("pgledger returned no transfer");
            }
            return 1;
          }
        }
      }
      try (PreparedStatement call =
          connection.prepareStatement(Objects.requireNonNull(peerBatchSql))) {
        int p = 1;
        for (Move move : moves) {
          call.setString(p++, peerIds[move.debit()]);
          call.setString(p++, peerIds[move.credit()]);
          call.setLong(p++, move.amount());
        }
        try (ResultSet row = call.executeQuery()) {
          row.next();
          int created = row.getInt(1);
          if (created != moves.size()) {
            throw new IllegalStateException(
                "pgledger created " + created + " transfers of " + moves.size());
          }
          return created;
        }
      }
    }
  }

  /**
   * The floor of any design that goes to the database once per call: one round trip of {@code
   * SELECT 1} on a pooled connection in auto-commit, writing nothing.
   */
  private int trip() throws SQLException {
    try (Connection connection = Objects.requireNonNull(dataSource).getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT 1");
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getInt(1);
    }
  }

  /** The physical reference: the rows our ledger writes, batched into a plain table. */
  private int raw(List<Move> moves) throws SQLException {
    try (Connection connection = Objects.requireNonNull(dataSource).getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO bench_raw VALUES"
                  + " (?, ?, ?, ?, ?, ?, NULL, NULL, '', ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)")) {
        for (Move move : moves) {
          String debit = ourIds[move.debit()];
          String credit = ourIds[move.credit()];
          insert.setString(1, run + "-" + sequence.incrementAndGet());
          insert.setString(2, "SINGLE");
          insert.setString(3, debit);
          insert.setString(4, credit);
          insert.setLong(5, move.amount());
          insert.setString(6, "payment");
          insert.setString(7, debit);
          insert.setString(8, credit);
          insert.setLong(9, move.amount());
          insert.setString(10, "payment");
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

  /**
   * The physical floor of {@code JdbcLedger}'s tables: what one call must write there at least,
   * written as cheaply as we know how. In one round trip and one transaction, the balance update of
   * every account the moves name (their ids in ascending order, as {@code JdbcLedger} takes them,
   * so that concurrent calls lock in one order) and the insert of the transfer rows as {@code
   * JdbcLedger} fills them, into copies of its two tables with the same keys, indexes and checks.
   * No rules, no guards, no idempotency: a ledger on these tables cannot do less per call.
   */
  private int floor(List<Move> moves) throws SQLException {
    java.util.TreeMap<String, long[]> deltas = new java.util.TreeMap<>();
    int rows = moves.size();
    String[] ids = new String[rows];
    String[] debits = new String[rows];
    String[] credits = new String[rows];
    Long[] amounts = new Long[rows];
    Long[] timestamps = new Long[rows];
    String[] codes = new String[rows];
    String[] metadata = new String[rows];
    Long[] created = new Long[rows];
    for (int r = 0; r < rows; r++) {
      Move move = moves.get(r);
      ids[r] = run + "-" + sequence.incrementAndGet();
      debits[r] = ourIds[move.debit()];
      credits[r] = ourIds[move.credit()];
      amounts[r] = move.amount();
      timestamps[r] = sequence.get();
      codes[r] = "payment";
      metadata[r] = "";
      created[r] = System.nanoTime() / 1000;
      deltas.computeIfAbsent(debits[r], id -> new long[2])[0] += move.amount();
      deltas.computeIfAbsent(credits[r], id -> new long[2])[1] += move.amount();
    }
    String[] accountIds = deltas.keySet().toArray(new String[0]);
    Long[] debited = new Long[accountIds.length];
    Long[] credited = new Long[accountIds.length];
    for (int a = 0; a < accountIds.length; a++) {
      long[] delta = Objects.requireNonNull(deltas.get(accountIds[a]));
      debited[a] = delta[0];
      credited[a] = delta[1];
    }
    try (Connection connection = Objects.requireNonNull(dataSource).getConnection();
        PreparedStatement write = connection.prepareStatement(FLOOR_WRITE)) {
      Object[] parameters = {
        timestamps[rows - 1],
        accountIds,
        debited,
        credited,
        ids,
        debits,
        credits,
        amounts,
        codes,
        metadata,
        timestamps,
        created
      };
      for (int p = 0; p < parameters.length; p++) {
        write.setObject(p + 1, parameters[p]);
      }
      // Both statements, then Sync: one round trip, one implicit transaction.
      write.execute();
      int updated = write.getUpdateCount();
      if (updated != accountIds.length) {
        throw new IllegalStateException("floor updated " + updated + " of " + accountIds.length);
      }
      return rows;
    }
  }

  private static final String FLOOR_WRITE =
      "UPDATE bench_floor_accounts AS a SET debits_posted = a.debits_posted + u.d,"
          + " credits_posted = a.credits_posted + u.c, updated_ts = ?"
          + " FROM UNNEST(?::varchar[], ?::bigint[], ?::bigint[]) AS u (id, d, c) WHERE a.id = u.id;"
          + " INSERT INTO bench_floor_transfers (id, kind, req_debit, req_credit, req_amount,"
          + " req_code, metadata, debit_account_id, credit_account_id, amount, code, ts,"
          + " created_at_micros) SELECT u.id, 'SINGLE', u.debit, u.credit, u.amount, u.code,"
          + " u.metadata, u.debit, u.credit, u.amount, u.code, u.ts, u.created"
          + " FROM UNNEST(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[],"
          + " ?::varchar[], ?::bigint[], ?::bigint[])"
          + " AS u (id, debit, credit, amount, code, metadata, ts, created)";

  /**
   * Applies one fixed list of transfers, in calls of the trial's shape, to both ledgers, and checks
   * every account's balance in both against what the list implies: through the ledger's API for the
   * 50 hot accounts, through the tables for all 10,000.
   */
  private void checkSameTotals() throws SQLException {
    SplittableRandom random = new SplittableRandom(15);
    long[] expected = new long[ACCOUNTS];
    int calls = Math.max(2, 400 / batch);
    long moved = 0;
    for (int c = 0; c < calls; c++) {
      List<Move> moves = moves(random);
      for (Move move : moves) {
        expected[move.debit()] -= move.amount();
        expected[move.credit()] += move.amount();
        moved += move.amount();
      }
      ours(moves);
      peer(moves);
    }
    Map<String, Long> ourBalances = new HashMap<>();
    Map<String, Long> peerBalances = new HashMap<>();
    try (Connection connection = Objects.requireNonNull(dataSource).getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet row =
          statement.executeQuery(
              "SELECT id, credits_posted - debits_posted FROM ledger_accounts")) {
        while (row.next()) {
          ourBalances.put(row.getString(1), row.getLong(2));
        }
      }
      try (ResultSet row =
          statement.executeQuery("SELECT name, balance::bigint FROM pgledger_accounts")) {
        while (row.next()) {
          peerBalances.put(row.getString(1), row.getLong(2));
        }
      }
    }
    int touched = 0;
    for (int i = 0; i < ACCOUNTS; i++) {
      String id = ourIds[i];
      if (!Objects.equals(ourBalances.get(id), expected[i])
          || !Objects.equals(peerBalances.get(id), expected[i])) {
        throw new IllegalStateException(
            "balances differ for "
                + id
                + ": expected "
                + expected[i]
                + ", jdbcledger "
                + ourBalances.get(id)
                + ", pgledger "
                + peerBalances.get(id));
      }
      if (i < 50) {
        AccountBalances balances =
            Objects.requireNonNull(ledger).balances(id).orElseThrow(IllegalStateException::new);
        if (balances.creditsPosted() - balances.debitsPosted() != expected[i]) {
          throw new IllegalStateException("the API disagrees with the table for " + id);
        }
      }
      if (expected[i] != 0) {
        touched++;
      }
    }
    if (moved == 0 || touched == 0) {
      throw new IllegalStateException("the check moved no money");
    }
    System.out.printf(
        Locale.ROOT,
        "%n[peer] %s: same totals in both ledgers after %d calls (%d transfers, %,d cents moved,"
            + " %d accounts changed)%n",
        mix,
        calls,
        calls * batch,
        moved,
        touched);
  }

  /** Counts the round trips and statements of 20 calls of each side, from the driver's log. */
  private void countRoundTrips() throws SQLException {
    SplittableRandom random = new SplittableRandom(16);
    int calls = 20;
    StringBuilder line = new StringBuilder("[peer] " + mix + ": per call,");
    for (String which : List.of("jdbcledger", "pgledger", "raw", "floor")) {
      List<List<Move>> work = new ArrayList<>();
      for (int c = 0; c < calls; c++) {
        work.add(moves(random));
      }
      try (PgWireCounter counter = new PgWireCounter()) {
        for (List<Move> moves : work) {
          switch (which) {
            case "jdbcledger" -> ours(moves);
            case "pgledger" -> peer(moves);
            case "floor" -> floor(moves);
            default -> raw(moves);
          }
        }
        line.append(
            String.format(
                Locale.ROOT,
                " %s %.2f round trips (%.2f statements);",
                which,
                counter.roundTrips() / (double) calls,
                counter.statements() / (double) calls));
      }
    }
    System.out.println();
    System.out.println(line);
  }

  private void parseMix() {
    String[] parts = mix.split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("mix: " + mix);
    }
    batch = parts[0].equals("single") ? 1 : Integer.parseInt(parts[0].replace("batch", ""));
    accounts = Integer.parseInt(parts[1]);
    if (batch < 1 || accounts < 2 || accounts > ACCOUNTS) {
      throw new IllegalArgumentException("mix: " + mix);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PgLedgerPeerBenchmark.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Prints how each ledger's tables were read: sequential against index scans, so that a run shows
   * that neither side was left to sequential scans (the setup's own whole-table reads of the
   * accounts are a few sequential scans by design). The statistics reach the view within about a
   * second of each transaction, so the last moments of the run may be missing.
   */
  private void printScans(Statement statement) throws SQLException {
    StringBuilder line = new StringBuilder("[peer] " + mix + " " + side + ": scans (seq/index):");
    try (ResultSet row =
        statement.executeQuery(
            "SELECT relname, seq_scan, COALESCE(idx_scan, 0) FROM pg_stat_user_tables"
                + " WHERE schemaname IN ('"
                + ourSchema
                + "', '"
                + PEER_SCHEMA
                + "') AND relname IN ('ledger_accounts', 'ledger_transfers',"
                + " 'pgledger_accounts', 'pgledger_transfers', 'pgledger_entries') ORDER BY relname")) {
      while (row.next()) {
        line.append(
            String.format(
                Locale.ROOT, " %s %,d/%,d;", row.getString(1), row.getLong(2), row.getLong(3)));
      }
    }
    System.out.println(line);
  }

  private static long single(Statement statement, String sql) throws SQLException {
    try (ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  private static void checkAccounts(List<AccountResult> results) {
    if (!results.stream().allMatch(AccountResult::isSuccess)) {
      throw new IllegalStateException("account setup failed: " + results);
    }
  }
}
