package dev.speedtrade.broker;

import dev.speedtrade.error.SpeedTradeException;
import java.time.LocalDate;
import java.util.List;

/**
 * Market clock SPI for US equities: is the market open now, when does it next open and close, and
 * which days trade (holidays excluded, early closes shown). Crypto trades around the clock and
 * needs no clock.
 *
 * <p>Implementations are thread-safe and read "now" from their own time source (the broker's clock
 * for an adapter, the injected {@link java.time.Clock} for the simulation).
 */
public interface MarketClock {

  /** Returns whether the market is open now and its next open and close. */
  MarketStatus status();

  /**
   * Returns the trading days from {@code from} to {@code to}, both inclusive, in date order.
   *
   * @throws SpeedTradeException {@link dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} when {@code
   *     from} is after {@code to}
   */
  List<TradingDay> calendar(LocalDate from, LocalDate to);

  /** Returns true when the regular session is open now. */
  default boolean isOpen() {
    return status().open();
  }
}
