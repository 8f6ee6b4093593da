package dev.speedtrade.risk;

import dev.speedtrade.broker.AssetClass;
import java.math.BigDecimal;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Check 10, {@link RiskCode#INVALID_TICK}: a us_equity price of 1 or more has at most 2 decimals,
 * one below 1 at most 4.
 */
final class TickCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    if (ctx.known().assetClass() != AssetClass.US_EQUITY) {
      return null;
    }
    ProposedOrder order = ctx.order();
    for (BigDecimal price : Arrays.asList(order.limitPrice(), order.stopPrice())) {
      if (price != null) {
        int allowed = price.compareTo(BigDecimal.ONE) >= 0 ? 2 : 4;
        if (ProposedOrder.decimals(price) > allowed) {
          return RiskCode.INVALID_TICK;
        }
      }
    }
    return null;
  }
}
