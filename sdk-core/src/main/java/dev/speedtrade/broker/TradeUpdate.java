package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change to one of the account's orders, pushed by the broker.
 *
 * @param event what happened
 * @param order the order after the change
 * @param timestamp when it happened
 * @param price the execution price, for {@link TradeUpdateEvent#isFill() fills}; else null
 * @param qty the units executed in this fill (not the order's total), for fills; else null
 * @param positionQty the position's signed quantity after a fill, when the broker reports it; else
 *     null
 * @param executionId the broker's id of this update (Alpaca's {@code execution_id}); unique per
 *     fill, so a consumer can recognise a fill delivered twice. Null when the broker gave none (see
 *     each broker's documentation for the fills it reports without one)
 */
public record TradeUpdate(
    TradeUpdateEvent event,
    BrokerOrder order,
    Instant timestamp,
    @Nullable Price price,
    @Nullable Quantity qty,
    @Nullable BigDecimal positionQty,
    @Nullable String executionId) {

  /** Creates an update without an execution id. */
  public TradeUpdate(
      TradeUpdateEvent event,
      BrokerOrder order,
      Instant timestamp,
      @Nullable Price price,
      @Nullable Quantity qty,
      @Nullable BigDecimal positionQty) {
    this(event, order, timestamp, price, qty, positionQty, null);
  }

  /** Checks the fields: a fill carries its price and quantity. */
  public TradeUpdate {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(timestamp, "timestamp");
    if (event.isFill() && (price == null || qty == null)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "a " + event + " update needs its price and qty");
    }
  }
}
