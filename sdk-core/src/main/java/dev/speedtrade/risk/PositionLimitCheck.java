package dev.speedtrade.risk;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Check 17, {@link RiskCode#MAX_POSITION_EXCEEDED}: a qty buy keeps {@code p + openBuy + qty}, a
 * sell {@code openSell + qty - p}, at most the account's maximum position.
 */
final class PositionLimitCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    BigDecimal max = ctx.limits().maxPositionQty();
    BigDecimal qty = ctx.order().qty();
    if (max == null || qty == null) {
      return null;
    }
    BigDecimal reach =
        ctx.order().isBuy()
            ? ctx.positionQty().add(ctx.openBuy()).add(qty)
            : ctx.openSell().add(qty).subtract(ctx.positionQty());
    return reach.compareTo(max) > 0 ? RiskCode.MAX_POSITION_EXCEEDED : null;
  }
}
