package dev.speedtrade.risk;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Check 15, {@link RiskCode#MAX_ORDER_QTY_EXCEEDED}: a qty order asks at most the account's maximum
 * order qty.
 */
final class OrderQtyLimitCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    BigDecimal max = ctx.limits().maxOrderQty();
    BigDecimal qty = ctx.order().qty();
    return max != null && qty != null && qty.compareTo(max) > 0
        ? RiskCode.MAX_ORDER_QTY_EXCEEDED
        : null;
  }
}
