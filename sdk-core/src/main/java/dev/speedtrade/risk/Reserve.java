package dev.speedtrade.risk;

import dev.speedtrade.broker.OrderType;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * What a buy holds of the account's cash until it is done: its reserve. A qty buy reserves what is
 * left of it times its <em>basis</em>, rounded up to cents; a notional buy reserves what is left of
 * its notional. The basis is fixed when the reserve is taken (the submit, or the replace request
 * for a replace's new values): later marks do not move it.
 */
public final class Reserve {
  /** What a market or stop buy's basis adds to the price: 5 %. */
  public static final BigDecimal COLLAR = new BigDecimal("1.05");

  private Reserve() {}

  /**
   * Returns the basis of a buy: the limit price (limit, stop_limit), the mark x {@link #COLLAR}
   * (market), or the larger of the stop price and the mark x {@link #COLLAR} (stop). Exact, not
   * rounded.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null type or mark, or a
   *     missing price the type needs
   */
  public static BigDecimal basis(
      OrderType type,
      @Nullable BigDecimal limitPrice,
      @Nullable BigDecimal stopPrice,
      BigDecimal mark) {
    Arguments.notNull(type, "order type");
    Arguments.notNull(mark, "mark");
    return switch (type) {
      case LIMIT, STOP_LIMIT ->
          Arguments.notNull(limitPrice, "limit price of a " + type + " order");
      case MARKET -> mark.multiply(COLLAR);
      case STOP ->
          Arguments.notNull(stopPrice, "stop price of a stop order").max(mark).multiply(COLLAR);
      case OTHER ->
          throw new SpeedTradeException(
              ErrorCode.INVALID_ARGUMENT,
              "an order of a type the SDK does not model (OTHER) has no reserve");
    };
  }

  /**
   * Returns {@code remainingQty} x {@code basis} rounded up ({@link RoundingMode#CEILING}) to 2
   * decimals (cents).
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or negative argument
   */
  public static BigDecimal reserve(BigDecimal remainingQty, BigDecimal basis) {
    Arguments.notNull(remainingQty, "remaining qty");
    Arguments.notNull(basis, "basis");
    if (remainingQty.signum() < 0 || basis.signum() < 0) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "a reserve needs qty and basis >= 0, got "
              + remainingQty.toPlainString()
              + " x "
              + basis.toPlainString());
    }
    return remainingQty.multiply(basis).setScale(2, RoundingMode.CEILING);
  }
}
