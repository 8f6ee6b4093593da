package dev.speedtrade.risk;

import org.jspecify.annotations.Nullable;

/** Check 14, {@link RiskCode#SYMBOL_BLOCKED}: the symbol is not blocked for the account. */
final class BlockedSymbolCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    return ctx.limits().blockedSymbols().contains(ctx.order().symbol())
        ? RiskCode.SYMBOL_BLOCKED
        : null;
  }
}
