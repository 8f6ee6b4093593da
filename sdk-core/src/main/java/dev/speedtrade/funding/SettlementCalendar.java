package dev.speedtrade.funding;

import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.TradingDay;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

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

  /**
   * Returns the trading days {@code marketClock}'s calendar lists (Alpaca's, or a simulated
   * market's), each month read once and remembered.
   */
  static SettlementCalendar of(MarketClock marketClock) {
    Map<YearMonth, Set<LocalDate>> months = new ConcurrentHashMap<>();
    return date ->
        months
            .computeIfAbsent(
                YearMonth.from(date),
                m ->
                    marketClock.calendar(m.atDay(1), m.atEndOfMonth()).stream()
                        .map(TradingDay::date)
                        .collect(Collectors.toUnmodifiableSet()))
            .contains(date);
  }
}
