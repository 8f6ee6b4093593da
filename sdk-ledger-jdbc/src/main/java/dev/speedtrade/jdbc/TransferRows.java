package dev.speedtrade.jdbc;

import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferKind;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Ledger rows to values and back: the columns of {@code V1__ledger.sql}, metadata widened by {@code
 * V4}.
 */
final class TransferRows {
  static final String ACCOUNT_COLUMNS =
      "id, currency, type, flags, debits_pending, debits_posted, credits_pending, credits_posted, "
          + "created_ts, updated_ts";
  static final String TRANSFER_COLUMNS =
      "id, kind, req_debit, req_credit, req_amount, req_code, timeout_seconds, pending_id, metadata, "
          + "debit_account_id, credit_account_id, amount, code, ts, created_at_micros, pending_status, "
          + "resolved_ts, expires_at_micros";

  /** The columns a new transfer fills, in the order of {@link #insertTransfers}'s arrays. */
  private static final String INSERTED_COLUMNS =
      "id, kind, req_debit, req_credit, req_amount, req_code, timeout_seconds, pending_id, metadata, "
          + "debit_account_id, credit_account_id, amount, code, ts, created_at_micros, pending_status, "
          + "expires_at_micros";

  private static final boolean[] INSERTED_IS_BIGINT = {
    false, false, false, false, true, false, true, false, false, false, false, true, false, true,
    true, false, true
  };

  private TransferRows() {}

  /** The account of a row whose first columns are {@link #ACCOUNT_COLUMNS}, read by position. */
  static LedgerAccount account(ResultSet row) throws SQLException {
    String flags = row.getString(4);
    Set<AccountFlag> flagSet = flags.isEmpty() ? Set.of() : Set.of(AccountFlag.valueOf(flags));
    return new LedgerAccount(row.getString(1), row.getString(2), row.getString(3), flagSet);
  }

  /** The balances of {@code accountId} from a row of {@link #ACCOUNT_COLUMNS}, read by position. */
  static AccountBalances balances(String accountId, ResultSet row) throws SQLException {
    return new AccountBalances(
        accountId, row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8), row.getLong(10));
  }

  static String flags(LedgerAccount account) {
    return account.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  static RecordedTransfer transfer(ResultSet row) throws SQLException {
    TransferKind kind = TransferKind.valueOf(row.getString("kind"));
    Transfer request =
        new Transfer(
            row.getString("id"),
            kind,
            row.getString("req_debit"),
            row.getString("req_credit"),
            nullableLong(row, "req_amount"),
            row.getString("req_code"),
            nullableLong(row, "timeout_seconds"),
            row.getString("pending_id"),
            decodeMetadata(row.getString("metadata")));
    return new RecordedTransfer(
        request,
        row.getString("debit_account_id"),
        row.getString("credit_account_id"),
        row.getLong("amount"),
        row.getString("code"),
        row.getLong("ts"),
        fromMicros(row.getLong("created_at_micros")));
  }

  static @Nullable PendingStatus status(ResultSet row) throws SQLException {
    String status = row.getString("pending_status");
    return status == null ? null : PendingStatus.valueOf(status);
  }

  /**
   * Adds to {@code pipeline} the insert of {@code transfers} in one statement that reads one array
   * per column: the database plans and runs one statement for the whole batch instead of one per
   * row.
   */
  static void insertTransfers(
      StatementPipeline pipeline, SqlDialect dialect, Collection<RecordedTransfer> transfers)
      throws SQLException {
    int rows = transfers.size();
    if (rows == 1) {
      pipeline.updateExactly(
          Objects.requireNonNull(INSERT_ONE_TRANSFER.get(dialect)),
          1,
          insertedValues(transfers.iterator().next()));
      return;
    }
    if (allSinglePhase(transfers)) {
      insertSinglePhase(pipeline, dialect, transfers);
      return;
    }
    Object[][] columns = new Object[INSERTED_IS_BIGINT.length][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = INSERTED_IS_BIGINT[c] ? new Long[rows] : new String[rows];
    }
    int r = 0;
    for (RecordedTransfer recorded : transfers) {
      @Nullable Object[] row = insertedValues(recorded);
      for (int c = 0; c < columns.length; c++) {
        columns[c][r] = row[c];
      }
      r++;
    }
    // Each column goes as a typed Java array (Long[] or String[]), which the driver encodes
    // without the type lookups of Connection.createArrayOf.
    pipeline.updateExactly(
        Objects.requireNonNull(INSERT_TRANSFERS.get(dialect)), rows, (Object[]) columns);
  }

  /**
   * Whether every one of {@code transfers} is single-phase and recorded as requested: no timeout,
   * no pending id, no expiry, and the request's accounts, amount and code the ones applied, so that
   * {@link #insertSinglePhase} writes the same rows as the general insert.
   */
  private static boolean allSinglePhase(Collection<RecordedTransfer> transfers) {
    for (RecordedTransfer recorded : transfers) {
      Transfer request = recorded.transfer();
      if (request.kind() != TransferKind.SINGLE
          || request.timeoutSeconds() != null
          || request.pendingId() != null
          || recorded.expiresAt() != null
          || !recorded.debitAccountId().equals(request.debitAccountId())
          || !recorded.creditAccountId().equals(request.creditAccountId())
          || !Objects.equals(request.amount(), recorded.amount())
          || !recorded.code().equals(request.code())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The insert of single-phase transfers recorded as requested, from 8 arrays instead of 17: the
   * request's columns are filled from the same arrays as the applied ones, and the columns such a
   * transfer leaves null are left out. Fewer arrays to encode, send and unnest per row.
   */
  private static void insertSinglePhase(
      StatementPipeline pipeline, SqlDialect dialect, Collection<RecordedTransfer> transfers) {
    int rows = transfers.size();
    String[] ids = new String[rows];
    String[] debits = new String[rows];
    String[] credits = new String[rows];
    Long[] amounts = new Long[rows];
    String[] codes = new String[rows];
    String[] metadata = new String[rows];
    Long[] timestamps = new Long[rows];
    Long[] created = new Long[rows];
    int r = 0;
    for (RecordedTransfer recorded : transfers) {
      ids[r] = recorded.id();
      debits[r] = recorded.debitAccountId();
      credits[r] = recorded.creditAccountId();
      amounts[r] = recorded.amount();
      codes[r] = recorded.code();
      metadata[r] = encodeMetadata(recorded.transfer().metadata());
      timestamps[r] = recorded.timestamp();
      created[r] = toMicros(recorded.createdAt());
      r++;
    }
    pipeline.updateExactly(
        Objects.requireNonNull(INSERT_SINGLE_PHASE.get(dialect)),
        rows,
        ids,
        debits,
        credits,
        amounts,
        codes,
        metadata,
        timestamps,
        created);
  }

  /** The values of {@link #INSERTED_COLUMNS} for {@code recorded}, in order. */
  private static @Nullable Object[] insertedValues(RecordedTransfer recorded) {
    Transfer request = recorded.transfer();
    Instant expiresAt = recorded.expiresAt();
    return new @Nullable Object[] {
      request.id(),
      request.kind().name(),
      request.debitAccountId(),
      request.creditAccountId(),
      request.amount(),
      request.code(),
      request.timeoutSeconds(),
      request.pendingId(),
      encodeMetadata(request.metadata()),
      recorded.debitAccountId(),
      recorded.creditAccountId(),
      recorded.amount(),
      recorded.code(),
      recorded.timestamp(),
      toMicros(recorded.createdAt()),
      request.kind() == TransferKind.PENDING ? PendingStatus.PENDING.name() : null,
      expiresAt == null ? null : toMicros(expiresAt)
    };
  }

  private static final Map<SqlDialect, String> INSERT_TRANSFERS = new EnumMap<>(SqlDialect.class);
  private static final Map<SqlDialect, String> INSERT_ACCOUNTS = new EnumMap<>(SqlDialect.class);

  /**
   * The insert of one transfer, from one parameter per column: a call of one transfer (the most
   * common) spares the driver 17 arrays and the server their unnesting.
   */
  private static final Map<SqlDialect, String> INSERT_ONE_TRANSFER =
      new EnumMap<>(SqlDialect.class);

  /** The insert of {@link #insertSinglePhase}. */
  private static final Map<SqlDialect, String> INSERT_SINGLE_PHASE =
      new EnumMap<>(SqlDialect.class);

  static {
    for (SqlDialect dialect : SqlDialect.values()) {
      String text = dialect.arrayParameter("VARCHAR");
      String bigint = dialect.arrayParameter("BIGINT");
      INSERT_SINGLE_PHASE.put(
          dialect,
          "INSERT INTO ledger_transfers (id, kind, req_debit, req_credit, req_amount, req_code,"
              + " metadata, debit_account_id, credit_account_id, amount, code, ts,"
              + " created_at_micros) SELECT u.id, 'SINGLE', u.debit, u.credit, u.amount, u.code,"
              + " u.metadata, u.debit, u.credit, u.amount, u.code, u.ts, u.created FROM UNNEST("
              + String.join(", ", text, text, text, bigint, text, text, bigint, bigint)
              + ") AS u (id, debit, credit, amount, code, metadata, ts, created)");
      INSERT_ACCOUNTS.put(
          dialect,
          "INSERT INTO ledger_accounts ("
              + ACCOUNT_COLUMNS
              + ") SELECT u.id, u.currency, u.type, u.flags, 0, 0, 0, 0, u.ts, u.ts FROM UNNEST("
              + String.join(", ", text, text, text, text, bigint)
              + ") AS u (id, currency, type, flags, ts)");
      StringBuilder sql =
          new StringBuilder("INSERT INTO ledger_transfers (")
              .append(INSERTED_COLUMNS)
              .append(") SELECT * FROM UNNEST(");
      for (int c = 0; c < INSERTED_IS_BIGINT.length; c++) {
        sql.append(c == 0 ? "" : ", ")
            .append(dialect.arrayParameter(INSERTED_IS_BIGINT[c] ? "BIGINT" : "VARCHAR"));
      }
      INSERT_TRANSFERS.put(dialect, sql.append(')').toString());
      StringBuilder one =
          new StringBuilder("INSERT INTO ledger_transfers (")
              .append(INSERTED_COLUMNS)
              .append(") VALUES (");
      for (int c = 0; c < INSERTED_IS_BIGINT.length; c++) {
        one.append(c == 0 ? "" : ", ")
            .append(dialect.scalarParameter(INSERTED_IS_BIGINT[c] ? "BIGINT" : "VARCHAR"));
      }
      INSERT_ONE_TRANSFER.put(dialect, one.append(')').toString());
    }
  }

  /**
   * Adds to {@code pipeline} the insert of new accounts, with zero balances, created at {@code
   * timestamps} (one per account, in order), in one statement.
   */
  static void insertAccounts(
      StatementPipeline pipeline,
      SqlDialect dialect,
      List<LedgerAccount> accounts,
      Long[] timestamps)
      throws SQLException {
    int rows = accounts.size();
    String[][] columns = new String[4][rows];
    for (int r = 0; r < rows; r++) {
      LedgerAccount account = accounts.get(r);
      columns[0][r] = account.id();
      columns[1][r] = account.currency();
      columns[2][r] = account.type();
      columns[3][r] = flags(account);
    }
    pipeline.updateExactly(
        Objects.requireNonNull(INSERT_ACCOUNTS.get(dialect)),
        rows,
        columns[0],
        columns[1],
        columns[2],
        columns[3],
        timestamps);
  }

  static long toMicros(Instant instant) {
    return Math.addExact(
        TimeUnit.SECONDS.toMicros(instant.getEpochSecond()), instant.getNano() / 1000);
  }

  static Instant fromMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /**
   * Metadata as sorted, URL-encoded {@code key=value} pairs joined by {@code &}; empty for none.
   */
  static String encodeMetadata(Map<String, String> metadata) {
    if (metadata.isEmpty()) {
      return "";
    }
    return new TreeMap<>(metadata)
        .entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  static Map<String, String> decodeMetadata(String encoded) {
    Map<String, String> metadata = new TreeMap<>();
    if (encoded.isEmpty()) {
      return metadata;
    }
    for (String pair : encoded.split("&", -1)) {
      int equals = pair.indexOf('=');
      metadata.put(
          URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return metadata;
  }

  private static @Nullable Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }
}
