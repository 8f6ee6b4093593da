package dev.speedtrade.money;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * A positive price per unit of an asset, in the asset's quote currency (US dollars for US
 * equities), with at most {@value #MAX_SCALE} decimals.
 *
 * <p>The value is normalized: trailing zeros are stripped, so {@code Price.of("1.50")} equals
 * {@code Price.of("1.5")}. Immutable and thread-safe.
 *
 * @param value the price; positive, at most {@value #MAX_SCALE} decimals, at most 1e15
 */
public record Price(BigDecimal value) implements Comparable<Price> {
  /** The most decimals a price may carry. */
  public static final int MAX_SCALE = 9;

  /**
   * Creates a price from an exact decimal.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_PRICE} when the value is null, not
   *     positive, above 1e15 or has more than {@value #MAX_SCALE} decimals
   */
  public Price(@Nullable BigDecimal value) {
    this.value = check(value);
  }

  /**
   * Reads a price from decimal text such as {@code "187.25"}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_PRICE} for null, blank, non-numeric, NaN,
   *     non-positive, out-of-range or over-precise text
   */
  public static Price of(@Nullable String text) {
    return new Price(Decimals.parse(text, "price", ErrorCode.INVALID_PRICE));
  }

  /** Creates a price from an exact decimal; see {@link #Price(BigDecimal)}. */
  public static Price of(@Nullable BigDecimal value) {
    return new Price(value);
  }

  /**
   * Returns this price rounded to {@code scale} decimals with {@code rounding}, for example to the
   * cent ({@code 2, HALF_UP}) before sending a limit price to a broker.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_PRICE} when the rounded price is zero, or
   *     the rounding is {@link RoundingMode#UNNECESSARY} and the price is not exact at {@code
   *     scale}; {@link ErrorCode#INVALID_ARGUMENT} for a scale outside -15 to {@value #MAX_SCALE}
   */
  public Price roundedTo(int scale, RoundingMode rounding) {
    return new Price(
        Decimals.roundUnits(value, scale, rounding, MAX_SCALE, "price", ErrorCode.INVALID_PRICE));
  }

  /** Returns the exact value of {@code quantity} units at this price. */
  public BigDecimal times(Quantity quantity) {
    return value.multiply(quantity.value());
  }

  @Override
  public int compareTo(Price other) {
    return value.compareTo(other.value);
  }

  /** Returns the price as plain decimal text, e.g. {@code "187.25"}. */
  @Override
  public String toString() {
    return value.toPlainString();
  }

  private static BigDecimal check(@Nullable BigDecimal value) {
    return Decimals.requireUnits(value, "price", ErrorCode.INVALID_PRICE, false, MAX_SCALE);
  }
}
