package dev.speedtrade.risk;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Check 18, {@link RiskCode#INSUFFICIENT_POSITION}: a sell on an instrument that is not shortable
 * asks at most {@code p - openSell}.
 */
final class PositionAvailableCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    BigDecimal qty = ctx.order().qty();
    if (ctx.order().isBuy() || qty == null || ctx.known().shortable()) {
      return null;
    }
    BigDecimal available = ctx.positionQty().subtract(ctx.openSell());
    return qty.compareTo(available) > 0 ? RiskCode.INSUFFICIENT_POSITION : null;
  }
}
