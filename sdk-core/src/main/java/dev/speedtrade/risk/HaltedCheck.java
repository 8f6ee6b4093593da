package dev.speedtrade.risk;

import org.jspecify.annotations.Nullable;

/** Check 1, {@link RiskCode#TRADING_HALTED}: the effective state is halted. */
final class HaltedCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    return ctx.state() == TradingState.HALTED ? RiskCode.TRADING_HALTED : null;
  }
}
