package dev.speedtrade.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC {@link Clock} that stands still until a test moves it, for injecting into code under test
 * (a ledger's pending-transfer timeouts, a market calendar) so that time-dependent behaviour is
 * exercised without sleeping.
 *
 * <p>Thread-safe: any thread may read it while another one calls {@link #set} or {@link #advance};
 * every reader sees each move at once, and concurrent {@link #advance} calls all take effect (none
 * is lost). Clocks derived by {@link #withZone} share this clock's instant and follow its moves.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;

  /**
   * Creates a clock that reads {@code start} until it is moved.
   *
   * @param start the first reading
   * @throws NullPointerException when {@code start} is null
   */
  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /**
   * Moves the clock to {@code instant}, forwards or backwards.
   *
   * <p>Moving it backwards is allowed for tests that need it, but code under test (a ledger's
   * timestamps, for one) may assume time never goes back.
   *
   * @param instant the new reading
   * @throws NullPointerException when {@code instant} is null
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /**
   * Moves the clock forwards by {@code duration}, atomically with respect to other moves.
   *
   * @param duration how far to move; zero leaves the clock where it is
   * @return the new reading
   * @throws NullPointerException when {@code duration} is null
   * @throws IllegalArgumentException when {@code duration} is negative
   * @throws java.time.DateTimeException when the new reading is past {@link Instant#MAX}
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock advances by a duration >= 0, got " + duration);
    }
    return now.updateAndGet(instant -> instant.plus(duration));
  }

  /** Returns the current reading. */
  // NullAway takes AtomicReference.get() as nullable whatever the type argument (it reads
  // type-argument
  // nullness only in JSpecify mode, which needs JDK 22+); `now` starts non-null and every move is
  // non-null.
  @SuppressWarnings("NullAway")
  @Override
  public Instant instant() {
    return now.get();
  }

  /** Returns {@link ZoneOffset#UTC}. */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * Returns this clock when {@code zone} is UTC; otherwise a clock in {@code zone} that reads this
   * clock's instant, and so follows every move of it.
   */
  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(ZoneOffset.UTC) ? this : new ZonedView(this, zone);
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }

  /** This clock seen in another zone. */
  private static final class ZonedView extends Clock {
    private final ManualClock source;
    private final ZoneId zone;

    ZonedView(ManualClock source, ZoneId zone) {
      this.source = source;
      this.zone = zone;
    }

    @Override
    public Instant instant() {
      return source.instant();
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
      return source.withZone(newZone);
    }

    @Override
    public String toString() {
      return "ManualClock[" + source.instant() + ", " + zone + "]";
    }
  }
}
