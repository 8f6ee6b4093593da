package dev.speedtrade.risk;

import org.jspecify.annotations.Nullable;

/**
 * Check 6, {@link RiskCode#NOT_FRACTIONABLE}: a fractional order needs a fractionable instrument.
 */
final class FractionableCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    return ctx.order().isFractional() && !ctx.known().fractionable()
        ? RiskCode.NOT_FRACTIONABLE
        : null;
  }
}
