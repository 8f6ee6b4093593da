package dev.speedtrade.rebalance;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;

/**
 * The ranges the planner's inputs must keep, so that its rounding to cents and whole shares stays
 * cheap: a value such as {@code 1e-999999999} would make {@link BigDecimal#setScale} work with a
 * billion digits.
 */
final class PlanNumbers {
  /** Dollar values (equity, cash, amounts) stay below a quadrillion. */
  static final BigDecimal MAX_DOLLARS = new BigDecimal("1e15");

  /** Prices stay below a trillion. */
  static final BigDecimal MAX_PRICE = new BigDecimal("1e12");

  /** Decimals of dollar values, prices and percentages: the precision of {@code DECIMAL128}. */
  static final int MAX_DECIMALS = 34;

  /** Decimals of quantities, as brokers take them. */
  static final int MAX_QTY_DECIMALS = 9;

  private PlanNumbers() {}

  /** Returns how many decimals {@code value} needs. */
  static int decimals(BigDecimal value) {
    return Math.max(0, value.stripTrailingZeros().scale());
  }

  /**
   * Checks that {@code value} is below {@code limit} in magnitude and has at most {@code
   * maxDecimals} decimals.
   *
   * @throws SpeedTradeException with {@code code}, naming {@code what}
   */
  static BigDecimal check(
      BigDecimal value, BigDecimal limit, int maxDecimals, ErrorCode code, String what) {
    if (value.abs().compareTo(limit) >= 0) {
      throw new SpeedTradeException(
          code,
          what
              + " must be below "
              + limit.toPlainString()
              + " in size, got "
              + value.toEngineeringString());
    }
    if (decimals(value) > maxDecimals) {
      throw new SpeedTradeException(
          code,
          what
              + " must have at most "
              + maxDecimals
              + " decimals, got "
              + value.toEngineeringString());
    }
    return value;
  }
}
