package dev.speedtrade.jdbc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The SQL calls of one store transaction's book. Each {@link SQLException} becomes the store's
 * {@link SpeedTradeException} ({@link StoreWork#refusedOrUnavailable}, bad input {@code
 * INVALID_ARGUMENT}), and the first is kept, so that the transaction is rolled back even when the
 * work caught it and went on.
 */
final class SqlCalls {
  private final String subject;
  private @Nullable SpeedTradeException failure;

  /** Calls whose failures name {@code subject} after what failed ({@code ""} for none). */
  SqlCalls(String subject) {
    this.subject = subject;
  }

  <T> T query(String what, Read<T> read) {
    try {
      return read.run();
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  void update(String what, Write write) {
    try {
      write.run();
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  /** The first failure of a call, or null. */
  @Nullable SpeedTradeException failure() {
    return failure;
  }

  private SpeedTradeException failed(String what, SQLException e) {
    SpeedTradeException failed =
        StoreWork.refusedOrUnavailable(what + subject, e, ErrorCode.INVALID_ARGUMENT);
    if (failure == null) {
      failure = failed;
    }
    return failed;
  }

  /** A call that reads. */
  @FunctionalInterface
  interface Read<T> {
    T run() throws SQLException;
  }

  /** A call that writes. */
  @FunctionalInterface
  interface Write {
    void run() throws SQLException;
  }
}
