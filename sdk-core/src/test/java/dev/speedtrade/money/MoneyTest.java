package dev.speedtrade.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Currency;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency JPY = Currency.getInstance("JPY");
  private static final Duration QUICKLY = Duration.ofSeconds(2);

  private static void assertRejected(ThrowingCallable call, ErrorCode code, String... named) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(named);
            });
  }

  @Test
  void readsDollarsAndCentsExactlyAsMinorUnits() {
    Money money = Money.of("19.99", "USD");

    assertThat(money.minorUnits()).isEqualTo(1999);
    assertThat(money.currency()).isEqualTo(USD);
    assertThat(money.amount()).isEqualTo(new BigDecimal("19.99"));
    assertThat(money).isEqualTo(Money.ofMinor(1999, USD));
  }

  @Test
  void readsYenAsWholeMinorUnits() {
    Money money = Money.of("1500", "JPY");

    assertThat(money.minorUnits()).isEqualTo(1500);
    assertThat(money.amount()).isEqualTo(new BigDecimal("1500"));
  }

  @Test
  void rejectsFractionalYen() {
    assertRejected(() -> Money.of("0.5", "JPY"), ErrorCode.INVALID_AMOUNT, "0.5", "JPY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"BHD", "KWD"})
  void readsThreeDecimalCurrenciesToTheFils(String code) {
    Money money = Money.of("1.234", code);

    assertThat(money.minorUnits()).isEqualTo(1234);
    assertThat(money.toPlainString()).isEqualTo("1.234");
  }

  @ParameterizedTest
  @ValueSource(strings = {"BHD", "KWD"})
  void rejectsFourDecimalsInThreeDecimalCurrencies(String code) {
    assertRejected(() -> Money.of("1.2345", code), ErrorCode.INVALID_AMOUNT, "1.2345", code);
  }

  @ParameterizedTest(name = "\"{0}\" USD is {1} cents")
  @CsvSource({
    "-0.01, -1",
    "12.340, 1234",
    "1.5E+1, 1500",
    "' 19.99 ', 1999",
    "-0, 0",
    "+7, 700",
    "92233720368547758.07, 9223372036854775807",
    "-92233720368547758.08, -9223372036854775808"
  })
  void readsAnyExactNotationWithinLongRange(String text, long cents) {
    assertThat(Money.of(text, "USD").minorUnits()).isEqualTo(cents);
  }

  @Test
  void convertsBigDecimalExactlyIgnoringTrailingZeros() {
    assertThat(Money.of(new BigDecimal("19.9900"), USD).minorUnits()).isEqualTo(1999);
  }

  @Test
  void rendersAmountWithCurrencyDigitsAndCode() {
    assertThat(Money.ofMinor(1999, USD)).hasToString("19.99 USD");
    assertThat(Money.ofMinor(5, USD)).hasToString("0.05 USD");
    assertThat(Money.ofMinor(-500, JPY)).hasToString("-500 JPY");
    assertThat(Money.ofMinor(1, Currency.getInstance("BHD"))).hasToString("0.001 BHD");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "1999, USD",
    "-500, JPY",
    "0, EUR",
    "1, BHD",
    "-1, KWD",
    "9223372036854775807, USD",
    "-9223372036854775808, JPY"
  })
  void parseReadsToStringBack(long minorUnits, String code) {
    Money money = Money.ofMinor(minorUnits, Currency.getInstance(code));

    assertThat(Money.parse(money.toString())).isEqualTo(money);
  }

  @Test
  void parseIgnoresSurroundingWhitespace() {
    assertThat(Money.parse("  19.99 USD ")).isEqualTo(Money.ofMinor(1999, USD));
  }

  @Test
  void parseRejectsTextWithoutCurrency() {
    assertRejected(() -> Money.parse("19.99USD"), ErrorCode.INVALID_AMOUNT, "'19.99USD'");
  }

  @Test
  void parseRejectsNullAndBlankText() {
    assertRejected(() -> Money.parse(null), ErrorCode.INVALID_AMOUNT, "null");
    assertRejected(() -> Money.parse("  "), ErrorCode.INVALID_AMOUNT, "blank");
  }

  @Test
  void parseRejectsUnknownCurrency() {
    assertRejected(() -> Money.parse("1.00 ABC"), ErrorCode.INVALID_CURRENCY, "'ABC'");
  }

  @Test
  void toPlainStringKeepsTheCurrencyDigits() {
    assertThat(Money.of("5", "USD").toPlainString()).isEqualTo("5.00");
    assertThat(Money.of("5", "JPY").toPlainString()).isEqualTo("5");
    assertThat(Money.of("5", "KWD").toPlainString()).isEqualTo("5.000");
    assertThat(Money.of("-0.1", "USD").toPlainString()).isEqualTo("-0.10");
  }

  @Test
  void zeroHasNoMinorUnits() {
    Money zero = Money.zero(EUR);

    assertThat(zero.minorUnits()).isZero();
    assertThat(zero.isZero()).isTrue();
    assertThat(zero.isPositive()).isFalse();
    assertThat(zero.isNegative()).isFalse();
    assertThat(zero.signum()).isZero();
  }

  @Test
  void signFollowsMinorUnits() {
    assertThat(Money.ofMinor(-1, USD).signum()).isEqualTo(-1);
    assertThat(Money.ofMinor(-1, USD).isNegative()).isTrue();
    assertThat(Money.ofMinor(1, USD).signum()).isEqualTo(1);
    assertThat(Money.ofMinor(1, USD).isPositive()).isTrue();
  }

  @Test
  void plusAddsExactly() {
    assertThat(Money.of("0.10", "USD").plus(Money.of("0.20", "USD")))
        .isEqualTo(Money.of("0.30", "USD"));
  }

  @Test
  void minusSubtractsExactlyAndMayGoNegative() {
    assertThat(Money.of("0.30", "USD").minus(Money.of("0.10", "USD")))
        .isEqualTo(Money.of("0.20", "USD"));
    assertThat(Money.of("1.00", "USD").minus(Money.of("2.50", "USD")))
        .isEqualTo(Money.of("-1.50", "USD"));
  }

  @Test
  void timesMultipliesByAWholeNumberExactly() {
    assertThat(Money.of("19.99", "USD").times(3)).isEqualTo(Money.of("59.97", "USD"));
    assertThat(Money.of("19.99", "USD").times(-2)).isEqualTo(Money.of("-39.98", "USD"));
  }

  @Test
  void negateFlipsTheSign() {
    assertThat(Money.ofMinor(1999, USD).negate()).isEqualTo(Money.ofMinor(-1999, USD));
    assertThat(Money.ofMinor(Long.MAX_VALUE, USD).negate())
        .isEqualTo(Money.ofMinor(-Long.MAX_VALUE, USD));
  }

  @Test
  void arithmeticReachesTheEdgesOfLongRangeWithoutOverflow() {
    assertThat(Money.ofMinor(Long.MAX_VALUE - 1, USD).plus(Money.ofMinor(1, USD)).minorUnits())
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Money.ofMinor(Long.MIN_VALUE + 1, USD).minus(Money.ofMinor(1, USD)).minorUnits())
        .isEqualTo(Long.MIN_VALUE);
    assertThat(
            Money.ofMinor(Long.MAX_VALUE, USD)
                .plus(Money.ofMinor(Long.MIN_VALUE, USD))
                .minorUnits())
        .isEqualTo(-1);
  }

  @Test
  void plusPastLongMaxOverflows() {
    Money max = Money.ofMinor(Long.MAX_VALUE, USD);

    assertRejected(
        () -> max.plus(Money.ofMinor(1, USD)),
        ErrorCode.AMOUNT_OVERFLOW,
        "92233720368547758.07 USD");
  }

  @Test
  void minusPastLongMinOverflows() {
    Money min = Money.ofMinor(Long.MIN_VALUE, USD);

    assertRejected(
        () -> min.minus(Money.ofMinor(1, USD)),
        ErrorCode.AMOUNT_OVERFLOW,
        "-92233720368547758.08 USD");
  }

  @Test
  void minusOfLongMinFromZeroOverflows() {
    Money min = Money.ofMinor(Long.MIN_VALUE, USD);

    assertRejected(
        () -> Money.zero(USD).minus(min), ErrorCode.AMOUNT_OVERFLOW, "-92233720368547758.08 USD");
  }

  @Test
  void timesPastLongRangeOverflows() {
    assertRejected(
        () -> Money.ofMinor(Long.MAX_VALUE, USD).times(2),
        ErrorCode.AMOUNT_OVERFLOW,
        "92233720368547758.07 USD",
        "2");
    assertRejected(
        () -> Money.ofMinor(Long.MIN_VALUE, USD).times(-1),
        ErrorCode.AMOUNT_OVERFLOW,
        "-92233720368547758.08 USD",
        "-1");
  }

  @Test
  void negateOfLongMinOverflows() {
    assertRejected(
        () -> Money.ofMinor(Long.MIN_VALUE, USD).negate(),
        ErrorCode.AMOUNT_OVERFLOW,
        "-92233720368547758.08 USD");
  }

  @Test
  void plusAcrossCurrenciesIsAMismatch() {
    assertRejected(
        () -> Money.of("1", "USD").plus(Money.of("1", "EUR")),
        ErrorCode.CURRENCY_MISMATCH,
        "1.00 USD",
        "1.00 EUR");
  }

  @Test
  void minusAcrossCurrenciesIsAMismatch() {
    assertRejected(
        () -> Money.of("1", "USD").minus(Money.of("1", "JPY")),
        ErrorCode.CURRENCY_MISMATCH,
        "1.00 USD",
        "1 JPY");
  }

  @Test
  void compareToAcrossCurrenciesIsAMismatch() {
    assertRejected(
        () -> Money.of("1", "USD").compareTo(Money.of("2", "EUR")),
        ErrorCode.CURRENCY_MISMATCH,
        "1.00 USD",
        "2.00 EUR");
  }

  @Test
  void compareToOrdersByAmount() {
    assertThat(Money.of("1.99", "USD")).isLessThan(Money.of("2", "USD"));
    assertThat(Money.of("-3", "USD")).isLessThan(Money.of("-2.99", "USD"));
    assertThat(Money.of("2.00", "USD")).isEqualByComparingTo(Money.of("2", "USD"));
  }

  @Test
  void rejectsNullOtherAmount() {
    assertRejected(() -> Money.of("1", "USD").plus(null), ErrorCode.INVALID_ARGUMENT, "null");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "2.345, HALF_EVEN, 2.34",
    "2.355, HALF_EVEN, 2.36",
    "2.345, HALF_UP, 2.35",
    "2.345, HALF_DOWN, 2.34",
    "2.345, FLOOR, 2.34",
    "2.345, CEILING, 2.35",
    "2.345, DOWN, 2.34",
    "2.345, UP, 2.35",
    "-2.345, HALF_EVEN, -2.34",
    "-2.355, HALF_EVEN, -2.36",
    "-2.345, HALF_UP, -2.35",
    "-2.345, HALF_DOWN, -2.34",
    "-2.345, FLOOR, -2.35",
    "-2.345, CEILING, -2.34",
    "-2.345, DOWN, -2.34",
    "-2.345, UP, -2.35",
    "2.341, HALF_UP, 2.34",
    "2.346, HALF_DOWN, 2.35",
    "-0.004, HALF_UP, 0",
    "2.34, UNNECESSARY, 2.34"
  })
  void ofRoundsToCentsWithTheGivenMode(BigDecimal amount, RoundingMode rounding, String expected) {
    assertThat(Money.of(amount, USD, rounding)).isEqualTo(Money.of(expected, "USD"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2} JPY")
  @CsvSource({
    "2.5, HALF_EVEN, 2",
    "3.5, HALF_EVEN, 4",
    "2.5, HALF_UP, 3",
    "-2.5, FLOOR, -3",
    "-2.5, CEILING, -2"
  })
  void ofRoundsToWholeYen(BigDecimal amount, RoundingMode rounding, long yen) {
    assertThat(Money.of(amount, JPY, rounding).minorUnits()).isEqualTo(yen);
  }

  @Test
  void ofWithUnnecessaryRoundingRejectsAnInexactAmount() {
    assertRejected(
        () -> Money.of(new BigDecimal("2.345"), USD, RoundingMode.UNNECESSARY),
        ErrorCode.INVALID_AMOUNT,
        "2.345");
  }

  @Test
  void ofRoundingStillRejectsAmountsBeyondLongRange() {
    BigDecimal justAboveHalf = new BigDecimal("92233720368547758.075");

    assertThat(Money.of(justAboveHalf, USD, RoundingMode.HALF_DOWN).minorUnits())
        .isEqualTo(Long.MAX_VALUE);
    assertRejected(
        () -> Money.of(justAboveHalf, USD, RoundingMode.HALF_UP),
        ErrorCode.INVALID_AMOUNT,
        "92233720368547758");
    assertRejected(
        () -> Money.of(new BigDecimal("1e400"), USD, RoundingMode.HALF_UP),
        ErrorCode.INVALID_AMOUNT,
        "1E+400");
  }

  @Test
  void ofRoundingRejectsNullAmount() {
    assertRejected(
        () -> Money.of((BigDecimal) null, USD, RoundingMode.HALF_EVEN),
        ErrorCode.INVALID_AMOUNT,
        "null");
  }

  @Test
  void ofRoundingATinyAmountReturnsQuickly() {
    BigDecimal tiny = new BigDecimal("1e-99999999");

    Money rounded =
        assertTimeoutPreemptively(QUICKLY, () -> Money.of(tiny, USD, RoundingMode.HALF_UP));

    assertThat(rounded).isEqualTo(Money.zero(USD));
  }

  @Test
  void multiplyRoundsAFeeToCents() {
    Money total = Money.of("19.99", "USD").times(3);

    assertThat(total.multiply(new BigDecimal("0.015"), RoundingMode.HALF_EVEN))
        .isEqualTo(Money.of("0.90", "USD"));
  }

  @ParameterizedTest(name = "{0} * 0.125 {1} -> {2} cents")
  @CsvSource({
    "1.00, HALF_EVEN, 12",
    "1.00, HALF_UP, 13",
    "1.00, HALF_DOWN, 12",
    "1.00, FLOOR, 12",
    "1.00, CEILING, 13",
    "-1.00, HALF_EVEN, -12",
    "-1.00, HALF_UP, -13",
    "-1.00, FLOOR, -13",
    "-1.00, CEILING, -12",
    "0.20, HALF_EVEN, 2",
    "0.20, UP, 3"
  })
  void multiplyRoundsTiesWithTheGivenMode(String amount, RoundingMode rounding, long cents) {
    Money product = Money.of(amount, "USD").multiply(new BigDecimal("0.125"), rounding);

    assertThat(product.minorUnits()).isEqualTo(cents);
    assertThat(product.currency()).isEqualTo(USD);
  }

  @Test
  void multiplyWithUnnecessaryRoundingKeepsAnExactProduct() {
    assertThat(Money.of("19.99", "USD").multiply(new BigDecimal("2.00"), RoundingMode.UNNECESSARY))
        .isEqualTo(Money.of("39.98", "USD"));
  }

  @Test
  void multiplyWithUnnecessaryRoundingRejectsAnInexactProduct() {
    assertRejected(
        () -> Money.of("19.99", "USD").multiply(new BigDecimal("2.5"), RoundingMode.UNNECESSARY),
        ErrorCode.INVALID_AMOUNT,
        "19.99 USD",
        "2.5");
  }

  @Test
  void multiplyRejectsNullFactor() {
    assertRejected(
        () -> Money.of("1", "USD").multiply(null, RoundingMode.HALF_EVEN),
        ErrorCode.INVALID_ARGUMENT,
        "null");
  }

  @Test
  void multiplyPastLongRangeOverflows() {
    assertRejected(
        () ->
            Money.ofMinor(Long.MAX_VALUE, USD)
                .multiply(new BigDecimal("1.1"), RoundingMode.HALF_EVEN),
        ErrorCode.AMOUNT_OVERFLOW,
        "92233720368547758.07 USD",
        "1.1");
  }

  @Test
  void multiplyJustPastLongRangeOverflowsLikeAnyOtherOverflow() {
    Money large = Money.ofMinor(5_000_000_000_000_000_000L, USD);

    assertRejected(
        () -> large.multiply(new BigDecimal("1.9"), RoundingMode.HALF_EVEN),
        ErrorCode.AMOUNT_OVERFLOW,
        "50000000000000000.00 USD",
        "1.9");
  }

  @Test
  void multiplyByAnEnormousFactorOverflows() {
    assertRejected(
        () ->
            Money.ofMinor(1999, USD)
                .multiply(new BigDecimal("1e999999999"), RoundingMode.HALF_EVEN),
        ErrorCode.AMOUNT_OVERFLOW,
        "1E+999999999");
    assertRejected(
        () ->
            Money.ofMinor(1999, USD)
                .multiply(new BigDecimal("1e2147483647"), RoundingMode.HALF_EVEN),
        ErrorCode.AMOUNT_OVERFLOW,
        "1E+2147483647");
  }

  @Test
  void multiplyByATinyFactorReturnsQuickly() {
    BigDecimal tiny = new BigDecimal("1e-99999999");

    Money product =
        assertTimeoutPreemptively(
            QUICKLY, () -> Money.ofMinor(1999, USD).multiply(tiny, RoundingMode.HALF_EVEN));

    assertThat(product).isEqualTo(Money.zero(USD));
  }

  @Test
  void rejectsNullAmountText() {
    assertRejected(() -> Money.of(null, "USD"), ErrorCode.INVALID_AMOUNT, "null");
    assertRejected(() -> Money.of((BigDecimal) null, USD), ErrorCode.INVALID_AMOUNT, "null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void rejectsBlankAmountText(String text) {
    assertRejected(() -> Money.of(text, "USD"), ErrorCode.INVALID_AMOUNT, "blank");
  }

  @ParameterizedTest(name = "\"{0}\" names {1}")
  @CsvSource({
    "NaN, 'NaN'",
    "Infinity, 'Infinity'",
    "-Infinity, '-Infinity'",
    "abc, 'abc'",
    "1.2.3, '1.2.3'",
    "'1,000.00', '1,000.00'",
    "0x10, '0x10'",
    "1e400, 1E+400",
    "-1e400, -1E+400",
    "1e-400, 1E-400",
    "12.345, 12.345",
    "0.001, 0.001",
    "92233720368547758.08, 92233720368547758.08",
    "-92233720368547758.09, -92233720368547758.09",
    "100000000000000000000, 100000000000000000000"
  })
  void rejectsUnreadableOrUnrepresentableAmount(String text, String named) {
    assertRejected(() -> Money.of(text, "USD"), ErrorCode.INVALID_AMOUNT, named);
  }

  @Test
  void rejectsOverlongTextWithoutEchoingAllOfIt() {
    String text = "1".repeat(101);

    assertThatThrownBy(() -> Money.of(text, "USD"))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_AMOUNT);
              assertThat(e.getMessage())
                  .contains("100 characters", "1111111111")
                  .hasSizeLessThan(120);
            });
  }

  @ParameterizedTest(name = "\"{0}\" names {1}")
  @CsvSource({
    "1e999999999, 1E+999999999",
    "1e9999999, 1E+9999999",
    "-1e9999999, -1E+9999999",
    "1e2147483647, 1E+2147483647"
  })
  void rejectsEnormousExponentQuickly(String text, String named) {
    assertTimeoutPreemptively(
        QUICKLY,
        () -> assertRejected(() -> Money.of(text, "USD"), ErrorCode.INVALID_AMOUNT, named));
  }

  @Test
  void rejectsEnormousBigDecimalQuickly() {
    BigDecimal huge = new BigDecimal("1e999999999");

    assertTimeoutPreemptively(
        QUICKLY,
        () -> assertRejected(() -> Money.of(huge, USD), ErrorCode.INVALID_AMOUNT, "1E+999999999"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ABC", "usd", "US", "USDX", " USD"})
  void rejectsUnknownCurrencyCode(String code) {
    assertRejected(() -> Money.of("1", code), ErrorCode.INVALID_CURRENCY, "'" + code + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"XXX", "XAU"})
  void rejectsCurrencyWithoutMinorUnits(String code) {
    Currency noMinorUnits = Currency.getInstance(code);

    assertRejected(() -> Money.of("1", code), ErrorCode.INVALID_CURRENCY, code);
    assertRejected(() -> Money.of("1", noMinorUnits), ErrorCode.INVALID_CURRENCY, code);
    assertRejected(() -> Money.ofMinor(1, noMinorUnits), ErrorCode.INVALID_CURRENCY, code);
    assertRejected(() -> Money.zero(noMinorUnits), ErrorCode.INVALID_CURRENCY, code);
  }

  @Test
  void rejectsNullCurrency() {
    assertRejected(() -> Money.of("1", (String) null), ErrorCode.INVALID_CURRENCY, "null");
    assertRejected(() -> Money.of("1", (Currency) null), ErrorCode.INVALID_CURRENCY, "null");
    assertRejected(() -> Money.ofMinor(1, null), ErrorCode.INVALID_CURRENCY, "null");
    assertRejected(
        () -> Money.of(BigDecimal.ONE, null, RoundingMode.HALF_EVEN),
        ErrorCode.INVALID_CURRENCY,
        "null");
  }

  @Test
  void rejectsBlankCurrencyCode() {
    assertRejected(() -> Money.of("1", ""), ErrorCode.INVALID_CURRENCY, "blank");
  }

  @Test
  void checksTheCurrencyBeforeTheAmount() {
    assertRejected(() -> Money.of("abc", (Currency) null), ErrorCode.INVALID_CURRENCY, "null");
  }

  @Test
  void currencyLooksUpUpperCaseIsoCodes() {
    assertThat(Money.currency("EUR")).isEqualTo(EUR);
    assertThat(Money.currency("JPY").getDefaultFractionDigits()).isZero();
  }
}
