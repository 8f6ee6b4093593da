package dev.speedtrade.risk;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One change of a trading state, as the kill switch records it.
 *
 * @param account the client account whose state changed, or null for the platform's
 * @param state the state set
 * @param operator who set it (a person or a system), not blank
 * @param reason why, not blank
 * @param at when, on the controls' clock
 */
public record TradingStateChange(
    @Nullable String account, TradingState state, String operator, String reason, Instant at) {

  /**
   * Checks the fields.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a blank account, operator or reason or
   *     a null state or instant
   */
  public TradingStateChange {
    if (account != null) {
      Arguments.notBlank(account, "account");
    }
    Arguments.notNull(state, "state");
    Arguments.notBlank(operator, "operator");
    Arguments.notBlank(reason, "reason");
    Arguments.notNull(at, "instant");
  }

  /** Returns true when the change is the platform's, not one account's. */
  public boolean isPlatformWide() {
    return account == null;
  }
}
