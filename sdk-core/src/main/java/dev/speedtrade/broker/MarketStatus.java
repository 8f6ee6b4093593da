package dev.speedtrade.broker;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether the US equities market is open at one moment, and when it next opens and closes.
 *
 * @param timestamp the moment this status describes
 * @param open whether the regular session is open at {@code timestamp}
 * @param nextOpen the start of the next regular session after {@code timestamp}
 * @param nextClose the end of the current regular session if open, else of the next one
 */
public record MarketStatus(Instant timestamp, boolean open, Instant nextOpen, Instant nextClose) {

  /** Checks that every field is present. */
  public MarketStatus {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(nextOpen, "nextOpen");
    Objects.requireNonNull(nextClose, "nextClose");
  }
}
