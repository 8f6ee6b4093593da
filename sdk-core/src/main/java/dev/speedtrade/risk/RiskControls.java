package dev.speedtrade.risk;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The operator's controls over trading: each client account's {@link RiskLimits}, and the kill
 * switch, the {@link TradingState} of the whole platform and of each account. Every state change is
 * recorded with who made it, why and when (the injected clock), and a submit judged after the
 * change returns sees it.
 *
 * <p>Thread-safe: state lives in the {@link RiskStore}.
 */
public final class RiskControls {
  private final RiskStore store;
  private final Clock clock;

  /**
   * Creates the controls over {@code store}, stamping changes with {@code clock}.
   *
   * @throws NullPointerException if an argument is null
   */
  public RiskControls(RiskStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Creates the controls over an {@link InMemoryRiskStore} on {@code clock}. */
  public static RiskControls inMemory(Clock clock) {
    return new RiskControls(new InMemoryRiskStore(), clock);
  }

  /**
   * Returns {@code account}'s limits; {@link RiskLimits#NONE} when none were set.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank account
   */
  public RiskLimits limits(String account) {
    return store.limits(Arguments.notBlank(account, "account"));
  }

  /**
   * Sets {@code account}'s limits, replacing any it had; orders already open are not judged again.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank account or null limits
   */
  public void setLimits(String account, RiskLimits limits) {
    store.setLimits(Arguments.notBlank(account, "account"), Arguments.notNull(limits, "limits"));
  }

  /**
   * Sets the platform's trading state: {@link TradingState#HALTED} stops every account's submits
   * and replaces at once (the kill switch); cancels still work.
   *
   * @return the change as recorded
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null state or a null or blank
   *     operator or reason
   */
  public TradingStateChange setTradingState(TradingState state, String operator, String reason) {
    TradingStateChange change =
        new TradingStateChange(null, state, operator, reason, clock.instant());
    store.apply(change);
    return change;
  }

  /**
   * Sets one account's own trading state; its effective state is the stricter of this and the
   * platform's.
   *
   * @return the change as recorded
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank account, operator or
   *     reason, or a null state
   */
  public TradingStateChange setTradingState(
      String account, TradingState state, String operator, String reason) {
    TradingStateChange change =
        new TradingStateChange(
            Arguments.notBlank(account, "account"), state, operator, reason, clock.instant());
    store.apply(change);
    return change;
  }

  /** Returns the platform's own trading state. */
  public TradingState platformState() {
    return store.platformState();
  }

  /**
   * Returns {@code account}'s effective trading state: the stricter of its own and the platform's.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank account
   */
  public TradingState effectiveState(String account) {
    return store.accountState(Arguments.notBlank(account, "account")).stricter(platformState());
  }

  /** Returns every trading state change, oldest first. */
  public List<TradingStateChange> history() {
    return store.history();
  }
}
