package dev.speedtrade.jdbc;

import dev.speedtrade.ErrorCode;
import dev.speedtrade.SpeedTradeException;
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
  },
  POSTGRESQL {
    @Override
    String nextTimestamps(int count) {
      return "SELECT nextval('ledger_timestamp_seq') FROM generate_series(1, " + count + ")";
    }

    /**
     * Every ledger statement has an index path (primary keys, the due index, the per-account
     * indexes). Without statistics, or on an account table bloated by its many updates, the
     * planner may still choose sequential scans, whose cost grows with the table: keep them off.
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

  static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("postgresql")) {
      return POSTGRESQL;
    }
    throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT,
        "the JDBC stores run on H2 or PostgreSQL, not " + connection.getMetaData().getDatabaseProductName());
  }
}
