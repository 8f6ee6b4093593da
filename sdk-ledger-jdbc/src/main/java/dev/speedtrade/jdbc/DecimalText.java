package dev.speedtrade.jdbc;

import java.math.BigDecimal;

/**
 * A decimal of the rebalance tables as the exact plain text their {@code VARCHAR(64)} columns hold.
 * The core types bound every such value (below 10^15, at most 34 significant decimals), so its
 * shortest plain text always fits; only its trailing zeros can make it longer (a percentage of
 * {@code 1.000...} with a hundred zeros, say). Those are dropped then, and only then: the value
 * read back is equal by {@link BigDecimal#compareTo}, with the scale it was written with whenever
 * it fits.
 */
final class DecimalText {
  /** The width of the decimal columns of {@code V2__rebalance.sql}. */
  static final int MAX_LENGTH = 64;

  private DecimalText() {}

  /**
   * Returns {@code value}'s plain text, without its trailing zeros when it would not fit otherwise.
   */
  static String of(BigDecimal value) {
    String plain = value.toPlainString();
    return plain.length() <= MAX_LENGTH ? plain : value.stripTrailingZeros().toPlainString();
  }
}
