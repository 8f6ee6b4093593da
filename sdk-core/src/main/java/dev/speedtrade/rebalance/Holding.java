package dev.speedtrade.rebalance;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;

/**
 * A position as the planner reads it: a symbol and a quantity, which may be fractional, or negative
 * for a short.
 *
 * @param symbol the symbol, trimmed and upper-cased on construction
 * @param qty the quantity held
 */
public record Holding(String symbol, BigDecimal qty) {
  /**
   * Normalizes the symbol.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SYMBOL} for a null or blank symbol, {@link
   *     ErrorCode#INVALID_QUANTITY} for a null quantity
   */
  public Holding {
    symbol = PlanSymbols.normalize(symbol, "symbol of a holding");
    if (qty == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_QUANTITY, "qty of holding " + symbol + " must not be null");
    }
  }
}
