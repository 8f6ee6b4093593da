package dev.speedtrade.oms;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.Position;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.oms.spi.OrderRef;
import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.oms.spi.OutboxEntry;
import dev.speedtrade.oms.spi.OutboxKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@link OrderService#reconcileWithVenue()}: compares the books with the venue (the omnibus
 * account): the open orders both ways, the filled qty of each order open in the books, and the
 * omnibus position per symbol. Reads only, and calls the venue outside every account's
 * serialization: one {@code openOrders()} and one {@code positions()}, plus one look-up per order
 * open in the books that is not open at the venue.
 */
final class VenueReconciler {
  private final OrderStore store;
  private final Broker venue;
  private final Clock clock;
  private final List<Discrepancy> found = new ArrayList<>();

  VenueReconciler(OrderStore store, Broker venue, Clock clock) {
    this.store = store;
    this.venue = venue;
    this.clock = clock;
  }

  /** What one account's book says, read at once. */
  private record Snapshot(
      List<ClientOrder> open, List<OutboxEntry> outbox, List<ClientPosition> positions) {}

  Reconciliation run() {
    Instant at = clock.instant();
    List<BrokerOrder> venueOpen = venue.openOrders();
    Map<String, BrokerOrder> openById = new HashMap<>();
    Map<String, BrokerOrder> openByClientId = new HashMap<>();
    for (BrokerOrder o : venueOpen) {
      openById.put(o.id(), o);
      openByClientId.put(o.clientOrderId(), o);
    }
    List<String> accounts = store.accounts();
    Map<String, BigDecimal> clientQty = new TreeMap<>();
    for (String account : accounts) {
      Snapshot s =
          store.inAccount(
              account,
              book ->
                  new Snapshot(
                      book.orders().stream().filter(ClientOrder::isOpen).toList(),
                      book.outbox(),
                      book.positions()));
      for (ClientPosition p : s.positions()) {
        clientQty.merge(p.symbol(), p.qty(), BigDecimal::add);
      }
      for (ClientOrder order : s.open()) {
        checkOrder(order, s.outbox(), find(order, openById, openByClientId));
      }
    }
    for (BrokerOrder o : venueOpen) {
      checkVenueOrder(o);
    }
    checkPositions(clientQty);
    return new Reconciliation(at, accounts.size(), found);
  }

  private @Nullable BrokerOrder find(
      ClientOrder order,
      Map<String, BrokerOrder> openById,
      Map<String, BrokerOrder> openByClientId) {
    String venueId = order.venueOrderId();
    if (venueId != null) {
      BrokerOrder open = openById.get(venueId);
      if (open != null) {
        return open;
      }
      Optional<BrokerOrder> known = venue.order(venueId);
      if (known.isPresent()) {
        return known.get();
      }
    }
    BrokerOrder open = openByClientId.get(order.orderId());
    return open != null ? open : venue.orderByClientOrderId(order.orderId()).orElse(null);
  }

  private void checkOrder(ClientOrder order, List<OutboxEntry> outbox, @Nullable BrokerOrder at) {
    String name = order.account() + "/" + order.clientOrderId();
    if (at == null) {
      Optional<OutboxEntry> send =
          outbox.stream()
              .filter(
                  e ->
                      e.kind() == OutboxKind.SEND
                          && e.clientOrderId().equals(order.clientOrderId()))
              .findFirst();
      if (send.isPresent()) {
        add(
            DiscrepancyKind.OUTBOX_PENDING,
            order,
            send.get().id(),
            null,
            null,
            Remedy.AWAIT_OUTBOX,
            "order " + name + " (" + order.status() + ") is not at the venue: its send is queued",
            "recover() sends it, under its platform order id " + order.orderId());
      } else {
        String event = order.acknowledged() ? "cancelAck" : "venueReject";
        add(
            DiscrepancyKind.VENUE_ORDER_MISSING,
            order,
            order.venueOrderId(),
            null,
            null,
            Remedy.CLOSE_IN_BOOKS,
            "order "
                + name
                + " is "
                + order.status()
                + " in the books and the venue knows no order "
                + (order.venueOrderId() != null ? order.venueOrderId() + " nor one " : "")
                + "with client order id "
                + order.orderId(),
            "apply " + event + " to " + name + ": the venue will not fill it");
      }
      return;
    }
    BigDecimal books = order.filledQty();
    BigDecimal atVenue = at.filledQty().value();
    int fills = atVenue.compareTo(books);
    if (!at.isOpen()) {
      closedAtVenue(order, name, at, fills);
    }
    if (fills != 0) {
      add(
          DiscrepancyKind.VENUE_FILLED_QTY_MISMATCH,
          order,
          at.id(),
          books,
          atVenue,
          fills > 0 ? Remedy.APPLY_FILLS : Remedy.INVESTIGATE,
          "order "
              + name
              + " has filled "
              + books.toPlainString()
              + " in the books and "
              + atVenue.toPlainString()
              + " at the venue (order "
              + at.id()
              + ", "
              + at.status()
              + ")",
          fills > 0
              ? "apply the venue's executions of order "
                  + at.id()
                  + " the books miss ("
                  + atVenue.subtract(books).toPlainString()
                  + ")"
              : "the books hold fills the venue does not: find where they came from");
    }
  }

  private void closedAtVenue(ClientOrder order, String name, BrokerOrder at, int fills) {
    String missing = fills > 0 ? "apply its missing fills, then " : "";
    Remedy remedy = Remedy.APPLY_VENUE_EVENT;
    String suggestion;
    OrderStatus status = at.status();
    if (status == OrderStatus.FILLED) {
      remedy = Remedy.APPLY_FILLS;
      suggestion = "apply its missing fills: the venue filled it";
    } else if (status == OrderStatus.CANCELED) {
      suggestion = missing + "apply cancelAck to " + name;
    } else if (status == OrderStatus.EXPIRED) {
      suggestion = missing + "apply expire to " + name;
    } else if (status == OrderStatus.REJECTED) {
      suggestion = "apply venueReject to " + name;
    } else if (order.status() == ClientOrderStatus.PENDING_REPLACE) {
      suggestion = missing + "apply replaceAck to " + name + " (the venue replaced it)";
    } else {
      remedy = Remedy.INVESTIGATE;
      suggestion =
          "the venue replaced it by order "
              + at.replacedBy()
              + " without a replace of the books: find who did";
    }
    add(
        DiscrepancyKind.VENUE_ORDER_CLOSED,
        order,
        at.id(),
        null,
        null,
        remedy,
        "order "
            + name
            + " is "
            + order.status()
            + " in the books and "
            + status
            + " at the venue (order "
            + at.id()
            + ")",
        suggestion);
  }

  private void checkVenueOrder(BrokerOrder at) {
    Optional<OrderRef> ref = store.locate(at.clientOrderId());
    Quantity qty = at.qty();
    String what =
        "venue order "
            + at.id()
            + " ("
            + at.side()
            + " "
            + (qty != null ? qty.value().toPlainString() + " " : "")
            + at.symbol()
            + ", client order id "
            + at.clientOrderId()
            + ", "
            + at.status()
            + ")";
    if (ref.isEmpty()) {
      found.add(
          new Discrepancy(
              DiscrepancyKind.UNKNOWN_VENUE_ORDER,
              null,
              null,
              at.symbol(),
              at.id(),
              null,
              qty != null ? qty.value() : null,
              Remedy.CANCEL_OR_ADOPT,
              what + " is open and the books do not know it",
              "not ours (placed outside the SDK): cancel it at the venue, or adopt it on purpose"));
      return;
    }
    String account = ref.get().account();
    String coid = ref.get().clientOrderId();
    Optional<String> closedInBooks =
        store.inAccount(
            account,
            book -> {
              Optional<ClientOrder> order = book.order(coid);
              if (order.isPresent()) {
                return order.get().isOpen()
                    ? Optional.<String>empty()
                    : Optional.of(order.get().status().name());
              }
              // The new order of a replace the books have not acknowledged yet is the old order's
              // business (its check reports the venue's REPLACED).
              boolean replacing =
                  book.orders().stream()
                      .anyMatch(
                          o -> {
                            PendingReplace p = o.pendingReplace();
                            return o.isOpen() && p != null && p.newClientOrderId().equals(coid);
                          });
              return replacing ? Optional.<String>empty() : Optional.of("not created");
            });
    if (closedInBooks.isPresent()) {
      found.add(
          new Discrepancy(
              DiscrepancyKind.OPEN_ONLY_AT_VENUE,
              account,
              coid,
              at.symbol(),
              at.id(),
              null,
              null,
              Remedy.CANCEL_AT_VENUE,
              what
                  + " is open and the books hold order "
                  + account
                  + "/"
                  + coid
                  + " "
                  + closedInBooks.get(),
              "cancel order " + at.id() + " at the venue: the books no longer expect it to work"));
    }
  }

  private void checkPositions(Map<String, BigDecimal> clientQty) {
    Map<String, BigDecimal> venueQty = new TreeMap<>();
    for (Position p : venue.positions()) {
      venueQty.merge(p.symbol(), p.signedQty(), BigDecimal::add);
    }
    Set<String> symbols = new TreeSet<>(clientQty.keySet());
    symbols.addAll(venueQty.keySet());
    for (String symbol : symbols) {
      BigDecimal books = clientQty.getOrDefault(symbol, BigDecimal.ZERO);
      BigDecimal atVenue = venueQty.getOrDefault(symbol, BigDecimal.ZERO);
      if (books.compareTo(atVenue) != 0) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.OMNIBUS_POSITION_MISMATCH,
                null,
                null,
                symbol,
                null,
                books,
                atVenue,
                Remedy.RECONCILE_POSITION,
                "the client positions in "
                    + symbol
                    + " add up to "
                    + books.toPlainString()
                    + " and the venue's omnibus position is "
                    + atVenue.toPlainString(),
                "look for fills the books missed (an order's filled qty differs) and for trades or"
                    + " holdings at the venue outside the SDK"));
      }
    }
  }

  private void add(
      DiscrepancyKind kind,
      ClientOrder order,
      @Nullable String reference,
      @Nullable BigDecimal expected,
      @Nullable BigDecimal actual,
      Remedy remedy,
      String message,
      String suggestion) {
    found.add(
        new Discrepancy(
            kind,
            order.account(),
            order.clientOrderId(),
            order.symbol(),
            reference,
            expected,
            actual,
            remedy,
            message,
            suggestion));
  }
}
