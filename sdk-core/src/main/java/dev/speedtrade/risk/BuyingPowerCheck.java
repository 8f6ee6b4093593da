package dev.speedtrade.risk;

import org.jspecify.annotations.Nullable;

/**
 * Check 19, {@link RiskCode#INSUFFICIENT_BUYING_POWER}: a buy reserves at most the buying power;
 * sells are not checked.
 */
final class BuyingPowerCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    return ctx.order().isBuy() && ctx.reserve().compareTo(ctx.buyingPower()) > 0
        ? RiskCode.INSUFFICIENT_BUYING_POWER
        : null;
  }
}
