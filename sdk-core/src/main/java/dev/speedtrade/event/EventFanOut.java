package dev.speedtrade.event;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the events of one kind to the listeners subscribed to it: in the order they were queued,
 * one at a time, each to every listener, and outside the lock of whoever queued them.
 *
 * <p>A publisher that orders its events under a lock of its own queues each event while it holds
 * the lock and delivers after releasing it. Listeners then see the events in the order the lock
 * gave them, and may call back into the publisher without deadlocking on that lock:
 *
 * <pre>{@code
 * synchronized (lock) {
 *   // change the state the event reports
 *   fills.queue(new Fill(orderId, qty));
 * }
 * fills.deliver();
 * }</pre>
 *
 * A publisher with no lock of its own calls {@link #queue} and then {@link #deliver}.
 *
 * <ul>
 *   <li><b>Order.</b> Events are delivered in the order {@link #queue} was called (for calls on
 *       different threads at the same time, in some order that every listener sees alike). Every
 *       listener receives an event before any listener receives the next one.
 *   <li><b>One at a time.</b> Only one thread delivers at a time. A call of {@link #deliver} while
 *       another thread delivers returns at once, and that thread delivers the events queued before
 *       the call before it stops; so no caller ever waits on a listener's locks (a thread that
 *       holds a lock a listener takes may call a publisher that delivers).
 *   <li><b>Who receives an event.</b> Every listener subscribed when the event's delivery begins
 *       and not unsubscribed before its turn. A listener subscribed during a delivery receives the
 *       events after the one being delivered.
 *   <li><b>Failures.</b> A {@link RuntimeException} thrown by a listener is logged, with the
 *       event's {@code toString()} (so an event type must keep secrets out of it), and the other
 *       listeners still receive the event. An {@link Error} is not caught: it propagates from
 *       {@link #deliver}, and the events queued after the one being delivered wait for the next
 *       call.
 *   <li><b>Re-entrance.</b> A listener may queue events, subscribe, close subscriptions and call
 *       {@link #deliver}, which then returns at once: the delivery under way goes on to the events
 *       queued meanwhile.
 * </ul>
 *
 * <p>Thread-safe. Events wait in an unbounded queue until delivered, so a publisher that queues
 * must also deliver. A listener must not wait for another thread that delivers on the same fan-out.
 *
 * @param <E> the type of event
 */
public final class EventFanOut<E> {
  private static final Logger log = LoggerFactory.getLogger(EventFanOut.class);

  private final Queue<E> queued = new ConcurrentLinkedQueue<>();
  // Registrations, not listeners: closing one subscription removes that registration only, even
  // when the same listener is subscribed twice. Copy-on-write, so that a delivery iterates a
  // snapshot while listeners subscribe and unsubscribe.
  private final List<Registration> registrations = new CopyOnWriteArrayList<>();
  // The deliveries asked and not yet carried out: the caller that raises it from 0 delivers,
  // until it has carried out every call counted meanwhile. Never a lock, so a caller never waits.
  private final AtomicInteger asked = new AtomicInteger();

  /** Creates a fan-out with no listeners and no events queued. */
  public EventFanOut() {}

  /**
   * Registers {@code listener} until the returned subscription is closed. It receives the events
   * whose delivery begins after this call, including events queued before it and not yet delivered.
   * Subscribing the same listener twice registers it twice: it then receives each event twice, and
   * closing one subscription leaves the other.
   *
   * @throws NullPointerException if {@code listener} is null
   */
  public Subscription subscribe(EventListener<? super E> listener) {
    Objects.requireNonNull(listener, "listener");
    Registration registration = new Registration(listener);
    registrations.add(registration);
    return registration;
  }

  /**
   * Queues {@code event} for the next {@link #deliver}. Cheap and non-blocking; call it under the
   * lock that orders the events, if there is one.
   *
   * @throws NullPointerException if {@code event} is null
   */
  public void queue(E event) {
    queued.add(Objects.requireNonNull(event, "event"));
  }

  /**
   * Delivers every queued event to the listeners, in order. Call it after releasing the lock the
   * events were queued under: listeners run on the calling thread.
   *
   * <p>Every event queued before the call is delivered by this thread before it returns, or by the
   * thread that was delivering already, before that one stops (this call then returns at once).
   * Called by a listener during a delivery, it returns at once and the delivery under way carries
   * the events queued meanwhile.
   */
  public void deliver() {
    if (asked.getAndIncrement() != 0) {
      return;
    }
    boolean finished = false;
    try {
      int carrying = 1;
      do {
        E event;
        while ((event = queued.poll()) != null) {
          for (Registration registration : registrations) {
            registration.receive(event);
          }
        }
        carrying = asked.addAndGet(-carrying);
      } while (carrying != 0);
      finished = true;
    } finally {
      if (!finished) {
        // An Error from a listener: the next call delivers what is still queued.
        asked.set(0);
      }
    }
  }

  private final class Registration implements Subscription {
    private final EventListener<? super E> listener;
    // Checked just before each call, so that a subscription closed while an event is on its way
    // through the snapshot of registrations does not receive it.
    private volatile boolean open = true;

    Registration(EventListener<? super E> listener) {
      this.listener = listener;
    }

    void receive(E event) {
      if (!open) {
        return;
      }
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        log.warn("Event listener {} failed on {}", listener, event, e);
      }
    }

    @Override
    public void close() {
      open = false;
      registrations.remove(this);
    }

    @Override
    public String toString() {
      return "Subscription of " + listener;
    }
  }
}
