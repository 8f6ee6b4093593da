package dev.speedtrade.rebalance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Step 4 of the contract, {@code c(s) = Σ_bots w × a(s)} summed in investment order, every product
 * and every sum rounded to {@link MathContext#DECIMAL128}: the same values, scales included, as
 * {@code c = c.add(w.multiply(a, DECIMAL128), DECIMAL128)} in {@code BigDecimal}, a symbol's first
 * product taken as it is. Each operation runs in {@link Decimal128Limbs} when its operands fit
 * there (non-negative, at most 36 digits, a scale within ±1,000,000, operands that align within 81
 * digits) and in {@code BigDecimal} otherwise, one operation at a time. Not thread-safe; one per
 * plan.
 */
final class WeightMerge {
  private static final MathContext MC = MathContext.DECIMAL128;

  private final Map<String, Decimal128Sum> sums = new HashMap<>();
  private final Decimal128Limbs botWeight = new Decimal128Limbs();
  private final Decimal128Limbs weight = new Decimal128Limbs();
  private final Decimal128Limbs product = new Decimal128Limbs();

  /** Adds {@code botWeight × a(s)} to each symbol's sum, {@code CASH} left out. */
  void add(BigDecimal botWeightValue, Map<String, BigDecimal> allocation) {
    boolean botWeightFits = botWeight.set(botWeightValue);
    for (Map.Entry<String, BigDecimal> entry : allocation.entrySet()) {
      String symbol = entry.getKey();
      if (!symbol.equals(PlanSymbols.CASH)) {
        add(symbol, botWeightValue, botWeightFits, entry.getValue());
      }
    }
  }

  private void add(String symbol, BigDecimal botWeightValue, boolean botWeightFits, BigDecimal a) {
    BigDecimal bigProduct = null;
    if (!(botWeightFits && weight.set(a))) {
      bigProduct = botWeightValue.multiply(a, MC);
    } else {
      product.setProduct(botWeight, weight);
    }
    Decimal128Sum sum = sums.get(symbol);
    if (sum == null) {
      sums.put(
          symbol, bigProduct == null ? new Decimal128Sum(product) : new Decimal128Sum(bigProduct));
    } else if (bigProduct == null) {
      sum.add(product);
    } else {
      sum.add(bigProduct, weight);
    }
  }

  /** Returns each symbol's sum, sorted by symbol. */
  SortedMap<String, BigDecimal> result() {
    SortedMap<String, BigDecimal> merged = new TreeMap<>();
    sums.forEach((symbol, sum) -> merged.put(symbol, sum.value()));
    return merged;
  }
}
