package dev.speedtrade.oms;

import dev.speedtrade.oms.spi.AccountBook;
import dev.speedtrade.oms.spi.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AccountBook} that remembers the orders a piece of work wrote and the fills it added, so
 * that the events of the change can be told once the work is done: each order's status before and
 * after, and the fills between.
 */
final class RecordingBook implements AccountBook {
  private final AccountBook book;
  private final Map<String, Change> changes = new LinkedHashMap<>();
  private final List<OrderFill> fills = new ArrayList<>();
  private boolean queuedVenueWork;

  RecordingBook(AccountBook book) {
    this.book = book;
  }

  /** Notes that the work queued venue work with the venue link, to start once it is kept. */
  void noteVenueWork() {
    queuedVenueWork = true;
  }

  /** Returns true when the work queued venue work. */
  boolean queuedVenueWork() {
    return queuedVenueWork;
  }

  /** Returns the events of what was written, in the order the orders were first written. */
  List<OrderEvent> events(Instant at) {
    if (changes.isEmpty()) {
      return List.of();
    }
    List<OrderEvent> events = new ArrayList<>();
    for (Change change : changes.values()) {
      ClientOrder before = change.before;
      ClientOrder after = change.after;
      List<OrderFill> orderFills =
          fills.isEmpty()
              ? List.of()
              : fills.stream()
                  .filter(f -> f.clientOrderId().equals(after.clientOrderId()))
                  .toList();
      if (before == null) {
        events.add(
            new OrderEvent(
                after.status() == ClientOrderStatus.DENIED
                    ? OrderEventType.DENIED
                    : OrderEventType.ACCEPTED,
                after,
                null,
                at));
        continue;
      }
      for (int i = 0; i < orderFills.size(); i++) {
        boolean last = i == orderFills.size() - 1;
        boolean complete = last && after.status() == ClientOrderStatus.FILLED;
        events.add(
            new OrderEvent(
                complete ? OrderEventType.FILLED : OrderEventType.PARTIALLY_FILLED,
                after,
                orderFills.get(i),
                at));
      }
      OrderEventType type = transition(before, after, !orderFills.isEmpty());
      if (type != null) {
        events.add(new OrderEvent(type, after, null, at));
      }
    }
    return events;
  }

  private static @Nullable OrderEventType transition(
      ClientOrder before, ClientOrder after, boolean filled) {
    ClientOrderStatus from = before.status();
    ClientOrderStatus to = after.status();
    if (from == to) {
      return !before.acknowledged() && after.acknowledged() && !filled ? OrderEventType.SENT : null;
    }
    return switch (to) {
      case ACCEPTED -> from == ClientOrderStatus.PENDING_NEW ? OrderEventType.SENT : rejected(from);
      case PENDING_NEW, PARTIALLY_FILLED -> filled ? null : rejected(from);
      case FILLED -> null;
      case PENDING_CANCEL -> OrderEventType.CANCEL_REQUESTED;
      case PENDING_REPLACE -> OrderEventType.REPLACE_REQUESTED;
      case CANCELED -> OrderEventType.CANCELED;
      case REPLACED -> OrderEventType.REPLACED;
      case EXPIRED -> OrderEventType.EXPIRED;
      case REJECTED -> OrderEventType.REJECTED;
      case DENIED -> OrderEventType.DENIED;
    };
  }

  /** Back to work from a pending request the venue refused. */
  private static @Nullable OrderEventType rejected(ClientOrderStatus from) {
    return switch (from) {
      case PENDING_CANCEL -> OrderEventType.CANCEL_REJECTED;
      case PENDING_REPLACE -> OrderEventType.REPLACE_REJECTED;
      default -> null;
    };
  }

  @Override
  public String account() {
    return book.account();
  }

  @Override
  public Optional<ClientOrder> order(String clientOrderId) {
    return book.order(clientOrderId);
  }

  @Override
  public List<ClientOrder> orders() {
    return book.orders();
  }

  @Override
  public dev.speedtrade.oms.spi.OpenQuantities openQuantities(String symbol) {
    return book.openQuantities(symbol);
  }

  @Override
  public List<ClientOrder> openOrders(String symbol) {
    return book.openOrders(symbol);
  }

  @Override
  public void putOrder(ClientOrder order) {
    Change change = changes.get(order.clientOrderId());
    if (change == null) {
      changes.put(
          order.clientOrderId(), new Change(book.order(order.clientOrderId()).orElse(null), order));
    } else {
      change.after = order;
    }
    book.putOrder(order);
  }

  @Override
  public boolean isTaken(String clientOrderId) {
    return book.isTaken(clientOrderId);
  }

  @Override
  public void take(String clientOrderId) {
    book.take(clientOrderId);
  }

  @Override
  public void registerOrderId(String orderId, String clientOrderId) {
    book.registerOrderId(orderId, clientOrderId);
  }

  @Override
  public boolean hasFill(String clientOrderId, String execId) {
    return book.hasFill(clientOrderId, execId);
  }

  @Override
  public List<OrderFill> fills() {
    return book.fills();
  }

  @Override
  public void addFill(OrderFill fill) {
    fills.add(fill);
    book.addFill(fill);
  }

  @Override
  public Optional<ClientPosition> position(String symbol) {
    return book.position(symbol);
  }

  @Override
  public List<ClientPosition> positions() {
    return book.positions();
  }

  @Override
  public void putPosition(ClientPosition position) {
    book.putPosition(position);
  }

  @Override
  public void recordSubmit(Instant at) {
    book.recordSubmit(at);
  }

  @Override
  public int submitsAfter(Instant after) {
    return book.submitsAfter(after);
  }

  @Override
  public void enqueue(OutboxEntry entry) {
    book.enqueue(entry);
  }

  @Override
  public List<OutboxEntry> outbox() {
    return book.outbox();
  }

  @Override
  public void dequeue(OutboxEntry entry) {
    book.dequeue(entry);
  }

  /** One order's state before the work and after it. */
  private static final class Change {
    private final @Nullable ClientOrder before;
    private ClientOrder after;

    Change(@Nullable ClientOrder before, ClientOrder after) {
      this.before = before;
      this.after = after;
    }
  }
}
