package dev.speedtrade.jdbc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What differs between the databases the JDBC stores run on. */
enum SqlDialect {
  H2 {
    @Override
    String nextTimestamps() {
      return "SELECT NEXT VALUE FOR ledger_timestamp_seq FROM SYSTEM_RANGE(1, ?)";
    }

    @Override
    String timestampIncrement() {
      return "SELECT INCREMENT FROM INFORMATION_SCHEMA.SEQUENCES"
          + " WHERE SEQUENCE_SCHEMA = CURRENT_SCHEMA AND SEQUENCE_NAME = 'LEDGER_TIMESTAMP_SEQ'";
    }

    @Override
    String nextValue(String sequence) {
      return "NEXT VALUE FOR " + sequence;
    }

    @Override
    boolean isLockNotAvailable(java.sql.SQLException e) {
      return "HYT00".equals(e.getSQLState());
    }

    @Override
    String arrayParameter(String sqlType) {
      return "CAST(? AS " + sqlType + " ARRAY)";
    }

    @Override
    String scalarParameter(String sqlType) {
      return "CAST(? AS " + sqlType + ")";
    }

    @Override
    String resolvePending() {
      return "MERGE INTO ledger_transfers t USING (SELECT * FROM UNNEST(CAST(? AS VARCHAR ARRAY),"
          + " CAST(? AS VARCHAR ARRAY), CAST(? AS BIGINT ARRAY))) AS u (id, status, ts)"
          + " ON t.id = u.id WHEN MATCHED THEN UPDATE SET pending_status = u.status,"
          + " resolved_ts = u.ts";
    }

    @Override
    String updateBalances() {
      return "MERGE INTO ledger_accounts a USING (SELECT * FROM UNNEST(CAST(? AS VARCHAR ARRAY),"
          + " CAST(? AS BIGINT ARRAY), CAST(? AS BIGINT ARRAY), CAST(? AS BIGINT ARRAY),"
          + " CAST(? AS BIGINT ARRAY), CAST(? AS BIGINT ARRAY))) AS u (id, dp, dpo, cp, cpo, ts)"
          + " ON a.id = u.id WHEN MATCHED THEN UPDATE SET debits_pending = u.dp, debits_posted = u.dpo,"
          + " credits_pending = u.cp, credits_posted = u.cpo, updated_ts = u.ts";
    }
  },
  POSTGRESQL {
    @Override
    String nextTimestamps() {
      return "SELECT nextval('ledger_timestamp_seq') FROM generate_series(1, ?::int)";
    }

    @Override
    String timestampIncrement() {
      return "SELECT increment_by FROM pg_sequences"
          + " WHERE schemaname = current_schema() AND sequencename = 'ledger_timestamp_seq'";
    }

    @Override
    String nextValue(String sequence) {
      return "nextval('" + sequence + "')";
    }

    @Override
    boolean isLockNotAvailable(java.sql.SQLException e) {
      return "55P03".equals(e.getSQLState());
    }

    @Override
    String arrayParameter(String sqlType) {
      return "?::" + sqlType + "[]";
    }

    @Override
    String scalarParameter(String sqlType) {
      return "?::" + sqlType;
    }

    @Override
    String resolvePending() {
      return "UPDATE ledger_transfers AS t SET pending_status = u.status, resolved_ts = u.ts"
          + " FROM UNNEST(?::varchar[], ?::varchar[], ?::bigint[]) AS u (id, status, ts)"
          + " WHERE t.id = u.id";
    }

    @Override
    boolean sendsStatementsTogether() {
      return true;
    }

    @Override
    String updateBalances() {
      return "UPDATE ledger_accounts AS a SET debits_pending = u.dp, debits_posted = u.dpo,"
          + " credits_pending = u.cp, credits_posted = u.cpo, updated_ts = u.ts"
          + " FROM UNNEST(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])"
          + " AS u (id, dp, dpo, cp, cpo, ts) WHERE a.id = u.id";
    }

    /**
     * Every ledger statement has an index path (primary keys, the due index, the per-account
     * indexes). Without statistics, or on an account table bloated by its many updates, the planner
     * may still choose sequential scans, whose cost grows with the table: keep them off. With them
     * off, the one plan each statement can have is the same for every parameter, so plan it once:
     * left to itself, PostgreSQL planned the array-parameter statements again on every execution (a
     * custom plan looked cheaper than the generic one for an array of unknown length), about 110
     * microseconds of server time per transfer (pg_stat_statements' {@code total_plan_time}).
     */
    @Override
    @Nullable String transactionSettings() {
      return "SELECT set_config('enable_seqscan', 'off', true),"
          + " set_config('plan_cache_mode', 'force_generic_plan', true)";
    }
  };

  /** Runs at the start of each ledger transaction: {@link #transactionSettings()}, if any. */
  final void beginTransaction(Connection connection) throws SQLException {
    String settings = transactionSettings();
    if (settings != null) {
      try (java.sql.Statement statement = connection.createStatement()) {
        statement.execute(settings);
      }
    }
  }

  /** A statement each ledger transaction runs first, or null when it needs none. */
  @Nullable String transactionSettings() {
    return null;
  }

  /**
   * True when the driver takes several statements in one prepared statement and sends them in one
   * round trip (see {@link StatementPipeline}).
   */
  boolean sendsStatementsTogether() {
    return false;
  }

  /**
   * One statement that records how pending transfers were resolved, from three array parameters:
   * transfer ids, statuses, resolution timestamps.
   */
  abstract String resolvePending();

  /**
   * A query returning as many new values of the timestamp sequence as its one parameter says, in
   * any order.
   */
  abstract String nextTimestamps();

  /**
   * A query of the timestamp sequence's increment in the current schema: one row, or none before
   * the ledger's tables are there.
   */
  abstract String timestampIncrement();

  /** A parameter that takes an array of {@code sqlType} ({@code BIGINT}, {@code VARCHAR}). */
  abstract String arrayParameter(String sqlType);

  /** A parameter of {@code sqlType} ({@code BIGINT}, {@code VARCHAR}), which may be null. */
  abstract String scalarParameter(String sqlType);

  /**
   * One statement that sets the balances of many accounts, from six array parameters: ids, debits
   * pending, debits posted, credits pending, credits posted, timestamps.
   */
  abstract String updateBalances();

  /** An expression that takes the next value of {@code sequence}. */
  abstract String nextValue(String sequence);

  /** Returns true when {@code e} says a {@code FOR UPDATE NOWAIT} found the row locked. */
  abstract boolean isLockNotAvailable(java.sql.SQLException e);

  static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("postgresql")) {
      return POSTGRESQL;
    }
    throw new SpeedTradeException(
        ErrorCode.INVALID_ARGUMENT,
        "the JDBC stores run on H2 or PostgreSQL, not "
            + connection.getMetaData().getDatabaseProductName());
  }
}
