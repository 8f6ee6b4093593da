package dev.speedtrade.risk;

import org.jspecify.annotations.Nullable;

/**
 * One pre-trade check. Checks run in the contract's order and each may assume the ones before it
 * passed (an instrument exists after check 2, exactly one valid amount after check 4, the prices
 * the type needs after check 8).
 */
interface RiskCheck {
  /** Returns why the order fails this check, or null when it passes. */
  @Nullable RiskCode failure(RiskContext ctx);
}
