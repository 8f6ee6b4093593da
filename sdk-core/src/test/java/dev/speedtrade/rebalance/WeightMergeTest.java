package dev.speedtrade.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Step 4 through {@link WeightMerge} against the contract's plain {@code BigDecimal} arithmetic,
 * value and scale, on seeded random bots, and on the inputs that make it fall back.
 */
class WeightMergeTest {
  private static final MathContext MC = MathContext.DECIMAL128;

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  /** The contract's step 4 as written: every product and sum rounded to DECIMAL128. */
  static SortedMap<String, BigDecimal> mergeBySpec(
      List<BigDecimal> botWeights, List<Map<String, BigDecimal>> allocations) {
    Map<String, BigDecimal> merged = new HashMap<>();
    for (int i = 0; i < allocations.size(); i++) {
      BigDecimal botWeight = botWeights.get(i);
      allocations
          .get(i)
          .forEach(
              (symbol, weight) -> {
                if (!symbol.equals(PlanSymbols.CASH)) {
                  merged.merge(symbol, botWeight.multiply(weight, MC), (a, b) -> a.add(b, MC));
                }
              });
    }
    return new TreeMap<>(merged);
  }

  private static void assertSameAsSpec(
      List<BigDecimal> botWeights, List<Map<String, BigDecimal>> allocations) {
    SortedMap<String, BigDecimal> expected = mergeBySpec(botWeights, allocations);
    SortedMap<String, BigDecimal> actual = TradePlanner.merge(botWeights, allocations);
    // equals on BigDecimal compares the scale too: the plan exposes it.
    assertThat(actual).containsExactlyEntriesOf(expected);
  }

  @Test
  void mergesLikeTheSpecOnRandomBotsOfOneHundredThousandWeightsInAll() {
    SplittableRandom random = new SplittableRandom(4);
    int weights = 0;
    while (weights < 100_000) {
      int bots = random.nextInt(1, 30);
      int universe = random.nextInt(1, 60);
      List<BigDecimal> botWeights = new ArrayList<>();
      List<Map<String, BigDecimal>> allocations = new ArrayList<>();
      for (int bot = 0; bot < bots; bot++) {
        botWeights.add(botWeight(random));
        Map<String, BigDecimal> allocation = new LinkedHashMap<>();
        int count = random.nextInt(0, universe + 1);
        for (int i = 0; i < count; i++) {
          String symbol =
              random.nextInt(20) == 0 ? PlanSymbols.CASH : "S" + random.nextInt(universe);
          allocation.put(symbol, allocationWeight(random));
          weights++;
        }
        allocations.add(allocation);
      }
      assertSameAsSpec(botWeights, allocations);
    }
  }

  /** Bot weights as step 2 makes them: amount / V, amount / 100, normalized, or an edge case. */
  private static BigDecimal botWeight(SplittableRandom random) {
    switch (random.nextInt(6)) {
      case 0:
        return BigDecimal.valueOf(random.nextInt(1, 100_000))
            .divide(BigDecimal.valueOf(random.nextInt(100_000, 2_000_000)), MC);
      case 1:
        return BigDecimal.valueOf(random.nextInt(1, 100)).divide(BigDecimal.valueOf(100), MC);
      case 2:
        return BigDecimal.ZERO;
      case 3:
        return Decimal128LimbsTest.operand(random);
      case 4:
        return BigDecimal.ONE
            .divide(BigDecimal.valueOf(random.nextInt(1, 1000)), MC)
            .divide(BigDecimal.valueOf(random.nextInt(1, 10)).add(BigDecimal.valueOf(3, 1)), MC);
      default:
        return BigDecimal.valueOf(random.nextInt(1, 30_000)).divide(new BigDecimal("1500000"), MC);
    }
  }

  /** Allocation weights as bots give them, or an edge case (negative and huge ones included). */
  private static BigDecimal allocationWeight(SplittableRandom random) {
    switch (random.nextInt(8)) {
      case 0:
        return BigDecimal.ONE.divide(BigDecimal.valueOf(random.nextInt(1, 600)), MC);
      case 1:
        return Decimal128LimbsTest.operand(random);
      case 2:
        return BigDecimal.valueOf(random.nextInt(-5, 0), random.nextInt(0, 4));
      case 3:
        // 60 digits: more than the limbs take.
        return d("0.123456789012345678901234567890123456789012345678901234567891");
      case 4:
        return BigDecimal.valueOf(1, random.nextInt(-1_000_010, -999_990));
      default:
        return BigDecimal.valueOf(random.nextInt(0, 1000), random.nextInt(1, 5));
    }
  }

  @Test
  void fallsBackToBigDecimalForWhatTheLimbsCannotHold() {
    List<BigDecimal> botWeights = List.of(d("0.5"), d("0.3333333333333333333333333333333333"));
    // A negative weight (the planner fails such a bot first, but the merge keeps the arithmetic),
    // 60 digits, a scale beyond the limbs' bound, and sums whose operands do not align in 81
    // digits.
    Map<String, BigDecimal> first = new LinkedHashMap<>();
    first.put("NEG", d("-0.25"));
    first.put("LONG", d("0.123456789012345678901234567890123456789012345678901234567891"));
    first.put("SCALE", BigDecimal.valueOf(3, 1_000_001));
    first.put("WIDE", d("1E-80"));
    first.put("CASH", d("0.1"));
    Map<String, BigDecimal> second = new LinkedHashMap<>();
    second.put("NEG", d("0.75"));
    second.put("LONG", d("0.2"));
    second.put("SCALE", d("0.2"));
    second.put("WIDE", d("1E+10"));
    second.put("FAST", d("0.002"));

    assertSameAsSpec(botWeights, List.of(first, second));
    assertThat(TradePlanner.merge(botWeights, List.of(first, second))).doesNotContainKey("CASH");
  }

  @Test
  void aSumHeldAsBigDecimalReturnsToLimbsWhenItFitsAgain() {
    List<BigDecimal> botWeights = List.of(d("1"), d("1"), d("0.5"));
    List<Map<String, BigDecimal>> allocations =
        List.of(Map.of("S", d("-0.25")), Map.of("S", d("0.5")), Map.of("S", d("0.125")));

    assertSameAsSpec(botWeights, allocations);
    assertThat(TradePlanner.merge(botWeights, allocations).get("S")).isEqualTo(d("0.3125"));
  }
}
