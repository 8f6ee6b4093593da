package dev.speedtrade.money;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/**
 * An exact amount of money: a {@code long} count of a currency's minor units (cents for USD, none
 * for JPY) and the {@link Currency}.
 *
 * <p>Arithmetic is exact: sums that leave the range of a {@code long} throw {@link
 * ErrorCode#AMOUNT_OVERFLOW} rather than wrap, and combining two currencies throws {@link
 * ErrorCode#CURRENCY_MISMATCH}. The only operations that round are the ones that take a {@link
 * RoundingMode}; they round to the currency's number of minor-unit digits. There is no {@code
 * double} constructor. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Money price = Money.of("19.99", "USD");          // 1999 cents
 * Money total = price.times(3);                     // 59.97 USD
 * Money fee = total.multiply(new BigDecimal("0.015"), RoundingMode.HALF_EVEN); // 0.90 USD
 * }</pre>
 *
 * @param minorUnits the amount in minor units of {@code currency}; may be negative
 * @param currency an ISO 4217 currency that has minor units defined (not {@code XXX} or {@code
 *     XAU})
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {
  /** Digits of {@link Long#MAX_VALUE}; a decimal with more integer digits cannot fit. */
  private static final int MAX_LONG_DIGITS = 19;

  /**
   * Creates a value from minor units.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_CURRENCY} when the currency is null or has
   *     no minor units
   */
  public Money {
    checkCurrency(currency);
  }

  /** Returns zero in {@code currency}. */
  public static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  /**
   * Returns {@code minorUnits} of {@code currency}, e.g. {@code ofMinor(1999, USD)} is 19.99 USD.
   */
  public static Money ofMinor(long minorUnits, Currency currency) {
    return new Money(minorUnits, currency);
  }

  /**
   * Reads a decimal amount exactly, e.g. {@code of("19.99", usd)}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_AMOUNT} when the text is null, blank, not
   *     a number, has more decimals than the currency, or does not fit a {@code long} of minor
   *     units
   */
  public static Money of(@Nullable String amount, Currency currency) {
    checkCurrency(currency);
    return of(Decimals.parse(amount, "amount", ErrorCode.INVALID_AMOUNT), currency);
  }

  /**
   * Reads a decimal amount and an ISO 4217 code exactly, e.g. {@code of("19.99", "USD")}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_CURRENCY} for an unknown code, or as
   *     {@link #of(String, Currency)}
   */
  public static Money of(@Nullable String amount, @Nullable String currencyCode) {
    return of(amount, currency(currencyCode));
  }

  /**
   * Converts a decimal amount exactly.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_AMOUNT} when the amount has more decimals
   *     than the currency or does not fit a {@code long} of minor units
   */
  public static Money of(@Nullable BigDecimal amount, Currency currency) {
    checkCurrency(currency);
    if (amount == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_AMOUNT, "amount must not be null");
    }
    int digits = currency.getDefaultFractionDigits();
    requireFitsLong(amount, amount, currency);
    BigDecimal exact = Decimals.normalize(amount);
    if (exact.scale() > digits) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_AMOUNT,
          "amount "
              + Decimals.describe(amount)
              + " has more decimals than "
              + currency.getCurrencyCode()
              + " allows ("
              + digits
              + ")");
    }
    BigDecimal minor = exact.movePointRight(digits);
    return new Money(toLong(minor, amount, currency), currency);
  }

  /**
   * Converts a decimal amount, rounding it to the currency's minor units with {@code rounding}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_AMOUNT} when the rounded amount does not
   *     fit a {@code long} of minor units
   */
  public static Money of(@Nullable BigDecimal amount, Currency currency, RoundingMode rounding) {
    checkCurrency(currency);
    if (amount == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_AMOUNT, "amount must not be null");
    }
    requireFitsLong(amount, amount, currency);
    BigDecimal rounded;
    try {
      rounded = Decimals.round(amount, currency.getDefaultFractionDigits(), rounding);
    } catch (ArithmeticException e) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_AMOUNT,
          "amount "
              + Decimals.describe(amount)
              + " is not exact in "
              + currency.getCurrencyCode()
              + " minor units (rounding "
              + rounding
              + ")",
          e);
    }
    return of(rounded, currency);
  }

  /**
   * Reads the {@link #toString()} form back: an amount, one space and an ISO 4217 code, such as
   * {@code "19.99 USD"} or {@code "-5 JPY"}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_AMOUNT} or {@link
   *     ErrorCode#INVALID_CURRENCY}
   */
  public static Money parse(@Nullable String text) {
    if (text == null || text.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_AMOUNT, "money text must not be " + (text == null ? "null" : "blank"));
    }
    String trimmed = text.strip();
    int space = trimmed.lastIndexOf(' ');
    if (space < 0) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_AMOUNT, "money text '" + trimmed + "' is not '<amount> <currency>'");
    }
    return of(trimmed.substring(0, space), trimmed.substring(space + 1));
  }

  /**
   * Looks up an ISO 4217 currency by its upper-case code.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_CURRENCY} when the code is unknown, not
   *     upper case, or names a currency without minor units
   */
  public static Currency currency(@Nullable String code) {
    if (code == null || code.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_CURRENCY,
          "currency code must not be " + (code == null ? "null" : "blank"));
    }
    Currency currency;
    try {
      currency = Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_CURRENCY, "unknown ISO 4217 currency code '" + code + "'", e);
    }
    checkCurrency(currency);
    return currency;
  }

  /** Returns the amount as a decimal with exactly the currency's number of minor-unit digits. */
  public BigDecimal amount() {
    return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
  }

  /** Returns this plus {@code other}, exactly. */
  public Money plus(Money other) {
    requireSameCurrency(other);
    try {
      return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    } catch (ArithmeticException e) {
      throw overflow(this + " + " + other, e);
    }
  }

  /** Returns this minus {@code other}, exactly. */
  public Money minus(Money other) {
    requireSameCurrency(other);
    try {
      return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    } catch (ArithmeticException e) {
      throw overflow(this + " - " + other, e);
    }
  }

  /** Returns this times a whole number, exactly. */
  public Money times(long factor) {
    try {
      return new Money(Math.multiplyExact(minorUnits, factor), currency);
    } catch (ArithmeticException e) {
      throw overflow(this + " * " + factor, e);
    }
  }

  /**
   * Returns this times a decimal factor, rounded to the currency's minor units with {@code
   * rounding}. Pass {@link RoundingMode#UNNECESSARY} to demand an exact result.
   */
  public Money multiply(BigDecimal factor, RoundingMode rounding) {
    if (factor == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "factor must not be null");
    }
    BigDecimal product = BigDecimal.valueOf(minorUnits).multiply(factor);
    if (Decimals.integerDigits(product) > MAX_LONG_DIGITS) {
      throw overflow(this + " * " + Decimals.describe(factor), null);
    }
    BigDecimal rounded;
    try {
      rounded = Decimals.round(product, 0, rounding);
    } catch (ArithmeticException e) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_AMOUNT, this + " * " + Decimals.describe(factor) + " is not exact", e);
    }
    try {
      return new Money(rounded.longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw overflow(this + " * " + Decimals.describe(factor), e);
    }
  }

  /** Returns the negated amount. */
  public Money negate() {
    try {
      return new Money(Math.negateExact(minorUnits), currency);
    } catch (ArithmeticException e) {
      throw overflow("-(" + this + ")", e);
    }
  }

  /** Returns -1, 0 or 1 as the amount is negative, zero or positive. */
  public int signum() {
    return Long.signum(minorUnits);
  }

  /** Returns true when the amount is zero. */
  public boolean isZero() {
    return minorUnits == 0;
  }

  /** Returns true when the amount is above zero. */
  public boolean isPositive() {
    return minorUnits > 0;
  }

  /** Returns true when the amount is below zero. */
  public boolean isNegative() {
    return minorUnits < 0;
  }

  /**
   * Compares two amounts of the same currency.
   *
   * @throws SpeedTradeException {@link ErrorCode#CURRENCY_MISMATCH} for different currencies
   */
  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return Long.compare(minorUnits, other.minorUnits);
  }

  /** Returns the amount as plain decimal text with the currency's digits, e.g. {@code "19.90"}. */
  public String toPlainString() {
    return amount().toPlainString();
  }

  /**
   * Returns the amount and the currency code, e.g. {@code "19.90 USD"}; {@link #parse} reads it.
   */
  @Override
  public String toString() {
    return toPlainString() + " " + currency.getCurrencyCode();
  }

  private void requireSameCurrency(Money other) {
    if (other == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "other amount must not be null");
    }
    if (!currency.equals(other.currency)) {
      throw new SpeedTradeException(
          ErrorCode.CURRENCY_MISMATCH, "cannot combine " + this + " with " + other);
    }
  }

  private static void checkCurrency(@Nullable Currency currency) {
    if (currency == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_CURRENCY, "currency must not be null");
    }
    if (currency.getDefaultFractionDigits() < 0) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_CURRENCY,
          "currency " + currency.getCurrencyCode() + " has no minor units and cannot hold money");
    }
  }

  /** Rejects, before any scaling work, a decimal with more integer digits than a long can hold. */
  private static void requireFitsLong(BigDecimal value, BigDecimal original, Currency currency) {
    if (Decimals.integerDigits(value) + currency.getDefaultFractionDigits() > MAX_LONG_DIGITS) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_AMOUNT,
          "amount "
              + Decimals.describe(original)
              + " "
              + currency.getCurrencyCode()
              + " does not fit in a long of minor units");
    }
  }

  private static long toLong(BigDecimal minor, BigDecimal original, Currency currency) {
    try {
      return minor.longValueExact();
    } catch (ArithmeticException e) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_AMOUNT,
          "amount "
              + Decimals.describe(original)
              + " "
              + currency.getCurrencyCode()
              + " does not fit in a long of minor units",
          e);
    }
  }

  private static SpeedTradeException overflow(
      String expression, @Nullable ArithmeticException cause) {
    return new SpeedTradeException(
        ErrorCode.AMOUNT_OVERFLOW, expression + " overflows a long of minor units", cause);
  }
}
