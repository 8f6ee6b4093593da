package dev.speedtrade.rebalance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Step 4 of the contract, {@code c(s) = Σ_bots w × a(s)} summed in investment order, every product
 * and every sum rounded to {@link MathContext#DECIMAL128}: the same values, scales included, as
 * {@code c = c.add(w.multiply(a, DECIMAL128), DECIMAL128)} in {@code BigDecimal}, which is what
 * {@link TradePlanner#merge} computed before. Each operation runs in {@link Decimal128Limbs} when
 * its operands fit there (non-negative, at most 36 digits, operands that align within 81 digits)
 * and in {@code BigDecimal} otherwise, one operation at a time. Not thread-safe; one per plan.
 */
final class WeightMerge {
  private static final MathContext MC = MathContext.DECIMAL128;

  private final Map<String, Sum> sums = new HashMap<>();
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
    boolean productFits = botWeightFits && weight.set(a);
    if (productFits) {
      product.setProduct(botWeight, weight);
    } else {
      bigProduct = botWeightValue.multiply(a, MC);
      productFits = product.set(bigProduct);
    }
    Sum sum = sums.get(symbol);
    if (sum == null) {
      sum = new Sum();
      sums.put(symbol, sum);
      if (productFits) {
        sum.limbs.set(product);
      } else {
        sum.big = bigProduct;
      }
      return;
    }
    if (sum.big == null && productFits && sum.limbs.add(product)) {
      return;
    }
    BigDecimal next = sum.value().add(bigProduct != null ? bigProduct : product.toBigDecimal(), MC);
    if (sum.limbs.set(next)) {
      sum.big = null;
    } else {
      sum.big = next;
    }
  }

  /** Returns each symbol's sum, sorted by symbol. */
  SortedMap<String, BigDecimal> result() {
    SortedMap<String, BigDecimal> merged = new TreeMap<>();
    sums.forEach((symbol, sum) -> merged.put(symbol, sum.value()));
    return merged;
  }

  /** One symbol's running sum: in limbs, or in {@code big} when it does not fit there. */
  private static final class Sum {
    final Decimal128Limbs limbs = new Decimal128Limbs();
    @Nullable BigDecimal big;

    BigDecimal value() {
      BigDecimal value = big;
      return value != null ? value : limbs.toBigDecimal();
    }
  }
}
