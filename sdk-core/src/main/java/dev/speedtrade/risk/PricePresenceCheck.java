package dev.speedtrade.risk;

import org.jspecify.annotations.Nullable;

/**
 * Check 8, {@link RiskCode#PRICE_REQUIRED} / {@link RiskCode#PRICE_NOT_ALLOWED}: the limit price is
 * given exactly for limit and stop_limit; then the stop price exactly for stop and stop_limit.
 */
final class PricePresenceCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    ProposedOrder order = ctx.order();
    RiskCode limit = presence(order.type().hasLimitPrice(), order.limitPrice() != null);
    return limit != null ? limit : presence(order.type().hasStopPrice(), order.stopPrice() != null);
  }

  private static @Nullable RiskCode presence(boolean needed, boolean given) {
    if (needed && !given) {
      return RiskCode.PRICE_REQUIRED;
    }
    return !needed && given ? RiskCode.PRICE_NOT_ALLOWED : null;
  }
}
