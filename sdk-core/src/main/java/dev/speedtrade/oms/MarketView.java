package dev.speedtrade.oms;

import dev.speedtrade.risk.Instrument;
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
}
