package dev.speedtrade.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock that moves only when told to. */
final class MutableClock extends Clock {
  private volatile Instant now;

  MutableClock(Instant start) {
    this.now = start;
  }

  static MutableClock at(java.time.LocalDateTime newYorkTime) {
    return new MutableClock(newYorkTime.atZone(TradingDay.NEW_YORK).toInstant());
  }

  void set(Instant instant) {
    now = instant;
  }

  void setNewYork(java.time.LocalDateTime newYorkTime) {
    now = newYorkTime.atZone(TradingDay.NEW_YORK).toInstant();
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    return now;
  }
}
