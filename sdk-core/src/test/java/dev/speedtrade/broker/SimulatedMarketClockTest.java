package dev.speedtrade.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedMarketClockTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private final MutableClock time = new MutableClock(Instant.EPOCH);
  private final SimulatedMarketClock clock = new SimulatedMarketClock(time);

  @Test
  void aTuesdayMorningIsOpenUntilFourAndNextOpensTheFollowingMorning() {
    time.set(ny(2026, 3, 10, 10, 0, 0));

    MarketStatus status = clock.status();

    assertThat(status.timestamp()).isEqualTo(ny(2026, 3, 10, 10, 0, 0));
    assertThat(status.open()).isTrue();
    assertThat(clock.isOpen()).isTrue();
    assertThat(status.nextClose()).isEqualTo(ny(2026, 3, 10, 16, 0, 0));
    assertThat(status.nextOpen()).isEqualTo(ny(2026, 3, 11, 9, 30, 0));
  }

  @Test
  void oneSecondBeforeHalfPastNineIsClosedAndOpensThatSameMorning() {
    time.set(ny(2026, 3, 10, 9, 29, 59));

    MarketStatus status = clock.status();

    assertThat(status.open()).isFalse();
    assertThat(status.nextOpen()).isEqualTo(ny(2026, 3, 10, 9, 30, 0));
    assertThat(status.nextClose()).isEqualTo(ny(2026, 3, 10, 16, 0, 0));
  }

  @Test
  void theMarketOpensAtExactlyHalfPastNine() {
    time.set(ny(2026, 3, 10, 9, 29, 59));
    time.advance(Duration.ofSeconds(1));

    assertThat(clock.isOpen()).isTrue();
    assertThat(clock.status().nextClose()).isEqualTo(ny(2026, 3, 10, 16, 0, 0));
  }

  @Test
  void exactlyFourOClockIsClosedAndPointsAtTheNextDaysSession() {
    time.set(ny(2026, 3, 10, 15, 59, 59));
    assertThat(clock.isOpen()).isTrue();

    time.advance(Duration.ofSeconds(1));
    MarketStatus status = clock.status();

    assertThat(status.open()).isFalse();
    assertThat(status.nextOpen()).isEqualTo(ny(2026, 3, 11, 9, 30, 0));
    assertThat(status.nextClose()).isEqualTo(ny(2026, 3, 11, 16, 0, 0));
  }

  @Test
  void aFridayAfterTheCloseNextOpensOnMonday() {
    time.set(ny(2026, 3, 13, 16, 30, 0));

    MarketStatus status = clock.status();

    assertThat(status.open()).isFalse();
    assertThat(status.nextOpen()).isEqualTo(ny(2026, 3, 16, 9, 30, 0));
    assertThat(status.nextClose()).isEqualTo(ny(2026, 3, 16, 16, 0, 0));
  }

  @Test
  void aFridayBeforeMartinLutherKingDayNextOpensOnTuesday() {
    time.set(ny(2026, 1, 16, 17, 0, 0));

    MarketStatus status = clock.status();

    assertThat(status.open()).isFalse();
    assertThat(status.nextOpen()).isEqualTo(ny(2026, 1, 20, 9, 30, 0));
    assertThat(status.nextClose()).isEqualTo(ny(2026, 1, 20, 16, 0, 0));
  }

  @Test
  void aFridayBeforeTheSpringClockChangeNextOpensAtHalfPastNineDaylightTime() {
    time.set(ny(2026, 3, 6, 18, 0, 0));

    assertThat(clock.status().nextOpen()).isEqualTo(Instant.parse("2026-03-09T13:30:00Z"));
  }

  @Test
  void theDayAfterThanksgivingIsOpenUntilOneAndClosedAtHalfPastOne() {
    time.set(ny(2026, 11, 27, 12, 59, 59));
    MarketStatus beforeClose = clock.status();
    time.set(ny(2026, 11, 27, 13, 30, 0));
    MarketStatus afterClose = clock.status();

    assertThat(beforeClose.open()).isTrue();
    assertThat(beforeClose.nextClose()).isEqualTo(ny(2026, 11, 27, 13, 0, 0));
    assertThat(afterClose.open()).isFalse();
    assertThat(afterClose.nextOpen()).isEqualTo(ny(2026, 11, 30, 9, 30, 0));
    assertThat(afterClose.nextClose()).isEqualTo(ny(2026, 11, 30, 16, 0, 0));
  }

  @Test
  void christmasDayIsClosedAndNextOpensTheFollowingMonday() {
    time.set(ny(2026, 12, 25, 11, 0, 0));

    MarketStatus status = clock.status();

    assertThat(status.open()).isFalse();
    assertThat(status.nextOpen()).isEqualTo(ny(2026, 12, 28, 9, 30, 0));
    assertThat(status.nextClose()).isEqualTo(ny(2026, 12, 28, 16, 0, 0));
  }

  @Test
  void aSaturdayIsClosedAndNextOpensOnMonday() {
    time.set(ny(2026, 3, 14, 11, 0, 0));

    MarketStatus status = clock.status();

    assertThat(status.open()).isFalse();
    assertThat(status.nextOpen()).isEqualTo(ny(2026, 3, 16, 9, 30, 0));
    assertThat(status.nextClose()).isEqualTo(ny(2026, 3, 16, 16, 0, 0));
  }

  @Test
  void statusFollowsTheInjectedClockAsItMoves() {
    time.set(ny(2026, 3, 10, 15, 0, 0));
    assertThat(clock.isOpen()).isTrue();

    time.advance(Duration.ofHours(2));

    assertThat(clock.isOpen()).isFalse();
    assertThat(clock.status().timestamp()).isEqualTo(ny(2026, 3, 10, 17, 0, 0));
  }

  @Test
  void thanksgivingWeekTradesMondayToWednesdayAndFridayWithFridayClosingAtOne() {
    List<TradingDay> week = clock.calendar(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29));

    assertThat(week)
        .extracting(TradingDay::date)
        .containsExactly(
            LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 24),
            LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27));
    assertThat(week)
        .extracting(TradingDay::isEarlyClose)
        .containsExactly(false, false, false, true);
    assertThat(week.get(3).close())
        .isEqualTo(ZonedDateTime.of(2026, 11, 27, 13, 0, 0, 0, NEW_YORK));
    assertThat(week.get(0).close())
        .isEqualTo(ZonedDateTime.of(2026, 11, 23, 16, 0, 0, 0, NEW_YORK));
    assertThat(week).allSatisfy(day -> assertThat(day.open().toLocalTime()).hasToString("09:30"));
  }

  @Test
  void aCalendarOfOneDayHoldsThatDayOrNothingOnAHoliday() {
    assertThat(clock.calendar(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 27)))
        .extracting(TradingDay::date)
        .containsExactly(LocalDate.of(2026, 11, 27));
    assertThat(clock.calendar(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 26))).isEmpty();
  }

  @Test
  void aCalendarWhoseStartIsAfterItsEndIsRejectedAsAnInvalidArgument() {
    assertThatThrownBy(() -> clock.calendar(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 23)))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void sessionsOpenAtHalfPastTwoUtcInJanuaryAndHalfPastOneUtcInJuly() {
    TradingDay january = clock.calendar(LocalDate.of(2026, 1, 6), LocalDate.of(2026, 1, 6)).get(0);
    TradingDay july = clock.calendar(LocalDate.of(2026, 7, 7), LocalDate.of(2026, 7, 7)).get(0);

    assertThat(january.open().toInstant()).isEqualTo(Instant.parse("2026-01-06T14:30:00Z"));
    assertThat(january.close().toInstant()).isEqualTo(Instant.parse("2026-01-06T21:00:00Z"));
    assertThat(july.open().toInstant()).isEqualTo(Instant.parse("2026-07-07T13:30:00Z"));
    assertThat(july.close().toInstant()).isEqualTo(Instant.parse("2026-07-07T20:00:00Z"));
  }

  @Test
  void theRegularSessionRunsFromHalfPastNineUntilJustBeforeFour() {
    assertThat(clock.regularSessionAt(ny(2026, 3, 10, 9, 29, 59))).isEmpty();
    assertThat(clock.regularSessionAt(ny(2026, 3, 10, 9, 30, 0)))
        .hasValueSatisfying(day -> assertThat(day.date()).isEqualTo(LocalDate.of(2026, 3, 10)));
    assertThat(clock.regularSessionAt(ny(2026, 3, 10, 15, 59, 59))).isPresent();
    assertThat(clock.regularSessionAt(ny(2026, 3, 10, 16, 0, 0))).isEmpty();
  }

  @Test
  void theRegularSessionOfAnEarlyCloseEndsAtOne() {
    assertThat(clock.regularSessionAt(ny(2026, 11, 27, 12, 59, 59))).isPresent();
    assertThat(clock.regularSessionAt(ny(2026, 11, 27, 13, 0, 0))).isEmpty();
  }

  @Test
  void theExtendedSessionRunsFromFourInTheMorningUntilEightInTheEvening() {
    assertThat(clock.extendedSessionAt(ny(2026, 3, 10, 3, 59, 59))).isEmpty();
    assertThat(clock.extendedSessionAt(ny(2026, 3, 10, 4, 0, 0)))
        .hasValueSatisfying(day -> assertThat(day.date()).isEqualTo(LocalDate.of(2026, 3, 10)));
    assertThat(clock.extendedSessionAt(ny(2026, 3, 10, 19, 59, 59))).isPresent();
    assertThat(clock.extendedSessionAt(ny(2026, 3, 10, 20, 0, 0))).isEmpty();
  }

  @Test
  void theExtendedSessionOfAnEarlyCloseEndsAtFiveInTheEvening() {
    assertThat(clock.extendedSessionAt(ny(2026, 11, 27, 4, 0, 0))).isPresent();
    assertThat(clock.extendedSessionAt(ny(2026, 11, 27, 16, 59, 59))).isPresent();
    assertThat(clock.extendedSessionAt(ny(2026, 11, 27, 17, 0, 0))).isEmpty();
  }

  @Test
  void aHolidayHasNeitherARegularNorAnExtendedSession() {
    for (int hour = 0; hour < 24; hour++) {
      Instant instant = ny(2026, 12, 25, hour, 0, 0);
      assertThat(clock.regularSessionAt(instant)).as("regular at %d:00", hour).isEmpty();
      assertThat(clock.extendedSessionAt(instant)).as("extended at %d:00", hour).isEmpty();
    }
  }

  @Test
  void aSaturdayHasNoExtendedSession() {
    assertThat(clock.extendedSessionAt(ny(2026, 3, 14, 10, 0, 0))).isEmpty();
  }

  private static Instant ny(int year, int month, int day, int hour, int minute, int second) {
    return ZonedDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second), NEW_YORK)
        .toInstant();
  }
}
