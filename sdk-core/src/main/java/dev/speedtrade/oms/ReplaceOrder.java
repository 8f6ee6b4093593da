package dev.speedtrade.oms;

import dev.speedtrade.broker.TimeInForce;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A replace a client asks of an open order: a new order with the old one's symbol, side and type,
 * and for each field not given (null) the old one's value (qty: the old order's remaining).
 *
 * @param account the client account
 * @param clientOrderId the order to replace
 * @param newClientOrderId the new order's client order id; taken when the replace answers OK
 * @param qty the new qty, or null
 * @param limitPrice the new limit price, or null
 * @param stopPrice the new stop price, or null
 * @param timeInForce the new time in force, or null
 */
public record ReplaceOrder(
    String account,
    String clientOrderId,
    String newClientOrderId,
    @Nullable BigDecimal qty,
    @Nullable BigDecimal limitPrice,
    @Nullable BigDecimal stopPrice,
    @Nullable TimeInForce timeInForce) {

  /**
   * Checks the ids.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank id
   */
  public ReplaceOrder {
    Args.id(account, "account");
    Args.id(clientOrderId, "clientOrderId");
    Args.id(newClientOrderId, "newClientOrderId");
  }

  /** Returns a builder for a replace of {@code account}'s {@code clientOrderId}. */
  public static Builder builder(String account, String clientOrderId, String newClientOrderId) {
    return new Builder(account, clientOrderId, newClientOrderId);
  }

  /** Builds a {@link ReplaceOrder}. Setters refuse null; not thread-safe. */
  public static final class Builder {
    private final String account;
    private final String clientOrderId;
    private final String newClientOrderId;
    private @Nullable BigDecimal qty;
    private @Nullable BigDecimal limitPrice;
    private @Nullable BigDecimal stopPrice;
    private @Nullable TimeInForce timeInForce;

    private Builder(String account, String clientOrderId, String newClientOrderId) {
      this.account = Args.id(account, "account");
      this.clientOrderId = Args.id(clientOrderId, "clientOrderId");
      this.newClientOrderId = Args.id(newClientOrderId, "newClientOrderId");
    }

    /** Sets the new qty. */
    public Builder qty(BigDecimal value) {
      qty = Args.notNull(value, "qty");
      return this;
    }

    /** Sets the new limit price. */
    public Builder limitPrice(BigDecimal value) {
      limitPrice = Args.notNull(value, "limitPrice");
      return this;
    }

    /** Sets the new stop price. */
    public Builder stopPrice(BigDecimal value) {
      stopPrice = Args.notNull(value, "stopPrice");
      return this;
    }

    /** Sets the new time in force. */
    public Builder timeInForce(TimeInForce value) {
      timeInForce = Args.notNull(value, "timeInForce");
      return this;
    }

    /** Returns the request. */
    public ReplaceOrder build() {
      return new ReplaceOrder(
          account, clientOrderId, newClientOrderId, qty, limitPrice, stopPrice, timeInForce);
    }
  }
}
