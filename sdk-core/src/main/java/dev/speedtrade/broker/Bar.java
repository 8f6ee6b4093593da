package dev.speedtrade.broker;

import dev.speedtrade.money.Price;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Open, high, low, close and volume over one period (a trading day for {@link
 * Snapshot#dailyBar()}).
 *
 * @param open the first price of the period
 * @param high the highest price
 * @param low the lowest price
 * @param close the last price so far
 * @param volume the units traded; fractional for crypto
 * @param start when the period began
 */
public record Bar(
    Price open, Price high, Price low, Price close, BigDecimal volume, Instant start) {

  /** Checks that every field is present. */
  public Bar {
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(high, "high");
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(close, "close");
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(start, "start");
  }
}
