package dev.speedtrade.oms;

import static dev.speedtrade.oms.ClientOrderStatus.ACCEPTED;
import static dev.speedtrade.oms.ClientOrderStatus.CANCELED;
import static dev.speedtrade.oms.ClientOrderStatus.DENIED;
import static dev.speedtrade.oms.ClientOrderStatus.EXPIRED;
import static dev.speedtrade.oms.ClientOrderStatus.FILLED;
import static dev.speedtrade.oms.ClientOrderStatus.PARTIALLY_FILLED;
import static dev.speedtrade.oms.ClientOrderStatus.PENDING_CANCEL;
import static dev.speedtrade.oms.ClientOrderStatus.PENDING_NEW;
import static dev.speedtrade.oms.ClientOrderStatus.PENDING_REPLACE;
import static dev.speedtrade.oms.ClientOrderStatus.REJECTED;
import static dev.speedtrade.oms.ClientOrderStatus.REPLACED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.OrderSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every event applied to an order in every status: the table's allowed pairs move the order where
 * the table says, every other pair answers INVALID_TRANSITION and changes nothing; the books stay
 * consistent after each.
 */
class OrderStateMachineTest {
  private static final String A = "alice";

  /** The starting points: every status, and PENDING_CANCEL before and after acknowledgement. */
  enum Start {
    PENDING_NEW,
    ACCEPTED,
    PARTIALLY_FILLED,
    FILLED,
    PENDING_CANCEL_UNACKNOWLEDGED,
    PENDING_CANCEL_ACKNOWLEDGED,
    PENDING_REPLACE,
    CANCELED,
    REPLACED,
    EXPIRED,
    DENIED,
    REJECTED
  }

  enum Event {
    VENUE_ACCEPT,
    VENUE_REJECT,
    PARTIAL_FILL,
    COMPLETING_FILL,
    CANCEL,
    CANCEL_ACK,
    CANCEL_REJECT,
    REPLACE,
    REPLACE_ACK,
    REPLACE_REJECT,
    EXPIRE
  }

  /** The table: where each allowed (start, event) pair goes; absent pairs are refused. */
  private static final Map<Start, Map<Event, ClientOrderStatus>> TABLE = new EnumMap<>(Start.class);

  static {
    for (Start s : Start.values()) {
      TABLE.put(s, new EnumMap<>(Event.class));
    }
    allow(Start.PENDING_NEW, Event.VENUE_ACCEPT, ACCEPTED);
    allow(Start.PENDING_CANCEL_UNACKNOWLEDGED, Event.VENUE_ACCEPT, PENDING_CANCEL);
    allow(Start.PENDING_NEW, Event.VENUE_REJECT, REJECTED);
    allow(Start.PENDING_CANCEL_UNACKNOWLEDGED, Event.VENUE_REJECT, REJECTED);
    for (Start s : List.of(Start.PENDING_NEW, Start.ACCEPTED, Start.PARTIALLY_FILLED)) {
      allow(s, Event.PARTIAL_FILL, PARTIALLY_FILLED);
      allow(s, Event.CANCEL, PENDING_CANCEL);
    }
    allow(Start.PENDING_CANCEL_UNACKNOWLEDGED, Event.PARTIAL_FILL, PENDING_CANCEL);
    allow(Start.PENDING_CANCEL_ACKNOWLEDGED, Event.PARTIAL_FILL, PENDING_CANCEL);
    allow(Start.PENDING_REPLACE, Event.PARTIAL_FILL, PENDING_REPLACE);
    allow(Start.CANCELED, Event.PARTIAL_FILL, CANCELED);
    for (Start s :
        List.of(
            Start.PENDING_NEW,
            Start.ACCEPTED,
            Start.PARTIALLY_FILLED,
            Start.PENDING_CANCEL_UNACKNOWLEDGED,
            Start.PENDING_CANCEL_ACKNOWLEDGED,
            Start.PENDING_REPLACE,
            Start.CANCELED)) {
      allow(s, Event.COMPLETING_FILL, FILLED);
    }
    for (Start s :
        List.of(
            Start.PENDING_NEW,
            Start.ACCEPTED,
            Start.PARTIALLY_FILLED,
            Start.PENDING_CANCEL_UNACKNOWLEDGED,
            Start.PENDING_CANCEL_ACKNOWLEDGED,
            Start.PENDING_REPLACE)) {
      allow(s, Event.CANCEL_ACK, CANCELED);
      allow(s, Event.EXPIRE, EXPIRED);
    }
    allow(Start.PENDING_CANCEL_UNACKNOWLEDGED, Event.CANCEL_REJECT, PENDING_NEW);
    allow(Start.PENDING_CANCEL_ACKNOWLEDGED, Event.CANCEL_REJECT, ACCEPTED);
    allow(Start.ACCEPTED, Event.REPLACE, PENDING_REPLACE);
    allow(Start.PARTIALLY_FILLED, Event.REPLACE, PENDING_REPLACE);
    allow(Start.PENDING_REPLACE, Event.REPLACE_ACK, REPLACED);
    allow(Start.PENDING_REPLACE, Event.REPLACE_REJECT, ACCEPTED);
  }

  private static void allow(Start start, Event event, ClientOrderStatus to) {
    TABLE.get(start).put(event, to);
  }

  @Test
  void everyEventInEveryStatusMovesTheOrderAsTheTableSays() {
    List<String> wrong = new ArrayList<>();
    for (Start start : Start.values()) {
      for (Event event : Event.values()) {
        Desk desk = Desk.monday().stock("AAPL", "100.00").open(A, "100000.00");
        ClientOrder before = prepare(desk, start);
        OrderResult result = apply(desk, event);
        ClientOrder after = desk.orders.order(A, "o").orElseThrow();
        ClientOrderStatus expected = TABLE.get(start).get(event);
        if (expected == null) {
          if (result.outcome() != OrderCode.INVALID_TRANSITION || !after.equals(before)) {
            wrong.add(start + " + " + event + ": expected INVALID_TRANSITION, got " + result);
          }
        } else if (result.outcome() != OrderCode.OK || after.status() != expected) {
          wrong.add(start + " + " + event + ": expected " + expected + ", got " + result);
        }
        desk.checkBooks();
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** Puts order {@code o} (a limit buy of 10 at 100.00) in {@code start}; returns it. */
  private static ClientOrder prepare(Desk desk, Start start) {
    VenueEvents venue = desk.venue();
    String symbol = start == Start.DENIED ? "NOPE" : "AAPL";
    OrderResult submitted =
        desk.orders.submit(
            Desk.order(A, "o", symbol, OrderSide.BUY, "10").limitPrice("100.00").build());
    switch (start) {
      case PENDING_NEW, DENIED -> {}
      case ACCEPTED -> venue.venueAccept(A, "o");
      case PARTIALLY_FILLED -> {
        venue.venueAccept(A, "o");
        venue.fill(A, "o", "p1", d("2"), d("99.00"));
      }
      case FILLED -> venue.fill(A, "o", "p1", d("10"), d("99.00"));
      case PENDING_CANCEL_UNACKNOWLEDGED -> desk.orders.cancel(A, "o");
      case PENDING_CANCEL_ACKNOWLEDGED -> {
        venue.venueAccept(A, "o");
        desk.orders.cancel(A, "o");
      }
      case PENDING_REPLACE -> {
        venue.venueAccept(A, "o");
        desk.orders.replace(ReplaceOrder.builder(A, "o", "o2").limitPrice(d("101.00")).build());
      }
      case CANCELED -> {
        desk.orders.cancel(A, "o");
        venue.cancelAck(A, "o");
      }
      case REPLACED -> {
        venue.venueAccept(A, "o");
        desk.orders.replace(ReplaceOrder.builder(A, "o", "o2").build());
        venue.replaceAck(A, "o");
      }
      case EXPIRED -> venue.expire(A, "o");
      case REJECTED -> venue.venueReject(A, "o", "no");
      default -> throw new IllegalStateException(start.name());
    }
    ClientOrder order = desk.orders.order(A, "o").orElseThrow();
    assertThat(order.status().name())
        .as(start + " from " + submitted)
        .startsWith(start.name().replace("_UNACKNOWLEDGED", "").replace("_ACKNOWLEDGED", ""));
    return order;
  }

  private static OrderResult apply(Desk desk, Event event) {
    VenueEvents v = desk.venue();
    return switch (event) {
      case VENUE_ACCEPT -> v.venueAccept(A, "o");
      case VENUE_REJECT -> v.venueReject(A, "o", "venue says no");
      case PARTIAL_FILL -> v.fill(A, "o", "x", d("1"), d("99.50"));
      case COMPLETING_FILL -> {
        ClientOrder o = desk.orders.order(A, "o").orElseThrow();
        BigDecimal left = o.remaining();
        yield v.fill(A, "o", "x", left == null || left.signum() <= 0 ? d("1") : left, d("99.50"));
      }
      case CANCEL -> desk.orders.cancel(A, "o");
      case CANCEL_ACK -> v.cancelAck(A, "o");
      case CANCEL_REJECT -> v.cancelReject(A, "o");
      case REPLACE -> desk.orders.replace(ReplaceOrder.builder(A, "o", "r").qty(d("9")).build());
      case REPLACE_ACK -> v.replaceAck(A, "o");
      case REPLACE_REJECT -> v.replaceReject(A, "o");
      case EXPIRE -> v.expire(A, "o");
    };
  }

  @Test
  void leavingAPendingReplaceByAnyOtherEventDropsTheRequest() {
    for (BiFunction<Desk, VenueEvents, OrderResult> event :
        List.<BiFunction<Desk, VenueEvents, OrderResult>>of(
            (d, v) -> v.cancelAck(A, "o"),
            (d, v) -> v.expire(A, "o"),
            (d, v) -> v.fill(A, "o", "all", d("10"), d("100.00")))) {
      Desk desk = Desk.monday().stock("AAPL", "100.00").open(A, "100000.00");
      prepare(desk, Start.PENDING_REPLACE);
      assertThat(event.apply(desk, desk.venue()).isOk()).isTrue();
      ClientOrder order = desk.orders.order(A, "o").orElseThrow();
      assertThat(order.pendingReplace()).isNull();
      assertThat(desk.venue().replaceAck(A, "o").outcome()).isEqualTo(OrderCode.INVALID_TRANSITION);
      assertThat(desk.orders.order(A, "o2")).isEmpty();
      desk.checkBooks();
    }
  }

  @Test
  void endOfDayExpiresEveryOpenDayOrderOfEveryAccountByItsOwnTimeInForce() {
    Desk desk = Desk.monday().stock("AAPL", "100.00").open(A, "100000.00").open("bob", "5000.00");
    desk.orders.submit(Desk.order(A, "day", "AAPL", OrderSide.BUY, "1").limitPrice("99").build());
    desk.orders.submit(
        Desk.order(A, "gtc", "AAPL", OrderSide.BUY, "1")
            .limitPrice("99")
            .timeInForce(dev.speedtrade.broker.TimeInForce.GTC)
            .build());
    desk.orders.submit(
        Desk.order("bob", "day", "AAPL", OrderSide.BUY, "1").limitPrice("99").build());
    // A gtc order with a pending replace to day stays; a day order pending a replace to gtc goes.
    desk.orders.submit(
        Desk.order(A, "gtc2", "AAPL", OrderSide.BUY, "1")
            .limitPrice("99")
            .timeInForce(dev.speedtrade.broker.TimeInForce.GTC)
            .build());
    desk.venue().venueAccept(A, "gtc2");
    desk.orders.replace(
        ReplaceOrder.builder(A, "gtc2", "gtc2-r")
            .timeInForce(dev.speedtrade.broker.TimeInForce.DAY)
            .build());
    desk.orders.submit(Desk.order(A, "day2", "AAPL", OrderSide.BUY, "1").limitPrice("99").build());
    desk.venue().venueAccept(A, "day2");
    desk.orders.replace(
        ReplaceOrder.builder(A, "day2", "day2-r")
            .timeInForce(dev.speedtrade.broker.TimeInForce.GTC)
            .build());
    desk.orders.submit(
        Desk.order(A, "filled", "AAPL", OrderSide.BUY, "1").limitPrice("99").build());
    desk.venue().fill(A, "filled", "f", d("1"), d("99"));

    desk.venue().endOfDay();

    assertThat(status(desk, A, "day")).isEqualTo(EXPIRED);
    assertThat(status(desk, "bob", "day")).isEqualTo(EXPIRED);
    assertThat(status(desk, A, "gtc")).isEqualTo(PENDING_NEW);
    assertThat(status(desk, A, "gtc2")).isEqualTo(PENDING_REPLACE);
    assertThat(status(desk, A, "day2")).isEqualTo(EXPIRED);
    assertThat(desk.orders.order(A, "day2").orElseThrow().pendingReplace()).isNull();
    assertThat(status(desk, A, "filled")).isEqualTo(FILLED);
    desk.checkBooks();
  }

  private static @Nullable ClientOrderStatus status(Desk desk, String account, String coid) {
    return desk.orders.order(account, coid).map(ClientOrder::status).orElse(null);
  }

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  @Test
  void theTableCoversEveryStatus() {
    assertThat(List.of(ClientOrderStatus.values()))
        .allMatch(
            s ->
                java.util.Arrays.stream(Start.values())
                    .anyMatch(start -> start.name().startsWith(s.name())));
    assertThat(DENIED.isOpen()).isFalse();
    assertThat(PENDING_REPLACE.isOpen()).isTrue();
    assertThat(CANCELED.isOpen()).isFalse();
  }
}
