package dev.speedtrade.jdbc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One transaction of a JDBC store: commit on success, roll back on failure, errors as {@code STORE_UNAVAILABLE}. */
final class StoreWork {
  private StoreWork() {}

  /** Work done on one connection inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException ignored) {
          // The connection is broken; the database discards the transaction either way.
        }
        throw e;
      }
    } catch (SQLException e) {
      throw unavailable(what, e);
    }
  }

  static SpeedTradeException unavailable(String what, SQLException e) {
    return new SpeedTradeException(ErrorCode.STORE_UNAVAILABLE,
        "database failed while " + what + ": SQLState " + e.getSQLState() + ", " + e.getMessage(), e.getSQLState(), e);
  }

  /** Returns true for a unique-key violation: a concurrent insert of the same row. */
  static boolean isDuplicate(SQLException e) {
    return "23505".equals(e.getSQLState());
  }
}
