package dev.speedtrade.oms.spi;

import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.OrderFill;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One client account's book, as {@link OrderStore#inAccount} hands it to the order service: orders,
 * the client order ids taken, fills, positions, the instants of the submits sent (for the rate
 * limit) and the outbox. Only valid during that call, and only on its thread.
 */
public interface AccountBook {

  /** Returns the account this book belongs to. */
  String account();

  /** Returns the order with {@code clientOrderId}, if any. */
  Optional<ClientOrder> order(String clientOrderId);

  /**
   * Returns every order, oldest first: in the order each client order id was first put (a later put
   * of the same id keeps its place).
   */
  List<ClientOrder> orders();

  /**
   * Returns the open orders (see {@link ClientOrder#isOpen()}) in {@code symbol}, oldest first:
   * what the pre-trade checks sum on every submit. The default filters {@link #orders()}; a store
   * answers it without reading the closed orders.
   */
  default List<ClientOrder> openOrders(String symbol) {
    List<ClientOrder> open = new java.util.ArrayList<>();
    for (ClientOrder order : orders()) {
      if (order.isOpen() && order.symbol().equals(symbol)) {
        open.add(order);
      }
    }
    return open;
  }

  /**
   * Returns the open quantities of the open qty orders in {@code symbol}, per side: what every
   * submit sums. The default sums {@link #openOrders(String)}; a store may keep the sums as it
   * writes orders.
   */
  default OpenQuantities openQuantities(String symbol) {
    BigDecimal buy = BigDecimal.ZERO;
    BigDecimal sell = BigDecimal.ZERO;
    for (ClientOrder order : openOrders(symbol)) {
      if (order.isBuy()) {
        buy = buy.add(order.openQty());
      } else {
        sell = sell.add(order.openQty());
      }
    }
    return new OpenQuantities(buy, sell);
  }

  /** Inserts {@code order}, or replaces the one with its client order id. */
  void putOrder(ClientOrder order);

  /** Returns true when {@code clientOrderId} is taken (by a submit, or a replace answered OK). */
  boolean isTaken(String clientOrderId);

  /** Takes {@code clientOrderId} for good. */
  void take(String clientOrderId);

  /**
   * Registers platform order id {@code orderId} as naming this account's {@code clientOrderId}, for
   * good: {@link OrderStore#locate} then finds it. Registering the same pair again changes nothing.
   * The service registers an order's id when the order is sent and the id of the order a replace
   * will create when the replace is accepted, before the venue can answer about either.
   */
  void registerOrderId(String orderId, String clientOrderId);

  /** Returns true when a fill with {@code execId} was applied to order {@code clientOrderId}. */
  boolean hasFill(String clientOrderId, String execId);

  /** Returns every fill, in the order applied. */
  List<OrderFill> fills();

  /** Records {@code fill}. */
  void addFill(OrderFill fill);

  /** Returns the position in {@code symbol}, if the account ever had a fill in it. */
  Optional<ClientPosition> position(String symbol);

  /** Returns every position, sorted by symbol (code point). */
  List<ClientPosition> positions();

  /** Inserts {@code position}, or replaces the one with its symbol. */
  void putPosition(ClientPosition position);

  /** Records that a submit was sent at {@code at}. */
  void recordSubmit(Instant at);

  /** Returns how many submits were sent at instants strictly after {@code after}. */
  int submitsAfter(Instant after);

  /** Appends {@code entry} to the outbox. */
  void enqueue(OutboxEntry entry);

  /** Returns the outbox, oldest first. */
  List<OutboxEntry> outbox();

  /** Removes {@code entry} from the outbox once its work is done. */
  void dequeue(OutboxEntry entry);
}
