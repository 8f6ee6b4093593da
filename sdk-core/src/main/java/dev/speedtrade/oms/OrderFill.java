package dev.speedtrade.oms;

import dev.speedtrade.broker.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One fill applied to a client order.
 *
 * @param account the client account
 * @param clientOrderId the order filled
 * @param execId the venue's execution id, unique per order
 * @param symbol the order's symbol
 * @param side the order's side
 * @param qty the qty filled, > 0
 * @param price the price, > 0
 * @param amount qty x price rounded HALF_EVEN to cents: what a buy pays, a sell receives
 * @param at when it was applied, on the order service's clock
 */
public record OrderFill(
    String account,
    String clientOrderId,
    String execId,
    String symbol,
    OrderSide side,
    BigDecimal qty,
    BigDecimal price,
    BigDecimal amount,
    Instant at) {

  /**
   * Checks that every field is present.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} naming a missing field
   */
  public OrderFill {
    Args.id(account, "account");
    Args.id(clientOrderId, "clientOrderId");
    Args.id(execId, "execId");
    Args.id(symbol, "symbol");
    Args.notNull(side, "side");
    Args.notNull(qty, "qty");
    Args.notNull(price, "price");
    Args.notNull(amount, "amount");
    Args.notNull(at, "at");
  }
}
