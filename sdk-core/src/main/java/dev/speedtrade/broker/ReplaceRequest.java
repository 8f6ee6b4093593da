package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to change when {@link Broker#replaceOrder replacing} an open order, as Alpaca's {@code PATCH
 * /v2/orders/{order_id}} takes it: each field given overrides the old order's, the others are kept.
 * The broker places a new order with a new id (its {@link BrokerOrder#replaces()} names the old
 * one), and the old order ends {@link OrderStatus#REPLACED}.
 *
 * <p>Rules checked here (a broker adds those that need the order: its type, its status, buying
 * power):
 *
 * <ul>
 *   <li>at least one field is given;
 *   <li>{@code qty}, when given, is positive;
 *   <li>{@code trail}, when given, is positive (Alpaca's new {@code trail_price} or {@code
 *       trail_percent} of a trailing stop order);
 *   <li>{@code clientOrderId}, when given, follows {@link OrderRequest}'s rule: 1 to {@value
 *       OrderRequest#MAX_CLIENT_ORDER_ID_LENGTH} printable ASCII characters without spaces. It is
 *       the new order's; without one the broker chooses it.
 * </ul>
 *
 * <pre>{@code
 * ReplaceRequest higher = ReplaceRequest.builder()
 *     .limitPrice(Price.of("188.00")).clientOrderId("rebalance-2026-11-24-AAPL-buy-2")
 *     .build();
 * }</pre>
 *
 * @param qty the new order's quantity, or null to keep the old order's unfilled quantity
 * @param limitPrice the new limit price (limit and stop-limit orders), or null to keep it
 * @param stopPrice the new stop price (stop and stop-limit orders), or null to keep it
 * @param trail the new trail of a trailing stop order (an {@link OrderType#OTHER} order at Alpaca),
 *     or null to keep it
 * @param timeInForce the new time in force, or null to keep it
 * @param clientOrderId the new order's client order id, or null to let the broker choose one
 */
public record ReplaceRequest(
    @Nullable Quantity qty,
    @Nullable Price limitPrice,
    @Nullable Price stopPrice,
    @Nullable BigDecimal trail,
    @Nullable TimeInForce timeInForce,
    @Nullable String clientOrderId) {

  /**
   * Creates and validates a request; see the class documentation for the rules.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ORDER} naming the field that breaks a rule
   */
  public ReplaceRequest {
    if (qty == null
        && limitPrice == null
        && stopPrice == null
        && trail == null
        && timeInForce == null
        && clientOrderId == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ORDER,
          "a replace request needs at least one of qty, limitPrice, stopPrice, trail, timeInForce"
              + " and clientOrderId");
    }
    if (qty != null && qty.isZero()) {
      throw new SpeedTradeException(ErrorCode.INVALID_ORDER, "qty must be positive, got 0");
    }
    if (trail != null && trail.signum() <= 0) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ORDER, "trail must be positive, got " + trail.toPlainString());
    }
    if (clientOrderId != null) {
      OrderRequest.checkClientOrderId(clientOrderId);
    }
  }

  /** Returns a builder with no field set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ReplaceRequest}; not thread-safe. {@link #build()} validates. */
  public static final class Builder {
    private @Nullable Quantity qty;
    private @Nullable Price limitPrice;
    private @Nullable Price stopPrice;
    private @Nullable BigDecimal trail;
    private @Nullable TimeInForce timeInForce;
    private @Nullable String clientOrderId;

    private Builder() {}

    /** Sets the new order's quantity. */
    public Builder qty(Quantity qty) {
      this.qty = Objects.requireNonNull(qty, "qty");
      return this;
    }

    /** Sets the new order's quantity from decimal text. */
    public Builder qty(String qty) {
      return qty(Quantity.of(Objects.requireNonNull(qty, "qty")));
    }

    /** Sets the new limit price. */
    public Builder limitPrice(Price limitPrice) {
      this.limitPrice = Objects.requireNonNull(limitPrice, "limitPrice");
      return this;
    }

    /** Sets the new stop price. */
    public Builder stopPrice(Price stopPrice) {
      this.stopPrice = Objects.requireNonNull(stopPrice, "stopPrice");
      return this;
    }

    /** Sets the new trail of a trailing stop order (a price offset or a percentage, as placed). */
    public Builder trail(BigDecimal trail) {
      this.trail = Objects.requireNonNull(trail, "trail");
      return this;
    }

    /** Sets the new time in force. */
    public Builder timeInForce(TimeInForce timeInForce) {
      this.timeInForce = Objects.requireNonNull(timeInForce, "timeInForce");
      return this;
    }

    /** Sets the new order's client order id. */
    public Builder clientOrderId(String clientOrderId) {
      this.clientOrderId = Objects.requireNonNull(clientOrderId, "clientOrderId");
      return this;
    }

    /**
     * Validates and returns the request.
     *
     * @throws SpeedTradeException as {@link ReplaceRequest#ReplaceRequest}
     */
    public ReplaceRequest build() {
      return new ReplaceRequest(qty, limitPrice, stopPrice, trail, timeInForce, clientOrderId);
    }
  }
}
