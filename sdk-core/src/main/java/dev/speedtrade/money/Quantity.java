package dev.speedtrade.money;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
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

  /** No units. */
  public static final Quantity ZERO = new Quantity(BigDecimal.ZERO);

  /**
   * Creates a quantity from an exact decimal.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_QUANTITY} when the value is null,
   *     negative, above 1e15 or has more than {@value #MAX_SCALE} decimals
   */
  public Quantity(@Nullable BigDecimal value) {
    this.value = check(value);
  }

  /**
   * Reads a quantity from decimal text such as {@code "10"} or {@code "0.125"}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_QUANTITY} for null, blank, non-numeric,
   *     NaN, negative, out-of-range or over-precise text
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

  /**
   * Returns this quantity rounded to {@code scale} decimals with {@code rounding}; a negative scale
   * rounds to tens, hundreds (round lots), and so on.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_QUANTITY} when the rounding is {@link
   *     RoundingMode#UNNECESSARY} and the quantity is not exact at {@code scale}; {@link
   *     ErrorCode#INVALID_ARGUMENT} for a scale outside -15 to {@value #MAX_SCALE}
   */
  public Quantity roundedTo(int scale, RoundingMode rounding) {
    return new Quantity(
        Decimals.roundUnits(
            value, scale, rounding, MAX_SCALE, "quantity", ErrorCode.INVALID_QUANTITY));
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
    return Decimals.requireUnits(value, "quantity", ErrorCode.INVALID_QUANTITY, true, MAX_SCALE);
  }
}
