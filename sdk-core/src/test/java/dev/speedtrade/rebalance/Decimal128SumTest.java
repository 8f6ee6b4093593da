package dev.speedtrade.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Decimal128Sum} against {@code sum = sum.add(x, DECIMAL128)} from zero, value and scale, as
 * step 3 sums a bot's weights: seeded random addends, negative and over-long ones included.
 */
class Decimal128SumTest {
  private static final MathContext MC = MathContext.DECIMAL128;

  private static BigDecimal addend(SplittableRandom random) {
    switch (random.nextInt(10)) {
      case 0:
        return BigDecimal.valueOf(-random.nextInt(1, 1000), random.nextInt(0, 5));
      case 1:
        return new BigDecimal("0.123456789012345678901234567890123456789012345678901234567891");
      case 2:
        return BigDecimal.valueOf(1, random.nextInt(-1_000_010, -999_990));
      case 3:
      case 4:
        return Decimal128LimbsTest.operand(random);
      default:
        return BigDecimal.valueOf(random.nextInt(0, 1000), random.nextInt(1, 5));
    }
  }

  @Test
  void sumsLikeBigDecimalFromZeroOnRandomAddends() {
    SplittableRandom random = new SplittableRandom(3);
    Decimal128Limbs scratch = new Decimal128Limbs();
    for (int run = 0; run < 2_000; run++) {
      BigDecimal expected = BigDecimal.ZERO;
      Decimal128Sum sum = new Decimal128Sum(BigDecimal.ZERO);
      for (int i = 0; i < 50; i++) {
        BigDecimal addend = addend(random);
        expected = expected.add(addend, MC);
        sum.add(addend, scratch);
        assertThat(sum.value()).isEqualTo(expected);
      }
    }
  }

  @Test
  void startsFromItsFirstValueAsItIs() {
    // Unlike ZERO.add(1E+1, DECIMAL128), which is 10: the merge keeps a symbol's first product.
    assertThat(new Decimal128Sum(new BigDecimal("1E+1")).value()).isEqualTo(new BigDecimal("1E+1"));
    BigDecimal long37 = new BigDecimal("1234567890123456789012345678901234567");
    assertThat(new Decimal128Sum(long37).value()).isEqualTo(long37);
  }

  @Test
  void anOverAllocatedBotNamesTheSumBigDecimalWouldGive() {
    BigDecimal third = BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC);
    PlanInput input =
        PlanInput.builder(new BigDecimal("1000"))
            .investments(java.util.List.of(BotInvestment.percent("bot", new BigDecimal("100"))))
            .allocations(
                java.util.Map.of(
                    "bot",
                    Allocation.of(
                        java.util.List.of(
                            new SymbolWeight("A", third),
                            new SymbolWeight("B", third),
                            new SymbolWeight("C", third),
                            new SymbolWeight("D", new BigDecimal("0.000002"))))))
            .build();

    TradePlan plan = TradePlanner.plan(input);

    BigDecimal expected = BigDecimal.ZERO;
    for (BigDecimal w : new BigDecimal[] {third, third, third, new BigDecimal("0.000002")}) {
      expected = expected.add(w, MC);
    }
    assertThat(plan.warnings())
        .containsExactly(
            new PlanWarning(
                WarningCode.BOT_FAILED,
                "bot: weights sum to " + expected.toPlainString() + ", above 1.000001"));
  }
}
