package dev.speedtrade.risk;

import org.jspecify.annotations.Nullable;

/**
 * Check 20, {@link RiskCode#RATE_LIMITED}: fewer submits than the rate limit allows were sent in
 * its window. Only submits are checked, never a replace.
 */
final class RateLimitCheck implements RiskCheck {
  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    RateLimit limit = ctx.limits().rateLimit();
    if (ctx.replace() || limit == null) {
      return null;
    }
    return ctx.recentSubmits() >= limit.orders() ? RiskCode.RATE_LIMITED : null;
  }
}
