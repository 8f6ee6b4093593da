package dev.speedtrade.risk;

import java.math.BigDecimal;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Check 9, {@link RiskCode#INVALID_PRICE}: every given price is positive. */
final class PriceSignCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    ProposedOrder order = ctx.order();
    for (BigDecimal price : Arrays.asList(order.limitPrice(), order.stopPrice())) {
      if (price != null && price.signum() <= 0) {
        return RiskCode.INVALID_PRICE;
      }
    }
    return null;
  }
}
