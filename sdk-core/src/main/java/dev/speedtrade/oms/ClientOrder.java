package dev.speedtrade.oms;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.risk.Reserve;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One client order as the order service keeps it: an immutable snapshot. Every change makes a new
 * one.
 *
 * @param account the client account
 * @param clientOrderId the client's key for the order, unique in its account
 * @param orderId the platform's id for it, unique platform-wide and derived from the account and
 *     the client order id (a name-based UUID)
 * @param symbol the instrument
 * @param side buy or sell
 * @param type market, limit, stop or stop_limit
 * @param timeInForce day, gtc, ioc or fok
 * @param qty the qty as given, or null for a notional order
 * @param notional the USD amount as given, or null for a qty order
 * @param limitPrice the limit price as given, or null
 * @param stopPrice the stop price as given, or null
 * @param status where the order is
 * @param reason a DENIED order's risk code, a REJECTED order's venue reason (null when it gave
 *     none); else null
 * @param filledQty the sum of its fills' qtys
 * @param filledValue the sum of its fills' qty x price, exact
 * @param filledAmount the sum of its fills' amounts (each qty x price rounded HALF_EVEN to cents)
 * @param replaces the client order id of the order this one replaced, or null when a submit created
 *     it
 * @param replacedBy the client order id of the order that replaced this one, or null
 * @param acknowledged true once a venue accept or a fill was applied to it
 * @param pendingReplace the replace asked and not answered, while {@link
 *     ClientOrderStatus#PENDING_REPLACE}; else null
 * @param reserveBasis a qty order's reserve basis, fixed when it was submitted (or, for an order a
 *     replace created, when the replace was asked); null for a notional or a DENIED order
 * @param holdGeneration which of the order's successive ledger holds is current; 0 when it holds
 *     nothing
 * @param venueOrderId the venue's id for it, once known; null until then
 * @param createdAt when it was recorded
 * @param updatedAt when it last changed
 */
public record ClientOrder(
    String account,
    String clientOrderId,
    String orderId,
    String symbol,
    OrderSide side,
    OrderType type,
    TimeInForce timeInForce,
    @Nullable BigDecimal qty,
    @Nullable BigDecimal notional,
    @Nullable BigDecimal limitPrice,
    @Nullable BigDecimal stopPrice,
    ClientOrderStatus status,
    @Nullable String reason,
    BigDecimal filledQty,
    BigDecimal filledValue,
    BigDecimal filledAmount,
    @Nullable String replaces,
    @Nullable String replacedBy,
    boolean acknowledged,
    @Nullable PendingReplace pendingReplace,
    @Nullable BigDecimal reserveBasis,
    int holdGeneration,
    @Nullable String venueOrderId,
    Instant createdAt,
    Instant updatedAt) {

  /** The scale of {@link #avgFillPrice()}. */
  public static final int AVG_PRICE_SCALE = 6;

  /**
   * Checks that the fields that must be present are.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} naming a missing field
   */
  public ClientOrder {
    Args.id(account, "account");
    Args.id(clientOrderId, "clientOrderId");
    Args.id(orderId, "orderId");
    Args.id(symbol, "symbol");
    Args.notNull(side, "side");
    Args.notNull(type, "type");
    Args.notNull(timeInForce, "timeInForce");
    Args.notNull(status, "status");
    Args.notNull(filledQty, "filledQty");
    Args.notNull(filledValue, "filledValue");
    Args.notNull(filledAmount, "filledAmount");
    Args.notNull(createdAt, "createdAt");
    Args.notNull(updatedAt, "updatedAt");
  }

  /** Returns true for a notional order. */
  public boolean isNotional() {
    return notional != null;
  }

  /** Returns true for a buy. */
  public boolean isBuy() {
    return side == OrderSide.BUY;
  }

  /** Returns true while the order is open ({@link ClientOrderStatus#isOpen()}). */
  public boolean isOpen() {
    return status.isOpen();
  }

  /**
   * Returns sum(qty x price) / filledQty rounded {@link RoundingMode#HALF_EVEN} to {@value
   * #AVG_PRICE_SCALE} decimals; null without fills.
   */
  public @Nullable BigDecimal avgFillPrice() {
    if (filledQty.signum() == 0) {
      return null;
    }
    return filledValue.divide(filledQty, AVG_PRICE_SCALE, RoundingMode.HALF_EVEN);
  }

  /**
   * Returns what is left: qty - filledQty, or for a notional order notional - filledAmount; null
   * for a DENIED order.
   */
  public @Nullable BigDecimal remaining() {
    if (status == ClientOrderStatus.DENIED) {
      return null;
    }
    return notional != null ? notional.subtract(filledAmount) : left();
  }

  /**
   * Returns what the order counts in the open qty of its side: its remaining, or while {@link
   * ClientOrderStatus#PENDING_REPLACE} the larger of that and the replace's qty (the qty asked,
   * else the remaining); zero for a notional or closed order.
   */
  public BigDecimal openQty() {
    if (!isOpen() || notional != null) {
      return BigDecimal.ZERO;
    }
    BigDecimal left = left();
    PendingReplace pending = pendingReplace;
    if (pending != null && pending.qty() != null) {
      return left.max(pending.qty());
    }
    return left;
  }

  /**
   * Returns what the order reserves of its account's cash, USD: zero for a sell or a closed order;
   * a notional buy's remaining; a qty buy's remaining x its basis rounded up to cents, or while
   * {@link ClientOrderStatus#PENDING_REPLACE} the larger of that and the replace's qty x the
   * replace's basis, rounded up.
   */
  public BigDecimal reserve() {
    if (!isOpen() || !isBuy()) {
      return BigDecimal.ZERO.setScale(2);
    }
    if (notional != null) {
      return notional.subtract(filledAmount).setScale(2, RoundingMode.CEILING);
    }
    BigDecimal left = left();
    BigDecimal reserve = Reserve.reserve(left, Args.notNull(reserveBasis, "reserve basis"));
    PendingReplace pending = pendingReplace;
    if (pending != null) {
      BigDecimal newQty = pending.qty() != null ? pending.qty() : left;
      reserve = reserve.max(Reserve.reserve(newQty, pending.basis()));
    }
    return reserve;
  }

  /** Returns qty - filledQty of a qty order. */
  private BigDecimal left() {
    return Args.notNull(qty, "qty").subtract(filledQty);
  }

  /** Returns a draft holding this order's fields, to change and build into a new snapshot. */
  Draft draft() {
    return new Draft(this);
  }

  /** The fields of a {@link ClientOrder} being changed. Not thread-safe; package-private. */
  static final class Draft {
    String account;
    String clientOrderId;
    String orderId;
    String symbol;
    OrderSide side;
    OrderType type;
    TimeInForce timeInForce;
    @Nullable BigDecimal qty;
    @Nullable BigDecimal notional;
    @Nullable BigDecimal limitPrice;
    @Nullable BigDecimal stopPrice;
    ClientOrderStatus status;
    @Nullable String reason;
    BigDecimal filledQty;
    BigDecimal filledValue;
    BigDecimal filledAmount;
    @Nullable String replaces;
    @Nullable String replacedBy;
    boolean acknowledged;
    @Nullable PendingReplace pendingReplace;
    @Nullable BigDecimal reserveBasis;
    int holdGeneration;
    @Nullable String venueOrderId;
    Instant createdAt;
    Instant updatedAt;

    Draft(ClientOrder o) {
      account = o.account;
      clientOrderId = o.clientOrderId;
      orderId = o.orderId;
      symbol = o.symbol;
      side = o.side;
      type = o.type;
      timeInForce = o.timeInForce;
      qty = o.qty;
      notional = o.notional;
      limitPrice = o.limitPrice;
      stopPrice = o.stopPrice;
      status = o.status;
      reason = o.reason;
      filledQty = o.filledQty;
      filledValue = o.filledValue;
      filledAmount = o.filledAmount;
      replaces = o.replaces;
      replacedBy = o.replacedBy;
      acknowledged = o.acknowledged;
      pendingReplace = o.pendingReplace;
      reserveBasis = o.reserveBasis;
      holdGeneration = o.holdGeneration;
      venueOrderId = o.venueOrderId;
      createdAt = o.createdAt;
      updatedAt = o.updatedAt;
    }

    ClientOrder build() {
      return new ClientOrder(
          account,
          clientOrderId,
          orderId,
          symbol,
          side,
          type,
          timeInForce,
          qty,
          notional,
          limitPrice,
          stopPrice,
          status,
          reason,
          filledQty,
          filledValue,
          filledAmount,
          replaces,
          replacedBy,
          acknowledged,
          pendingReplace,
          reserveBasis,
          holdGeneration,
          venueOrderId,
          createdAt,
          updatedAt);
    }
  }
}
