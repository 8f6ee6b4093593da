package dev.speedtrade.jdbc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** What differs between the databases the JDBC stores run on. */
enum SqlDialect {
  H2 {
    @Override
    String nextTimestamps(int count) {
      return "SELECT NEXT VALUE FOR ledger_timestamp_seq FROM SYSTEM_RANGE(1, " + count + ")";
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
    String nextTimestamps(int count) {
      return "SELECT nextval('ledger_timestamp_seq') FROM generate_series(1, " + count + ")";
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
    String updateBalances() {
      return "UPDATE ledger_accounts AS a SET debits_pending = u.dp, debits_posted = u.dpo,"
          + " credits_pending = u.cp, credits_posted = u.cpo, updated_ts = u.ts"
          + " FROM UNNEST(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])"
          + " AS u (id, dp, dpo, cp, cpo, ts) WHERE a.id = u.id";
    }

    /**
     * Every ledger statement has an index path (primary keys, the due index, the per-account
     * indexes). Without statistics, or on an account table bloated by its many updates, the planner
     * may still choose sequential scans, whose cost grows with the table: keep them off.
     */
    @Override
    void beginTransaction(Connection connection) throws SQLException {
      try (java.sql.Statement statement = connection.createStatement()) {
        statement.execute("SET LOCAL enable_seqscan = off");
      }
    }
  };

  /** Runs at the start of each ledger transaction. */
  void beginTransaction(Connection connection) throws SQLException {}

  /** A query returning {@code count} new values of the timestamp sequence, in increasing order. */
  abstract String nextTimestamps(int count);

  /** A parameter that takes an array of {@code sqlType} ({@code BIGINT}, {@code VARCHAR}). */
  abstract String arrayParameter(String sqlType);

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
