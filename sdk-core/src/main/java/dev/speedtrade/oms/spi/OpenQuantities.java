package dev.speedtrade.oms.spi;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;

/**
 * The open quantity of an account's open qty (not notional) orders in one symbol, per side: what
 * the pre-trade checks call {@code openBuy} and {@code openSell}. An order's open quantity is
 * {@link dev.speedtrade.oms.ClientOrder#openQty()}.
 *
 * @param buy the open quantity of the buys
 * @param sell the open quantity of the sells
 */
public record OpenQuantities(BigDecimal buy, BigDecimal sell) {

  /** Nothing open. */
  public static final OpenQuantities NONE = new OpenQuantities(BigDecimal.ZERO, BigDecimal.ZERO);

  /**
   * Checks the fields.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or negative side
   */
  public OpenQuantities {
    if (buy == null || sell == null || buy.signum() < 0 || sell.signum() < 0) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "open quantities are present and not negative");
    }
  }
}
