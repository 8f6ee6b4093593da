/**
 * The daily rebalance: bot investments, trading settings, today's allocations, and the {@link
 * dev.speedtrade.rebalance.TradePlanner} that merges them by investment, applies the account-wide
 * rules and turns the result into orders. The contract is {@code docs/rebalance.md}.
 *
 * <p>All arithmetic on weights and dollars is {@link java.math.BigDecimal} in {@link
 * java.math.MathContext#DECIMAL128}; no value here is a floating-point number.
 */
@NullMarked
package dev.speedtrade.rebalance;

import org.jspecify.annotations.NullMarked;
