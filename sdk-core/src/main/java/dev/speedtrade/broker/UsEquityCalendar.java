package dev.speedtrade.broker;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.Set;

/**
 * The NYSE trading calendar: weekends, the exchange's holidays with their weekend observance rules,
 * early closes at 13:00 and the exchange's one-off closures. Checked day by day against the
 * exchange's published calendars for 2024-2027; the rules carry on beyond.
 */
final class UsEquityCalendar {
  static final LocalTime OPEN = LocalTime.of(9, 30);
  static final LocalTime CLOSE = LocalTime.of(16, 0);
  static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);
  static final LocalTime PRE_MARKET_OPEN = LocalTime.of(4, 0);
  static final LocalTime AFTER_HOURS_CLOSE = LocalTime.of(20, 0);

  /** Closures announced one at a time (national days of mourning), not given by any rule. */
  private static final Set<LocalDate> SPECIAL_CLOSURES =
      Set.of(
          LocalDate.of(2018, 12, 5), // President George H. W. Bush
          LocalDate.of(2025, 1, 9)); // President Jimmy Carter

  private UsEquityCalendar() {}

  /** Returns the session of {@code date}, or empty when the market does not trade that day. */
  static Optional<TradingDay> tradingDay(LocalDate date) {
    if (!isTradingDate(date)) {
      return Optional.empty();
    }
    return Optional.of(TradingDay.of(date, OPEN, isEarlyClose(date) ? EARLY_CLOSE : CLOSE));
  }

  static boolean isTradingDate(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isHoliday(date);
  }

  static boolean isHoliday(LocalDate date) {
    int year = date.getYear();
    return SPECIAL_CLOSURES.contains(date)
        || date.equals(newYearsDay(year))
        || date.equals(
            nthWeekday(year, Month.JANUARY, 3, DayOfWeek.MONDAY)) // Martin Luther King Jr.
        || date.equals(
            nthWeekday(year, Month.FEBRUARY, 3, DayOfWeek.MONDAY)) // Washington's Birthday
        || date.equals(easterSunday(year).minusDays(2)) // Good Friday
        || date.equals(
            LocalDate.of(year, Month.MAY, 31)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))) // Memorial Day
        || (year >= 2022 && date.equals(observed(LocalDate.of(year, Month.JUNE, 19)))) // Juneteenth
        || date.equals(observed(LocalDate.of(year, Month.JULY, 4))) // Independence Day
        || date.equals(nthWeekday(year, Month.SEPTEMBER, 1, DayOfWeek.MONDAY)) // Labor Day
        || date.equals(thanksgiving(year))
        || date.equals(observed(LocalDate.of(year, Month.DECEMBER, 25))); // Christmas
  }

  /**
   * Early closes at 13:00: the day before Independence Day when July 4 falls Tuesday to Friday, the
   * day after Thanksgiving, and Christmas Eve when it falls Monday to Thursday.
   */
  static boolean isEarlyClose(LocalDate date) {
    if (!isTradingDate(date)) {
      return false;
    }
    int year = date.getYear();
    LocalDate july3 = LocalDate.of(year, Month.JULY, 3);
    LocalDate christmasEve = LocalDate.of(year, Month.DECEMBER, 24);
    return (date.equals(july3) && isMondayToThursday(july3))
        || date.equals(thanksgiving(year).plusDays(1))
        || (date.equals(christmasEve) && isMondayToThursday(christmasEve));
  }

  /** New Year's Day moves to Monday from a Sunday; from a Saturday it is not observed at all. */
  private static LocalDate newYearsDay(int year) {
    LocalDate day = LocalDate.of(year, Month.JANUARY, 1);
    return day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.plusDays(1) : day;
  }

  /** A holiday on a Saturday is observed the Friday before, on a Sunday the Monday after. */
  private static LocalDate observed(LocalDate day) {
    return switch (day.getDayOfWeek()) {
      case SATURDAY -> day.minusDays(1);
      case SUNDAY -> day.plusDays(1);
      default -> day;
    };
  }

  private static LocalDate thanksgiving(int year) {
    return nthWeekday(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY);
  }

  private static LocalDate nthWeekday(int year, Month month, int n, DayOfWeek weekday) {
    return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
  }

  private static boolean isMondayToThursday(LocalDate date) {
    return date.getDayOfWeek().getValue() <= DayOfWeek.THURSDAY.getValue();
  }

  /** Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
  static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }
}
