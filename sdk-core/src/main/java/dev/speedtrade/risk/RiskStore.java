package dev.speedtrade.risk;

import java.util.List;

/**
 * Where the limits and trading states of {@link RiskControls} are kept. Implementations are
 * thread-safe: every method may be called from any thread, a change is visible to every call that
 * starts after it returns, and {@link #apply} sets the state and appends to the history as one step
 * (a reader never sees one without the other). A store shared by several hosts keeps this in its
 * database.
 */
public interface RiskStore {

  /** Returns {@code account}'s limits; {@link RiskLimits#NONE} when none were set. */
  RiskLimits limits(String account);

  /** Sets {@code account}'s limits, replacing any it had. */
  void setLimits(String account, RiskLimits limits);

  /** Returns the platform's own trading state; {@link TradingState#ACTIVE} until one is set. */
  TradingState platformState();

  /** Returns {@code account}'s own trading state; {@link TradingState#ACTIVE} until one is set. */
  TradingState accountState(String account);

  /**
   * Sets the state {@code change} names (the platform's when its account is null) and appends the
   * change to the history, as one step.
   */
  void apply(TradingStateChange change);

  /** Returns every change applied, oldest first. */
  List<TradingStateChange> history();
}
