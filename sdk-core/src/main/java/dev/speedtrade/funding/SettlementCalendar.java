package dev.speedtrade.funding;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * The trading days sale proceeds settle on: a us_equity sale settles on the first trading day
 * strictly after its trade date (T+1). Implementations are thread-safe.
 */
@FunctionalInterface
public interface SettlementCalendar {

  /** Returns true when {@code date} is a trading day. */
  boolean isTradingDay(LocalDate date);

  /** Returns the first trading day strictly after {@code tradeDate}. */
  default LocalDate settlementDate(LocalDate tradeDate) {
    LocalDate day = tradeDate.plusDays(1);
    while (!isTradingDay(day)) {
      day = day.plusDays(1);
    }
    return day;
  }

  /** Returns a calendar of Monday to Friday, except {@code holidays}. */
  static SettlementCalendar weekdaysExcept(Set<LocalDate> holidays) {
    Set<LocalDate> closed = Set.copyOf(holidays);
    return date ->
        date.getDayOfWeek() != DayOfWeek.SATURDAY
            && date.getDayOfWeek() != DayOfWeek.SUNDAY
            && !closed.contains(date);
  }
}
