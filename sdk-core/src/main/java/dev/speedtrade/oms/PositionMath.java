package dev.speedtrade.oms;

import dev.speedtrade.broker.OrderSide;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The average-cost rules of the contract: how a fill of {@code s} at amount {@code A} moves a
 * position of qty {@code q} and cost basis {@code C}.
 *
 * <ul>
 *   <li>Opening or adding ({@code q = 0} or the same side): {@code q} and {@code C} move by {@code
 *       s} and {@code A}, signed by the side.
 *   <li>Reducing (the other side, {@code s <= |q|}): {@code removed = C} when {@code s = |q|}, else
 *       {@code C x s / |q|} rounded HALF_EVEN to cents; {@code C -= removed}; realized grows by
 *       {@code A - removed} (long) or {@code -removed - A} (short).
 *   <li>Flipping (the other side, {@code s > |q|}): a reduce of {@code |q|} at {@code |q| x price}
 *       rounded HALF_EVEN to cents, then an opening of {@code s - |q|} at the rest of {@code A}.
 * </ul>
 */
final class PositionMath {
  private PositionMath() {}

  /** Returns {@code position} after a fill of {@code qty} at {@code price} for {@code amount}. */
  static ClientPosition apply(
      ClientPosition position,
      OrderSide side,
      BigDecimal qty,
      BigDecimal price,
      BigDecimal amount) {
    BigDecimal q = position.qty();
    boolean buy = side == OrderSide.BUY;
    if (q.signum() == 0 || (q.signum() > 0) == buy) {
      return open(position, buy, qty, amount);
    }
    BigDecimal held = q.abs();
    if (qty.compareTo(held) <= 0) {
      return reduce(position, buy, qty, amount);
    }
    BigDecimal closing = held.multiply(price).setScale(2, RoundingMode.HALF_EVEN);
    ClientPosition closed = reduce(position, buy, held, closing);
    return open(closed, buy, qty.subtract(held), amount.subtract(closing));
  }

  private static ClientPosition open(
      ClientPosition position, boolean buy, BigDecimal qty, BigDecimal amount) {
    return new ClientPosition(
        position.account(),
        position.symbol(),
        buy ? position.qty().add(qty) : position.qty().subtract(qty),
        buy ? position.costBasis().add(amount) : position.costBasis().subtract(amount),
        position.realizedPnl());
  }

  private static ClientPosition reduce(
      ClientPosition position, boolean buy, BigDecimal qty, BigDecimal amount) {
    BigDecimal q = position.qty();
    BigDecimal cost = position.costBasis();
    BigDecimal held = q.abs();
    BigDecimal removed =
        qty.compareTo(held) == 0
            ? cost
            : cost.multiply(qty).divide(held, 2, RoundingMode.HALF_EVEN);
    boolean wasLong = q.signum() > 0;
    BigDecimal realized = wasLong ? amount.subtract(removed) : removed.negate().subtract(amount);
    return new ClientPosition(
        position.account(),
        position.symbol(),
        buy ? q.add(qty) : q.subtract(qty),
        cost.subtract(removed),
        position.realizedPnl().add(realized));
  }
}
