package dev.speedtrade.jdbc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Transactions of the JDBC stores: commit on success, roll back on failure, and a failure reported
 * as a {@link SpeedTradeException} whose message names what was being done and the SQLState, never
 * the database's own message (which carries SQL text and values); that stays on the cause.
 */
final class StoreWork {
  private StoreWork() {}

  /** Work done on one connection inside one transaction for its effects alone. */
  @FunctionalInterface
  interface Action {
    void run(Connection connection) throws SQLException;
  }

  /** As {@link #inTransaction}, for work that returns nothing. */
  static void runInTransaction(
      DataSource dataSource, String what, ErrorCode inputError, Action action) {
    inTransaction(
        dataSource,
        what,
        inputError,
        connection -> {
          action.run(connection);
          return Boolean.TRUE;
        });
  }

  /** Work done on one connection inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * One attempt. A data or constraint error (SQLState class 22 or 23) that {@code work} lets out is
   * the input's fault: it is {@code inputError} (a {@link ErrorCode.Category#BAD_INPUT} code);
   * every other database failure is {@link ErrorCode#STORE_UNAVAILABLE}. Neither message carries
   * the database's text. A unique violation {@code work} expects (a concurrent insert of the same
   * row) it handles itself, so one it lets out is the input's fault too.
   */
  static <T> T inTransaction(
      DataSource dataSource, String what, ErrorCode inputError, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw refusedOrUnavailable(what, e, inputError);
    }
  }

  /**
   * Returns the exception for a failure of work that expects no unique violation: {@code
   * inputError} for a data or constraint error (SQLState class 22 or 23, a unique violation
   * included), {@link ErrorCode#STORE_UNAVAILABLE} for anything else.
   */
  static SpeedTradeException refusedOrUnavailable(
      String what, SQLException e, ErrorCode inputError) {
    return isDataOrConstraintError(e) ? rejected(what, e, inputError) : unavailable(what, e);
  }

  /**
   * Runs {@code work} in a transaction, and again in a new one, up to {@code maxAttempts} times in
   * all, while it loses a race the database reports ({@link #isRetryable}): safe for work that is
   * idempotent by its ids. A data or constraint error (SQLState class 22 or 23, other than the
   * unique violation of a race) is the input's fault, the same on every attempt: it is {@code
   * inputError} (a {@link ErrorCode.Category#BAD_INPUT} code), not retried. Anything else, and a
   * race lost {@code maxAttempts} times, is {@link ErrorCode#STORE_UNAVAILABLE}.
   */
  static <T> T inRetryingTransaction(
      DataSource dataSource, String what, int maxAttempts, ErrorCode inputError, Work<T> work) {
    SQLException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          T result = work.run(connection);
          connection.commit();
          return result;
        } catch (SQLException e) {
          rollbackQuietly(connection);
          if (!isRetryable(e)) {
            throw e;
          }
          last = e;
        } catch (RuntimeException e) {
          rollbackQuietly(connection);
          throw e;
        }
      } catch (SQLException e) {
        throw failed(what, e, inputError);
      }
    }
    throw unavailable(
        what + " (gave up after " + maxAttempts + " attempts)", Objects.requireNonNull(last));
  }

  /**
   * Returns the exception for a failure that was not retried: {@code inputError} for a data or
   * constraint error ({@link #isInputError}), {@link ErrorCode#STORE_UNAVAILABLE} for anything
   * else.
   */
  static SpeedTradeException failed(String what, SQLException e, ErrorCode inputError) {
    return isInputError(e) ? rejected(what, e, inputError) : unavailable(what, e);
  }

  static SpeedTradeException unavailable(String what, SQLException e) {
    return new SpeedTradeException(
        ErrorCode.STORE_UNAVAILABLE,
        "database failed while " + what + ": SQLState " + e.getSQLState(),
        e.getSQLState(),
        e);
  }

  private static SpeedTradeException rejected(String what, SQLException e, ErrorCode inputError) {
    return new SpeedTradeException(
        inputError,
        "database refused the data while "
            + what
            + ": SQLState "
            + e.getSQLState()
            + " (a value out of range or breaking a constraint)",
        e.getSQLState(),
        e);
  }

  /** Returns true for a unique-key violation: a concurrent insert of the same row. */
  static boolean isDuplicate(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /**
   * Unique violations (a concurrent duplicate id), deadlocks, serialization failures, lock
   * timeouts.
   */
  static boolean isRetryable(SQLException e) {
    for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
      String state = cause.getSQLState();
      if (state != null
          && (state.equals("23505")
              || state.equals("40001")
              || state.equals("40P01")
              || state.equals("HYT00"))) {
        return true;
      }
      if (cause.getCause() instanceof SQLException nested && nested != cause) {
        return isRetryable(nested);
      }
    }
    return false;
  }

  /**
   * A data exception (class 22: too long, out of range, bad encoding) or a constraint violation
   * (23).
   */
  static boolean isInputError(SQLException e) {
    String state = firstState(e);
    return state != null && !isDuplicate(e) && (state.startsWith("22") || state.startsWith("23"));
  }

  /** A data exception (class 22) or any constraint violation (23), a unique violation included. */
  static boolean isDataOrConstraintError(SQLException e) {
    String state = firstState(e);
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  private static @Nullable String firstState(SQLException e) {
    for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
      if (cause.getSQLState() != null) {
        return cause.getSQLState();
      }
    }
    return null;
  }

  static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is gone or broken; the database discards the transaction either way.
    }
  }
}
