package dev.speedtrade.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Decimal128Limbs} against {@code BigDecimal} under {@code DECIMAL128}, value and scale, on
 * seeded random operands chosen to reach every rounding case: 34- to 36-digit values, all nines
 * (rounding up to 10^34), exact ties, zeros of any scale, the planner's limits.
 */
class Decimal128LimbsTest {
  private static final MathContext MC = MathContext.DECIMAL128;

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static Decimal128Limbs limbs(BigDecimal value) {
    Decimal128Limbs limbs = new Decimal128Limbs();
    assertThat(limbs.set(value)).as("%s fits", value).isTrue();
    return limbs;
  }

  /** A random non-negative operand of at most 36 digits, often an edge case. */
  static BigDecimal operand(SplittableRandom random) {
    int scale = random.nextInt(-5, 75);
    switch (random.nextInt(12)) {
      case 0:
        return BigDecimal.valueOf(0, scale);
      case 1:
        return new BigDecimal(
            BigInteger.TEN.pow(random.nextInt(1, 37)).subtract(BigInteger.ONE), scale);
      case 2:
        return new BigDecimal(
            BigInteger.valueOf(5).multiply(BigInteger.TEN.pow(random.nextInt(0, 35))), scale);
      case 3:
        return new BigDecimal(BigInteger.TEN.pow(random.nextInt(0, 36)), scale);
      case 4:
        return new BigDecimal(digits(random, 34), scale);
      case 5:
        return new BigDecimal(digits(random, random.nextInt(35, 37)), scale);
      case 6:
        return limit(random);
      case 7:
        // A bot's weight as people write them: 0.002, 0.25, 0.7.
        return BigDecimal.valueOf(random.nextInt(1, 1000), random.nextInt(1, 4));
      case 8:
        // An odd 34-digit value ending in 5: times 5 or plus a half ulp, a tie.
        return new BigDecimal(
            digits(random, 33).multiply(BigInteger.TEN).add(BigInteger.valueOf(5)), scale);
      case 9:
        // A quotient such as amount / investable: 34 digits, scale near the weights'.
        return BigDecimal.valueOf(random.nextInt(1, 1_000_000))
            .divide(
                BigDecimal.valueOf(random.nextInt(1, 3_000_000)).add(BigDecimal.valueOf(7, 1)), MC);
      default:
        return new BigDecimal(digits(random, random.nextInt(1, 37)), scale);
    }
  }

  /** Values at PlanNumbers' limits: below 1e15 with 34 digits, 34 decimals, 60 decimals. */
  private static BigDecimal limit(SplittableRandom random) {
    switch (random.nextInt(6)) {
      case 0:
        return d("999999999999999.9999999999999999999");
      case 1:
        return d("1E-34");
      case 2:
        return d("1E-60");
      case 3:
        return d("0.9999999999999999999999999999999999");
      case 4:
        return d("1E+15");
      default:
        return d("0.000000000000000000000000000000000000000000000000000000000001");
    }
  }

  /** A random integer of exactly {@code count} digits. */
  private static BigInteger digits(SplittableRandom random, int count) {
    StringBuilder text = new StringBuilder(count);
    text.append((char) ('1' + random.nextInt(9)));
    for (int i = 1; i < count; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
    return new BigInteger(text.toString());
  }

  /** Moves {@code value}'s scale near {@code other}'s, as sums in a merge mostly are. */
  private static BigDecimal near(SplittableRandom random, BigDecimal value, BigDecimal other) {
    int scale = other.scale() + random.nextInt(-4, 5);
    return new BigDecimal(value.unscaledValue(), scale);
  }

  @Test
  void productsAndSumsEqualBigDecimalsOnOneHundredThousandRandomOperands() {
    SplittableRandom random = new SplittableRandom(15);
    int rounded = 0;
    int roundedUpToTenPow34 = 0;
    for (int i = 0; i < 100_000; i++) {
      BigDecimal x = operand(random);
      BigDecimal y = operand(random);
      if (random.nextBoolean()) {
        y = near(random, y, x);
      }
      BigDecimal product = x.multiply(y, MC);
      Decimal128Limbs limbsProduct = new Decimal128Limbs();
      limbsProduct.setProduct(limbs(x), limbs(y));
      assertThat(limbsProduct.toBigDecimal()).as("%s × %s", x, y).isEqualTo(product);

      BigDecimal sum = x.add(y, MC);
      Decimal128Limbs limbsSum = limbs(x);
      if (limbsSum.add(limbs(y))) {
        assertThat(limbsSum.toBigDecimal()).as("%s + %s", x, y).isEqualTo(sum);
      } else {
        assertThat(Math.abs((long) x.scale() - y.scale()))
            .as("only a wide alignment falls back: %s + %s", x, y)
            .isGreaterThan(Decimal128Limbs.MAX_ALIGNED_DIGITS - Decimal128Limbs.MAX_INPUT_DIGITS);
      }
      if (product.compareTo(x.multiply(y)) != 0 || sum.compareTo(x.add(y)) != 0) {
        rounded++;
      }
      if (product.unscaledValue().equals(BigInteger.TEN.pow(33)) && x.multiply(y).precision() > 34
          || sum.unscaledValue().equals(BigInteger.TEN.pow(33)) && x.add(y).precision() > 34) {
        roundedUpToTenPow34++;
      }
    }
    // The operands reach the rounding paths, not only exact results.
    assertThat(rounded).isGreaterThan(30_000);
    assertThat(roundedUpToTenPow34).isGreaterThan(500);
  }

  @Test
  void runningSumsOfProductsEqualBigDecimals() {
    SplittableRandom random = new SplittableRandom(16);
    for (int run = 0; run < 2_000; run++) {
      BigDecimal botWeight = operand(random);
      BigDecimal expected = null;
      Decimal128Limbs sum = new Decimal128Limbs();
      Decimal128Limbs product = new Decimal128Limbs();
      for (int i = 0; i < 50; i++) {
        BigDecimal a =
            random.nextInt(4) == 0
                ? operand(random)
                : BigDecimal.valueOf(random.nextInt(1, 100), 3);
        BigDecimal p = botWeight.multiply(a, MC);
        product.setProduct(limbs(botWeight), limbs(a));
        if (expected == null) {
          expected = p;
          sum.set(product);
        } else {
          expected = expected.add(p, MC);
          if (!sum.add(product)) {
            sum = limbs(expected);
          }
        }
        assertThat(sum.toBigDecimal()).isEqualTo(expected);
      }
    }
  }

  @Test
  void roundsHalfEvenAndRoundsUpToTenPow33AScaleLower() {
    Decimal128Limbs tie = new Decimal128Limbs();
    // 35 digits ending in 5: 1...5 keeps the even 1...2 or goes up from the odd 1...3.
    tie.setProduct(limbs(d("1234567890123456789012345678901232.5")), limbs(BigDecimal.ONE));
    assertThat(tie.toBigDecimal()).isEqualTo(d("1234567890123456789012345678901232.5").round(MC));
    Decimal128Limbs nines = limbs(d("9999999999999999999999999999999999"));
    assertThat(nines.add(limbs(d("0.5")))).isTrue();
    assertThat(nines.toBigDecimal()).isEqualTo(d("1.000000000000000000000000000000000E+34"));
    assertThat(nines.toBigDecimal().scale()).isEqualTo(-1);
  }

  @Test
  void aSumWhoseSmallerPartIsDroppedRoundsHalfEven() {
    // 34 digits plus a value a scale or two lower: the digits of the lower one that fall off.
    String even = "1234567890123456789012345678901234";
    String odd = "1234567890123456789012345678901233";
    String[][] cases = {
      {even, "0.5"},
      {odd, "0.5"},
      {even, "0.51"},
      {even, "0.49"},
      {odd, "0.05"},
      {even, "0.95"},
      {"9999999999999999999999999999999999", "0.95"},
      {"9999999999999999999999999999999999", "0.49"},
      {"9999999999999999999999999999999998", "1.5"},
      {even, "0.000000005"},
      {odd, "0.000000005"}
    };
    for (String[] c : cases) {
      BigDecimal x = d(c[0]);
      BigDecimal y = d(c[1]);
      Decimal128Limbs sum = limbs(x);
      assertThat(sum.add(limbs(y))).isTrue();
      assertThat(sum.toBigDecimal()).as("%s + %s", x, y).isEqualTo(x.add(y, MC));
    }
  }

  @Test
  void smallValuesAtOneScaleAddWithTheirCarries() {
    String[][] cases = {
      {"0.002", "0.002"}, {"0.999999999", "0.000000001"}, {"999999999999999999", "1"},
      {"999999999999999999", "999999999999999999"}, {"0", "0.000"}, {"123456789", "876543211"},
      {"0.000", "0"}
    };
    for (String[] c : cases) {
      BigDecimal x = d(c[0]);
      BigDecimal y = d(c[1]);
      Decimal128Limbs sum = limbs(x);
      assertThat(sum.add(limbs(y))).isTrue();
      assertThat(sum.toBigDecimal()).as("%s + %s", x, y).isEqualTo(x.add(y, MC));
    }
  }

  @Test
  void refusesWhatItCannotHoldAndLeavesItselfUnchanged() {
    Decimal128Limbs limbs = limbs(d("0.25"));
    assertThat(limbs.set(d("-0.25"))).as("negative").isFalse();
    assertThat(limbs.set(new BigDecimal(BigInteger.TEN.pow(36), 0))).as("37 digits").isFalse();
    assertThat(limbs.set(BigDecimal.valueOf(1, 1_000_001))).as("scale").isFalse();
    assertThat(limbs.set(BigDecimal.valueOf(1, -1_000_001))).as("negative scale").isFalse();
    assertThat(limbs.toBigDecimal()).isEqualTo(d("0.25"));

    // 0.25 + 1E-81: 0.25 aligned to the scale 81 has 81 digits, which fits; one more does not.
    assertThat(limbs.add(limbs(d("1E-81")))).isTrue();
    assertThat(limbs.toBigDecimal()).isEqualTo(d("0.25").add(d("1E-81"), MC));
    Decimal128Limbs quarter = limbs(d("0.25"));
    assertThat(quarter.add(limbs(d("1E-82")))).isFalse();
    assertThat(quarter.toBigDecimal()).isEqualTo(d("0.25"));
    Decimal128Limbs big = limbs(d("25E+81"));
    assertThat(big.add(limbs(d("1")))).isFalse();
    assertThat(big.toBigDecimal()).isEqualTo(d("25E+81"));
    Decimal128Limbs tiny = limbs(d("1E-82"));
    assertThat(tiny.add(limbs(d("0.25")))).isFalse();
    assertThat(tiny.toBigDecimal()).isEqualTo(d("1E-82"));
  }
}
