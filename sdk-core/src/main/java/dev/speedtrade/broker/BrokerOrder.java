package dev.speedtrade.broker;

import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An order as the broker knows it at one moment: what was asked, how much has filled, at what
 * average price, and its status. A new value is produced for every change; compare {@link
 * #updatedAt()} to order two snapshots of the same order.
 *
 * @param id the broker's id for the order
 * @param clientOrderId the caller's idempotency key (chosen by the broker when the caller gave
 *     none)
 * @param symbol the ticker or crypto pair
 * @param assetClass the asset's class
 * @param side buy or sell
 * @param type market, limit, stop or stop-limit; {@link OrderType#OTHER} for a type the SDK does
 *     not model, on an order placed outside it
 * @param timeInForce how long the order works
 * @param qty the units asked for, or null for a notional order
 * @param notional the amount of money asked for, or null for a quantity order
 * @param limitPrice the limit price, or null
 * @param stopPrice the stop price, or null
 * @param extendedHours whether the order may execute outside regular hours
 * @param status where the order is in its life
 * @param filledQty the units filled so far (zero when none)
 * @param filledAvgPrice the volume-weighted average fill price, or null before the first fill
 * @param createdAt when the broker created the order
 * @param updatedAt when the order last changed
 * @param filledAt when the order filled completely, or null
 * @param canceledAt when the order was canceled, or null
 * @param expiredAt when the order expired, or null
 * @param failedAt when the order was rejected, or null
 * @param rejectReason why the broker rejected the order, or null
 * @param replaces the id of the order this one replaced ({@link Broker#replaceOrder}), or null
 * @param replacedBy the id of the order that replaced this one, once it is {@link
 *     OrderStatus#REPLACED}; else null
 * @param replacedAt when this order was replaced, or null
 */
public record BrokerOrder(
    String id,
    String clientOrderId,
    String symbol,
    AssetClass assetClass,
    OrderSide side,
    OrderType type,
    TimeInForce timeInForce,
    @Nullable Quantity qty,
    @Nullable Money notional,
    @Nullable Price limitPrice,
    @Nullable Price stopPrice,
    boolean extendedHours,
    OrderStatus status,
    Quantity filledQty,
    @Nullable Price filledAvgPrice,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant filledAt,
    @Nullable Instant canceledAt,
    @Nullable Instant expiredAt,
    @Nullable Instant failedAt,
    @Nullable String rejectReason,
    @Nullable String replaces,
    @Nullable String replacedBy,
    @Nullable Instant replacedAt) {

  /**
   * Creates an order that neither replaced another nor was replaced: {@link #replaces()}, {@link
   * #replacedBy()} and {@link #replacedAt()} are null.
   */
  public BrokerOrder(
      String id,
      String clientOrderId,
      String symbol,
      AssetClass assetClass,
      OrderSide side,
      OrderType type,
      TimeInForce timeInForce,
      @Nullable Quantity qty,
      @Nullable Money notional,
      @Nullable Price limitPrice,
      @Nullable Price stopPrice,
      boolean extendedHours,
      OrderStatus status,
      Quantity filledQty,
      @Nullable Price filledAvgPrice,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Instant filledAt,
      @Nullable Instant canceledAt,
      @Nullable Instant expiredAt,
      @Nullable Instant failedAt,
      @Nullable String rejectReason) {
    this(
        id,
        clientOrderId,
        symbol,
        assetClass,
        side,
        type,
        timeInForce,
        qty,
        notional,
        limitPrice,
        stopPrice,
        extendedHours,
        status,
        filledQty,
        filledAvgPrice,
        createdAt,
        updatedAt,
        filledAt,
        canceledAt,
        expiredAt,
        failedAt,
        rejectReason,
        null,
        null,
        null);
  }

  /** Checks that the required fields are present. */
  public BrokerOrder {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(assetClass, "assetClass");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timeInForce, "timeInForce");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(filledQty, "filledQty");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Returns true while the order may still fill or be canceled. */
  public boolean isOpen() {
    return !status.isFinal();
  }
}
