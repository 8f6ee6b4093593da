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

class QuantityTest {
  private static void assertRejected(ThrowingCallable call, String... named) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUANTITY);
              assertThat(e.getMessage()).contains(named);
            });
  }

  @Test
  void stripsTrailingZerosSoEqualQuantitiesAreEqual() {
    assertThat(Quantity.of("2.50"))
        .isEqualTo(Quantity.of("2.5"))
        .hasSameHashCodeAs(Quantity.of("2.5"));
    assertThat(Quantity.of("2.50")).hasToString("2.5");
  }

  @Test
  void readsScientificNotationAsThePlainNumber() {
    assertThat(Quantity.of("1E+2")).isEqualTo(Quantity.of("100")).isEqualTo(Quantity.of(100));
    assertThat(Quantity.of("1E+2")).hasToString("100");
  }

  @Test
  void acceptsZeroInAnyForm() {
    assertThat(Quantity.of("0")).isEqualTo(Quantity.ZERO);
    assertThat(Quantity.of("0.000")).isEqualTo(Quantity.ZERO);
    assertThat(Quantity.of("-0")).isEqualTo(Quantity.ZERO);
    assertThat(Quantity.of(0)).isEqualTo(Quantity.ZERO);
    assertThat(Quantity.ZERO.isZero()).isTrue();
    assertThat(Quantity.of("0.000000001").isZero()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.001", "-1", "-0.000000001"})
  void rejectsNegativeQuantities(String text) {
    assertRejected(() -> Quantity.of(text), "negative", text);
  }

  @Test
  void rejectsNegativeWholeUnits() {
    assertRejected(() -> Quantity.of(-1L), "negative", "-1");
  }

  @Test
  void acceptsNineDecimals() {
    assertThat(Quantity.of("0.123456789").value()).isEqualTo(new BigDecimal("0.123456789"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.1234567891", "0.0000000001"})
  void rejectsMoreThanNineDecimals(String text) {
    assertRejected(() -> Quantity.of(text), text, "9 decimals");
  }

  @Test
  void acceptsMagnitudeUpToOneQuadrillion() {
    assertThat(Quantity.of("1000000000000000")).isEqualTo(Quantity.of(1_000_000_000_000_000L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1000000000000000.5", "1000000000000001"})
  void rejectsMagnitudeAboveOneQuadrillion(String text) {
    assertRejected(() -> Quantity.of(text), text, "1e15");
  }

  @Test
  void rejectsNull() {
    assertRejected(() -> Quantity.of((String) null), "null");
    assertRejected(() -> Quantity.of((BigDecimal) null), "null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void rejectsBlank(String text) {
    assertRejected(() -> Quantity.of(text), "blank");
  }

  @ParameterizedTest(name = "\"{0}\" names {1}")
  @CsvSource({
    "NaN, 'NaN'",
    "Infinity, 'Infinity'",
    "ten, 'ten'",
    "1e400, 1E+400",
    "1e-400, 1E-400"
  })
  void rejectsUnreadableOrOutOfRangeText(String text, String named) {
    assertRejected(() -> Quantity.of(text), named);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999999999", "1e2147483647"})
  void rejectsEnormousExponentQuickly(String text) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2), () -> assertRejected(() -> Quantity.of(text), "1E+"));
  }

  @Test
  void plusAddsExactly() {
    assertThat(Quantity.of("0.1").plus(Quantity.of("0.2"))).isEqualTo(Quantity.of("0.3"));
    assertThat(Quantity.of("0.999999999").plus(Quantity.of("0.000000001")))
        .isEqualTo(Quantity.of(1));
  }

  @Test
  void plusAboveOneQuadrillionIsRejected() {
    assertRejected(() -> Quantity.of("1e15").plus(Quantity.of(1)), "1000000000000001");
  }

  @Test
  void minusSubtractsExactly() {
    assertThat(Quantity.of("1.5").minus(Quantity.of("0.5"))).isEqualTo(Quantity.of(1));
    assertThat(Quantity.of("2.5").minus(Quantity.of("2.50"))).isEqualTo(Quantity.ZERO);
  }

  @Test
  void minusBelowZeroIsRejected() {
    assertRejected(() -> Quantity.of(1).minus(Quantity.of("1.5")), "negative", "-0.5");
  }

  @Test
  void minReturnsTheSmallerEitherWay() {
    Quantity small = Quantity.of("2.5");
    Quantity large = Quantity.of(3);

    assertThat(small.min(large)).isSameAs(small);
    assertThat(large.min(small)).isSameAs(small);
    assertThat(small.min(Quantity.of("2.50"))).isEqualTo(small);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"2.7, 2", "0.999999999, 0", "5, 5", "1E+3, 1000", "0, 0"})
  void wholeUnitsRoundsDown(String text, long expected) {
    Quantity whole = Quantity.of(text).wholeUnits();

    assertThat(whole).isEqualTo(Quantity.of(expected));
    assertThat(whole.isWhole()).isTrue();
  }

  @ParameterizedTest(name = "{0} whole: {1}")
  @CsvSource({"2, true", "2.0, true", "1E+2, true", "0, true", "2.5, false", "0.000000001, false"})
  void isWholeIgnoresTrailingZeros(String text, boolean whole) {
    assertThat(Quantity.of(text).isWhole()).isEqualTo(whole);
  }

  @ParameterizedTest(name = "{0} to {1} decimals {2} -> {3}")
  @CsvSource({
    "2.345, 2, HALF_EVEN, 2.34",
    "2.355, 2, HALF_EVEN, 2.36",
    "2.345, 2, HALF_UP, 2.35",
    "2.345, 2, HALF_DOWN, 2.34",
    "2.345, 2, FLOOR, 2.34",
    "2.345, 2, CEILING, 2.35",
    "2.345, 2, DOWN, 2.34",
    "2.345, 2, UP, 2.35",
    "2.5, 0, HALF_EVEN, 2",
    "1250, -2, HALF_EVEN, 1200",
    "1250, -2, HALF_UP, 1300",
    "0.004, 2, HALF_UP, 0"
  })
  void roundedToUsesTheNamedMode(String text, int scale, RoundingMode rounding, String expected) {
    assertThat(Quantity.of(text).roundedTo(scale, rounding)).isEqualTo(Quantity.of(expected));
  }

  @Test
  void roundedToWithUnnecessaryRoundingRejectsAnInexactQuantity() {
    assertRejected(() -> Quantity.of("1.234").roundedTo(2, RoundingMode.UNNECESSARY), "1.234");
  }

  @Test
  void compareToOrdersByValue() {
    assertThat(Quantity.of("0.5")).isLessThan(Quantity.of(1));
    assertThat(Quantity.of("1.0")).isEqualByComparingTo(Quantity.of(1));
  }
}
