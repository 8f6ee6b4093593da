package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/** The checks the payment gateway's values make of what they are given. */
final class PaymentArguments {
  /** The currency of every deposit and payout. */
  static final Currency USD = Currency.getInstance("USD");

  private PaymentArguments() {}

  /** Returns {@code value} when it is not null. */
  static <T> T present(@Nullable T value, String name) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, name + " must not be null");
    }
    return value;
  }

  /** Returns {@code value} when it is not null and not blank. */
  static String text(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          name + " must not be " + (value == null ? "null" : "blank, got '" + value + "'"));
    }
    return value;
  }

  /** Returns {@code value} when it is greater than 0 with at most 2 decimals. */
  static BigDecimal amount(@Nullable BigDecimal value, String name) {
    if (value == null || !Amounts.isAmount(value)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_AMOUNT,
          name + " must be greater than 0 with at most 2 decimals, got " + value);
    }
    return value;
  }

  /** Returns {@code value} when it is USD and greater than 0. */
  static Money usd(@Nullable Money value, String name) {
    Money money = present(value, name);
    if (!money.currency().equals(USD)) {
      throw new SpeedTradeException(
          ErrorCode.CURRENCY_MISMATCH, name + " must be USD, the deposits' currency, got " + value);
    }
    if (!money.isPositive()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_AMOUNT, name + " must be greater than 0, got " + money);
    }
    return money;
  }
}
