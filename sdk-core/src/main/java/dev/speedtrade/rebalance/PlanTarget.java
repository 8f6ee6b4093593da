package dev.speedtrade.rebalance;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One symbol the plan targets or the account holds, and what the plan makes of it.
 *
 * @param symbol the symbol
 * @param weight its final weight (after netting and the cap); zero for a held symbol not targeted
 * @param dollars the target value: weight times the investable value, rounded half-even to cents;
 *     zero for a held symbol not targeted
 * @param price the reference price, or null when the symbol has none
 * @param priceSource where the price came from, or null with it
 * @param currentQty the quantity held now (zero when not held; negative for a short)
 * @param targetQty the whole shares the target buys (zero for an exit), or null when the symbol is
 *     not traded for want of a price or because it is short
 */
public record PlanTarget(
    String symbol,
    BigDecimal weight,
    BigDecimal dollars,
    @Nullable BigDecimal price,
    @Nullable PriceSource priceSource,
    BigDecimal currentQty,
    @Nullable BigDecimal targetQty) {

  /** Checks that the required fields are present. */
  public PlanTarget {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(weight, "weight");
    Objects.requireNonNull(dollars, "dollars");
    Objects.requireNonNull(currentQty, "currentQty");
  }
}
