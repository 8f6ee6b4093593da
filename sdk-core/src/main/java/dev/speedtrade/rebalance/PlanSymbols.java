package dev.speedtrade.rebalance;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Symbols as the rebalance compares them: trimmed and upper-cased wherever they enter. */
final class PlanSymbols {
  /** The pseudo-symbol that means "hold cash" in allocations and as the fallback ticker. */
  static final String CASH = "CASH";

  /** A ticker as brokers take it ({@code BRK.B}, {@code BTC/USD}): what settings may name. */
  private static final Pattern TICKER = Pattern.compile("[A-Z0-9][A-Z0-9./-]{0,19}");

  private PlanSymbols() {}

  /**
   * True when the normalized {@code symbol} is 1 to 20 characters of {@code A-Z 0-9 . / -},
   * starting with a letter or a digit, as the broker SPI's symbols are.
   */
  static boolean isWellFormed(String symbol) {
    return TICKER.matcher(symbol).matches();
  }

  /** Returns the symbol trimmed and upper-cased, or null when it is null or blank. */
  static @Nullable String normalizeOrNull(@Nullable String symbol) {
    if (symbol == null) {
      return null;
    }
    if (isNormal(symbol)) {
      return symbol;
    }
    String trimmed = symbol.strip();
    return trimmed.isEmpty() ? null : trimmed.toUpperCase(Locale.ROOT);
  }

  /** True when {@code symbol} is non-empty, has no surrounding space and no lower-case letter. */
  private static boolean isNormal(String symbol) {
    int length = symbol.length();
    if (length == 0
        || Character.isWhitespace(symbol.charAt(0))
        || Character.isWhitespace(symbol.charAt(length - 1))) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = symbol.charAt(i);
      if (c >= 'a' && c <= 'z' || c > 127) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the symbol trimmed and upper-cased.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SYMBOL} naming {@code what} when it is
   *     null or blank
   */
  static String normalize(@Nullable String symbol, String what) {
    String normalized = normalizeOrNull(symbol);
    if (normalized == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SYMBOL, what + " must not be blank, got '" + symbol + "'");
    }
    return normalized;
  }
}
