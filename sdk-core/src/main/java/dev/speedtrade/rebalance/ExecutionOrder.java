package dev.speedtrade.rebalance;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One order of an execution, as the audit log keeps it. It is recorded before it is submitted (with
 * no broker id and no status), so that a run resumed after a crash knows to look it up at the
 * broker by its client order id instead of placing it again.
 *
 * @param clientOrderId the deterministic id it carries to the broker
 * @param phase the phase it belongs to
 * @param generation 0 for the first order of its symbol, side and phase; one more for each order
 *     placed after an earlier one ended unfilled
 * @param side buy or sell
 * @param symbol the symbol
 * @param qty the shares ordered
 * @param price the limit price of a limit order, else the reference price it was planned at (null
 *     for an exit of an unpriced symbol)
 * @param type market or limit
 * @param status the broker's last known status; null before the broker acknowledged it
 * @param filledQty the shares filled as last known
 * @param brokerOrderId the broker's id; null before the broker acknowledged it
 * @param error why the broker refused it or the call failed; null otherwise
 */
public record ExecutionOrder(
    String clientOrderId,
    OrderPhase phase,
    int generation,
    OrderSide side,
    String symbol,
    BigDecimal qty,
    @Nullable BigDecimal price,
    OrderType type,
    @Nullable OrderStatus status,
    BigDecimal filledQty,
    @Nullable String brokerOrderId,
    @Nullable String error) {

  /** Checks that the required fields are present. */
  public ExecutionOrder {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(qty, "qty");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(filledQty, "filledQty");
  }

  /** Returns true when the broker has it and it may still fill. */
  public boolean isOpen() {
    return status != null && !status.isFinal();
  }
}
