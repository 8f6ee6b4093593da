/**
 * What only an implementor of {@link dev.speedtrade.ledger.Ledger} needs: {@link
 * dev.speedtrade.ledger.spi.LedgerRules}, every rule of the contract with its result codes and
 * their precedence, applied to a {@link dev.speedtrade.ledger.spi.LedgerTransaction} that the
 * implementation supplies over its store; and {@link dev.speedtrade.ledger.spi.UndoLog}, for a
 * transaction kept in memory to roll back a linked chain. A host application never needs this
 * package: it calls a {@code Ledger}.
 *
 * <p>An implementation that applies these rules answers every call with the same codes as {@code
 * InMemoryLedger} and the JDBC ledger; sdk-testkit's {@code LedgerContract} proves it.
 */
@NullMarked
package dev.speedtrade.ledger.spi;

import org.jspecify.annotations.NullMarked;
