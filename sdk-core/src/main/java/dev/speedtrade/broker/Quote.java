package dev.speedtrade.broker;

import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The best bid and offer at one moment. A side with no positive price (a zero in Alpaca's feed) is
 * null.
 *
 * @param bidPrice the best bid, or null when there is none
 * @param bidSize the units bid at {@code bidPrice}
 * @param askPrice the best offer, or null when there is none
 * @param askSize the units offered at {@code askPrice}
 * @param timestamp when the quote was made
 */
public record Quote(
    @Nullable Price bidPrice,
    Quantity bidSize,
    @Nullable Price askPrice,
    Quantity askSize,
    Instant timestamp) {

  /** Checks that the sizes and timestamp are present. */
  public Quote {
    Objects.requireNonNull(bidSize, "bidSize");
    Objects.requireNonNull(askSize, "askSize");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** Returns the ask, when there is one. */
  public Optional<Price> ask() {
    return Optional.ofNullable(askPrice);
  }

  /** Returns the bid, when there is one. */
  public Optional<Price> bid() {
    return Optional.ofNullable(bidPrice);
  }
}
