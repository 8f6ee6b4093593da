package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;

import java.util.List;
import java.util.Optional;

/**
 * Each user's {@link TradingSettings}, per mode. Implementations are thread-safe.
 */
public interface SettingsStore {

  /** Sets the user's settings in {@code mode}, replacing any before. */
  void put(String userId, TradingMode mode, TradingSettings settings);

  /** Returns the user's settings in {@code mode}, if set. */
  Optional<TradingSettings> get(String userId, TradingMode mode);

  /** Returns every (user, mode) whose settings are enabled, sorted by user id, then mode. */
  List<ScheduledUser> enabled();
}
