package dev.speedtrade.risk;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import org.jspecify.annotations.Nullable;

/**
 * Check 12, {@link RiskCode#MARKET_CLOSED}: a us_equity order of type market or time in force ioc
 * or fok needs the market open.
 */
final class MarketHoursCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    if (ctx.marketOpen() || ctx.known().assetClass() != AssetClass.US_EQUITY) {
      return null;
    }
    ProposedOrder order = ctx.order();
    boolean needsOpen =
        order.type() == OrderType.MARKET
            || order.timeInForce() == TimeInForce.IOC
            || order.timeInForce() == TimeInForce.FOK;
    return needsOpen ? RiskCode.MARKET_CLOSED : null;
  }
}
