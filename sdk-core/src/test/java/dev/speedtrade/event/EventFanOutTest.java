package dev.speedtrade.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EventFanOutTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  private final EventFanOut<String> fanOut = new EventFanOut<>();
  private final List<Worker> workers = new ArrayList<>();

  @AfterEach
  void stopWorkers() {
    workers.forEach(worker -> worker.thread.interrupt());
  }

  @Test
  void deliversEachQueuedEventToEveryListenerInTheOrderQueued() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    fanOut.subscribe(first::add);
    fanOut.subscribe(second::add);

    fanOut.queue("a");
    fanOut.queue("b");
    fanOut.queue("c");
    assertThat(first).as("queueing delivers nothing").isEmpty();
    fanOut.deliver();

    assertThat(first).containsExactly("a", "b", "c");
    assertThat(second).containsExactly("a", "b", "c");
    fanOut.deliver();
    assertThat(first).as("each event once").containsExactly("a", "b", "c");
  }

  @Test
  void everyListenerReceivesAnEventBeforeAnyListenerReceivesTheNext() {
    List<String> calls = new ArrayList<>();
    fanOut.subscribe(event -> calls.add("first " + event));
    fanOut.subscribe(event -> calls.add("second " + event));

    fanOut.queue("a");
    fanOut.queue("b");
    fanOut.deliver();

    assertThat(calls).containsExactly("first a", "second a", "first b", "second b");
  }

  @Test
  void aListenerOfASupertypeReceivesTheEvents() {
    List<Object> received = new ArrayList<>();
    EventListener<Object> anything = received::add;
    fanOut.subscribe(anything);

    fanOut.queue("a");
    fanOut.deliver();

    assertThat(received).containsExactly("a");
  }

  @Test
  void refusesANullListenerAndANullEvent() {
    assertThatThrownBy(() -> fanOut.subscribe(nullValue()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("listener");
    assertThatThrownBy(() -> fanOut.queue(nullValue()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
  }

  @Test
  void eventsQueuedUnderAPublishersLockAreDeliveredInTheOrderTheLockGaveThemWithNoTwoCallsAtOnce() {
    int publishers = 4;
    int perPublisher = 5_000;
    Object lock = new Object();
    int[] next = {0};
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    EventFanOut<Integer> numbers = new EventFanOut<>();
    numbers.subscribe(number -> record(number, first, inside, overlaps));
    numbers.subscribe(number -> record(number, second, inside, overlaps));

    CountDownLatch go = new CountDownLatch(1);
    List<Worker> running =
        IntStream.range(0, publishers)
            .mapToObj(
                i ->
                    start(
                        () -> {
                          await(go);
                          for (int n = 0; n < perPublisher; n++) {
                            synchronized (lock) {
                              numbers.queue(next[0]++);
                            }
                            numbers.deliver();
                          }
                        }))
            .toList();
    go.countDown();
    running.forEach(Worker::join);

    List<Integer> all = IntStream.range(0, publishers * perPublisher).boxed().toList();
    assertThat(first).as("every number once, in the lock's order").isEqualTo(all);
    assertThat(second).isEqualTo(all);
    assertThat(overlaps).as("listener calls that overlapped another").hasValue(0);
  }

  @Test
  void concurrentPublishersWithoutALockKeepTheirOwnOrderAndEveryListenerSeesTheSameSequence() {
    int publishers = 4;
    int perPublisher = 5_000;
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    fanOut.subscribe(event -> record(event, first, inside, overlaps));
    fanOut.subscribe(event -> record(event, second, inside, overlaps));

    CountDownLatch go = new CountDownLatch(1);
    List<Worker> running =
        IntStream.range(0, publishers)
            .mapToObj(
                p ->
                    start(
                        () -> {
                          await(go);
                          for (int n = 0; n < perPublisher; n++) {
                            fanOut.queue(p + ":" + n);
                            // Deliver now and then only, so that one thread often delivers
                            // another's events.
                            if (n % 7 == 0) {
                              fanOut.deliver();
                            }
                          }
                          fanOut.deliver();
                        }))
            .toList();
    go.countDown();
    running.forEach(Worker::join);

    assertThat(first).hasSize(publishers * perPublisher).isEqualTo(second);
    for (int p = 0; p < publishers; p++) {
      String prefix = p + ":";
      List<String> own = first.stream().filter(event -> event.startsWith(prefix)).toList();
      assertThat(own)
          .as("publisher " + p + "'s events in its order")
          .isEqualTo(IntStream.range(0, perPublisher).mapToObj(n -> prefix + n).toList());
    }
    assertThat(overlaps).as("listener calls that overlapped another").hasValue(0);
  }

  @Test
  void queueingNeverWaitsForADeliveryUnderWay() {
    Object lock = new Object();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> received = new CopyOnWriteArrayList<>();
    fanOut.subscribe(
        event -> {
          received.add(event);
          if (event.equals("first")) {
            entered.countDown();
            await(release);
          }
        });
    Worker delivering =
        start(
            () -> {
              synchronized (lock) {
                fanOut.queue("first");
              }
              fanOut.deliver();
            });
    await(entered);

    // The listener is stuck; another publisher still takes its lock, queues and moves on.
    start(
            () -> {
              synchronized (lock) {
                fanOut.queue("second");
              }
            })
        .join();
    assertThat(received).containsExactly("first");

    release.countDown();
    delivering.join();
    assertThat(received)
        .as("the delivery under way carried the event queued meanwhile")
        .containsExactly("first", "second");
  }

  @Test
  void deliverDuringAnotherThreadsDeliveryReturnsAtOnceAndThatThreadDeliversItsEventInOrder() {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> received = new CopyOnWriteArrayList<>();
    fanOut.subscribe(
        event -> {
          if (event.equals("first")) {
            entered.countDown();
            await(release);
          }
          received.add(event);
        });
    Worker delivering =
        start(
            () -> {
              fanOut.queue("first");
              fanOut.deliver();
            });
    await(entered);

    AtomicReference<List<String>> receivedWhenDeliverReturned = new AtomicReference<>();
    Worker second =
        start(
            () -> {
              fanOut.queue("second");
              fanOut.deliver();
              receivedWhenDeliverReturned.set(List.copyOf(received));
            });
    second.join();
    assertThat(receivedWhenDeliverReturned.get()).as("returned at once").isEmpty();

    release.countDown();
    delivering.join();
    assertThat(received).containsExactly("first", "second");
  }

  @Test
  void aThreadHoldingALockAListenerNeedsMayDeliverWithoutDeadlock() {
    Object books = new Object();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch booksHeld = new CountDownLatch(1);
    List<String> received = new CopyOnWriteArrayList<>();
    fanOut.subscribe(
        event -> {
          if (event.equals("fill")) {
            entered.countDown();
            await(booksHeld);
          }
          synchronized (books) {
            received.add(event);
          }
        });
    Worker venue =
        start(
            () -> {
              fanOut.queue("fill");
              fanOut.deliver();
            });
    await(entered);

    Worker submitter =
        start(
            () -> {
              synchronized (books) {
                booksHeld.countDown();
                fanOut.queue("accepted");
                fanOut.deliver(); // the venue's thread waits for books: this must not wait for it
              }
            });
    submitter.join();
    venue.join();
    assertThat(received).containsExactly("fill", "accepted");
  }

  @Test
  void aListenerThatThrowsIsLoggedAndTheOthersStillReceiveEveryEvent() {
    List<String> thrown = new ArrayList<>();
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    fanOut.subscribe(before::add);
    fanOut.subscribe(
        event -> {
          thrown.add(event);
          throw new IllegalStateException("listener broke on " + event);
        });
    fanOut.subscribe(after::add);

    fanOut.queue("a");
    fanOut.queue("b");
    fanOut.deliver();

    assertThat(before).containsExactly("a", "b");
    assertThat(after).containsExactly("a", "b");
    assertThat(thrown).as("the failing listener stays subscribed").containsExactly("a", "b");
  }

  @Test
  void anErrorFromAListenerPropagatesAndTheEventsAfterItWaitForTheNextDelivery() {
    List<String> received = new ArrayList<>();
    fanOut.subscribe(
        event -> {
          if (event.equals("a")) {
            throw new ListenerError();
          }
        });
    fanOut.subscribe(received::add);
    fanOut.queue("a");
    fanOut.queue("b");

    assertThatThrownBy(fanOut::deliver).isInstanceOf(ListenerError.class);
    assertThat(received).isEmpty();

    fanOut.deliver();
    assertThat(received).containsExactly("b");
  }

  @Test
  void aSubscriptionClosedWhileAnEventIsOnItsWayDoesNotReceiveIt() {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    fanOut.subscribe(
        event -> {
          entered.countDown();
          await(release);
        });
    List<String> closed = new CopyOnWriteArrayList<>();
    Subscription subscription = fanOut.subscribe(closed::add);
    fanOut.queue("a");
    Worker delivering = start(fanOut::deliver);
    await(entered);

    // The event has passed the first listener and is on its way to the second.
    subscription.close();
    release.countDown();
    delivering.join();

    fanOut.queue("b");
    fanOut.deliver();
    assertThat(closed).isEmpty();
  }

  @Test
  void afterCloseReturnsAListenerReceivesAtMostTheEventBeingDeliveredAndNothingLater() {
    for (int round = 0; round < 20; round++) {
      EventFanOut<Integer> numbers = new EventFanOut<>();
      AtomicInteger closing = new AtomicInteger();
      AtomicInteger kept = new AtomicInteger();
      Subscription subscription = numbers.subscribe(number -> closing.incrementAndGet());
      numbers.subscribe(number -> kept.incrementAndGet());
      int events = 20_000;
      Worker publishing =
          start(
              () -> {
                for (int n = 0; n < events; n++) {
                  numbers.queue(n);
                  numbers.deliver();
                }
              });
      awaitUntil(
          () -> closing.get() >= 100 || !publishing.thread.isAlive(), "deliveries under way");

      subscription.close();
      int atClose = closing.get();
      publishing.join();

      assertThat(closing.get()).as("round " + round).isLessThanOrEqualTo(atClose + 1);
      assertThat(kept).as("the other listener received everything").hasValue(events);
    }
  }

  @Test
  void twoRegistrationsOfTheSameListenerAreIndependentAndClosingIsIdempotent() {
    List<String> received = new ArrayList<>();
    EventListener<String> listener = received::add;
    Subscription first = fanOut.subscribe(listener);
    Subscription second = fanOut.subscribe(listener);

    fanOut.queue("a");
    fanOut.deliver();
    assertThat(received).as("once per registration").containsExactly("a", "a");

    first.close();
    first.close();
    fanOut.queue("b");
    fanOut.deliver();
    assertThat(received)
        .as("the second registration survives closing the first twice")
        .containsExactly("a", "a", "b");

    second.close();
    fanOut.queue("c");
    fanOut.deliver();
    assertThat(received).containsExactly("a", "a", "b");
  }

  @Test
  void closingTheSameSubscriptionOnManyThreadsAtOnceLeavesTheOtherRegistrationsOfItsListener() {
    List<String> received = new CopyOnWriteArrayList<>();
    EventListener<String> listener = received::add;
    Subscription closed = fanOut.subscribe(listener);
    fanOut.subscribe(listener);
    fanOut.subscribe(listener);

    CountDownLatch go = new CountDownLatch(1);
    List<Worker> closers =
        IntStream.range(0, 4)
            .mapToObj(
                i ->
                    start(
                        () -> {
                          await(go);
                          closed.close();
                        }))
            .toList();
    go.countDown();
    closers.forEach(Worker::join);

    fanOut.queue("a");
    fanOut.deliver();
    assertThat(received).containsExactly("a", "a");
  }

  @Test
  void aListenerSubscribedDuringADeliveryReceivesTheEventsAfterTheOneUnderWay() {
    List<String> late = new ArrayList<>();
    AtomicBoolean subscribed = new AtomicBoolean();
    fanOut.subscribe(
        event -> {
          if (subscribed.compareAndSet(false, true)) {
            fanOut.subscribe(late::add);
          }
        });

    fanOut.queue("a");
    fanOut.queue("b");
    fanOut.deliver();
    fanOut.queue("c");
    fanOut.deliver();

    assertThat(late)
        .as("b was queued before it subscribed, but delivered after")
        .containsExactly("b", "c");
  }

  @Test
  void aListenerMayCloseItsOwnSubscriptionDuringADelivery() {
    List<String> closing = new ArrayList<>();
    List<String> other = new ArrayList<>();
    AtomicReference<Subscription> own = new AtomicReference<>();
    own.set(
        fanOut.subscribe(
            event -> {
              closing.add(event);
              own.get().close();
            }));
    fanOut.subscribe(other::add);

    fanOut.queue("a");
    fanOut.queue("b");
    fanOut.deliver();

    assertThat(closing).containsExactly("a");
    assertThat(other).containsExactly("a", "b");
  }

  @Test
  void aListenerThatQueuesAndDeliversReturnsAtOnceAndEveryListenerSeesTheNewEventInOrder() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    List<String> secondWhenDeliverReturned = new ArrayList<>();
    fanOut.subscribe(
        event -> {
          first.add(event);
          if (event.equals("a")) {
            fanOut.queue("caused by a");
            fanOut.deliver();
            secondWhenDeliverReturned.addAll(second);
          }
        });
    fanOut.subscribe(second::add);

    fanOut.queue("a");
    fanOut.queue("b");
    fanOut.deliver();

    assertThat(secondWhenDeliverReturned).as("the nested deliver delivered nothing").isEmpty();
    assertThat(first).containsExactly("a", "b", "caused by a");
    assertThat(second).containsExactly("a", "b", "caused by a");
  }

  @Test
  void aListenerMaySubscribeAndUnsubscribeOthersWhileOtherThreadsPublish() {
    EventFanOut<Integer> numbers = new EventFanOut<>();
    List<Integer> received = new ArrayList<>();
    AtomicReference<Subscription> churn = new AtomicReference<>(numbers.subscribe(number -> {}));
    numbers.subscribe(
        number -> {
          received.add(number);
          churn.getAndSet(numbers.subscribe(ignored -> {})).close();
        });

    int events = 10_000;
    Object lock = new Object();
    int[] next = {0};
    List<Worker> running =
        IntStream.range(0, 2)
            .mapToObj(
                i ->
                    start(
                        () -> {
                          for (int n = 0; n < events / 2; n++) {
                            synchronized (lock) {
                              numbers.queue(next[0]++);
                            }
                            numbers.deliver();
                          }
                        }))
            .toList();
    running.forEach(Worker::join);

    assertThat(received).isEqualTo(IntStream.range(0, events).boxed().toList());
  }

  private static <T> void record(
      T event, List<T> into, AtomicInteger inside, AtomicInteger overlaps) {
    if (inside.incrementAndGet() != 1) {
      overlaps.incrementAndGet();
    }
    into.add(event);
    inside.decrementAndGet();
  }

  private static <T> T nullValue() {
    return null;
  }

  private Worker start(Runnable body) {
    Worker worker = new Worker(body);
    workers.add(worker);
    worker.thread.start();
    return worker;
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(BOUND.toSeconds(), TimeUnit.SECONDS))
          .as("latch released in time")
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static void awaitUntil(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as(what).isNegative();
      Thread.onSpinWait();
    }
  }

  /** A thread whose failure fails the test when it is joined. */
  private static final class Worker {
    final Thread thread;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    Worker(Runnable body) {
      this.thread =
          new Thread(
              () -> {
                try {
                  body.run();
                } catch (Throwable t) {
                  failure.set(t);
                }
              },
              "event-fan-out-test");
      thread.setDaemon(true);
    }

    void join() {
      try {
        thread.join(BOUND.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      assertThat(thread.isAlive()).as(thread.getName() + " finished in time").isFalse();
      if (failure.get() != null) {
        throw new AssertionError(thread.getName() + " failed", failure.get());
      }
    }
  }

  private static final class ListenerError extends Error {
    private static final long serialVersionUID = 1L;
  }
}
