package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads ticker symbols the same way everywhere: trimmed, upper case, checked. */
final class Symbols {
  /** Equities like {@code BRK.B}, crypto pairs like {@code BTC/USD}. */
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9./-]{0,19}");

  private Symbols() {}

  static String normalize(@Nullable String symbol) {
    if (symbol == null || symbol.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SYMBOL, "symbol must not be " + (symbol == null ? "null" : "blank"));
    }
    String normalized = symbol.strip().toUpperCase(Locale.ROOT);
    if (!SYMBOL.matcher(normalized).matches()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SYMBOL,
          "symbol '"
              + abbreviate(symbol)
              + "' is not 1-20 characters of A-Z, 0-9, '.', '/' or '-'");
    }
    return normalized;
  }

  private static String abbreviate(String text) {
    return text.length() <= 30 ? text : text.substring(0, 27) + "...";
  }
}
