package dev.speedtrade.broker;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers trade updates to listeners in the order they were queued, one at a time, outside the lock
 * of whoever queued them, so that a listener may call back into its broker. A failing listener is
 * logged and skipped. Thread-safe.
 */
final class TradeUpdateFanOut {
  private static final Logger log = LoggerFactory.getLogger(TradeUpdateFanOut.class);

  private final Queue<TradeUpdate> queued = new ConcurrentLinkedQueue<>();
  // Registrations, not listeners: closing one subscription removes that registration only, once,
  // even when the same listener is subscribed twice.
  private final List<Registration> listeners = new CopyOnWriteArrayList<>();
  private final Object delivering = new Object();

  Subscription subscribe(TradeUpdateListener listener) {
    Objects.requireNonNull(listener, "listener");
    Registration registration = new Registration(listener);
    listeners.add(registration);
    return () -> listeners.remove(registration);
  }

  /** Queues an update; call while holding the lock that orders the updates. */
  void queue(TradeUpdate update) {
    queued.add(update);
  }

  /**
   * Delivers everything queued so far; call after releasing that lock. A call made by a listener
   * during a delivery returns at once: the delivery in progress goes on to the updates it queued, so
   * every listener still sees every update in order.
   */
  void deliver() {
    if (Thread.holdsLock(delivering)) {
      return;
    }
    synchronized (delivering) {
      TradeUpdate update;
      while ((update = queued.poll()) != null) {
        for (Registration registration : listeners) {
          TradeUpdateListener listener = registration.listener();
          try {
            listener.onTradeUpdate(update);
          } catch (RuntimeException e) {
            log.warn("trade update listener {} failed on {} of order {}", listener, update.event(),
                update.order().id(), e);
          }
        }
      }
    }
  }

  private static final class Registration {
    private final TradeUpdateListener listener;

    Registration(TradeUpdateListener listener) {
      this.listener = listener;
    }

    TradeUpdateListener listener() {
      return listener;
    }
  }
}
