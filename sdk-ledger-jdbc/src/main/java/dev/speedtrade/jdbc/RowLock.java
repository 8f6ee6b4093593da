package dev.speedtrade.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The row lock that serializes a store's transactions across hosts: one {@code SELECT ... FOR
 * UPDATE} at the start of a transaction, waited again when the database gives the wait up (H2's
 * lock timeout, PostgreSQL's {@code lock_timeout}, a deadlock victim), up to {@value #MAX_ATTEMPTS}
 * times. Nothing was done before it, so nothing is lost by waiting again.
 */
final class RowLock {
  /** How often a lock wait the database gave up is waited again before the failure is thrown. */
  static final int MAX_ATTEMPTS = 120;

  private RowLock() {}

  /**
   * Runs {@code selectForUpdate} (with {@code key} as its one parameter, when given) until the
   * database grants it; returns whether it found the row.
   */
  static boolean lock(Connection connection, String selectForUpdate, @Nullable String key)
      throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (PreparedStatement select = connection.prepareStatement(selectForUpdate)) {
        if (key != null) {
          select.setString(1, key);
        }
        try (ResultSet row = select.executeQuery()) {
          return row.next();
        }
      } catch (SQLException e) {
        if (attempt >= MAX_ATTEMPTS || !isLockWaitGivenUp(e)) {
          throw e;
        }
        connection.rollback();
      }
    }
  }

  /**
   * Locks a store's one lock row ({@code SELECT id FROM table WHERE id = 1 FOR UPDATE}); a missing
   * row is an error of the schema (its migration inserts it).
   */
  static void lockRow(Connection connection, String table, String migration) throws SQLException {
    if (!lock(connection, "SELECT id FROM " + table + " WHERE id = 1 FOR UPDATE", null)) {
      throw new SQLException(
          "the lock row of " + table + " is missing: " + migration + " inserts it", "55000");
    }
  }

  /**
   * H2's lock timeout (HYT00), PostgreSQL's lock_not_available (55P03), a deadlock or serialization
   * failure: nothing is lost by waiting again, since nothing was done yet.
   */
  static boolean isLockWaitGivenUp(SQLException e) {
    String state = e.getSQLState();
    return "HYT00".equals(state)
        || "55P03".equals(state)
        || "40P01".equals(state)
        || "40001".equals(state);
  }
}
