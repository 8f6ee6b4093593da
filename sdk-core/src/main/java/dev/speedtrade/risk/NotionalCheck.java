package dev.speedtrade.risk;

import dev.speedtrade.broker.OrderType;
import org.jspecify.annotations.Nullable;

/** Check 5, {@link RiskCode#NOTIONAL_NOT_ALLOWED}: a notional order is a market buy. */
final class NotionalCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    ProposedOrder order = ctx.order();
    if (order.notional() != null && (!order.isBuy() || order.type() != OrderType.MARKET)) {
      return RiskCode.NOTIONAL_NOT_ALLOWED;
    }
    return null;
  }
}
