package dev.speedtrade.oms;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A new order a client asks for. Ids and enums must be present; the numbers are as the client gave
 * them and pre-trade risk judges them (a missing or extra price, a qty of 0, both qty and notional:
 * each is a denial with its code, not an exception).
 *
 * @param account the client account
 * @param clientOrderId the client's key: a repeat with the same fields answers {@code EXISTS}
 * @param symbol the instrument
 * @param side buy or sell
 * @param type market, limit, stop or stop_limit
 * @param timeInForce day, gtc, ioc or fok
 * @param qty the qty, or null for a notional order
 * @param notional the USD amount of a notional order, or null
 * @param limitPrice the limit price, or null
 * @param stopPrice the stop price, or null
 */
public record SubmitOrder(
    String account,
    String clientOrderId,
    String symbol,
    OrderSide side,
    OrderType type,
    TimeInForce timeInForce,
    @Nullable BigDecimal qty,
    @Nullable BigDecimal notional,
    @Nullable BigDecimal limitPrice,
    @Nullable BigDecimal stopPrice) {

  /**
   * Checks the ids and enums.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank id or symbol, an id
   *     over 128 characters, a null enum, or type {@link OrderType#OTHER}
   */
  public SubmitOrder {
    Args.id(account, "account");
    Args.id(clientOrderId, "clientOrderId");
    Args.id(symbol, "symbol");
    Args.notNull(side, "side");
    Args.notNull(type, "type");
    Args.notNull(timeInForce, "timeInForce");
    if (type == OrderType.OTHER) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "type OTHER stands for venue orders the SDK does not model and cannot be submitted");
    }
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SubmitOrder}. Setters refuse null; not thread-safe. */
  public static final class Builder {
    private @Nullable String account;
    private @Nullable String clientOrderId;
    private @Nullable String symbol;
    private @Nullable OrderSide side;
    private @Nullable OrderType type;
    private @Nullable TimeInForce timeInForce;
    private @Nullable BigDecimal qty;
    private @Nullable BigDecimal notional;
    private @Nullable BigDecimal limitPrice;
    private @Nullable BigDecimal stopPrice;

    private Builder() {}

    /** Sets the client account (required). */
    public Builder account(String value) {
      account = Args.notNull(value, "account");
      return this;
    }

    /** Sets the client order id (required). */
    public Builder clientOrderId(String value) {
      clientOrderId = Args.notNull(value, "clientOrderId");
      return this;
    }

    /** Sets the symbol (required). */
    public Builder symbol(String value) {
      symbol = Args.notNull(value, "symbol");
      return this;
    }

    /** Sets the side (required). */
    public Builder side(OrderSide value) {
      side = Args.notNull(value, "side");
      return this;
    }

    /** Sets the type (required). */
    public Builder type(OrderType value) {
      type = Args.notNull(value, "type");
      return this;
    }

    /** Sets the time in force (required). */
    public Builder timeInForce(TimeInForce value) {
      timeInForce = Args.notNull(value, "timeInForce");
      return this;
    }

    /** Sets the qty. */
    public Builder qty(BigDecimal value) {
      qty = Args.notNull(value, "qty");
      return this;
    }

    /** Sets the qty from decimal text. */
    public Builder qty(String value) {
      return qty(new BigDecimal(Args.notNull(value, "qty")));
    }

    /** Sets the USD notional. */
    public Builder notional(BigDecimal value) {
      notional = Args.notNull(value, "notional");
      return this;
    }

    /** Sets the USD notional from decimal text. */
    public Builder notional(String value) {
      return notional(new BigDecimal(Args.notNull(value, "notional")));
    }

    /** Sets the limit price. */
    public Builder limitPrice(BigDecimal value) {
      limitPrice = Args.notNull(value, "limitPrice");
      return this;
    }

    /** Sets the limit price from decimal text. */
    public Builder limitPrice(String value) {
      return limitPrice(new BigDecimal(Args.notNull(value, "limitPrice")));
    }

    /** Sets the stop price. */
    public Builder stopPrice(BigDecimal value) {
      stopPrice = Args.notNull(value, "stopPrice");
      return this;
    }

    /** Sets the stop price from decimal text. */
    public Builder stopPrice(String value) {
      return stopPrice(new BigDecimal(Args.notNull(value, "stopPrice")));
    }

    /**
     * Returns the request.
     *
     * @throws dev.speedtrade.error.SpeedTradeException {@link
     *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} naming a missing required field
     */
    public SubmitOrder build() {
      return new SubmitOrder(
          Args.id(account, "account"),
          Args.id(clientOrderId, "clientOrderId"),
          Args.id(symbol, "symbol"),
          Args.notNull(side, "side"),
          Args.notNull(type, "type"),
          Args.notNull(timeInForce, "timeInForce"),
          qty,
          notional,
          limitPrice,
          stopPrice);
    }
  }
}
