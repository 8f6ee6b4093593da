/**
 * The double-entry money ledger: the {@link dev.speedtrade.ledger.Ledger} SPI, its values and result
 * codes, and {@link dev.speedtrade.ledger.InMemoryLedger}. Modelled on TigerBeetle: accounts with four
 * balances in {@code long} minor units, transfers with idempotent ids, two-phase (pending, post, void)
 * transfers with timeouts, linked all-or-nothing chains, and balance limits.
 *
 * <p>{@link dev.speedtrade.ledger.LedgerRules} holds every rule of the contract over a {@link
 * dev.speedtrade.ledger.LedgerTransaction}, so that every implementation (in memory, JDBC, a host's
 * own) answers exactly the same codes.
 */
@NullMarked
package dev.speedtrade.ledger;

import org.jspecify.annotations.NullMarked;
