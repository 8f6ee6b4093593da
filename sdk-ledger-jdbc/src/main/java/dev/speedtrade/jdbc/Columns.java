package dev.speedtrade.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How the JDBC stores keep a nullable text and an instant: an instant as two columns, {@code
 * <prefix>_seconds} and {@code <prefix>_nanos}, exact to the nanosecond on H2 and PostgreSQL.
 */
final class Columns {
  private Columns() {}

  /** Binds {@code value}, or SQL NULL, to parameter {@code index}. */
  static void text(PreparedStatement statement, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  /** Binds {@code at}'s seconds to parameter {@code index} and its nanoseconds to the next. */
  static void instant(PreparedStatement statement, int index, Instant at) throws SQLException {
    statement.setLong(index, at.getEpochSecond());
    statement.setInt(index + 1, at.getNano());
  }

  /** Reads the instant kept in the columns {@code <prefix>_seconds} and {@code <prefix>_nanos}. */
  static Instant instant(ResultSet row, String prefix) throws SQLException {
    return Instant.ofEpochSecond(row.getLong(prefix + "_seconds"), row.getInt(prefix + "_nanos"));
  }
}
