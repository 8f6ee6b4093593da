package dev.speedtrade.alpaca;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.function.DoubleFunction;
import net.jacobpeterson.alpaca.util.format.FormatUtil;
import org.jspecify.annotations.Nullable;

/**
 * Numbers between our exact types and Alpaca.
 *
 * <p>Outbound, alpaca-java takes prices and quantities as {@code Double} and prints them into the
 * order's JSON itself: quantities and notionals with {@link Double#toString(double)}, prices with
 * {@link FormatUtil#toCurrencyFormat} (at most 4 decimals). This class is the one way a {@link
 * BigDecimal} becomes such a {@code Double}: it prints the double exactly as alpaca-java will and
 * refuses, with {@link ErrorCode#INVALID_ORDER}, any value whose printed form is not the same
 * decimal in plain notation. Nothing is ever rounded on the way out.
 *
 * <p>Inbound, Alpaca's trading API sends numbers as JSON strings, read here exactly. The only
 * rounding is of values Alpaca computes and we only display or re-price from: average prices beyond
 * {@value Price#MAX_SCALE} decimals are rounded half-even to {@value Price#MAX_SCALE}, and market
 * values, cost bases and the account's equity to the currency's minor unit, half-even.
 */
final class AlpacaNumbers {
  private AlpacaNumbers() {}

  static Double quantity(Quantity qty) {
    return exactDouble(qty.value(), Double::toString, "qty");
  }

  static Double notional(Money notional) {
    return exactDouble(notional.amount(), Double::toString, "notional");
  }

  static Double price(Price price, String field) {
    return exactDouble(price.value(), FormatUtil::toCurrencyFormat, field);
  }

  /** Returns {@code value} as the double alpaca-java will print back as the same decimal. */
  static Double exactDouble(BigDecimal value, DoubleFunction<String> printer, String field) {
    double asDouble = value.doubleValue();
    String printed = printer.apply(asDouble);
    if (!isPlainDecimal(printed) || new BigDecimal(printed).compareTo(value) != 0) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ORDER,
          field
              + " "
              + value.toPlainString()
              + " cannot be sent to Alpaca exactly: alpaca-java would send it as "
              + printed);
    }
    return asDouble;
  }

  private static boolean isPlainDecimal(String text) {
    int dots = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots <= 1 && !text.isEmpty() && text.charAt(0) != '.';
  }

  static BigDecimal decimal(@Nullable String text, String field) {
    if (text == null || text.isBlank()) {
      throw unreadable(field, text);
    }
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw unreadable(field, text);
    }
  }

  static Quantity quantity(@Nullable String text, String field) {
    BigDecimal value = decimal(text, field).abs();
    try {
      return Quantity.of(value.stripTrailingZeros());
    } catch (SpeedTradeException e) {
      throw unreadable(field, text);
    }
  }

  static @Nullable Quantity optionalQuantity(@Nullable String text, String field) {
    return text == null || text.isBlank() ? null : quantity(text, field);
  }

  static Price price(@Nullable String text, String field) {
    BigDecimal value = decimal(text, field);
    if (value.scale() > Price.MAX_SCALE) {
      value = value.setScale(Price.MAX_SCALE, RoundingMode.HALF_EVEN);
    }
    try {
      return Price.of(value.stripTrailingZeros());
    } catch (SpeedTradeException e) {
      throw unreadable(field, text);
    }
  }

  static @Nullable Price optionalPrice(@Nullable String text, String field) {
    return text == null || text.isBlank() ? null : price(text, field);
  }

  static Money money(@Nullable String text, Currency currency, String field) {
    return Money.of(decimal(text, field), currency, RoundingMode.HALF_EVEN);
  }

  static @Nullable Money optionalMoney(@Nullable String text, Currency currency, String field) {
    return text == null || text.isBlank() ? null : money(text, currency, field);
  }

  static SpeedTradeException unreadable(String field, @Nullable Object value) {
    return new SpeedTradeException(
        ErrorCode.PROVIDER_UNAVAILABLE, "Alpaca sent an unreadable " + field + ": " + value);
  }
}
