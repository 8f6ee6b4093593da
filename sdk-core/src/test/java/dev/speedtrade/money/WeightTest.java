package dev.speedtrade.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WeightTest {
  private static final String THIRTY_FOUR_DIGITS = "0.1234567890123456789012345678901234";

  private static void assertRejected(ThrowingCallable call, String... named) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_WEIGHT);
              assertThat(e.getMessage()).contains(named);
            });
  }

  @Test
  void stripsTrailingZerosSoEqualWeightsAreEqual() {
    assertThat(Weight.of("0.50")).isEqualTo(Weight.of("0.5")).hasSameHashCodeAs(Weight.of("0.5"));
    assertThat(Weight.of("0.50")).hasToString("0.5");
    assertThat(Weight.of("1E+2")).isEqualTo(Weight.of("100")).hasToString("100");
  }

  @Test
  void acceptsZero() {
    assertThat(Weight.of("0")).isEqualTo(Weight.ZERO);
    assertThat(Weight.of("0.000")).isEqualTo(Weight.ZERO);
    assertThat(Weight.of(BigDecimal.ZERO).isZero()).isTrue();
    assertThat(Weight.ONE.isZero()).isFalse();
  }

  @Test
  void acceptsAWeightAboveOne() {
    assertThat(Weight.of("1.5")).isGreaterThan(Weight.ONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.001", "-1", "-1e-30"})
  void rejectsNegativeWeights(String text) {
    assertRejected(() -> Weight.of(text), "negative");
  }

  @Test
  void rejectionOfANegativeWeightNamesIt() {
    assertRejected(() -> Weight.of("-0.001"), "-0.001");
  }

  @Test
  void acceptsThirtyFourSignificantDigits() {
    assertThat(Weight.of(THIRTY_FOUR_DIGITS).value()).isEqualTo(new BigDecimal(THIRTY_FOUR_DIGITS));
    assertThat(Weight.of("123456789012345.6789012345678901234").value().precision()).isEqualTo(34);
  }

  @Test
  void trailingZerosDoNotCountAsSignificantDigits() {
    assertThat(Weight.of(THIRTY_FOUR_DIGITS + "000")).isEqualTo(Weight.of(THIRTY_FOUR_DIGITS));
  }

  @Test
  void rejectsThirtyFiveSignificantDigits() {
    String text = THIRTY_FOUR_DIGITS + "5";

    assertRejected(() -> Weight.of(text), text, "34 significant digits");
  }

  @Test
  void acceptsMagnitudeUpToOneQuadrillion() {
    assertThat(Weight.of("1000000000000000")).isEqualTo(Weight.of("1e15"));
  }

  @Test
  void rejectsMagnitudeAboveOneQuadrillion() {
    assertRejected(() -> Weight.of("1000000000000000.1"), "1000000000000000.1", "1e15");
  }

  @Test
  void rejectsNull() {
    assertRejected(() -> Weight.of((String) null), "null");
    assertRejected(() -> Weight.of((BigDecimal) null), "null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void rejectsBlank(String text) {
    assertRejected(() -> Weight.of(text), "blank");
  }

  @ParameterizedTest(name = "\"{0}\" names {1}")
  @CsvSource({"NaN, 'NaN'", "Infinity, 'Infinity'", "25%, '25%'", "1e400, 1E+400"})
  void rejectsUnreadableOrOutOfRangeText(String text, String named) {
    assertRejected(() -> Weight.of(text), named);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999999999", "1e1000000000", "1e2147483647"})
  void rejectsEnormousExponentQuickly(String text) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2), () -> assertRejected(() -> Weight.of(text), "1E+"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e1000000000", "-1e1000000000", "1e-1000000000"})
  void rejectsEnormousExponentsGivenAsDecimalsQuickly(String text) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2), () -> assertRejected(() -> Weight.of(new BigDecimal(text)), "1E"));
  }

  @Test
  void theLargestWeightIsMaxValue() {
    assertThat(Weight.of(Weight.MAX_VALUE).value()).isEqualByComparingTo("1e15");
    assertRejected(() -> Weight.of(Weight.MAX_VALUE.add(new BigDecimal("1e-60"))), "1e15");
  }

  @Test
  void plusAddsExactlyWithinThirtyFourDigits() {
    assertThat(Weight.of("0.25").plus(Weight.of("0.5"))).isEqualTo(Weight.of("0.75"));
    assertThat(Weight.of("0.1").plus(Weight.of("0.2"))).isEqualTo(Weight.of("0.3"));
  }

  @Test
  void plusRoundsToThirtyFourSignificantDigits() {
    Weight sum = Weight.ONE.plus(Weight.of("1e-34"));

    assertThat(sum).isEqualTo(Weight.ONE);
  }

  @Test
  void plusRoundsTiesToEven() {
    assertThat(Weight.ONE.plus(Weight.of("5e-34"))).isEqualTo(Weight.ONE);
    assertThat(Weight.ONE.plus(Weight.of("15e-34")))
        .isEqualTo(Weight.of("1.000000000000000000000000000000002"));
  }

  @Test
  void plusAboveOneQuadrillionIsRejected() {
    assertRejected(() -> Weight.of("1e15").plus(Weight.of("1e15")), "2000000000000000");
  }

  @Test
  void compareToOrdersByValue() {
    assertThat(Weight.of("0.25")).isLessThan(Weight.of("0.3"));
    assertThat(Weight.of("0.250")).isEqualByComparingTo(Weight.of("0.25"));
  }

  @Test
  void rejectsMoreThanSixtyDecimalsSoThatATinyWeightCannotPrintAsAHugeString() {
    assertThat(Weight.of("1e-60").toString()).hasSize(62);
    assertRejected(() -> Weight.of("1e-61"), "60 decimals");
    assertRejected(() -> Weight.of("1e-999999999"), "1E-999999999");
  }
}
