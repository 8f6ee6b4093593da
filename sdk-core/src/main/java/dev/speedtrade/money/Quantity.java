package dev.speedtrade.money;

import dev.speedtrade.ErrorCode;
import dev.speedtrade.SpeedTradeException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * A non-negative number of units of an asset (shares, coins), whole or fractional, with at most
 * {@value #MAX_SCALE} decimals: the finest fraction brokers such as Alpaca accept.
 *
 * <p>The value is normalized: trailing zeros are stripped, so {@code Quantity.of("2.50")} equals
 * {@code Quantity.of("2.5")}. Arithmetic is exact; a result below zero throws. Immutable and
 * thread-safe.
 *
 * @param value the quantity; zero or positive, at most {@value #MAX_SCALE} decimals, at most 1e15
 */
public record Quantity(BigDecimal value) implements Comparable<Quantity> {
  /** The most decimals a quantity may carry. */
  public static final int MAX_SCALE = 9;

  /** Digits before the point of the largest value, 1e15; the coarsest rounding scale is its negative. */
  private static final int MAX_INTEGER_DIGITS = 15;

  /** No units. */
  public static final Quantity ZERO = new Quantity(BigDecimal.ZERO);

  /**
   * Creates a quantity from an exact decimal.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_QUANTITY} when the value is null, negative,
   *     above 1e15 or has more than {@value #MAX_SCALE} decimals
   */
  public Quantity {
    value = check(value);
  }

  /**
   * Reads a quantity from decimal text such as {@code "10"} or {@code "0.125"}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_QUANTITY} for null, blank, non-numeric, NaN,
   *     negative, out-of-range or over-precise text
   */
  public static Quantity of(@Nullable String text) {
    return new Quantity(Decimals.parse(text, "quantity", ErrorCode.INVALID_QUANTITY));
  }

  /** Creates a quantity from an exact decimal; see {@link #Quantity(BigDecimal)}. */
  public static Quantity of(@Nullable BigDecimal value) {
    return new Quantity(value);
  }

  /**
   * Returns a whole number of units.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_QUANTITY} when {@code units} is negative
   */
  public static Quantity of(long units) {
    return new Quantity(BigDecimal.valueOf(units));
  }

  /** Returns this plus {@code other}. */
  public Quantity plus(Quantity other) {
    return new Quantity(value.add(other.value));
  }

  /**
   * Returns this minus {@code other}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_QUANTITY} when {@code other} is larger
   */
  public Quantity minus(Quantity other) {
    return new Quantity(value.subtract(other.value));
  }

  /** Returns the smaller of this and {@code other}. */
  public Quantity min(Quantity other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /** Returns this quantity rounded to {@code scale} decimals with {@code rounding}. */
  public Quantity roundedTo(int scale, RoundingMode rounding) {
    if (scale < -MAX_INTEGER_DIGITS || scale > MAX_SCALE) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT,
          "quantity scale must be " + -MAX_INTEGER_DIGITS + " to " + MAX_SCALE + ", got " + scale);
    }
    try {
      return new Quantity(Decimals.round(value, scale, rounding));
    } catch (ArithmeticException e) {
      throw new SpeedTradeException(ErrorCode.INVALID_QUANTITY,
          "quantity " + this + " is not exact at " + scale + " decimals (rounding " + rounding + ")", e);
    }
  }

  /** Returns the whole units in this quantity, rounding down ({@link RoundingMode#FLOOR}). */
  public Quantity wholeUnits() {
    return roundedTo(0, RoundingMode.FLOOR);
  }

  /** Returns true when the quantity has no fractional part. */
  public boolean isWhole() {
    return value.scale() <= 0;
  }

  /** Returns true when the quantity is zero. */
  public boolean isZero() {
    return value.signum() == 0;
  }

  @Override
  public int compareTo(Quantity other) {
    return value.compareTo(other.value);
  }

  /** Returns the quantity as plain decimal text, e.g. {@code "2.5"}. */
  @Override
  public String toString() {
    return value.toPlainString();
  }

  private static BigDecimal check(@Nullable BigDecimal value) {
    BigDecimal bounded = Decimals.requireBounded(value, "quantity", ErrorCode.INVALID_QUANTITY);
    if (bounded.signum() < 0) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_QUANTITY, "quantity must not be negative: " + Decimals.describe(bounded));
    }
    BigDecimal normalized = Decimals.normalize(bounded);
    if (normalized.scale() > MAX_SCALE) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_QUANTITY,
          "quantity " + Decimals.describe(bounded) + " has more than " + MAX_SCALE + " decimals");
    }
    return normalized;
  }
}
