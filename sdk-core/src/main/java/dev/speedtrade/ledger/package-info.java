/**
 * The double-entry money ledger as a host uses it: the {@link dev.speedtrade.ledger.Ledger}
 * interface, its values and result codes, and {@link dev.speedtrade.ledger.InMemoryLedger}.
 * Modelled on TigerBeetle: accounts with four balances in {@code long} minor units, transfers with
 * idempotent ids, two-phase (pending, post, void) transfers with timeouts, linked all-or-nothing
 * chains, and balance limits. {@link dev.speedtrade.money.Money} overloads sit on top of the minor
 * units.
 *
 * <p>What only an implementor of {@code Ledger} needs (the rules every implementation applies, so
 * that all answer the same codes) is in {@link dev.speedtrade.ledger.spi}.
 */
@NullMarked
package dev.speedtrade.ledger;

import org.jspecify.annotations.NullMarked;
