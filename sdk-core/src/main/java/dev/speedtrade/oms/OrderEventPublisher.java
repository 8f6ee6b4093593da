package dev.speedtrade.oms;

import dev.speedtrade.event.EventDispatcher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands the events of committed changes to the dispatcher in the order the changes were made on
 * each account. A change takes a ticket while it holds its account's serialization; its events are
 * published, after the store kept the change, only once every earlier ticket of the account has
 * been published (a change that failed publishes its ticket with no events), so two threads that
 * leave the account's serialization in either order still publish in the order they entered it.
 */
final class OrderEventPublisher {
  private final EventDispatcher<OrderEvent> dispatcher;

  OrderEventPublisher(EventDispatcher<OrderEvent> dispatcher) {
    this.dispatcher = dispatcher;
  }

  EventDispatcher<OrderEvent> dispatcher() {
    return dispatcher;
  }

  /** Returns a new account's sequencer; the caller keeps one per account. */
  Sequencer newSequencer() {
    return new Sequencer();
  }

  /** One account's tickets: taken in order, published in the same order. */
  final class Sequencer {
    private long taken;
    private long next;
    private final Map<Long, List<OrderEvent>> waiting = new HashMap<>();

    /** Takes the next ticket; call under the account's serialization. */
    synchronized long take() {
      return taken++;
    }

    /** Publishes {@code events} as ticket {@code ticket}'s, after every earlier ticket's. */
    synchronized void complete(long ticket, List<OrderEvent> events) {
      if (ticket == next && waiting.isEmpty()) {
        // The usual case: no change of the account is still being kept.
        for (OrderEvent event : events) {
          dispatcher.publish(event);
        }
        next++;
        return;
      }
      waiting.put(ticket, events);
      List<OrderEvent> ready;
      while ((ready = waiting.remove(next)) != null) {
        for (OrderEvent event : ready) {
          dispatcher.publish(event);
        }
        next++;
      }
    }
  }
}
