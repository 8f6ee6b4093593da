package dev.speedtrade.alpaca;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The client-side rate limit: at most a number of requests per minute, spaced evenly and shared by
 * every thread of one adapter; a request ahead of its slot waits for it. After a 429, {@link
 * #pause} holds every request until Alpaca's window resets.
 */
final class RequestPacer {
  private final long intervalNanos;
  // Instants of System.nanoTime(), compared by difference only, as its contract requires.
  private long nextSlot = System.nanoTime();
  private long pausedUntil = nextSlot;

  RequestPacer(int requestsPerMinute) {
    this.intervalNanos = TimeUnit.MINUTES.toNanos(1) / requestsPerMinute;
  }

  /** Waits for the next request's slot. */
  void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = Math.max(nextSlot, now);
      if (pausedUntil - slot > 0) {
        slot = pausedUntil;
      }
      nextSlot = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** Holds every request for {@code pause} from now. */
  synchronized void pause(Duration pause) {
    long until = System.nanoTime() + pause.toNanos();
    if (until - pausedUntil > 0) {
      pausedUntil = until;
    }
  }
}
