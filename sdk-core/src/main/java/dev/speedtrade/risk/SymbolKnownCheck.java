package dev.speedtrade.risk;

import org.jspecify.annotations.Nullable;

/** Check 2, {@link RiskCode#UNKNOWN_SYMBOL}: the symbol names an instrument. */
final class SymbolKnownCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    return ctx.instrument() == null ? RiskCode.UNKNOWN_SYMBOL : null;
  }
}
