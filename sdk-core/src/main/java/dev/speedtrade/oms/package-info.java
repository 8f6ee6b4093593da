/**
 * The omnibus order service: each client account's orders and their state machine, fills, positions
 * with average-cost P&amp;L, and cash and buying power kept in the {@link
 * dev.speedtrade.ledger.Ledger}. The contract is {@code docs/orders-contract.md}; {@link
 * dev.speedtrade.oms.OrderService} is the package's facade, {@link dev.speedtrade.oms.VenueEvents}
 * what the venue answers. Pre-trade risk is {@link dev.speedtrade.risk}; what only a store
 * implementor needs is in {@link dev.speedtrade.oms.spi}.
 *
 * <p>Arithmetic is exact {@link java.math.BigDecimal}; amounts of money are USD at 2 decimals, and
 * the only roundings are those the contract names (each says its mode and scale).
 */
@NullMarked
package dev.speedtrade.oms;

import org.jspecify.annotations.NullMarked;
