package dev.speedtrade.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock that moves only when told to; shared by the core's tests of every package. */
public final class MutableClock extends Clock {
  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  public static MutableClock at(java.time.LocalDateTime newYorkTime) {
    return new MutableClock(newYorkTime.atZone(TradingDay.NEW_YORK).toInstant());
  }

  public void set(Instant instant) {
    now = instant;
  }

  /** Sets the clock to a New York date and time, as {@code 2026-11-24T15:50:00}. */
  public void set(String newYorkDateTime) {
    setNewYork(java.time.LocalDateTime.parse(newYorkDateTime));
  }

  public void setNewYork(java.time.LocalDateTime newYorkTime) {
    now = newYorkTime.atZone(TradingDay.NEW_YORK).toInstant();
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
