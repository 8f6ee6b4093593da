package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One day on which the US equities market trades, with its regular session.
 *
 * @param date the market date in {@code America/New_York}
 * @param open the start of the regular session (9:30 New York time)
 * @param close the end of the regular session (16:00, or 13:00 on an early-close day)
 */
public record TradingDay(LocalDate date, ZonedDateTime open, ZonedDateTime close) {
  /** The market's time zone. */
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** The close of a full trading day, New York time. */
  public static final LocalTime REGULAR_CLOSE = LocalTime.of(16, 0);

  /** Checks that the session lies on {@code date} and opens before it closes. */
  public TradingDay {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(close, "close");
    open = open.withZoneSameInstant(NEW_YORK);
    close = close.withZoneSameInstant(NEW_YORK);
    if (!open.toLocalDate().equals(date)
        || !close.toLocalDate().equals(date)
        || !open.isBefore(close)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "session " + open + " - " + close + " does not lie within " + date);
    }
  }

  /** Returns a session from {@code open} to {@code close}, New York time, on {@code date}. */
  public static TradingDay of(LocalDate date, LocalTime open, LocalTime close) {
    return new TradingDay(
        date, date.atTime(open).atZone(NEW_YORK), date.atTime(close).atZone(NEW_YORK));
  }

  /** Returns true when the regular session ends before 16:00 New York time. */
  public boolean isEarlyClose() {
    return close.toLocalTime().isBefore(REGULAR_CLOSE);
  }
}
