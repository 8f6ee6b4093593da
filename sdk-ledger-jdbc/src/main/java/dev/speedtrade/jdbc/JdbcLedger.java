package dev.speedtrade.jdbc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferKind;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.ledger.spi.LedgerRules;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Ledger} on a relational database through JDBC: H2 in-process as the embedded default,
 * PostgreSQL for production. It applies the same {@link LedgerRules} as the in-memory ledger.
 *
 * <p>Every batch is one database transaction. It locks the account rows it touches with {@code
 * SELECT ... FOR UPDATE} in ascending id order, so that concurrent batches (in this JVM or in any
 * number of hosts sharing the database) serialize per account and cannot deadlock; runs the rules
 * on what it read; and writes the results with one set-based statement per table. On PostgreSQL a
 * batch of transfers costs two network round trips: the locks, the reads and its timestamps go in
 * one, the writes and the commit in the other (one more before them when it posts or voids pending
 * transfers, and one between them when pending transfers are due). A batch whose accounts the
 * ledger keeps in memory from its last writes ({@link Builder#cachedAccounts}) costs one: it is
 * judged on the kept rows, and its writes and commit go at once, conditioned on the rows being
 * unchanged since; when they changed (another host wrote them), or a transfer id was taken or a
 * pending transfer came due meanwhile, that transaction aborts before its commit and the batch
 * takes the locking path. Transfer calls made while another is being written join the next
 * transaction together, each with its own results, as if they had run one after the other (group
 * commit: see {@code docs/ledger.md}). A batch that loses a race (a transfer id inserted
 * concurrently, a deadlock or serialization failure the database reports) is rolled back and run
 * again, up to {@value #MAX_ATTEMPTS} times; since transfer ids are idempotency keys, a retry never
 * applies anything twice. A connection that dies mid-batch leaves the batch wholly absent; the call
 * throws {@link ErrorCode#STORE_UNAVAILABLE} and may be repeated. Data the database itself refuses
 * (SQLState class 22 or 23, other than a race's unique violation) fails every attempt alike, so it
 * is the call's bad-input code instead ({@link ErrorCode#INVALID_TRANSFER}, {@link
 * ErrorCode#INVALID_ACCOUNT}, or {@link ErrorCode#INVALID_ARGUMENT} for a read), not retryable; no
 * message carries the database's own, which holds SQL and values.
 *
 * <p>Pending transfers whose timeout has passed on the injected {@link Clock} are expired by the
 * next batch or read that touches one of their accounts. Ledger timestamps come from the database
 * sequence {@code ledger_timestamp_seq}, each of whose values stands for a block of 1,024 since
 * schema version 11 (a batch draws one value for all its timestamps): unique, and for any one
 * account increasing in the order its changes were made.
 *
 * <p>The schema is created by {@link #migrate()} (Flyway, history table {@code
 * speedtrade_schema_history}); a host that runs Flyway itself may use the scripts under {@code
 * db/speedtrade} on the classpath instead. Thread-safe.
 */
public final class JdbcLedger implements Ledger {
  /** How many times a batch that lost a race is run before the call gives up. */
  public static final int MAX_ATTEMPTS = 20;

  // One array parameter rather than an IN list, so that the statement text never changes and the
  // database plans it once.
  private static final String SELECT_ACCOUNTS =
      "SELECT "
          + TransferRows.ACCOUNT_COLUMNS
          + " FROM ledger_accounts WHERE id = ANY(?) ORDER BY id";
  private static final String LOCK_ACCOUNTS = SELECT_ACCOUNTS + " FOR UPDATE";
  private static final String SELECT_TRANSFERS =
      "SELECT " + TransferRows.TRANSFER_COLUMNS + " FROM ledger_transfers WHERE id = ANY(?)";

  /** Every due pending transfer: a range of the expiries' due index, usually empty. */
  private static final String SELECT_DUE =
      "SELECT "
          + TransferRows.TRANSFER_COLUMNS
          + " FROM ledger_transfers WHERE id IN"
          + " (SELECT transfer_id FROM ledger_pending_expiries WHERE expires_at_micros <= ?)";

  /** How many account rows a ledger keeps by default for writing from them; see the builder. */
  public static final int DEFAULT_CACHED_ACCOUNTS = 65_536;

  /**
   * The balance update of a write from cached rows: each row changes only if its timestamp is still
   * the one read, and when fewer rows than sent changed, the division by zero aborts the
   * transaction (SQLState {@value #STALE_STATE}) before its {@code COMMIT} runs.
   */
  private static final String UPDATE_SEEN_BALANCES =
      "WITH moved AS (UPDATE ledger_accounts AS a SET debits_pending = u.dp, debits_posted = u.dpo,"
          + " credits_pending = u.cp, credits_posted = u.cpo, updated_ts = u.ts"
          + " FROM UNNEST(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],"
          + " ?::bigint[], ?::bigint[]) AS u (id, dp, dpo, cp, cpo, ts, seen)"
          + " WHERE a.id = u.id AND a.updated_ts = u.seen RETURNING 1)"
          + " SELECT 1 / (CASE WHEN count(*) = ?::int THEN 1 ELSE 0 END) FROM moved";

  /**
   * {@link #UPDATE_SEEN_BALANCES} of rows whose pending balances the write leaves as they were (a
   * batch of single-phase transfers): two balance arrays instead of four.
   */
  private static final String UPDATE_SEEN_POSTED =
      "WITH moved AS (UPDATE ledger_accounts AS a SET debits_posted = u.dpo,"
          + " credits_posted = u.cpo, updated_ts = u.ts"
          + " FROM UNNEST(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])"
          + " AS u (id, dpo, cpo, ts, seen)"
          + " WHERE a.id = u.id AND a.updated_ts = u.seen RETURNING 1)"
          + " SELECT 1 / (CASE WHEN count(*) = ?::int THEN 1 ELSE 0 END) FROM moved";

  /** The most accounts a write from cached rows updates from a {@code VALUES} list. */
  private static final int MOST_SEEN_ROWS = 8;

  /**
   * {@link #UPDATE_SEEN_BALANCES} for up to {@value #MOST_SEEN_ROWS} accounts (a call of one
   * transfer names two), from one parameter per value: the driver encodes no arrays and the server
   * unnests none. Element {@code n - 1} takes {@code n} rows.
   */
  private static final String[] UPDATE_SEEN_ROWS = new String[MOST_SEEN_ROWS];

  static {
    for (int n = 1; n <= MOST_SEEN_ROWS; n++) {
      StringBuilder sql =
          new StringBuilder(
              "WITH moved AS (UPDATE ledger_accounts AS a SET debits_pending = u.dp,"
                  + " debits_posted = u.dpo, credits_pending = u.cp, credits_posted = u.cpo,"
                  + " updated_ts = u.ts FROM (VALUES ");
      for (int r = 0; r < n; r++) {
        sql.append(r == 0 ? "" : ", ")
            .append(
                "(?::varchar, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::bigint)");
      }
      UPDATE_SEEN_ROWS[n - 1] =
          sql.append(
                  ") AS u (id, dp, dpo, cp, cpo, ts, seen) WHERE a.id = u.id AND a.updated_ts ="
                      + " u.seen RETURNING 1) SELECT 1 / (CASE WHEN count(*) = ")
              .append(n)
              .append(" THEN 1 ELSE 0 END) FROM moved")
              .toString();
    }
  }

  /** Aborts the transaction when one of the transfer ids is taken (a write from cached rows). */
  private static final String REQUIRE_NEW_IDS =
      "SELECT 1 / (CASE WHEN EXISTS (SELECT 1 FROM ledger_transfers WHERE id = ANY(?::varchar[]))"
          + " THEN 0 ELSE 1 END)";

  /**
   * Aborts the transaction when a pending transfer on one of the accounts is due (a write from
   * cached rows, whose rules did not expire it).
   */
  private static final String REQUIRE_NONE_DUE =
      "SELECT 1 / (CASE WHEN EXISTS (SELECT 1 FROM ledger_pending_expiries e"
          + " JOIN ledger_transfers t ON t.id = e.transfer_id WHERE e.expires_at_micros <= ?"
          + " AND (t.debit_account_id = ANY(?::varchar[]) OR t.credit_account_id = ANY(?::varchar[])))"
          + " THEN 0 ELSE 1 END)";

  /** The SQLState of the guards' division by zero: the cached rows were stale. */
  private static final String STALE_STATE = "22012";

  private final DataSource dataSource;
  private final Clock clock;
  private final SqlDialect dialect;
  private final AccountCache cache;
  private final TimestampBlock block = new TimestampBlock();

  /**
   * How many timestamps one value of the sequence stands for: its increment (1,024 since schema
   * version 11), read when the ledger is built and again after {@link #migrate()}; 1 when unknown,
   * which is always safe.
   */
  private volatile long timestampStep = 1;

  private final GroupCommit commits = new GroupCommit(this::write, ErrorCode.INVALID_TRANSFER);

  private JdbcLedger(DataSource dataSource, Clock clock, int cachedAccounts) {
    this.dataSource = dataSource;
    this.clock = clock;
    try (Connection connection = dataSource.getConnection()) {
      this.dialect = SqlDialect.of(connection);
      this.timestampStep = readTimestampStep(connection, dialect);
    } catch (SQLException e) {
      throw StoreWork.unavailable("connecting", e);
    }
    this.cache = new AccountCache(dialect.sendsStatementsTogether() ? cachedAccounts : 0);
  }

  /**
   * Returns a builder for a ledger on the host's {@code dataSource} (a connection pool, ideally).
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Returns a migrated ledger in a new private in-memory H2 database, on the system clock: the
   * embedded default. The database lives as long as the JVM.
   */
  public static JdbcLedger h2InMemory() {
    return h2InMemory(Clock.systemUTC());
  }

  /** Returns a migrated ledger in a new private in-memory H2 database, on {@code clock}. */
  public static JdbcLedger h2InMemory(Clock clock) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:speedtrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    JdbcLedger ledger = builder(h2).clock(clock).build();
    ledger.migrate();
    return ledger;
  }

  /** Returns a migrated ledger in the H2 database file {@code file} (created when missing). */
  public static JdbcLedger h2File(Path file, Clock clock) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + file.toAbsolutePath());
    JdbcLedger ledger = builder(h2).clock(clock).build();
    ledger.migrate();
    return ledger;
  }

  /**
   * Creates or upgrades the ledger's tables. Safe to call from several hosts at once: Flyway takes
   * a database lock while it migrates, and a schema already up to date is left alone.
   */
  public void migrate() {
    SpeedTradeSchema.migrate(dataSource);
    try (Connection connection = dataSource.getConnection()) {
      timestampStep = readTimestampStep(connection, dialect);
    } catch (SQLException e) {
      throw StoreWork.unavailable("reading the timestamp sequence", e);
    }
  }

  /**
   * The increment of the timestamp sequence, or 1 when it is not there yet. A sequence altered by
   * another host after this read is safe: the step only grows, and a ledger that uses fewer values
   * of a block than it may wastes them.
   */
  private static long readTimestampStep(Connection connection, SqlDialect dialect)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(dialect.timestampIncrement());
        ResultSet row = select.executeQuery()) {
      return row.next() ? Math.max(1, row.getLong(1)) : 1;
    } finally {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    }
  }

  @Override
  public List<AccountResult> createAccounts(List<LedgerAccount> accounts) {
    LedgerRules.requireElements(accounts, ErrorCode.INVALID_ACCOUNT, "accounts");
    Instant now = now();
    return inWriteTransaction(
        "creating accounts",
        ErrorCode.INVALID_ACCOUNT,
        connection -> {
          Set<String> ids = new TreeSet<>();
          accounts.forEach(account -> addIfValid(ids, account.id()));
          Map<String, AccountRow> existing = new HashMap<>();
          List<Long> timestamps = new ArrayList<>();
          StatementPipeline load = startPipeline(connection);
          queryAccounts(load, ids, false, existing);
          queryTimestamps(load, accounts.size(), timestamps);
          load.run();
          LedgerBatch batch = new LedgerBatch(now, draw(timestamps, accounts.size()));
          existing.values().forEach(row -> row.addTo(batch));
          AccountResult[] results = new AccountResult[accounts.size()];
          for (int i = 0; i < results.length; i++) {
            results[i] = LedgerRules.createAccount(batch, accounts.get(i));
          }
          flush(connection, batch, true);
          remember(batch, batch.newAccounts);
          return List.of(results);
        });
  }

  @Override
  public List<TransferResult> createTransfers(List<Transfer> transfers) {
    LedgerRules.requireElements(transfers, ErrorCode.INVALID_TRANSFER, "transfers");
    now();
    return commits.write(new GroupCommit.Call(transfers, false));
  }

  @Override
  public List<TransferResult> createLinkedTransfers(List<Transfer> chain) {
    LedgerRules.requireElements(chain, ErrorCode.INVALID_TRANSFER, "chain");
    now();
    return commits.write(new GroupCommit.Call(chain, true));
  }

  /** The group commit the transfer calls go through: for tests. */
  GroupCommit groupCommit() {
    return commits;
  }

  @Override
  public Optional<LedgerAccount> account(String id) {
    LedgerRules.requireArgument(id, "account id");
    now();
    if (!LedgerRules.isValidId(id)) {
      return Optional.empty();
    }
    return read(
        "reading an account",
        connection -> {
          AccountRow row = readAccounts(connection, Set.of(id), false).get(id);
          return row == null ? Optional.empty() : Optional.of(row.account());
        });
  }

  @Override
  public Optional<AccountBalances> balances(String accountId) {
    LedgerRules.requireArgument(accountId, "account id");
    now();
    if (!LedgerRules.isValidId(accountId)) {
      return Optional.empty();
    }
    return read(
        "reading balances",
        connection -> {
          expireDue(connection, Set.of(accountId));
          AccountRow row = readAccounts(connection, Set.of(accountId), false).get(accountId);
          return row == null ? Optional.empty() : Optional.of(row.balances());
        });
  }

  @Override
  public Optional<AccountBalances> balancesAt(String accountId, long timestamp) {
    LedgerRules.requireArgument(accountId, "account id");
    now();
    if (!LedgerRules.isValidId(accountId)) {
      return Optional.empty();
    }
    return read(
        "reading past balances",
        connection -> {
          expireDue(connection, Set.of(accountId));
          long createdTs;
          try (PreparedStatement select =
              connection.prepareStatement("SELECT created_ts FROM ledger_accounts WHERE id = ?")) {
            select.setString(1, accountId);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next() || row.getLong(1) > timestamp) {
                return Optional.empty();
              }
              createdTs = row.getLong(1);
            }
          }
          try (PreparedStatement select = connection.prepareStatement(BALANCES_AT)) {
            Object[] parameters = {
              accountId, timestamp, accountId, accountId, timestamp, accountId, timestamp,
              accountId, accountId, timestamp
            };
            for (int i = 0; i < parameters.length; i++) {
              select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
              row.next();
              long last =
                  Math.max(
                      createdTs, Math.max(row.getLong("last_ts"), row.getLong("last_resolved")));
              return Optional.of(
                  new AccountBalances(
                      accountId,
                      row.getLong("dp"),
                      row.getLong("dpo"),
                      row.getLong("cp"),
                      row.getLong("cpo"),
                      last));
            }
          }
        });
  }

  /**
   * An account's four balances as of a ledger timestamp, from its transfers: a pending transfer
   * counts until it was resolved (posted, voided or expired), singles and posts count as posted.
   */
  private static final String BALANCES_AT =
      "SELECT"
          + " COALESCE(SUM(CASE WHEN debit_account_id = ? AND kind = 'PENDING'"
          + "   AND (resolved_ts IS NULL OR resolved_ts > ?) THEN amount ELSE 0 END), 0) AS dp,"
          + " COALESCE(SUM(CASE WHEN debit_account_id = ? AND kind IN ('SINGLE', 'POST')"
          + "   THEN amount ELSE 0 END), 0) AS dpo,"
          + " COALESCE(SUM(CASE WHEN credit_account_id = ? AND kind = 'PENDING'"
          + "   AND (resolved_ts IS NULL OR resolved_ts > ?) THEN amount ELSE 0 END), 0) AS cp,"
          + " COALESCE(SUM(CASE WHEN credit_account_id = ? AND kind IN ('SINGLE', 'POST')"
          + "   THEN amount ELSE 0 END), 0) AS cpo,"
          + " COALESCE(MAX(ts), 0) AS last_ts,"
          + " COALESCE(MAX(CASE WHEN resolved_ts <= ? THEN resolved_ts END), 0) AS last_resolved"
          + " FROM ledger_transfers WHERE (debit_account_id = ? OR credit_account_id = ?) AND ts <= ?";

  @Override
  public Optional<RecordedTransfer> transfer(String id) {
    LedgerRules.requireArgument(id, "transfer id");
    now();
    if (!LedgerRules.isValidId(id)) {
      return Optional.empty();
    }
    return read(
        "reading a transfer",
        connection -> {
          Map<String, TransferRow> rows = readTransfers(connection, Set.of(id));
          TransferRow row = rows.get(id);
          return row == null ? Optional.empty() : Optional.of(row.transfer());
        });
  }

  @Override
  public Optional<PendingStatus> pendingStatus(String pendingId) {
    LedgerRules.requireArgument(pendingId, "pending transfer id");
    now();
    if (!LedgerRules.isValidId(pendingId)) {
      return Optional.empty();
    }
    return read(
        "reading a pending status",
        connection -> {
          TransferRow row = readTransfers(connection, Set.of(pendingId)).get(pendingId);
          if (row == null || row.transfer().kind() != TransferKind.PENDING) {
            return Optional.empty();
          }
          if (row.status() == PendingStatus.PENDING) {
            expireDue(connection, Set.copyOf(row.accounts()));
            // Transfers are never deleted: the row read above is still there.
            row =
                Objects.requireNonNull(
                    readTransfers(connection, Set.of(pendingId)).get(pendingId), pendingId);
          }
          return Optional.ofNullable(row.status());
        });
  }

  @Override
  public List<RecordedTransfer> transfers(String accountId, long afterTimestamp, int limit) {
    LedgerRules.requireArgument(accountId, "account id");
    if (limit < 1 || limit > MAX_PAGE) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "page limit must be 1-" + MAX_PAGE + ", got " + limit);
    }
    now();
    if (!LedgerRules.isValidId(accountId)) {
      return List.of();
    }
    return read(
        "reading transfers",
        connection -> {
          List<RecordedTransfer> page = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + TransferRows.TRANSFER_COLUMNS
                      + " FROM ledger_transfers WHERE (debit_account_id = ? OR credit_account_id = ?) AND ts > ?"
                      + " ORDER BY ts LIMIT "
                      + limit)) {
            select.setString(1, accountId);
            select.setString(2, accountId);
            select.setLong(3, afterTimestamp);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                page.add(TransferRows.transfer(row));
              }
            }
          }
          return List.copyOf(page);
        });
  }

  @Override
  public String toString() {
    return "JdbcLedger{" + dialect + "}";
  }

  // ------------------------------------------------------------------ writing

  /** Writes the calls of one group commit in one transaction, in order; see {@link GroupCommit}. */
  private List<List<TransferResult>> write(List<GroupCommit.Call> calls) {
    Instant now = now();
    return inWriteTransaction(
        "applying transfers",
        ErrorCode.INVALID_TRANSFER,
        connection -> {
          // Only ids that keep the id rules can name a row; the others are answered by the rules
          // (INVALID_ID, not found) without asking the database, which may not even take them as
          // text.
          Set<String> transferIds = new HashSet<>();
          Set<String> pendingIds = new HashSet<>();
          Set<String> accountIds = new TreeSet<>();
          int count = 0;
          for (GroupCommit.Call call : calls) {
            count += call.transfers().size();
            for (Transfer transfer : call.transfers()) {
              addIfValid(transferIds, transfer.id());
              String pendingId = transfer.pendingId();
              if (pendingId != null) {
                addIfValid(transferIds, pendingId);
                addIfValid(pendingIds, pendingId);
              } else {
                addIfValid(accountIds, Objects.requireNonNull(transfer.debitAccountId()));
                addIfValid(accountIds, Objects.requireNonNull(transfer.creditAccountId()));
              }
            }
          }
          if (cache.isEnabled()
              && timestampStep >= count
              && timestampStep > 1
              && pendingIds.isEmpty()
              && !accountIds.isEmpty()) {
            List<List<TransferResult>> written =
                writeFromCache(connection, now, calls, transferIds, accountIds, count);
            if (written != null) {
              return written;
            }
          }
          LedgerBatch batch =
              lockAndLoad(connection, now, transferIds, pendingIds, accountIds, count, true);
          List<List<TransferResult>> results = apply(batch, calls);
          flush(connection, batch, true);
          remember(batch, batch.accounts);
          return results;
        });
  }

  /**
   * After {@code batch} committed: notes the timestamps it used, and keeps the rows of {@code
   * accounts} as the batch left them.
   */
  private void remember(LedgerBatch batch, Map<String, LedgerAccount> accounts) {
    block.used(batch.highestUsedTimestamp());
    if (cache.isEnabled()) {
      List<AccountRow> rows = new ArrayList<>(accounts.size());
      accounts.forEach((id, account) -> rows.add(new AccountRow(account, batch.balances(id))));
      cache.putAll(rows);
    }
  }

  private static List<List<TransferResult>> apply(LedgerBatch batch, List<GroupCommit.Call> calls) {
    List<List<TransferResult>> results = new ArrayList<>(calls.size());
    for (GroupCommit.Call call : calls) {
      if (call.linked()) {
        results.add(LedgerRules.applyChain(batch, call.transfers()));
        batch.endChain();
      } else {
        results.add(LedgerRules.applyEach(batch, call.transfers()));
      }
    }
    return results;
  }

  /**
   * Writes the calls in one round trip from cached account rows, or returns null, having written
   * nothing, when it cannot (then the caller takes the locking path, on the same connection). The
   * rules run on the cached rows; the writes go with guards that abort the transaction before its
   * {@code COMMIT} when what the rules read no longer holds: every account changes only if its row
   * is still the version read ({@link #UPDATE_SEEN_BALANCES}), no transfer id the batch did not
   * insert exists ({@link #REQUIRE_NEW_IDS}; an inserted one is the primary key's to refuse), and
   * no pending transfer on the accounts is due ({@link #REQUIRE_NONE_DUE}; asked only when one of
   * them holds pending amounts, since a pending transfer's amount is positive). So it applies only
   * when every account the calls name was cached and is changed by them (an account read but left
   * as it was would have nothing to condition), and resolves no pending transfer.
   *
   * <p>A guard that fails, or a transfer id taken meanwhile, drops the accounts from the cache and
   * returns null after rolling back; any other failure drops them too and is thrown, as the locking
   * path's would be.
   */
  private @Nullable List<List<TransferResult>> writeFromCache(
      Connection connection,
      Instant now,
      List<GroupCommit.Call> calls,
      Set<String> transferIds,
      Set<String> accountIds,
      int count)
      throws SQLException {
    Map<String, AccountRow> seen = cache.getAll(accountIds);
    if (seen == null) {
      return null;
    }
    long newest = 0;
    boolean holdsPending = false;
    for (AccountRow row : seen.values()) {
      AccountBalances balances = row.balances();
      newest = Math.max(newest, balances.timestamp());
      holdsPending |= balances.debitsPending() != 0 || balances.creditsPending() != 0;
    }
    long[] timestamps = block.take(count, newest);
    if (timestamps == null) {
      List<Long> fresh = new ArrayList<>();
      StatementPipeline refill = pipeline(connection);
      queryTimestamps(refill, count, fresh);
      refill.run();
      block.refill(fresh.get(0), fresh.get(0) + timestampStep);
      timestamps = block.take(count, newest);
      if (timestamps == null) {
        return null;
      }
    }
    LedgerBatch batch = new LedgerBatch(now, timestamps);
    seen.values().forEach(row -> row.addTo(batch));
    List<List<TransferResult>> results = apply(batch, calls);
    if (!batch.changedBalances.containsAll(accountIds)) {
      return null;
    }
    List<AccountRow> written = new ArrayList<>(accountIds.size());
    long[] seenTimestamps = new long[accountIds.size()];
    boolean pendingUnchanged = true;
    for (String id : accountIds) {
      AccountRow read = Objects.requireNonNull(seen.get(id), id);
      AccountBalances before = read.balances();
      AccountBalances after = batch.balances(id);
      seenTimestamps[written.size()] = before.timestamp();
      written.add(new AccountRow(read.account(), after));
      pendingUnchanged &=
          before.debitsPending() == after.debitsPending()
              && before.creditsPending() == after.creditsPending();
    }
    StatementPipeline write = startPipeline(connection);
    updateSeenBalances(write, written, seenTimestamps, pendingUnchanged);
    List<String> untaken = new ArrayList<>();
    for (String id : transferIds) {
      if (!batch.newTransfers.containsKey(id)) {
        untaken.add(id);
      }
    }
    if (!untaken.isEmpty()) {
      write.query(REQUIRE_NEW_IDS, row -> {}, (Object) untaken.toArray(new String[0]));
    }
    if (holdsPending) {
      String[] ids = accountIds.toArray(new String[0]);
      write.query(REQUIRE_NONE_DUE, row -> {}, TransferRows.toMicros(now), ids, ids);
    }
    addTransferWrites(write, batch);
    write.update("COMMIT");
    try {
      write.run();
    } catch (SQLException e) {
      cache.forget(accountIds);
      if (STALE_STATE.equals(e.getSQLState()) || StoreWork.isDuplicate(e)) {
        connection.rollback();
        return null;
      }
      throw e;
    }
    cache.putAll(written);
    return results;
  }

  /**
   * Adds {@link #UPDATE_SEEN_BALANCES} of the rows {@code written} (in ascending id order), each
   * conditioned on the timestamp of the same index in {@code seenTimestamps}, or {@link
   * #UPDATE_SEEN_ROWS} when they are few, or {@link #UPDATE_SEEN_POSTED} when their pending
   * balances are the ones read.
   */
  private static void updateSeenBalances(
      StatementPipeline write,
      List<AccountRow> written,
      long[] seenTimestamps,
      boolean pendingUnchanged) {
    int rows = written.size();
    if (rows <= MOST_SEEN_ROWS) {
      Object[] parameters = new Object[7 * rows];
      int p = 0;
      for (int r = 0; r < rows; r++) {
        AccountBalances balances = written.get(r).balances();
        parameters[p++] = balances.accountId();
        parameters[p++] = balances.debitsPending();
        parameters[p++] = balances.debitsPosted();
        parameters[p++] = balances.creditsPending();
        parameters[p++] = balances.creditsPosted();
        parameters[p++] = balances.timestamp();
        parameters[p++] = seenTimestamps[r];
      }
      write.query(UPDATE_SEEN_ROWS[rows - 1], row -> {}, parameters);
      return;
    }
    if (pendingUnchanged) {
      String[] ids = new String[rows];
      Long[][] values = new Long[4][rows];
      for (int r = 0; r < rows; r++) {
        AccountBalances balances = written.get(r).balances();
        ids[r] = balances.accountId();
        values[0][r] = balances.debitsPosted();
        values[1][r] = balances.creditsPosted();
        values[2][r] = balances.timestamp();
        values[3][r] = seenTimestamps[r];
      }
      write.query(
          UPDATE_SEEN_POSTED, row -> {}, ids, values[0], values[1], values[2], values[3], rows);
      return;
    }
    List<AccountBalances> balances = new ArrayList<>(rows);
    written.forEach(row -> balances.add(row.balances()));
    Long[] seen = new Long[rows];
    for (int r = 0; r < rows; r++) {
      seen[r] = seenTimestamps[r];
    }
    Object[] columns = balanceColumns(balances);
    Object[] parameters = java.util.Arrays.copyOf(columns, columns.length + 2);
    parameters[columns.length] = seen;
    parameters[columns.length + 1] = rows;
    write.query(UPDATE_SEEN_BALANCES, row -> {}, parameters);
  }

  /**
   * The array parameters of a set-based balance update of {@code rows}: their ids, four balances
   * and timestamps, one array each.
   */
  private static Object[] balanceColumns(List<AccountBalances> rows) {
    int count = rows.size();
    String[] ids = new String[count];
    Long[][] values = new Long[5][count];
    for (int r = 0; r < count; r++) {
      AccountBalances balances = rows.get(r);
      ids[r] = balances.accountId();
      values[0][r] = balances.debitsPending();
      values[1][r] = balances.debitsPosted();
      values[2][r] = balances.creditsPending();
      values[3][r] = balances.creditsPosted();
      values[4][r] = balances.timestamp();
    }
    Object[] columns = new Object[1 + values.length];
    columns[0] = ids;
    System.arraycopy(values, 0, columns, 1, values.length);
    return columns;
  }

  /**
   * Expires the due pending transfers on {@code accountIds} within a read's transaction, so that
   * the read sees what the clock says. Costs one query when nothing is due.
   */
  private void expireDue(Connection connection, Set<String> accountIds) throws SQLException {
    Instant now = now();
    List<TransferRow> due = new ArrayList<>();
    StatementPipeline read = new StatementPipeline(connection, false);
    queryDue(read, accountIds, now, due);
    read.run();
    if (!due.isEmpty()) {
      LedgerBatch batch =
          lockAndLoad(connection, now, Set.of(), Set.of(), new TreeSet<>(accountIds), 0, false);
      flush(connection, batch, false);
      block.used(batch.highestUsedTimestamp());
    }
  }

  private static void addIfValid(Set<String> ids, String id) {
    if (LedgerRules.isValidId(id)) {
      ids.add(id);
    }
  }

  /**
   * Locks every account a batch can touch (those it names, those of the pending transfers it
   * resolves, and the other side of every due pending transfer on them) in ascending id order,
   * reads the transfers it refers to, and expires what is due. When the set of accounts grows after
   * the locks are taken (a due pending transfer reaches an account not yet locked), releases them
   * and starts over with the larger set, so locks are only ever taken in one ordered statement.
   *
   * <p>The locks, the reads and the batch's timestamps go to the database together ({@link
   * StatementPipeline}), with the transaction's settings first when {@code startsTransaction} or
   * after a restart: on PostgreSQL one round trip, plus one before it when the batch resolves
   * pending transfers (to learn their accounts) and one after it when pending transfers are due
   * (for their timestamps).
   */
  private LedgerBatch lockAndLoad(
      Connection connection,
      Instant now,
      Set<String> transferIds,
      Set<String> pendingIds,
      Set<String> accountIds,
      int timestampsForBatch,
      boolean startsTransaction)
      throws SQLException {
    boolean sendSettings = startsTransaction;
    while (true) {
      if (!pendingIds.isEmpty()) {
        Map<String, TransferRow> pending = new HashMap<>();
        StatementPipeline first = sendSettings ? startPipeline(connection) : pipeline(connection);
        sendSettings = false;
        queryTransfers(first, pendingIds, pending);
        first.run();
        widen(accountIds, pending.values(), List.of());
      }
      Map<String, AccountRow> locked = new HashMap<>();
      Map<String, TransferRow> known = new HashMap<>();
      List<TransferRow> due = new ArrayList<>();
      List<Long> timestamps = new ArrayList<>();
      StatementPipeline load = sendSettings ? startPipeline(connection) : pipeline(connection);
      queryAccounts(load, accountIds, true, locked);
      queryTransfers(load, transferIds, known);
      queryDue(load, accountIds, now, due);
      queryTimestamps(load, timestampsForBatch, timestamps);
      load.run();
      if (widen(accountIds, known.values(), due)) {
        connection.rollback();
        sendSettings = true;
        continue;
      }
      int needed = timestampsForBatch + due.size();
      long drawn = timestamps.size() * timestampStep;
      if (drawn < needed) {
        // Taken after the locks, as the others were: still later than any earlier change to them.
        StatementPipeline more = pipeline(connection);
        queryTimestamps(more, (int) (needed - drawn), timestamps);
        more.run();
      }
      LedgerBatch batch = new LedgerBatch(now, draw(timestamps, needed));
      locked.values().forEach(row -> row.addTo(batch));
      known.values().forEach(row -> row.addTo(batch));
      for (TransferRow row : due) {
        row.addTo(batch);
        if (batch.pendingStatus(row.transfer().id()) == PendingStatus.PENDING) {
          LedgerRules.expire(batch, row.transfer(), batch.nextTimestamp());
        }
      }
      return batch;
    }
  }

  /** A pipeline on {@code connection}, sent in one round trip where the database allows it. */
  private StatementPipeline pipeline(Connection connection) {
    return new StatementPipeline(connection, dialect.sendsStatementsTogether());
  }

  /** A pipeline that opens a transaction: the dialect's transaction settings come first. */
  private StatementPipeline startPipeline(Connection connection) {
    StatementPipeline pipeline = pipeline(connection);
    String settings = dialect.transactionSettings();
    if (settings != null) {
      pipeline.update(settings);
    }
    return pipeline;
  }

  /**
   * The first {@code count} timestamps of the blocks that start at {@code starts} (values of the
   * sequence, each standing for {@link #timestampStep} timestamps), lowest first. When the ledger
   * keeps rows, the rest of the block the last one came from becomes its block for writes from
   * them: all above the ones returned.
   */
  private long[] draw(List<Long> starts, int count) {
    long step = timestampStep;
    long[] sortedStarts = new long[starts.size()];
    for (int i = 0; i < sortedStarts.length; i++) {
      sortedStarts[i] = starts.get(i);
    }
    java.util.Arrays.sort(sortedStarts);
    long[] drawn = new long[count];
    int taken = 0;
    for (long start : sortedStarts) {
      long value = start;
      while (taken < count && value < start + step) {
        drawn[taken++] = value++;
      }
      if (taken == count) {
        if (cache.isEnabled() && value < start + step) {
          block.refill(value, start + step);
        }
        break;
      }
    }
    if (taken < count) {
      throw new IllegalStateException("drew " + taken + " timestamps of " + count);
    }
    return drawn;
  }

  /**
   * Adds the accounts of {@code transfers} and {@code due} to {@code accountIds}; true if it grew.
   */
  private static boolean widen(
      Set<String> accountIds, Collection<TransferRow> transfers, List<TransferRow> due) {
    int before = accountIds.size();
    transfers.forEach(row -> accountIds.addAll(row.accounts()));
    due.forEach(row -> accountIds.addAll(row.accounts()));
    return accountIds.size() != before;
  }

  /**
   * Writes what {@code batch} changed, in one round trip on PostgreSQL; with {@code commit}, the
   * transaction's {@code COMMIT} rides in the same round trip. The row counts are checked after it:
   * the accounts updated were locked by this transaction and accounts are never deleted, so a wrong
   * count is a fault in a statement, not a race.
   */
  private void flush(Connection connection, LedgerBatch batch, boolean commit) throws SQLException {
    StatementPipeline write = pipeline(connection);
    if (!batch.newAccounts.isEmpty()) {
      List<LedgerAccount> created = List.copyOf(batch.newAccounts.values());
      Long[] timestamps = new Long[created.size()];
      for (int i = 0; i < timestamps.length; i++) {
        timestamps[i] = batch.balances(created.get(i).id()).timestamp();
      }
      TransferRows.insertAccounts(write, dialect, created, timestamps);
    }
    addTransferWrites(write, batch);
    List<String> changed = new ArrayList<>(batch.changedBalances);
    changed.removeAll(batch.newAccounts.keySet());
    if (!changed.isEmpty()) {
      List<AccountBalances> balances = new ArrayList<>(changed.size());
      changed.forEach(id -> balances.add(batch.balances(id)));
      write.updateExactly(dialect.updateBalances(), changed.size(), balanceColumns(balances));
    }
    if (!batch.resolved.isEmpty()) {
      int rows = batch.resolved.size();
      String[] ids = new String[rows];
      String[] statuses = new String[rows];
      Long[] resolvedAt = new Long[rows];
      List<String> leaving = new ArrayList<>();
      int r = 0;
      for (Map.Entry<String, Long> entry : batch.resolved.entrySet()) {
        ids[r] = entry.getKey();
        statuses[r] = batch.pendingStatus(entry.getKey()).name();
        resolvedAt[r++] = entry.getValue();
        if (!batch.newTransfers.containsKey(entry.getKey())) {
          leaving.add(entry.getKey());
        }
      }
      write.updateExactly(dialect.resolvePending(), rows, ids, statuses, resolvedAt);
      if (!leaving.isEmpty()) {
        write.update(
            "DELETE FROM ledger_pending_expiries WHERE transfer_id = ANY("
                + dialect.arrayParameter("VARCHAR")
                + ")",
            (Object) leaving.toArray(new String[0]));
      }
    }
    if (commit && dialect.sendsStatementsTogether() && !write.isEmpty()) {
      write.update("COMMIT");
    }
    write.run();
  }

  /** Adds the inserts of the transfers {@code batch} applied and of their expiries. */
  private void addTransferWrites(StatementPipeline write, LedgerBatch batch) throws SQLException {
    if (!batch.newTransfers.isEmpty()) {
      TransferRows.insertTransfers(write, dialect, batch.newTransfers.values());
    }
    List<String> expiring = new ArrayList<>();
    List<Long> expiries = new ArrayList<>();
    for (RecordedTransfer transfer : batch.newTransfers.values()) {
      Instant expiresAt = transfer.expiresAt();
      if (expiresAt != null && batch.pendingStatus(transfer.id()) == PendingStatus.PENDING) {
        expiring.add(transfer.id());
        expiries.add(TransferRows.toMicros(expiresAt));
      }
    }
    if (!expiring.isEmpty()) {
      write.updateExactly(
          "INSERT INTO ledger_pending_expiries (transfer_id, expires_at_micros) SELECT * FROM UNNEST("
              + dialect.arrayParameter("VARCHAR")
              + ", "
              + dialect.arrayParameter("BIGINT")
              + ")",
          expiring.size(),
          expiring.toArray(new String[0]),
          expiries.toArray(new Long[0]));
    }
  }

  // ------------------------------------------------------------------ reading rows

  private Map<String, AccountRow> readAccounts(
      Connection connection, Collection<String> ids, boolean lock) throws SQLException {
    Map<String, AccountRow> rows = new HashMap<>();
    StatementPipeline read = new StatementPipeline(connection, false);
    queryAccounts(read, ids, lock, rows);
    read.run();
    return rows;
  }

  /**
   * Adds the read (and with {@code lock}, the lock) of the accounts {@code ids} into {@code rows}.
   */
  private static void queryAccounts(
      StatementPipeline pipeline,
      Collection<String> ids,
      boolean lock,
      Map<String, AccountRow> rows)
      throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    pipeline.query(
        lock ? LOCK_ACCOUNTS : SELECT_ACCOUNTS,
        row -> {
          LedgerAccount account = TransferRows.account(row);
          rows.put(account.id(), new AccountRow(account, TransferRows.balances(account.id(), row)));
        },
        (Object) ids.toArray(new String[0]));
  }

  private Map<String, TransferRow> readTransfers(Connection connection, Collection<String> ids)
      throws SQLException {
    Map<String, TransferRow> rows = new HashMap<>();
    StatementPipeline read = new StatementPipeline(connection, false);
    queryTransfers(read, ids, rows);
    read.run();
    return rows;
  }

  /** Adds the read of the transfers {@code ids} into {@code rows}. */
  private static void queryTransfers(
      StatementPipeline pipeline, Collection<String> ids, Map<String, TransferRow> rows)
      throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    pipeline.query(
        SELECT_TRANSFERS,
        row -> {
          TransferRow transfer =
              new TransferRow(TransferRows.transfer(row), TransferRows.status(row));
          rows.put(transfer.transfer().id(), transfer);
        },
        (Object) ids.toArray(new String[0]));
  }

  /**
   * Adds the read of the due pending transfers that debit or credit one of {@code accountIds} into
   * {@code due}, which is sorted oldest first once the pipeline has run.
   */
  private static void queryDue(
      StatementPipeline pipeline,
      Collection<String> accountIds,
      Instant now,
      List<TransferRow> due) {
    if (accountIds.isEmpty()) {
      return;
    }
    pipeline.query(
        SELECT_DUE,
        row -> {
          TransferRow pending =
              new TransferRow(TransferRows.transfer(row), TransferRows.status(row));
          if (accountIds.contains(pending.transfer().debitAccountId())
              || accountIds.contains(pending.transfer().creditAccountId())) {
            int at = 0;
            while (at < due.size()
                && due.get(at).transfer().timestamp() <= pending.transfer().timestamp()) {
              at++;
            }
            due.add(at, pending);
          }
        },
        TransferRows.toMicros(now));
  }

  /**
   * Adds the drawing of enough values of the timestamp sequence for {@code count} new ledger
   * timestamps into {@code starts} (one value stands for {@link #timestampStep}: see {@link
   * #draw}).
   */
  private void queryTimestamps(StatementPipeline pipeline, int count, List<Long> starts) {
    if (count == 0) {
      return;
    }
    long step = timestampStep;
    int values = (int) ((count + step - 1) / step);
    pipeline.query(dialect.nextTimestamps(), row -> starts.add(row.getLong(1)), values);
  }

  /** A transfer row and, for a pending transfer, its status. */
  private record TransferRow(RecordedTransfer transfer, @Nullable PendingStatus status) {
    List<String> accounts() {
      return List.of(transfer.debitAccountId(), transfer.creditAccountId());
    }

    void addTo(LedgerBatch batch) {
      batch.transfers.put(transfer.id(), transfer);
      if (status != null) {
        batch.statuses.put(transfer.id(), status);
      }
    }
  }

  // ------------------------------------------------------------------ transactions

  /**
   * Runs one call's work in a transaction, again while it loses a race, with {@code inputError} for
   * data the database refuses; see {@link StoreWork#inRetryingTransaction}.
   */
  private <T> T inTransaction(String what, ErrorCode inputError, StoreWork.Work<T> work) {
    return StoreWork.inRetryingTransaction(
        dataSource,
        what,
        MAX_ATTEMPTS,
        inputError,
        connection -> {
          dialect.beginTransaction(connection);
          return work.run(connection);
        });
  }

  /**
   * As {@link #inTransaction}, for work that sends the transaction's settings in its first pipeline
   * ({@link #startPipeline}) rather than in a round trip of their own.
   */
  private <T> T inWriteTransaction(String what, ErrorCode inputError, StoreWork.Work<T> work) {
    return StoreWork.inRetryingTransaction(dataSource, what, MAX_ATTEMPTS, inputError, work);
  }

  /** A read's transaction: what the database refuses of a read is a bad argument. */
  private <T> T read(String what, StoreWork.Work<T> work) {
    return inTransaction(what, ErrorCode.INVALID_ARGUMENT, work);
  }

  /** The clock's reading, refused outside the ledger's range before anything is written. */
  private Instant now() {
    return LedgerRules.readClock(clock);
  }

  /** Builds a {@link JdbcLedger}. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private int cachedAccounts = DEFAULT_CACHED_ACCOUNTS;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Sets the clock pending-transfer timeouts are read on; the system UTC clock when not set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many account rows the ledger keeps in memory, the least recently used dropped first;
     * {@value #DEFAULT_CACHED_ACCOUNTS} when not set, about 300 bytes each. On PostgreSQL a
     * transfer call whose accounts are all kept is written in one round trip instead of two,
     * conditioned on the rows being unchanged since (another host's write makes it take the locking
     * path instead; see {@code docs/ledger.md}). 0 keeps none: every call locks its accounts first.
     * H2 keeps none whatever this says (it runs in-process, where round trips cost nothing).
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when {@code accounts} is
     *     negative
     */
    public Builder cachedAccounts(int accounts) {
      if (accounts < 0) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "cached accounts must be 0 or more, got " + accounts);
      }
      this.cachedAccounts = accounts;
      return this;
    }

    /**
     * Returns the ledger. Connects once to learn the database (H2 or PostgreSQL); does not migrate.
     *
     * @throws SpeedTradeException {@link ErrorCode#STORE_UNAVAILABLE} when the database cannot be
     *     reached
     */
    public JdbcLedger build() {
      return new JdbcLedger(dataSource, clock, cachedAccounts);
    }
  }
}
