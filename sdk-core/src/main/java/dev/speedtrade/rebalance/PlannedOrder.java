package dev.speedtrade.rebalance;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An order the plan makes. Every order is a day order.
 *
 * @param side buy or sell
 * @param symbol the symbol
 * @param qty the shares: whole, except for an exit, which sells the whole position
 * @param type {@link OrderType#MARKET} for sells and market buys, {@link OrderType#LIMIT} for limit
 *     buys
 * @param limitPrice the limit of a limit buy; null otherwise
 * @param referencePrice the price the plan valued the order at; null for an exit of an unpriced
 *     symbol
 * @param exit true when the order sells a whole position the plan no longer targets (or targets at
 *     zero shares)
 */
public record PlannedOrder(
    OrderSide side,
    String symbol,
    BigDecimal qty,
    OrderType type,
    @Nullable BigDecimal limitPrice,
    @Nullable BigDecimal referencePrice,
    boolean exit) {

  /** Checks that the required fields are present. */
  public PlannedOrder {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(qty, "qty");
    Objects.requireNonNull(type, "type");
  }

  /** Returns this order with {@code newQty} shares. */
  PlannedOrder withQty(BigDecimal newQty) {
    return new PlannedOrder(side, symbol, newQty, type, limitPrice, referencePrice, exit);
  }
}
