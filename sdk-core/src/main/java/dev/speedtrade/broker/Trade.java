package dev.speedtrade.broker;

import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.time.Instant;
import java.util.Objects;

/**
 * One trade printed on the market (not an order of ours).
 *
 * @param price the trade price
 * @param size the units traded
 * @param timestamp when it traded
 */
public record Trade(Price price, Quantity size, Instant timestamp) {

  /** Checks that every field is present. */
  public Trade {
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
