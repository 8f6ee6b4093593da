package dev.speedtrade.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void deliversEachSubscriptionItsEventsInPublishOrderOneAtATime() throws InterruptedException {
    EventDispatcher<Integer> dispatcher = EventDispatcher.on(pool);
    int count = 20_000;
    List<List<Integer>> seen = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    AtomicBoolean overlapped = new AtomicBoolean();
    for (int s = 0; s < 3; s++) {
      List<Integer> received = Collections.synchronizedList(new ArrayList<>());
      seen.add(received);
      AtomicInteger inside = new AtomicInteger();
      dispatcher.subscribe(
          event -> {
            if (inside.incrementAndGet() != 1) {
              overlapped.set(true);
            }
            received.add(event);
            inside.decrementAndGet();
            if (event == count - 1) {
              done.countDown();
            }
          });
    }

    for (int i = 0; i < count; i++) {
      dispatcher.publish(i);
    }

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    for (List<Integer> received : seen) {
      assertThat(received).hasSize(count).isSorted();
    }
    assertThat(overlapped).isFalse();
    assertThat(dispatcher.backlog()).isZero();
  }

  @Test
  void aDeliveryLingersForTheNextEventSoAFastPublisherRarelyWakesAThread() {
    AtomicInteger handed = new AtomicInteger();
    EventDispatcher<Integer> dispatcher =
        EventDispatcher.on(
            task -> {
              handed.incrementAndGet();
              pool.execute(task);
            });
    int count = 200;
    AtomicInteger delivered = new AtomicInteger();
    dispatcher.subscribe(event -> delivered.incrementAndGet());

    for (int i = 0; i < count; i++) {
      dispatcher.publish(i);
      // Each event is published only once the one before it was delivered, so the delivery has
      // emptied its queue every time: without lingering it would end, and each next event would
      // hand a new delivery to the executor: one per event, 200 (measured).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (delivered.get() <= i) {
        assertThat(System.nanoTime()).as("event %d delivered", i).isLessThan(deadline);
        Thread.onSpinWait();
      }
    }

    assertThat(handed.get()).isBetween(1, count / 2);
  }

  @Test
  void aDeliveryOnThePublishingThreadDoesNotLinger() {
    EventDispatcher<Integer> dispatcher = EventDispatcher.on(Runnable::run);
    List<Integer> received = new ArrayList<>();
    dispatcher.subscribe(received::add);
    int count = 2_000;

    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      dispatcher.publish(i);
      assertThat(received).hasSize(i + 1);
    }
    long elapsed = System.nanoTime() - start;

    // Lingering would take at least count x LINGER_MICROS (100 ms) in all.
    assertThat(elapsed).isLessThan(count * EventDispatcher.LINGER_MICROS * 1_000);
  }

  @Test
  void aSlowListenerDelaysNeitherThePublisherNorTheOtherListeners() throws InterruptedException {
    EventDispatcher<String> dispatcher = EventDispatcher.on(pool);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch slowGotOne = new CountDownLatch(1);
    CountDownLatch fastGotBoth = new CountDownLatch(2);
    dispatcher.subscribe(
        event -> {
          slowGotOne.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    dispatcher.subscribe(event -> fastGotBoth.countDown());

    dispatcher.publish("a");
    dispatcher.publish("b");

    assertThat(fastGotBoth.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(slowGotOne.await(5, TimeUnit.SECONDS)).isTrue();
    // the slow listener holds "a"; "b" waits for it
    assertThat(dispatcher.backlog()).isEqualTo(1);
    release.countDown();
  }

  @Test
  void aFilteredSubscriptionReceivesOnlyTheEventsItsFilterAccepts() {
    EventDispatcher<String> dispatcher = EventDispatcher.on(Runnable::run);
    List<String> alice = new ArrayList<>();
    dispatcher.subscribe(event -> event.startsWith("alice:"), alice::add);

    dispatcher.publish("alice:1");
    dispatcher.publish("bob:1");
    dispatcher.publish("alice:2");

    assertThat(alice).containsExactly("alice:1", "alice:2");
  }

  @Test
  void aListenerThatThrowsStillReceivesTheNextEvent() {
    EventDispatcher<Integer> dispatcher = EventDispatcher.on(Runnable::run);
    List<Integer> received = new ArrayList<>();
    dispatcher.subscribe(
        event -> {
          received.add(event);
          if (event == 1) {
            throw new IllegalStateException("listener bug");
          }
        });

    dispatcher.publish(1);
    dispatcher.publish(2);

    assertThat(received).containsExactly(1, 2);
  }

  @Test
  void aClosedSubscriptionReceivesNothingMoreAndItsQueueIsDropped() {
    List<Runnable> tasks = new ArrayList<>();
    EventDispatcher<Integer> dispatcher = EventDispatcher.on(tasks::add);
    List<Integer> received = new ArrayList<>();
    Subscription subscription = dispatcher.subscribe(received::add);
    dispatcher.publish(1);
    assertThat(dispatcher.backlog()).isEqualTo(1);

    subscription.close();
    subscription.close();
    tasks.forEach(Runnable::run);
    dispatcher.publish(2);

    assertThat(received).isEmpty();
    assertThat(dispatcher.backlog()).isZero();
    assertThat(dispatcher.subscriptionCount()).isZero();
  }

  @Test
  void aListenerMayPublishWhileItRunsAndTheEventFollowsInOrder() {
    EventDispatcher<Integer> dispatcher = EventDispatcher.on(Runnable::run);
    List<Integer> received = new ArrayList<>();
    dispatcher.subscribe(
        event -> {
          received.add(event);
          if (event < 3) {
            dispatcher.publish(event + 1);
          }
        });

    dispatcher.publish(1);

    assertThat(received).containsExactly(1, 2, 3);
  }

  @Test
  void eventsRefusedByTheExecutorWaitForTheNextPublish() {
    AtomicBoolean refuse = new AtomicBoolean(true);
    EventDispatcher<Integer> dispatcher =
        EventDispatcher.on(
            task -> {
              if (refuse.get()) {
                throw new RejectedExecutionException("shut down");
              }
              task.run();
            });
    List<Integer> received = new ArrayList<>();
    dispatcher.subscribe(received::add);

    dispatcher.publish(1);
    assertThat(received).isEmpty();
    refuse.set(false);
    dispatcher.publish(2);

    assertThat(received).containsExactly(1, 2);
  }

  @Test
  void refusesNullArguments() {
    EventDispatcher<String> dispatcher = EventDispatcher.on(Runnable::run);
    assertThatThrownBy(() -> EventDispatcher.on(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> dispatcher.subscribe(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> dispatcher.subscribe(null, event -> {}))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> dispatcher.publish(null)).isInstanceOf(NullPointerException.class);
  }
}
