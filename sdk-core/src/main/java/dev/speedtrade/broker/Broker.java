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
 * <p>A null or blank argument is refused the same way by every implementation, before any call to
 * the provider: {@link ErrorCode#INVALID_ORDER} for a null order request, {@link
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
   * @throws SpeedTradeException {@link ErrorCode#ORDER_NOT_FOUND} for an unknown id, {@link
   *     ErrorCode#ORDER_NOT_CANCELABLE} for an order that is already final; {@link
   *     ErrorCode#INVALID_ARGUMENT} for a null or blank id, before any call to the provider
   */
  void cancelOrder(String orderId);

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
   * is closed. Several listeners may be registered; each receives every update.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null listener, before
   *     anything is opened
   */
  Subscription subscribe(TradeUpdateListener listener);
}
