package dev.speedtrade.rebalance;

import dev.speedtrade.ErrorCode;
import dev.speedtrade.SpeedTradeException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Symbols as the rebalance compares them: trimmed and upper-cased wherever they enter. */
final class PlanSymbols {
  /** The pseudo-symbol that means "hold cash" in allocations and as the fallback ticker. */
  static final String CASH = "CASH";

  private PlanSymbols() {}

  /** Returns the symbol trimmed and upper-cased, or null when it is null or blank. */
  static @Nullable String normalizeOrNull(@Nullable String symbol) {
    if (symbol == null) {
      return null;
    }
    String trimmed = symbol.strip();
    return trimmed.isEmpty() ? null : trimmed.toUpperCase(Locale.ROOT);
  }

  /**
   * Returns the symbol trimmed and upper-cased.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SYMBOL} naming {@code what} when it is null
   *     or blank
   */
  static String normalize(@Nullable String symbol, String what) {
    String normalized = normalizeOrNull(symbol);
    if (normalized == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_SYMBOL, what + " must not be blank, got '" + symbol + "'");
    }
    return normalized;
  }
}
