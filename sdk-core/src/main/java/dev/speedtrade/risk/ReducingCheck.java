package dev.speedtrade.risk;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Check 11, {@link RiskCode#TRADING_REDUCING}: while reducing, an order may only reduce the
 * position: no notional order, no buy with {@code p + openBuy + qty > 0}, no sell with {@code p -
 * openSell - qty < 0}.
 */
final class ReducingCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    if (ctx.state() != TradingState.REDUCING) {
      return null;
    }
    ProposedOrder order = ctx.order();
    BigDecimal qty = order.qty();
    if (qty == null) {
      return RiskCode.TRADING_REDUCING;
    }
    BigDecimal after =
        order.isBuy()
            ? ctx.positionQty().add(ctx.openBuy()).add(qty)
            : ctx.positionQty().subtract(ctx.openSell()).subtract(qty).negate();
    return after.signum() > 0 ? RiskCode.TRADING_REDUCING : null;
  }
}
