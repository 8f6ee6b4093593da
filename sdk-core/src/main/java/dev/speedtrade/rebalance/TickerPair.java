package dev.speedtrade.rebalance;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;

/**
 * Two symbols that offset each other (an index and its inverse, such as SPY and SH). When the
 * merged targets hold both, the planner keeps only the net and parks the overlap in the fallback
 * ticker.
 *
 * @param first one symbol, trimmed and upper-cased on construction
 * @param second the other symbol, likewise
 */
public record TickerPair(String first, String second) {
  /**
   * Normalizes both symbols.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SETTINGS} when a symbol is blank or not 1
   *     to 20 characters of {@code A-Z 0-9 . / -} starting with a letter or a digit, when they are
   *     the same symbol, or when either is {@code CASH}
   */
  public TickerPair {
    first = symbol(first);
    second = symbol(second);
    if (first.equals(second)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SETTINGS,
          "a ticker pair needs two distinct symbols, got " + first + " twice");
    }
  }

  private static String symbol(String symbol) {
    String normalized = PlanSymbols.normalizeOrNull(symbol);
    if (normalized == null || normalized.equals(PlanSymbols.CASH)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SETTINGS,
          "a ticker pair needs two symbols other than CASH, got '" + symbol + "'");
    }
    if (!PlanSymbols.isWellFormed(normalized)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SETTINGS,
          "a ticker pair's symbols are 1 to 20 characters"
              + " of A-Z, 0-9, '.', '/' or '-', got '"
              + (symbol.length() <= 30 ? symbol : symbol.substring(0, 27) + "...")
              + "'");
    }
    return normalized;
  }

  @Override
  public String toString() {
    return first + "/" + second;
  }
}
