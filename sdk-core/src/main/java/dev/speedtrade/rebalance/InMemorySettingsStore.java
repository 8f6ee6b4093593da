package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SettingsStore} in the JVM's memory. Refuses bad arguments as {@link SettingsStore} says.
 * Thread-safe.
 */
public final class InMemorySettingsStore implements SettingsStore {
  private final Map<ScheduledUserKey, TradingSettings> settings = new HashMap<>();

  /** Creates an empty store. */
  public InMemorySettingsStore() {}

  @Override
  public synchronized void put(String userId, TradingMode mode, TradingSettings value) {
    ScheduledUserKey key = ScheduledUserKey.of(userId, mode);
    settings.put(key, RebalanceArguments.settings(value));
  }

  @Override
  public synchronized Optional<TradingSettings> get(String userId, TradingMode mode) {
    return Optional.ofNullable(settings.get(ScheduledUserKey.of(userId, mode)));
  }

  @Override
  public synchronized List<ScheduledUser> enabled() {
    List<ScheduledUser> enabled = new ArrayList<>();
    settings.forEach(
        (key, value) -> {
          if (value.enabled()) {
            enabled.add(new ScheduledUser(key.userId(), key.mode(), value));
          }
        });
    enabled.sort(Comparator.comparing(ScheduledUser::userId).thenComparing(ScheduledUser::mode));
    return enabled;
  }

  private record ScheduledUserKey(String userId, TradingMode mode) {
    ScheduledUserKey {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(mode, "mode");
    }

    /** Checks the arguments as every store does, before anything is read or written. */
    static ScheduledUserKey of(String userId, TradingMode mode) {
      return new ScheduledUserKey(RebalanceArguments.userId(userId), RebalanceArguments.mode(mode));
    }
  }
}
