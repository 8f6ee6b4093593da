package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;
import java.util.Objects;

/**
 * A user whose daily rebalance is enabled in one mode, with the settings it runs on.
 *
 * @param userId the user
 * @param mode paper or live
 * @param settings the user's settings in that mode; {@link TradingSettings#enabled()} is true
 */
public record ScheduledUser(String userId, TradingMode mode, TradingSettings settings) {
  /** Checks that every field is present. */
  public ScheduledUser {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(settings, "settings");
  }
}
