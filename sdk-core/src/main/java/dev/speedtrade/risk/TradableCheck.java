package dev.speedtrade.risk;

import org.jspecify.annotations.Nullable;

/** Check 3, {@link RiskCode#NOT_TRADABLE}: the instrument is tradable. */
final class TradableCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    return ctx.known().tradable() ? null : RiskCode.NOT_TRADABLE;
  }
}
