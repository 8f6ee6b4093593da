package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An order to place with a {@link Broker}, validated when it is built so that a broker only ever
 * sees a request that is well formed on its own.
 *
 * <p>Rules checked here (a broker adds the rules that need its state: buying power, market hours,
 * asset flags):
 *
 * <ul>
 *   <li>the type is one the SDK models: {@link OrderType#OTHER} is refused;
 *   <li>the symbol is 1-20 characters of {@code A-Z 0-9 . / -}; it is trimmed and upper-cased;
 *   <li>exactly one of {@code qty} (positive, up to 9 decimals) and {@code notional} (a positive
 *       amount of money) is given;
 *   <li>{@code LIMIT} and {@code STOP_LIMIT} need a limit price, {@code MARKET} and {@code STOP}
 *       forbid one; {@code STOP} and {@code STOP_LIMIT} need a stop price, the others forbid one;
 *   <li>a notional order is a {@code MARKET} order with time in force {@code DAY}, {@code GTC} or
 *       {@code IOC} (brokers then add what the asset class takes: Alpaca accepts only {@code DAY}
 *       for equities and only {@code GTC} or {@code IOC} for crypto; the notional's currency must
 *       be the account's);
 *   <li>extended hours apply only to {@code LIMIT} orders with time in force {@code DAY};
 *   <li>{@code OPG} and {@code CLS} apply only to {@code MARKET} and {@code LIMIT} orders;
 *   <li>a client order id, when given, is 1 to {@value #MAX_CLIENT_ORDER_ID_LENGTH} printable ASCII
 *       characters without spaces.
 * </ul>
 *
 * <pre>{@code
 * OrderRequest buy = OrderRequest.builder()
 *     .symbol("AAPL").side(OrderSide.BUY).qty(Quantity.of(10))
 *     .type(OrderType.LIMIT).limitPrice(Price.of("187.50"))
 *     .timeInForce(TimeInForce.DAY).clientOrderId("rebalance-2026-11-24-AAPL-buy")
 *     .build();
 * }</pre>
 *
 * @param symbol the ticker or crypto pair, upper case
 * @param side buy or sell
 * @param type market, limit, stop or stop-limit
 * @param timeInForce how long the order works
 * @param qty the units to trade, or null for a notional order
 * @param notional the amount of money to trade, or null for a quantity order
 * @param limitPrice the limit price of a limit or stop-limit order, else null
 * @param stopPrice the stop price of a stop or stop-limit order, else null
 * @param extendedHours whether the order may execute outside regular hours
 * @param clientOrderId the caller's idempotency key for the order, or null to let the broker choose
 */
public record OrderRequest(
    String symbol,
    OrderSide side,
    OrderType type,
    TimeInForce timeInForce,
    @Nullable Quantity qty,
    @Nullable Money notional,
    @Nullable Price limitPrice,
    @Nullable Price stopPrice,
    boolean extendedHours,
    @Nullable String clientOrderId) {

  /** The longest client order id accepted, as Alpaca allows. */
  public static final int MAX_CLIENT_ORDER_ID_LENGTH = 128;

  /**
   * Creates and validates a request; see the class documentation for the rules.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ORDER} naming the broken rule, or {@link
   *     ErrorCode#INVALID_SYMBOL} for a malformed symbol
   */
  public OrderRequest {
    symbol = Symbols.normalize(symbol);
    require(side != null, "side is required");
    require(type != null, "type is required");
    require(timeInForce != null, "time in force is required");
    require(
        type != OrderType.OTHER,
        "type OTHER stands for orders placed outside the SDK and cannot be placed");
    require(
        (qty == null) != (notional == null),
        "exactly one of qty and notional is required (got "
            + (qty == null ? "neither" : "both")
            + ")");
    if (qty != null) {
      require(!qty.isZero(), "qty must be positive, got 0");
    }
    if (notional != null) {
      require(notional.isPositive(), "notional must be positive, got " + notional);
      require(type == OrderType.MARKET, "a notional order must be a market order, got " + type);
      require(
          timeInForce == TimeInForce.DAY
              || timeInForce == TimeInForce.GTC
              || timeInForce == TimeInForce.IOC,
          "a notional order needs time in force DAY, GTC or IOC, got " + timeInForce);
    }
    if (type.hasLimitPrice()) {
      require(limitPrice != null, "a " + type + " order needs a limit price");
    } else {
      require(limitPrice == null, "a " + type + " order takes no limit price, got " + limitPrice);
    }
    if (type.hasStopPrice()) {
      require(stopPrice != null, "a " + type + " order needs a stop price");
    } else {
      require(stopPrice == null, "a " + type + " order takes no stop price, got " + stopPrice);
    }
    if (extendedHours) {
      require(
          type == OrderType.LIMIT && timeInForce == TimeInForce.DAY,
          "extended hours need a LIMIT order with time in force DAY, got "
              + type
              + " "
              + timeInForce);
    }
    if (timeInForce == TimeInForce.OPG || timeInForce == TimeInForce.CLS) {
      require(
          type == OrderType.MARKET || type == OrderType.LIMIT,
          timeInForce + " applies only to MARKET and LIMIT orders, got " + type);
    }
    if (clientOrderId != null) {
      checkClientOrderId(clientOrderId);
    }
  }

  /** Returns a builder with time in force {@link TimeInForce#DAY} and regular hours only. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the quantity, when this is a quantity order. */
  public Optional<Quantity> quantity() {
    return Optional.ofNullable(qty);
  }

  /** Returns the notional amount, when this is a notional order. */
  public Optional<Money> notionalAmount() {
    return Optional.ofNullable(notional);
  }

  /** Returns true when the quantity has a fractional part or the order is notional. */
  public boolean isFractional() {
    return notional != null || (qty != null && !qty.isWhole());
  }

  /** Returns a builder holding this request's fields, to derive a changed copy. */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .symbol(symbol)
            .side(side)
            .type(type)
            .timeInForce(timeInForce)
            .extendedHours(extendedHours);
    builder.qty = qty;
    builder.notional = notional;
    builder.limitPrice = limitPrice;
    builder.stopPrice = stopPrice;
    builder.clientOrderId = clientOrderId;
    return builder;
  }

  static void checkClientOrderId(@Nullable String clientOrderId) {
    if (clientOrderId == null || clientOrderId.isEmpty()) {
      throw new SpeedTradeException(ErrorCode.INVALID_ORDER, "client order id must not be empty");
    }
    if (clientOrderId.length() > MAX_CLIENT_ORDER_ID_LENGTH) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ORDER,
          "client order id is "
              + clientOrderId.length()
              + " characters, more than "
              + MAX_CLIENT_ORDER_ID_LENGTH
              + ": '"
              + clientOrderId.substring(0, 40)
              + "...'");
    }
    for (int i = 0; i < clientOrderId.length(); i++) {
      char c = clientOrderId.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ORDER,
            "client order id '"
                + clientOrderId
                + "' has a character that is not printable ASCII at "
                + i);
      }
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new SpeedTradeException(ErrorCode.INVALID_ORDER, message);
    }
  }

  /** Builds an {@link OrderRequest}; not thread-safe. {@link #build()} validates. */
  public static final class Builder {
    private @Nullable String symbol;
    private @Nullable OrderSide side;
    private OrderType type = OrderType.MARKET;
    private TimeInForce timeInForce = TimeInForce.DAY;
    private @Nullable Quantity qty;
    private @Nullable Money notional;
    private @Nullable Price limitPrice;
    private @Nullable Price stopPrice;
    private boolean extendedHours;
    private @Nullable String clientOrderId;

    private Builder() {}

    /** Sets the ticker or crypto pair. */
    public Builder symbol(String symbol) {
      this.symbol = Objects.requireNonNull(symbol, "symbol");
      return this;
    }

    /** Sets buy or sell. */
    public Builder side(OrderSide side) {
      this.side = Objects.requireNonNull(side, "side");
      return this;
    }

    /** Sets the order type; {@link OrderType#MARKET} when not set. */
    public Builder type(OrderType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Sets the time in force; {@link TimeInForce#DAY} when not set. */
    public Builder timeInForce(TimeInForce timeInForce) {
      this.timeInForce = Objects.requireNonNull(timeInForce, "timeInForce");
      return this;
    }

    /** Sets the quantity and clears any notional amount. */
    public Builder qty(Quantity qty) {
      this.qty = Objects.requireNonNull(qty, "qty");
      this.notional = null;
      return this;
    }

    /** Sets the quantity from decimal text and clears any notional amount. */
    public Builder qty(String qty) {
      return qty(Quantity.of(Objects.requireNonNull(qty, "qty")));
    }

    /** Sets the notional amount and clears any quantity. */
    public Builder notional(Money notional) {
      this.notional = Objects.requireNonNull(notional, "notional");
      this.qty = null;
      return this;
    }

    /** Sets the limit price. */
    public Builder limitPrice(@Nullable Price limitPrice) {
      this.limitPrice = limitPrice;
      return this;
    }

    /** Sets the stop price. */
    public Builder stopPrice(@Nullable Price stopPrice) {
      this.stopPrice = stopPrice;
      return this;
    }

    /** Allows execution in the extended sessions (limit day orders only). */
    public Builder extendedHours(boolean extendedHours) {
      this.extendedHours = extendedHours;
      return this;
    }

    /** Sets the caller's idempotency key for the order. */
    public Builder clientOrderId(@Nullable String clientOrderId) {
      this.clientOrderId = clientOrderId;
      return this;
    }

    /**
     * Validates and returns the request.
     *
     * @throws SpeedTradeException as {@link OrderRequest#OrderRequest}
     */
    public OrderRequest build() {
      // The constructor checks these too; checking them first, in its order and with its errors,
      // hands
      // it non-null values.
      String checkedSymbol = Symbols.normalize(symbol);
      if (side == null) {
        throw new SpeedTradeException(ErrorCode.INVALID_ORDER, "side is required");
      }
      return new OrderRequest(
          checkedSymbol,
          side,
          type,
          timeInForce,
          qty,
          notional,
          limitPrice,
          stopPrice,
          extendedHours,
          clientOrderId);
    }
  }
}
