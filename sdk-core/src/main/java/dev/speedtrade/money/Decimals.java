package dev.speedtrade.money;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** Reading and checking the decimals behind {@link Price}, {@link Quantity} and {@link Weight}. */
final class Decimals {
  /** The largest magnitude any decimal value may have: far above any real price or quantity. */
  static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1000000000000000");

  /**
   * Digits before the point of {@link #MAX_MAGNITUDE}; the coarsest rounding scale is its negative.
   */
  private static final int MAX_INTEGER_DIGITS = 15;

  /** Longest decimal text accepted, so that hostile input cannot make parsing slow. */
  private static final int MAX_TEXT_LENGTH = 100;

  private Decimals() {}

  /**
   * Parses plain or scientific decimal text, rejecting null, blank, NaN, infinities and garbage.
   * Surrounding whitespace is ignored.
   */
  static BigDecimal parse(@Nullable String text, String what, ErrorCode code) {
    if (text == null) {
      throw new SpeedTradeException(code, what + " must not be null");
    }
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new SpeedTradeException(code, what + " must not be blank");
    }
    if (trimmed.length() > MAX_TEXT_LENGTH) {
      throw new SpeedTradeException(
          code,
          what
              + " is longer than "
              + MAX_TEXT_LENGTH
              + " characters: '"
              + abbreviate(trimmed)
              + "'");
    }
    try {
      return new BigDecimal(trimmed);
    } catch (NumberFormatException e) {
      throw new SpeedTradeException(code, what + " is not a decimal number: '" + trimmed + "'", e);
    }
  }

  /**
   * Returns {@code value} if it is non-null and its magnitude is at most {@link #MAX_MAGNITUDE}.
   */
  static BigDecimal requireBounded(@Nullable BigDecimal value, String what, ErrorCode code) {
    if (value == null) {
      throw new SpeedTradeException(code, what + " must not be null");
    }
    if (value.abs().compareTo(MAX_MAGNITUDE) > 0) {
      throw new SpeedTradeException(
          code, what + " is out of range (magnitude above 1e15): " + describe(value));
    }
    return value;
  }

  /**
   * Returns the number of digits before the decimal point of {@code value}'s magnitude, negative
   * for values below 0.1 ({@code 0.004} gives -2), computed in {@code long} so that no exponent
   * overflows.
   */
  static long integerDigits(BigDecimal value) {
    return (long) value.precision() - value.scale();
  }

  /**
   * Rounds {@code value} to {@code scale} decimals with {@code rounding}, in time that does not
   * grow with the value's exponent: a value far below half a unit of the last place rounds exactly
   * as any other such value of its sign does, so a small stand-in of that sign is rounded instead.
   *
   * @throws ArithmeticException when {@code rounding} is {@link java.math.RoundingMode#UNNECESSARY}
   *     and the value is not exact at {@code scale}
   */
  static BigDecimal round(BigDecimal value, int scale, java.math.RoundingMode rounding) {
    BigDecimal rounded = value;
    if (value.signum() != 0 && integerDigits(value) < -(long) scale - 1) {
      rounded = BigDecimal.valueOf(value.signum()).scaleByPowerOfTen(-scale - 2);
    }
    return rounded.setScale(scale, rounding);
  }

  /**
   * Checks a bounded amount of units (a price, a quantity) and returns it normalized: not null, at
   * most 1e15, positive (or zero, when {@code zeroAllowed}), at most {@code maxScale} decimals.
   */
  static BigDecimal requireUnits(
      @Nullable BigDecimal value, String what, ErrorCode code, boolean zeroAllowed, int maxScale) {
    BigDecimal bounded = requireBounded(value, what, code);
    if (bounded.signum() < 0 || (!zeroAllowed && bounded.signum() == 0)) {
      throw new SpeedTradeException(
          code,
          what
              + (zeroAllowed ? " must not be negative: " : " must be positive: ")
              + describe(bounded));
    }
    BigDecimal normalized = normalize(bounded);
    if (normalized.scale() > maxScale) {
      throw new SpeedTradeException(
          code, what + " " + describe(bounded) + " has more than " + maxScale + " decimals");
    }
    return normalized;
  }

  /**
   * Rounds units to {@code scale} decimals, between the coarsest place of a bounded value (-15) and
   * {@code maxScale}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a scale out of that range,
   *     or {@code code} when {@code rounding} is {@link java.math.RoundingMode#UNNECESSARY} and the
   *     value is not exact
   */
  static BigDecimal roundUnits(
      BigDecimal value,
      int scale,
      java.math.RoundingMode rounding,
      int maxScale,
      String what,
      ErrorCode code) {
    if (scale < -MAX_INTEGER_DIGITS || scale > maxScale) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          what + " scale must be " + -MAX_INTEGER_DIGITS + " to " + maxScale + ", got " + scale);
    }
    try {
      return round(value, scale, rounding);
    } catch (ArithmeticException e) {
      throw new SpeedTradeException(
          code,
          what
              + " "
              + value.toPlainString()
              + " is not exact at "
              + scale
              + " decimals (rounding "
              + rounding
              + ")",
          e);
    }
  }

  /**
   * Strips trailing zeros so that equal numbers are equal values, never leaving a negative scale.
   */
  static BigDecimal normalize(BigDecimal value) {
    // Callers bound the magnitude first (requireBounded), so setScale(0) below never expands a huge
    // exponent into a huge integer.
    if (value.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** Renders a value for a message without expanding a huge exponent into a huge string. */
  static String describe(BigDecimal value) {
    String plain =
        integerDigits(value) > 40 || value.scale() > 40 || value.scale() < -40
            ? value.toString()
            : value.toPlainString();
    return abbreviate(plain);
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
