package dev.speedtrade.oms;

import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The market facts the order service reads: each symbol's instrument with its current mark, and
 * whether the us_equity market is open. Time comes from the service's clock. Implementations are
 * thread-safe; a platform one sits on the venue's assets, market data and clock, a scripted one is
 * set by hand ({@link InMemoryMarket}).
 */
public interface MarketView {

  /** Returns the instrument {@code symbol} names (case-sensitive), with its mark now, if any. */
  Optional<Instrument> instrument(String symbol);

  /** Returns true while the us_equity market is open. */
  boolean isOpen();

  /**
   * Returns {@code symbol}'s close of the previous trading day, when known: what a portfolio's day
   * P&amp;L is measured against. Unknown by default.
   */
  default Optional<BigDecimal> previousClose(String symbol) {
    return Optional.empty();
  }
}
