package dev.speedtrade.money;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.math.MathContext;
import org.jspecify.annotations.Nullable;

/**
 * A non-negative portfolio weight as a fraction: {@code 0.25} is a quarter of the investable value.
 *
 * <p>Weights are exact decimals of at most {@value #MAX_PRECISION} significant digits (the
 * precision of {@link MathContext#DECIMAL128}, which the rebalance arithmetic uses). A single
 * weight may exceed one (a bot may over-allocate before normalization); whether a set of weights
 * may sum above one is the caller's rule. Normalized like {@link Price}: {@code 0.50} equals {@code
 * 0.5}. Immutable and thread-safe.
 *
 * @param value the weight; zero or positive, at most 1e15, at most {@value #MAX_PRECISION}
 *     significant digits and {@value #MAX_SCALE} decimals
 */
public record Weight(BigDecimal value) implements Comparable<Weight> {
  /** The most significant digits a weight may carry. */
  public static final int MAX_PRECISION = 34;

  /** The most decimals a weight may carry: far below any weight that buys anything. */
  public static final int MAX_SCALE = 60;

  /**
   * The largest weight, 1e15: far above any weight that means something (a set of weights sums to
   * about one), and the bound that keeps an exponent such as {@code 1e1000000000} from costing a
   * gigabyte of digits wherever the weight is used.
   */
  public static final BigDecimal MAX_VALUE = Decimals.MAX_MAGNITUDE;

  /** Nothing allocated. */
  public static final Weight ZERO = new Weight(BigDecimal.ZERO);

  /** Everything allocated. */
  public static final Weight ONE = new Weight(BigDecimal.ONE);

  /**
   * Creates a weight from an exact decimal.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_WEIGHT} when the value is null, negative,
   *     above 1e15, or has more than {@value #MAX_PRECISION} significant digits or {@value
   *     #MAX_SCALE} decimals
   */
  public Weight(@Nullable BigDecimal value) {
    this.value = check(value);
  }

  /**
   * Reads a weight from decimal text such as {@code "0.25"}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_WEIGHT} for null, blank, non-numeric, NaN,
   *     negative, out-of-range or over-precise text
   */
  public static Weight of(@Nullable String text) {
    return new Weight(Decimals.parse(text, "weight", ErrorCode.INVALID_WEIGHT));
  }

  /** Creates a weight from an exact decimal; see {@link #Weight(BigDecimal)}. */
  public static Weight of(@Nullable BigDecimal value) {
    return new Weight(value);
  }

  /**
   * Returns this plus {@code other}, rounded to {@link MathContext#DECIMAL128} (HALF_EVEN, 34
   * digits).
   */
  public Weight plus(Weight other) {
    return new Weight(value.add(other.value, MathContext.DECIMAL128));
  }

  /** Returns true when the weight is zero. */
  public boolean isZero() {
    return value.signum() == 0;
  }

  @Override
  public int compareTo(Weight other) {
    return value.compareTo(other.value);
  }

  /** Returns the weight as plain decimal text, e.g. {@code "0.25"}. */
  @Override
  public String toString() {
    return value.toPlainString();
  }

  private static BigDecimal check(@Nullable BigDecimal value) {
    BigDecimal bounded = Decimals.requireBounded(value, "weight", ErrorCode.INVALID_WEIGHT);
    if (bounded.signum() < 0) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_WEIGHT, "weight must not be negative: " + Decimals.describe(bounded));
    }
    BigDecimal normalized = Decimals.normalize(bounded);
    if (normalized.scale() > MAX_SCALE) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_WEIGHT,
          "weight " + Decimals.describe(bounded) + " has more than " + MAX_SCALE + " decimals");
    }
    if (normalized.precision() > MAX_PRECISION) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_WEIGHT,
          "weight "
              + Decimals.describe(bounded)
              + " has more than "
              + MAX_PRECISION
              + " significant digits");
    }
    return normalized;
  }
}
