package dev.speedtrade.broker;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the calendar against the NYSE's published holiday and early-closing calendars (NYSE Group
 * press releases of 2021-12-27, 2024-11-08 and 2025-12-23, and the 2025-01-09 national day of
 * mourning closure), written out date by date.
 */
class UsEquityCalendarTest {
  private static final LocalDate FIRST = of(2024, 1, 1);
  private static final LocalDate LAST = of(2027, 12, 31);

  private static final Set<LocalDate> PUBLISHED_HOLIDAYS =
      Set.of(
          of(2024, 1, 1),
          of(2024, 1, 15),
          of(2024, 2, 19),
          of(2024, 3, 29),
          of(2024, 5, 27),
          of(2024, 6, 19),
          of(2024, 7, 4),
          of(2024, 9, 2),
          of(2024, 11, 28),
          of(2024, 12, 25),
          of(2025, 1, 1),
          of(2025, 1, 9),
          of(2025, 1, 20),
          of(2025, 2, 17),
          of(2025, 4, 18),
          of(2025, 5, 26),
          of(2025, 6, 19),
          of(2025, 7, 4),
          of(2025, 9, 1),
          of(2025, 11, 27),
          of(2025, 12, 25),
          of(2026, 1, 1),
          of(2026, 1, 19),
          of(2026, 2, 16),
          of(2026, 4, 3),
          of(2026, 5, 25),
          of(2026, 6, 19),
          of(2026, 7, 3),
          of(2026, 9, 7),
          of(2026, 11, 26),
          of(2026, 12, 25),
          of(2027, 1, 1),
          of(2027, 1, 18),
          of(2027, 2, 15),
          of(2027, 3, 26),
          of(2027, 5, 31),
          of(2027, 6, 18),
          of(2027, 7, 5),
          of(2027, 9, 6),
          of(2027, 11, 25),
          of(2027, 12, 24));

  private static final Set<LocalDate> PUBLISHED_EARLY_CLOSES =
      Set.of(
          of(2024, 7, 3),
          of(2024, 11, 29),
          of(2024, 12, 24),
          of(2025, 7, 3),
          of(2025, 11, 28),
          of(2025, 12, 24),
          of(2026, 11, 27),
          of(2026, 12, 24),
          of(2027, 11, 26));

  @Test
  void publishedTablesHoldOnlyWeekdaysAndNoDateIsBothAHolidayAndAnEarlyClose() {
    assertThat(PUBLISHED_HOLIDAYS)
        .hasSize(41)
        .allSatisfy(date -> assertThat(isWeekend(date)).isFalse());
    assertThat(PUBLISHED_EARLY_CLOSES)
        .hasSize(9)
        .allSatisfy(date -> assertThat(isWeekend(date)).isFalse())
        .doesNotContainAnyElementsOf(PUBLISHED_HOLIDAYS);
  }

  @Test
  void everyDayFrom2024To2027TradesExactlyWhenItIsAWeekdayOutsideThePublishedHolidays() {
    List<String> mismatches = new ArrayList<>();
    for (LocalDate date = FIRST; !date.isAfter(LAST); date = date.plusDays(1)) {
      boolean expected = !isWeekend(date) && !PUBLISHED_HOLIDAYS.contains(date);
      if (UsEquityCalendar.isTradingDate(date) != expected) {
        mismatches.add(
            date + " " + date.getDayOfWeek() + " should " + (expected ? "" : "not ") + "trade");
      }
      if (UsEquityCalendar.tradingDay(date).isPresent() != expected) {
        mismatches.add(date + " tradingDay should be " + (expected ? "present" : "empty"));
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void everyDayFrom2024To2027ClosesEarlyExactlyWhenItIsAPublishedEarlyClose() {
    List<String> mismatches = new ArrayList<>();
    for (LocalDate date = FIRST; !date.isAfter(LAST); date = date.plusDays(1)) {
      boolean expected = PUBLISHED_EARLY_CLOSES.contains(date);
      if (UsEquityCalendar.isEarlyClose(date) != expected) {
        mismatches.add(
            date
                + " "
                + date.getDayOfWeek()
                + " should "
                + (expected ? "" : "not ")
                + "close early");
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void sessionsOpenAtHalfPastNineAndCloseAtOneOnEarlyClosesAndAtFourOtherwise() {
    List<String> mismatches = new ArrayList<>();
    for (LocalDate date = FIRST; !date.isAfter(LAST); date = date.plusDays(1)) {
      LocalDate day = date;
      LocalTime expectedClose =
          PUBLISHED_EARLY_CLOSES.contains(day) ? LocalTime.of(13, 0) : LocalTime.of(16, 0);
      UsEquityCalendar.tradingDay(day)
          .ifPresent(
              session -> {
                if (!session.date().equals(day)
                    || !session.open().toLocalDateTime().equals(day.atTime(9, 30))
                    || !session.close().toLocalDateTime().equals(day.atTime(expectedClose))
                    || session.isEarlyClose() != PUBLISHED_EARLY_CLOSES.contains(day)) {
                  mismatches.add(day + " has session " + session);
                }
              });
    }
    assertThat(mismatches).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "2024, 2024-03-31",
    "2025, 2025-04-20",
    "2026, 2026-04-05",
    "2027, 2027-03-28",
    "2038, 2038-04-25"
  })
  void easterSundayMatchesTheKnownDate(int year, LocalDate expected) {
    assertThat(UsEquityCalendar.easterSunday(year)).isEqualTo(expected);
  }

  @Test
  void goodFridayTwoDaysBeforeALateEasterIsAHoliday() {
    assertThat(UsEquityCalendar.isTradingDate(of(2038, 4, 23))).isFalse();
    assertThat(UsEquityCalendar.isTradingDate(of(2038, 4, 22))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2021-12-31", "2027-12-31"})
  void theFridayBeforeANewYearsDayOnASaturdayIsAFullTradingDay(LocalDate friday) {
    assertThat(friday.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
    assertThat(friday.plusDays(1).getDayOfMonth()).isEqualTo(1);
    assertThat(UsEquityCalendar.isTradingDate(friday)).isTrue();
    assertThat(UsEquityCalendar.isHoliday(friday)).isFalse();
    assertThat(UsEquityCalendar.isEarlyClose(friday)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2022-01-03", "2028-01-03"})
  void theMondayAfterANewYearsDayOnASaturdayIsAlsoATradingDay(LocalDate monday) {
    assertThat(monday.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    assertThat(UsEquityCalendar.isTradingDate(monday)).isTrue();
  }

  private static boolean isWeekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
