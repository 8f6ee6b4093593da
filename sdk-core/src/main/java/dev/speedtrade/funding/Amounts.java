package dev.speedtrade.funding;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The contract's decimal rules: decimals counted after stripping zeros, amounts, cents. */
final class Amounts {
  static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  private Amounts() {}

  /** Decimals after stripping trailing zeros ({@code 12.340} has 2, {@code 100} has 0). */
  static int decimals(BigDecimal value) {
    return Math.max(0, value.stripTrailingZeros().scale());
  }

  /** True for an amount: greater than 0 with at most 2 decimals. */
  static boolean isAmount(BigDecimal value) {
    return value.signum() > 0 && decimals(value) <= 2;
  }

  /** Cents of a value with at most 2 decimals. */
  static long cents(BigDecimal value) {
    return value.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }

  /** USD at 2 decimals from cents. */
  static BigDecimal usd(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  /** {@code value} at 2 decimals, exactly. */
  static BigDecimal money(BigDecimal value) {
    return value.setScale(2, RoundingMode.UNNECESSARY);
  }
}
