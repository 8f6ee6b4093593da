package dev.speedtrade.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.jspecify.annotations.Nullable;

/**
 * A decimal of the order and risk tables as the exact text their {@code VARCHAR} columns hold: the
 * plain text when its scale is not negative ({@code 190.00}, {@code 0.000000001}), else its
 * scientific text ({@code 1E+3}). Read back with {@link BigDecimal#BigDecimal(String)} it is equal
 * by {@link BigDecimal#equals}: same value, same scale.
 */
final class ExactDecimal {
  private ExactDecimal() {}

  /** Returns {@code value}'s exact text. */
  static String text(BigDecimal value) {
    return value.scale() >= 0 ? value.toPlainString() : value.toString();
  }

  /** Binds {@code value}'s exact text, or SQL NULL, to parameter {@code index}. */
  static void bind(PreparedStatement statement, int index, @Nullable BigDecimal value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, text(value));
    }
  }

  /** Returns the decimal in column {@code column}, or null for SQL NULL. */
  static @Nullable BigDecimal read(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    return text == null ? null : new BigDecimal(text);
  }

  /** Returns the decimal in column {@code column}, which is never NULL. */
  static BigDecimal require(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    if (text == null) {
      throw new SQLException("column " + column + " is NULL", "22004");
    }
    return new BigDecimal(text);
  }
}
