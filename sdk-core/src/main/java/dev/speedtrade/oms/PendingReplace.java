package dev.speedtrade.oms;

import dev.speedtrade.broker.TimeInForce;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A replace asked of an order and not yet answered by the venue. Fields not asked are null; the new
 * order takes the old one's value for them (qty: the old order's remaining at the ack).
 *
 * @param newClientOrderId the client order id of the order the replace would create
 * @param qty the qty asked, or null
 * @param limitPrice the limit price asked, or null
 * @param stopPrice the stop price asked, or null
 * @param timeInForce the time in force asked, or null
 * @param basis the new order's reserve basis, fixed at the replace request (see {@link
 *     dev.speedtrade.risk.Reserve#basis})
 */
public record PendingReplace(
    String newClientOrderId,
    @Nullable BigDecimal qty,
    @Nullable BigDecimal limitPrice,
    @Nullable BigDecimal stopPrice,
    @Nullable TimeInForce timeInForce,
    BigDecimal basis) {

  /**
   * Checks the fields that must be present.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a blank id or a null basis
   */
  public PendingReplace {
    Args.id(newClientOrderId, "newClientOrderId");
    Args.notNull(basis, "basis");
  }
}
