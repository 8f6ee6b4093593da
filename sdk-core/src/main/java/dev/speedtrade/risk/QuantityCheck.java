package dev.speedtrade.risk;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Check 4, {@link RiskCode#INVALID_QTY}: exactly one of qty (> 0, at most 9 decimals) and notional
 * (> 0, at most 2 decimals).
 */
final class QuantityCheck implements RiskCheck {
  private static final int MAX_QTY_DECIMALS = 9;
  private static final int MAX_NOTIONAL_DECIMALS = 2;

  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    BigDecimal qty = ctx.order().qty();
    BigDecimal notional = ctx.order().notional();
    if ((qty == null) == (notional == null)) {
      return RiskCode.INVALID_QTY;
    }
    if (qty != null && (qty.signum() <= 0 || ProposedOrder.decimals(qty) > MAX_QTY_DECIMALS)) {
      return RiskCode.INVALID_QTY;
    }
    if (notional != null
        && (notional.signum() <= 0 || ProposedOrder.decimals(notional) > MAX_NOTIONAL_DECIMALS)) {
      return RiskCode.INVALID_QTY;
    }
    return null;
  }
}
