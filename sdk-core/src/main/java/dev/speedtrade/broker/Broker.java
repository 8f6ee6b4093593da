package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import java.util.List;
import java.util.Optional;

/**
 * Brokerage SPI: one trading account at one broker.
 *
 * <p>Implementations are thread-safe. Every method either completes or throws {@link
 * SpeedTradeException}; an adapter maps its provider's errors onto the {@link ErrorCode}s named
 * here and keeps the provider's code on the exception. The simulated implementation is {@link
 * SimulatedBroker}; the Alpaca one lives in {@code sdk-broker-alpaca}.
 *
 * <p>Client order ids make submission idempotent: a broker refuses a second order with a client
 * order id it has seen ({@link ErrorCode#DUPLICATE_CLIENT_ORDER_ID}), so a caller whose
 * submission's answer was lost looks the order up with {@link #orderByClientOrderId} instead of
 * placing it again.
 *
 * <p>An order id the broker could never have issued (Alpaca's are UUIDs) is an unknown order:
 * {@link #order} answers it empty, {@link #cancelOrder} and {@link #replaceOrder} refuse it with
 * {@link ErrorCode#ORDER_NOT_FOUND}.
 *
 * <p>A null or blank argument is refused the same way by every implementation, before any call to
 * the provider: {@link ErrorCode#INVALID_ORDER} for a null order or replace request, {@link
 * ErrorCode#INVALID_SYMBOL} for a null, blank or malformed symbol, {@link
 * ErrorCode#INVALID_ARGUMENT} for a null or blank order id or client order id and for a null
 * listener.
 */
public interface Broker {

  /** Returns the account's status, cash, equity and buying power now. */
  Account account();

  /** Returns the account's open positions, sorted by symbol. */
  List<Position> positions();

  /**
   * Returns the account's orders that are not final (see {@link OrderStatus#isFinal()}), oldest
   * first.
   */
  List<BrokerOrder> openOrders();

  /**
   * Places an order and returns it as the broker accepted it (usually {@link OrderStatus#NEW}; a
   * marketable order may already be filled). A broker may also accept an order and reject it later,
   * which it reports as status {@link OrderStatus#REJECTED} and a trade update.
   *
   * @throws SpeedTradeException when the broker refuses the order outright: {@link
   *     ErrorCode#UNKNOWN_SYMBOL}, {@link ErrorCode#ASSET_NOT_TRADABLE}, {@link
   *     ErrorCode#ASSET_NOT_FRACTIONABLE}, {@link ErrorCode#INSUFFICIENT_BUYING_POWER}, {@link
   *     ErrorCode#INSUFFICIENT_QUANTITY}, {@link ErrorCode#DUPLICATE_CLIENT_ORDER_ID}, {@link
   *     ErrorCode#MARKET_CLOSED}, {@link ErrorCode#WASH_TRADE} or {@link ErrorCode#INVALID_ORDER};
   *     {@link ErrorCode#INVALID_ORDER} for a null request, before any call to the provider
   */
  BrokerOrder submitOrder(OrderRequest request);

  /**
   * Returns the order with the broker's id {@code orderId}, if the account has one.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id, before
   *     any call to the provider
   */
  Optional<BrokerOrder> order(String orderId);

  /**
   * Returns the order placed with {@code clientOrderId}, if the account has one.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id, before
   *     any call to the provider
   */
  Optional<BrokerOrder> orderByClientOrderId(String clientOrderId);

  /**
   * Requests that an open order be canceled. The cancel may complete later; watch the order's
   * status or the trade updates.
   *
   * @throws SpeedTradeException {@link ErrorCode#ORDER_NOT_FOUND} for an unknown (or malformed) id,
   *     {@link ErrorCode#ORDER_NOT_CANCELABLE} for an order that is already final; {@link
   *     ErrorCode#INVALID_ARGUMENT} for a null or blank id, before any call to the provider
   */
  void cancelOrder(String orderId);

  /**
   * Replaces an open order, as Alpaca's {@code PATCH /v2/orders/{order_id}} does: the broker places
   * a new order, with a new id, the old order's symbol, side, type and extended-hours flag, and for
   * each field {@code request} does not give, the old order's value (the quantity: what is left
   * unfilled of the old order). The new order's {@link BrokerOrder#replaces()} names the old one;
   * the old order ends {@link OrderStatus#REPLACED}, its {@link BrokerOrder#replacedBy()} naming
   * the new one, and keeps the fills it had. Listeners receive {@link TradeUpdateEvent#REPLACED}
   * for the old order, then the new order's own updates.
   *
   * <p>The replacement may complete later, as a cancel may: a remote broker may report the old
   * order {@link OrderStatus#PENDING_REPLACE} first, and may still refuse the replacement (when the
   * old order filled first, say) with a {@link TradeUpdateEvent#ORDER_REPLACE_REJECTED} update, the
   * old order going on as it was.
   *
   * @return the new order, as the broker accepted it
   * @throws SpeedTradeException {@link ErrorCode#ORDER_NOT_FOUND} for an unknown (or malformed) id;
   *     {@link ErrorCode#ORDER_NOT_REPLACEABLE} for an order that is final, not yet working or
   *     already being canceled or replaced (accepted, pending new, pending cancel, pending
   *     replace), or notional; {@link ErrorCode#INVALID_ORDER} for a field the order does not take
   *     (a limit price on a market order, a fractional quantity of an equity) or a new order that
   *     breaks a rule of {@link OrderRequest}; the refusals of {@link #submitOrder} for the new
   *     order ({@link ErrorCode#INSUFFICIENT_BUYING_POWER}, {@link
   *     ErrorCode#DUPLICATE_CLIENT_ORDER_ID}, {@link ErrorCode#MARKET_CLOSED}, ...); before any
   *     call to the provider, {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id and {@link
   *     ErrorCode#INVALID_ORDER} for a null request
   */
  BrokerOrder replaceOrder(String orderId, ReplaceRequest request);

  /**
   * Requests that every open order be canceled, and reports the outcome for each one.
   *
   * @return one outcome per order that was open, in no particular order
   */
  List<CancelOutcome> cancelAllOrders();

  /**
   * Sells (or, for a short, buys back) the whole position in {@code symbol} with a market order.
   *
   * @return the closing order
   * @throws SpeedTradeException {@link ErrorCode#POSITION_NOT_FOUND} when nothing is held, or as
   *     {@link #submitOrder}; {@link ErrorCode#INVALID_SYMBOL} for a null, blank or malformed
   *     symbol, before any call to the provider
   */
  BrokerOrder closePosition(String symbol);

  /**
   * Looks up an asset.
   *
   * @throws SpeedTradeException {@link ErrorCode#UNKNOWN_SYMBOL} when the broker does not list it;
   *     {@link ErrorCode#INVALID_SYMBOL} for a null, blank or malformed symbol, before any call to
   *     the provider
   */
  Asset asset(String symbol);

  /**
   * Registers a listener for the account's order updates and fills, until the returned subscription
   * is closed. Several listeners may be registered; each receives every update, and {@link
   * TradeUpdateListener#onStreamFailure} when the broker's update stream fails for good.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null listener, before
   *     anything is opened
   */
  Subscription subscribe(TradeUpdateListener listener);
}
