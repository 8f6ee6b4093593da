package dev.speedtrade.risk;

/**
 * Whether the platform, or one client account, may trade. An account's effective state is the
 * stricter of its own and the platform's: {@link #HALTED} is stricter than {@link #REDUCING}, which
 * is stricter than {@link #ACTIVE}.
 */
public enum TradingState {
  /** Trading as usual. */
  ACTIVE,
  /** Only orders that reduce a position are accepted (check 11, {@code TRADING_REDUCING}). */
  REDUCING,
  /** No order is accepted (check 1, {@code TRADING_HALTED}); cancels still are. */
  HALTED;

  /**
   * Returns the stricter of this state and {@code other}.
   *
   * @throws NullPointerException if {@code other} is null
   */
  public TradingState stricter(TradingState other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
