package dev.speedtrade.oms;

import dev.speedtrade.risk.RiskCode;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a command or a venue event.
 *
 * @param outcome what happened; {@link OrderCode#DENIED} when pre-trade risk refused it
 * @param denial the risk check that refused it when {@code outcome} is {@link OrderCode#DENIED};
 *     else null
 * @param order the order the call names as it is after the call (a replace names the old order);
 *     null when no such order exists
 */
public record OrderResult(
    OrderCode outcome, @Nullable RiskCode denial, @Nullable ClientOrder order) {

  /**
   * Checks that a denial is given exactly for {@link OrderCode#DENIED}.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} otherwise
   */
  public OrderResult {
    Args.notNull(outcome, "outcome");
    if ((outcome == OrderCode.DENIED) != (denial != null)) {
      throw new dev.speedtrade.error.SpeedTradeException(
          dev.speedtrade.error.ErrorCode.INVALID_ARGUMENT,
          "a denial goes with DENIED only, got " + outcome + " and " + denial);
    }
  }

  /** Returns a result that is not a denial. */
  static OrderResult of(OrderCode outcome, @Nullable ClientOrder order) {
    return new OrderResult(outcome, null, order);
  }

  /** Returns a denial. */
  static OrderResult denied(RiskCode denial, @Nullable ClientOrder order) {
    return new OrderResult(OrderCode.DENIED, denial, order);
  }

  /**
   * Returns the contract's code: the risk code's name when denied ({@code
   * INSUFFICIENT_BUYING_POWER}), else the outcome's ({@code OK}, {@code EXISTS}, ...).
   */
  public String code() {
    RiskCode d = denial;
    return d != null ? d.name() : outcome.name();
  }

  /** Returns true when the outcome is {@link OrderCode#OK}. */
  public boolean isOk() {
    return outcome == OrderCode.OK;
  }

  /** Returns the status of the order the call names, or null when there is none. */
  public @Nullable ClientOrderStatus status() {
    ClientOrder o = order;
    return o == null ? null : o.status();
  }
}
