/**
 * What an implementor of the order service's storage needs: {@link
 * dev.speedtrade.oms.spi.OrderStore}, which runs work on one client account's {@link
 * dev.speedtrade.oms.spi.AccountBook} at a time, the outbox entries a book keeps until their ledger
 * postings are made, and {@link dev.speedtrade.oms.spi.InMemoryOrderStore}.
 */
@NullMarked
package dev.speedtrade.oms.spi;

import org.jspecify.annotations.NullMarked;
