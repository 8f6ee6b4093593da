/**
 * Pre-trade risk of the omnibus order service: the twenty checks of {@code docs/orders-contract.md}
 * in their order ({@link dev.speedtrade.risk.PreTradeRisk}), the limits of each client account
 * ({@link dev.speedtrade.risk.RiskLimits}), the trading state of the platform and of each account
 * with its history ({@link dev.speedtrade.risk.RiskControls}, the kill switch), and the reserve an
 * order holds ({@link dev.speedtrade.risk.Reserve}).
 *
 * <p>This package knows nothing of orders as the order service keeps them: a check reads one {@link
 * dev.speedtrade.risk.RiskContext}, which the order service fills in. All arithmetic is exact
 * {@link java.math.BigDecimal}; the only rounding is the reserve's, up to cents.
 */
@NullMarked
package dev.speedtrade.risk;

import org.jspecify.annotations.NullMarked;
