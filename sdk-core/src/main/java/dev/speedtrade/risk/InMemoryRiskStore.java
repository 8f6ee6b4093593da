package dev.speedtrade.risk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RiskStore} in the JVM's memory, for tests, demos and single-process hosts. One lock
 * serializes every call.
 */
public final class InMemoryRiskStore implements RiskStore {
  private final Object lock = new Object();
  private final Map<String, RiskLimits> limits = new HashMap<>();
  private final Map<String, TradingState> states = new HashMap<>();
  private final List<TradingStateChange> history = new ArrayList<>();
  private TradingState platform = TradingState.ACTIVE;

  /** Creates an empty store: no limits, every state {@link TradingState#ACTIVE}. */
  public InMemoryRiskStore() {}

  @Override
  public RiskLimits limits(String account) {
    synchronized (lock) {
      return limits.getOrDefault(account, RiskLimits.NONE);
    }
  }

  @Override
  public void setLimits(String account, RiskLimits value) {
    Arguments.notBlank(account, "account");
    Arguments.notNull(value, "limits");
    synchronized (lock) {
      limits.put(account, value);
    }
  }

  @Override
  public TradingState platformState() {
    synchronized (lock) {
      return platform;
    }
  }

  @Override
  public TradingState accountState(String account) {
    synchronized (lock) {
      return states.getOrDefault(account, TradingState.ACTIVE);
    }
  }

  @Override
  public void apply(TradingStateChange change) {
    Arguments.notNull(change, "change");
    synchronized (lock) {
      String account = change.account();
      if (account == null) {
        platform = change.state();
      } else {
        states.put(account, change.state());
      }
      history.add(change);
    }
  }

  @Override
  public List<TradingStateChange> history() {
    synchronized (lock) {
      return List.copyOf(history);
    }
  }
}
