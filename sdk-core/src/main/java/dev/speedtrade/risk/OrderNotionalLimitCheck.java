package dev.speedtrade.risk;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Check 16, {@link RiskCode#MAX_ORDER_NOTIONAL_EXCEEDED}: the order's value (its notional, or its
 * qty x its limit price, else its stop price, else the mark; exact) is at most the account's
 * maximum order notional.
 */
final class OrderNotionalLimitCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    BigDecimal max = ctx.limits().maxOrderNotional();
    if (max == null) {
      return null;
    }
    return value(ctx).compareTo(max) > 0 ? RiskCode.MAX_ORDER_NOTIONAL_EXCEEDED : null;
  }

  private static BigDecimal value(RiskContext ctx) {
    ProposedOrder order = ctx.order();
    BigDecimal notional = order.notional();
    if (notional != null) {
      return notional;
    }
    BigDecimal price = order.limitPrice();
    if (price == null) {
      price = order.stopPrice();
    }
    if (price == null) {
      price = ctx.known().mark();
    }
    return Arguments.notNull(order.qty(), "qty").multiply(price);
  }
}
