package dev.speedtrade.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RiskStore} in the JVM's memory, for tests, demos and single-process hosts. One lock
 * serializes every call.
 */
public final class InMemoryRiskStore implements RiskStore {
  // Reads take no lock (every submit reads the limits and both states); a change of state and its
  // line of history are written under the lock, as one step.
  private final Object lock = new Object();
  private final Map<String, RiskLimits> limits = new ConcurrentHashMap<>();
  private final Map<String, TradingState> states = new ConcurrentHashMap<>();
  private final List<TradingStateChange> history = new ArrayList<>();
  private volatile TradingState platform = TradingState.ACTIVE;

  /** Creates an empty store: no limits, every state {@link TradingState#ACTIVE}. */
  public InMemoryRiskStore() {}

  @Override
  public RiskLimits limits(String account) {
    Arguments.notNull(account, "account");
    return limits.getOrDefault(account, RiskLimits.NONE);
  }

  @Override
  public void setLimits(String account, RiskLimits value) {
    Arguments.notBlank(account, "account");
    Arguments.notNull(value, "limits");
    limits.put(account, value);
  }

  @Override
  public TradingState platformState() {
    return platform;
  }

  @Override
  public TradingState accountState(String account) {
    Arguments.notNull(account, "account");
    return states.getOrDefault(account, TradingState.ACTIVE);
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
