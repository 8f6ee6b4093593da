package dev.speedtrade.risk;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * An order as pre-trade risk judges it: a submit as asked, or the new order a replace would make.
 * The numbers are as given; the checks judge them, so nothing but the null enums and symbol is
 * refused here.
 *
 * @param symbol the instrument's symbol
 * @param side buy or sell
 * @param type market, limit, stop or stop_limit
 * @param timeInForce day, gtc, ioc or fok
 * @param qty the quantity, or null for a notional order
 * @param notional the USD amount of a notional order, or null
 * @param limitPrice the limit price, or null
 * @param stopPrice the stop price, or null
 */
public record ProposedOrder(
    String symbol,
    OrderSide side,
    OrderType type,
    TimeInForce timeInForce,
    @Nullable BigDecimal qty,
    @Nullable BigDecimal notional,
    @Nullable BigDecimal limitPrice,
    @Nullable BigDecimal stopPrice) {

  /**
   * Checks that the symbol and enums are present.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank symbol or a null enum
   */
  public ProposedOrder {
    Arguments.notBlank(symbol, "symbol");
    Arguments.notNull(side, "side");
    Arguments.notNull(type, "type");
    Arguments.notNull(timeInForce, "time in force");
  }

  /** Returns true when the order is notional or its qty is not a whole number. */
  public boolean isFractional() {
    return notional != null || (qty != null && decimals(qty) > 0);
  }

  /** Returns true for a buy. */
  public boolean isBuy() {
    return side == OrderSide.BUY;
  }

  /**
   * Returns the number of decimals of {@code value} once trailing zeros are stripped ({@code 5.000}
   * has 0, {@code 1.50} has 1).
   */
  static int decimals(BigDecimal value) {
    return Math.max(0, value.stripTrailingZeros().scale());
  }
}
