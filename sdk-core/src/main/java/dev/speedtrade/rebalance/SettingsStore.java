package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import java.util.List;
import java.util.Optional;

/**
 * Each user's {@link TradingSettings}, per mode. Implementations are thread-safe.
 *
 * <p>Every method refuses bad arguments before it reads or writes anything, with the same code in
 * every implementation (see {@link RebalanceArguments}): {@link ErrorCode#INVALID_ARGUMENT} for a
 * user id that breaks the id rules (null, blank, longer than {@value
 * RebalanceArguments#MAX_USER_ID_LENGTH} characters, a control character, an unpaired surrogate) or
 * a null mode; {@link ErrorCode#INVALID_SETTINGS} for null settings. A store never answers bad
 * input with {@link ErrorCode#STORE_UNAVAILABLE}.
 */
public interface SettingsStore {

  /** Sets the user's settings in {@code mode}, replacing any before. */
  void put(String userId, TradingMode mode, TradingSettings settings);

  /** Returns the user's settings in {@code mode}, if set. */
  Optional<TradingSettings> get(String userId, TradingMode mode);

  /** Returns every (user, mode) whose settings are enabled, sorted by user id, then mode. */
  List<ScheduledUser> enabled();
}
