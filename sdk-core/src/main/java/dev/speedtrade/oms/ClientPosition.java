package dev.speedtrade.oms;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * One client account's position in one symbol, kept at average cost. It exists from the first fill
 * in the symbol, and stays (at qty 0) when closed.
 *
 * @param account the client account
 * @param symbol the instrument
 * @param qty the signed qty: below zero for a short
 * @param costBasis USD at 2 decimals, signed like qty: what the open qty cost, or for a short minus
 *     what it brought in
 * @param realizedPnl USD at 2 decimals realized by reducing the position
 */
public record ClientPosition(
    String account, String symbol, BigDecimal qty, BigDecimal costBasis, BigDecimal realizedPnl) {

  /** The scale of {@link #avgEntryPrice()}. */
  public static final int AVG_PRICE_SCALE = 6;

  /**
   * Checks that every field is present.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} naming a missing field
   */
  public ClientPosition {
    Args.id(account, "account");
    Args.id(symbol, "symbol");
    Args.notNull(qty, "qty");
    Args.notNull(costBasis, "costBasis");
    Args.notNull(realizedPnl, "realizedPnl");
  }

  /** Returns a flat position with nothing realized. */
  public static ClientPosition flat(String account, String symbol) {
    BigDecimal zero = BigDecimal.ZERO.setScale(2);
    return new ClientPosition(account, symbol, BigDecimal.ZERO, zero, zero);
  }

  /**
   * Returns costBasis / qty rounded {@link RoundingMode#HALF_EVEN} to {@value #AVG_PRICE_SCALE}
   * decimals; null when flat.
   */
  public @Nullable BigDecimal avgEntryPrice() {
    if (qty.signum() == 0) {
      return null;
    }
    return costBasis.divide(qty, AVG_PRICE_SCALE, RoundingMode.HALF_EVEN);
  }

  /** Returns qty x {@code mark} rounded {@link RoundingMode#HALF_EVEN} to cents. */
  public BigDecimal marketValue(BigDecimal mark) {
    return qty.multiply(mark).setScale(2, RoundingMode.HALF_EVEN);
  }

  /** Returns {@link #marketValue(BigDecimal)} at {@code mark} minus the cost basis. */
  public BigDecimal unrealizedPnl(BigDecimal mark) {
    return marketValue(mark).subtract(costBasis);
  }
}
