package dev.speedtrade.broker;

import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A working order inside the {@link SimulatedBroker}: the request plus everything that changes.
 * Mutable; guarded by the broker's lock. {@link #toValue()} takes an immutable snapshot.
 */
final class SimulatedOrder {
  final String id;
  final String clientOrderId;
  final OrderRequest request;
  final AssetClass assetClass;
  final Instant createdAt;

  /** When a day order expires; null for orders that wait until canceled (GTC) or end at once. */
  final @Nullable Instant expiresAt;

  /** The regular session an OPG or CLS order belongs to; null for other orders. */
  final @Nullable TradingDay auctionDay;

  /** The id of the order this one replaced; null for an order placed by a submission. */
  final @Nullable String replaces;

  OrderStatus status;
  Instant updatedAt;
  Quantity filledQty = Quantity.ZERO;

  /** The exact sum of fill quantity times fill price, for the average fill price. */
  BigDecimal filledValue = BigDecimal.ZERO;

  /** The average fill price, computed once per fill; null before the first. */
  @Nullable Price averageFillPrice;

  boolean stopTriggered;

  /** The listing's price version this order last tried to execute against; -1 before any try. */
  long triedAtVersion = -1;

  @Nullable Instant filledAt;
  @Nullable Instant canceledAt;
  @Nullable Instant expiredAt;
  @Nullable Instant failedAt;
  @Nullable String rejectReason;
  @Nullable String replacedBy;
  @Nullable Instant replacedAt;

  /** How many fills the order has had, numbering its execution ids. */
  int fills;

  SimulatedOrder(
      String id,
      String clientOrderId,
      OrderRequest request,
      AssetClass assetClass,
      Instant createdAt,
      @Nullable Instant expiresAt,
      @Nullable TradingDay auctionDay,
      OrderStatus status,
      @Nullable String replaces) {
    this.id = id;
    this.clientOrderId = clientOrderId;
    this.request = request;
    this.assetClass = assetClass;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
    this.auctionDay = auctionDay;
    this.status = status;
    this.updatedAt = createdAt;
    this.replaces = replaces;
  }

  boolean isOpen() {
    return !status.isFinal();
  }

  OrderSide side() {
    return request.side();
  }

  /**
   * Returns the units still to fill: the asked quantity minus the filled one. A notional order is
   * converted to units at {@code price} on its first fill, rounded down to 9 decimals.
   */
  Quantity remaining(Price price) {
    Money notional = request.notional();
    if (notional != null) {
      return filledQty.isZero()
          ? Quantity.of(
              notional.amount().divide(price.value(), Quantity.MAX_SCALE, RoundingMode.FLOOR))
          : Quantity.ZERO;
    }
    Quantity qty = request.qty();
    return qty == null ? Quantity.ZERO : qty.minus(filledQty);
  }

  /**
   * Returns true when the order would execute at {@code price}: market orders always, limit orders
   * at their limit or better, stop orders once the price has reached the stop (which latches).
   */
  boolean isMarketableAt(Price price) {
    Price stop = request.stopPrice();
    if (stop != null && !stopTriggered) {
      boolean reached =
          side() == OrderSide.BUY ? price.compareTo(stop) >= 0 : price.compareTo(stop) <= 0;
      if (!reached) {
        return false;
      }
      stopTriggered = true;
    }
    Price limit = request.limitPrice();
    if (limit == null) {
      return true;
    }
    return side() == OrderSide.BUY ? price.compareTo(limit) <= 0 : price.compareTo(limit) >= 0;
  }

  /**
   * Returns true while the order may be replaced: working, not waiting for its session (ACCEPTED)
   * and not notional, as Alpaca allows.
   */
  boolean isReplaceable() {
    return (status == OrderStatus.NEW || status == OrderStatus.PARTIALLY_FILLED)
        && request.notional() == null;
  }

  /** Adds a fill; the average fill price is the exact mean rounded HALF_EVEN to 9 decimals. */
  void recordFill(Quantity qty, Price price, Instant now) {
    filledQty = filledQty.plus(qty);
    filledValue = filledValue.add(price.value().multiply(qty.value()));
    BigDecimal average = filledValue.divide(filledQty.value(), MathContext.DECIMAL128);
    averageFillPrice = Price.of(average.setScale(Price.MAX_SCALE, RoundingMode.HALF_EVEN));
    boolean complete =
        request.notional() != null
            || request.qty() == null
            || filledQty.compareTo(request.qty()) >= 0;
    status = complete ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    fills++;
    updatedAt = now;
    if (complete) {
      filledAt = now;
    }
  }

  void cancel(Instant now) {
    status = OrderStatus.CANCELED;
    canceledAt = now;
    updatedAt = now;
  }

  void expire(Instant now) {
    status = OrderStatus.EXPIRED;
    expiredAt = now;
    updatedAt = now;
  }

  void replace(String newOrderId, Instant now) {
    status = OrderStatus.REPLACED;
    replacedBy = newOrderId;
    replacedAt = now;
    updatedAt = now;
  }

  void reject(String reason, Instant now) {
    status = OrderStatus.REJECTED;
    rejectReason = reason;
    failedAt = now;
    updatedAt = now;
  }

  BrokerOrder toValue() {
    return new BrokerOrder(
        id,
        clientOrderId,
        request.symbol(),
        assetClass,
        request.side(),
        request.type(),
        request.timeInForce(),
        request.qty(),
        request.notional(),
        request.limitPrice(),
        request.stopPrice(),
        request.extendedHours(),
        status,
        filledQty,
        averageFillPrice,
        createdAt,
        updatedAt,
        filledAt,
        canceledAt,
        expiredAt,
        failedAt,
        rejectReason,
        replaces,
        replacedBy,
        replacedAt);
  }
}
