package dev.speedtrade.oms.spi;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;

/**
 * Where a platform order id points: the client account and the client order id it was registered
 * for with {@link AccountBook#registerOrderId}.
 *
 * @param account the client account
 * @param clientOrderId the client's id of the order
 */
public record OrderRef(String account, String clientOrderId) {

  /**
   * Checks the fields.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null field
   */
  public OrderRef {
    if (account == null || clientOrderId == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "an order reference needs an account and a client order id");
    }
  }
}
