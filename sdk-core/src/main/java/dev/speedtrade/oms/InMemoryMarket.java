package dev.speedtrade.oms;

import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link MarketView} set by hand: for scripts, tests and demos. Thread-safe; each change is
 * visible to every read that starts after it.
 */
public final class InMemoryMarket implements MarketView {
  private final ConcurrentMap<String, Instrument> instruments = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, BigDecimal> previousCloses = new ConcurrentHashMap<>();
  private volatile boolean open;

  /** Creates a market with no instrument, open when {@code open}. */
  public InMemoryMarket(boolean open) {
    this.open = open;
  }

  /** Adds {@code instrument}, or replaces the one with its symbol. */
  public void put(Instrument instrument) {
    Args.notNull(instrument, "instrument");
    instruments.put(instrument.symbol(), instrument);
  }

  /**
   * Sets {@code symbol}'s mark; returns false (changing nothing) when no instrument has that
   * symbol.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a price that is null or not positive
   */
  public boolean mark(String symbol, BigDecimal price) {
    Args.notNull(symbol, "symbol");
    Args.notNull(price, "price");
    return instruments.computeIfPresent(symbol, (s, instrument) -> instrument.withMark(price))
        != null;
  }

  /**
   * Sets {@code symbol}'s close of the previous trading day.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null argument or a price that is not
   *     positive
   */
  public void setPreviousClose(String symbol, BigDecimal price) {
    Args.id(symbol, "symbol");
    if (Args.notNull(price, "price").signum() <= 0) {
      throw new dev.speedtrade.error.SpeedTradeException(
          dev.speedtrade.error.ErrorCode.INVALID_ARGUMENT,
          "previous close must be positive, got " + price.toPlainString());
    }
    previousCloses.put(symbol, price);
  }

  @Override
  public Optional<BigDecimal> previousClose(String symbol) {
    return Optional.ofNullable(previousCloses.get(symbol));
  }

  /** Opens or closes the us_equity market. */
  public void setOpen(boolean value) {
    open = value;
  }

  @Override
  public Optional<Instrument> instrument(String symbol) {
    return Optional.ofNullable(instruments.get(symbol));
  }

  @Override
  public boolean isOpen() {
    return open;
  }
}
