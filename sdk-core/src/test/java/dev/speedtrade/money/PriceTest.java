package dev.speedtrade.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriceTest {
  private static void assertRejected(ThrowingCallable call, String... named) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PRICE);
              assertThat(e.getMessage()).contains(named);
            });
  }

  @Test
  void stripsTrailingZerosSoEqualPricesAreEqual() {
    Price price = Price.of("1.50");

    assertThat(price).isEqualTo(Price.of("1.5")).hasSameHashCodeAs(Price.of("1.5"));
    assertThat(price).hasToString("1.5");
    assertThat(price.value()).isEqualTo(new BigDecimal("1.5"));
  }

  @Test
  void readsScientificNotationAsThePlainNumber() {
    Price price = Price.of("1E+2");

    assertThat(price).isEqualTo(Price.of("100"));
    assertThat(price.value().scale()).isZero();
    assertThat(price).hasToString("100");
  }

  @Test
  void normalizesBigDecimalsLikeText() {
    assertThat(Price.of(new BigDecimal("2.500"))).isEqualTo(Price.of("2.5"));
    assertThat(new Price(new BigDecimal("1.1000000000"))).isEqualTo(Price.of("1.1"));
  }

  @Test
  void ignoresSurroundingWhitespace() {
    assertThat(Price.of(" 187.25\n")).isEqualTo(Price.of("187.25"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.000", "-0.001", "-5"})
  void rejectsPricesThatAreNotPositive(String text) {
    assertRejected(() -> Price.of(text), "positive", text);
  }

  @Test
  void acceptsTheSmallestPositivePrice() {
    assertThat(Price.of("0.000000001").value()).isEqualTo(new BigDecimal("1E-9"));
  }

  @Test
  void acceptsNineDecimals() {
    assertThat(Price.of("0.123456789").value()).isEqualTo(new BigDecimal("0.123456789"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.1234567891", "0.0000000001", "187.0000000001"})
  void rejectsMoreThanNineDecimals(String text) {
    assertRejected(() -> Price.of(text), text, "9 decimals");
  }

  @Test
  void acceptsMagnitudeUpToOneQuadrillion() {
    assertThat(Price.of("1000000000000000")).isEqualTo(Price.of("1e15"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1000000000000000.000000001", "1000000000000001"})
  void rejectsMagnitudeAboveOneQuadrillion(String text) {
    assertRejected(() -> Price.of(text), text, "1e15");
  }

  @Test
  void rejectsNull() {
    assertRejected(() -> Price.of((String) null), "null");
    assertRejected(() -> Price.of((BigDecimal) null), "null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void rejectsBlank(String text) {
    assertRejected(() -> Price.of(text), "blank");
  }

  @ParameterizedTest(name = "\"{0}\" names {1}")
  @CsvSource({
    "NaN, 'NaN'",
    "Infinity, 'Infinity'",
    "abc, 'abc'",
    "$1.50, '$1.50'",
    "1e400, 1E+400",
    "1e-400, 1E-400"
  })
  void rejectsUnreadableOrOutOfRangeText(String text, String named) {
    assertRejected(() -> Price.of(text), named);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999999999", "1e2147483647", "-1e2147483647"})
  void rejectsEnormousExponentQuickly(String text) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2), () -> assertRejected(() -> Price.of(text), "1E+"));
  }

  @ParameterizedTest(name = "187.245 {0} -> {1}")
  @CsvSource({
    "HALF_EVEN, 187.24",
    "HALF_UP, 187.25",
    "HALF_DOWN, 187.24",
    "FLOOR, 187.24",
    "CEILING, 187.25",
    "DOWN, 187.24",
    "UP, 187.25"
  })
  void roundedToUsesTheNamedMode(RoundingMode rounding, String expected) {
    assertThat(Price.of("187.245").roundedTo(2, rounding)).isEqualTo(Price.of(expected));
  }

  @Test
  void roundedToNormalizesTheResult() {
    Price rounded = Price.of("1.999").roundedTo(2, RoundingMode.HALF_UP);

    assertThat(rounded).isEqualTo(Price.of("2"));
    assertThat(rounded).hasToString("2");
  }

  @Test
  void roundedToZeroIsRejected() {
    assertRejected(() -> Price.of("0.004").roundedTo(2, RoundingMode.HALF_UP), "positive", "0.00");
    assertRejected(() -> Price.of("0.009").roundedTo(2, RoundingMode.DOWN), "positive", "0.00");
  }

  @Test
  void roundedUpAwayFromZeroStaysPositive() {
    assertThat(Price.of("0.004").roundedTo(2, RoundingMode.UP)).isEqualTo(Price.of("0.01"));
  }

  @Test
  void roundedToWithUnnecessaryRoundingKeepsAnExactPrice() {
    assertThat(Price.of("1.25").roundedTo(2, RoundingMode.UNNECESSARY)).isEqualTo(Price.of("1.25"));
  }

  @Test
  void roundedToWithUnnecessaryRoundingRejectsAnInexactPrice() {
    assertRejected(() -> Price.of("1.234").roundedTo(2, RoundingMode.UNNECESSARY), "1.234");
  }

  @Test
  void timesQuantityIsExact() {
    assertThat(Price.of("187.25").times(Quantity.of("2.5"))).isEqualTo(new BigDecimal("468.125"));
    assertThat(Price.of("0.000000001").times(Quantity.of("0.000000001")))
        .isEqualTo(new BigDecimal("1E-18"));
    assertThat(Price.of("1e15").times(Quantity.of("1e15"))).isEqualByComparingTo("1E+30");
  }

  @Test
  void timesZeroQuantityIsZero() {
    assertThat(Price.of("187.25").times(Quantity.ZERO)).isZero();
  }

  @Test
  void compareToOrdersByValue() {
    assertThat(Price.of("1.49")).isLessThan(Price.of("1.5"));
    assertThat(Price.of("1.50")).isEqualByComparingTo(Price.of("1.5"));
    assertThat(Price.of("10")).isGreaterThan(Price.of("9.999999999"));
  }

  @Test
  void roundingScaleMustLieBetweenTheCoarsestAndFinestPlace() {
    assertThat(Price.of("1234.5").roundedTo(-2, RoundingMode.HALF_UP)).isEqualTo(Price.of("1200"));
    assertThatThrownBy(() -> Price.of("1").roundedTo(10, RoundingMode.HALF_UP))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("10");
            });
    assertThatThrownBy(() -> Price.of("1").roundedTo(-999_999_999, RoundingMode.UP))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
