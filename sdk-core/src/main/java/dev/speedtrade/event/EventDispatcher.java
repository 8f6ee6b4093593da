package dev.speedtrade.event;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to listeners on an {@link Executor}, so that the code that publishes them never
 * waits for a listener: {@link #publish} only appends to a queue per subscription.
 *
 * <ul>
 *   <li><b>Order.</b> Each subscription receives its events in the order {@link #publish} was
 *       called (calls on different threads at once: in some order every subscription sees alike,
 *       when the publisher orders them under a lock of its own). A subscription never receives two
 *       events at once.
 *   <li><b>Independence.</b> Each subscription has its own queue: a slow or failing listener delays
 *       only its own events. A {@link RuntimeException} thrown by a listener is logged with the
 *       event's {@code toString()} and the next event follows.
 *   <li><b>Filters.</b> A subscription may take only the events a predicate accepts (one client's
 *       events, say). The predicate runs on the publishing thread and must be cheap and pure.
 *   <li><b>Closing.</b> After a subscription is closed its listener receives at most the event
 *       being delivered at that moment.
 *   <li><b>Memory.</b> Queues are unbounded: a listener that never returns holds its events in
 *       memory. {@link #backlog()} says how many events wait, across subscriptions.
 * </ul>
 *
 * <p><b>Cost to the publisher.</b> Handing a delivery to an idle executor thread wakes that thread,
 * which costs the publisher a system call. So a delivery that has emptied its queue lingers up to
 * {@value #LINGER_MICROS} microseconds, yielding its processor, for the next event before it gives
 * its thread back: a publisher that publishes faster than that wakes nobody. A delivery that runs
 * on the publishing thread itself ({@code Runnable::run}) does not linger.
 *
 * <p>Thread-safe. An executor that refuses a task (a shut-down pool) leaves the events queued; the
 * refusal is logged once per delivery attempt and the next {@link #publish} tries again.
 *
 * @param <E> the type of event
 */
public final class EventDispatcher<E> {
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

  /** How long a delivery that emptied its queue waits for the next event, in microseconds. */
  public static final long LINGER_MICROS = 50;

  private static final long LINGER_NANOS = LINGER_MICROS * 1_000;

  private final Executor executor;
  private final List<Queued> subscriptions = new CopyOnWriteArrayList<>();
  // Added to by publishers and taken from by deliveries at once: a LongAdder keeps them off one
  // contended counter.
  private final LongAdder backlog = new LongAdder();

  private EventDispatcher(Executor executor) {
    this.executor = executor;
  }

  /**
   * Creates a dispatcher that delivers on {@code executor}. {@code Runnable::run} delivers on the
   * publishing thread (for tests; a slow listener then delays the publisher).
   *
   * @throws NullPointerException if {@code executor} is null
   */
  public static <E> EventDispatcher<E> on(Executor executor) {
    return new EventDispatcher<>(Objects.requireNonNull(executor, "executor"));
  }

  /**
   * Registers {@code listener} for every event published after this call, until the subscription is
   * closed.
   *
   * @throws NullPointerException if {@code listener} is null
   */
  public Subscription subscribe(EventListener<? super E> listener) {
    return subscribe(event -> true, listener);
  }

  /**
   * Registers {@code listener} for the events published after this call that {@code filter}
   * accepts, until the subscription is closed.
   *
   * @throws NullPointerException if an argument is null
   */
  public Subscription subscribe(Predicate<? super E> filter, EventListener<? super E> listener) {
    Queued queued =
        new Queued(
            Objects.requireNonNull(filter, "filter"), Objects.requireNonNull(listener, "listener"));
    subscriptions.add(queued);
    return queued;
  }

  /**
   * Queues {@code event} for every subscription that takes it and returns without waiting for any
   * listener.
   *
   * @throws NullPointerException if {@code event} is null
   */
  public void publish(E event) {
    Objects.requireNonNull(event, "event");
    for (Queued subscription : subscriptions) {
      subscription.offer(event);
    }
  }

  /** The number of events queued and not yet delivered, across subscriptions. */
  public long backlog() {
    return backlog.sum();
  }

  /** The number of open subscriptions. */
  public int subscriptionCount() {
    return subscriptions.size();
  }

  private final class Queued implements Subscription, Runnable {
    private final Predicate<? super E> filter;
    private final EventListener<? super E> listener;
    private final Queue<E> events = new ConcurrentLinkedQueue<>();
    // True while a drain is scheduled or running: at most one at a time per subscription.
    private final AtomicBoolean draining = new AtomicBoolean();
    // The thread handing a delivery to the executor, while it does: a delivery that runs on it
    // runs inline and must not linger.
    private volatile @Nullable Thread scheduling;
    private volatile boolean open = true;

    Queued(Predicate<? super E> filter, EventListener<? super E> listener) {
      this.filter = filter;
      this.listener = listener;
    }

    void offer(E event) {
      if (!open || !filter.test(event)) {
        return;
      }
      events.add(event);
      backlog.increment();
      schedule();
    }

    private void schedule() {
      if (!draining.compareAndSet(false, true)) {
        return;
      }
      scheduling = Thread.currentThread();
      try {
        executor.execute(this);
      } catch (RejectedExecutionException e) {
        draining.set(false);
        log.warn("Event executor refused the delivery to {}; events stay queued", listener, e);
      } finally {
        scheduling = null;
      }
    }

    @Override
    public void run() {
      boolean inline = scheduling == Thread.currentThread();
      long idleSince = 0;
      while (true) {
        E event = events.poll();
        if (event != null) {
          deliver(event);
          idleSince = 0;
          continue;
        }
        if (inline || !open) {
          break;
        }
        long now = System.nanoTime();
        if (idleSince == 0) {
          idleSince = now;
        } else if (now - idleSince >= LINGER_NANOS) {
          break;
        }
        Thread.yield();
      }
      draining.set(false);
      // An event offered after the last poll and before the flag cleared found the drain running
      // and scheduled nothing: take it now.
      if (!events.isEmpty()) {
        schedule();
      }
    }

    private void deliver(E event) {
      backlog.decrement();
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
      subscriptions.remove(this);
      int dropped = 0;
      while (events.poll() != null) {
        dropped++;
      }
      backlog.add(-dropped);
    }

    @Override
    public String toString() {
      return "Subscription of " + listener;
    }
  }
}
