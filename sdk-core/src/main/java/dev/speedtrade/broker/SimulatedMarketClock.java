package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link MarketClock} over the NYSE calendar and an injected {@link Clock}. */
final class SimulatedMarketClock implements MarketClock {
  /** Extended hours run from 4:00 to four hours after the regular close (20:00, or 17:00 early). */
  private static final Duration AFTER_HOURS = Duration.ofHours(4);

  /** The longest run of days without trading (a long weekend plus closures), with margin. */
  private static final int MAX_DAYS_WITHOUT_TRADING = 14;

  private final Clock clock;

  /**
   * The calendar's answer per date, which never changes; it saves recomputing holidays per call.
   */
  private final java.util.concurrent.ConcurrentMap<LocalDate, Optional<TradingDay>> days =
      new java.util.concurrent.ConcurrentHashMap<>();

  SimulatedMarketClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public MarketStatus status() {
    return statusAt(clock.instant());
  }

  MarketStatus statusAt(Instant now) {
    LocalDate date = marketDate(now);
    Optional<TradingDay> today = tradingDay(date);
    boolean open = today.isPresent() && isWithin(now, today.get());
    Instant nextOpen = nextSessionStartingAfter(now, date).open().toInstant();
    Instant nextClose =
        open
            ? today.get().close().toInstant()
            : nextSessionEndingAfter(now, date).close().toInstant();
    return new MarketStatus(now, open, nextOpen, nextClose);
  }

  @Override
  public List<TradingDay> calendar(LocalDate from, LocalDate to) {
    if (from == null || to == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "calendar dates must not be null");
    }
    if (from.isAfter(to)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "calendar start " + from + " is after its end " + to);
    }
    List<TradingDay> days = new ArrayList<>();
    for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
      tradingDay(date).ifPresent(days::add);
    }
    return List.copyOf(days);
  }

  private Optional<TradingDay> tradingDay(LocalDate date) {
    return days.computeIfAbsent(date, UsEquityCalendar::tradingDay);
  }

  /** Returns the regular session in progress at {@code now}, if any. */
  Optional<TradingDay> regularSessionAt(Instant now) {
    return tradingDay(marketDate(now)).filter(day -> isWithin(now, day));
  }

  /** Returns the trading day whose extended session (4:00 to close + 4h) contains {@code now}. */
  Optional<TradingDay> extendedSessionAt(Instant now) {
    return tradingDay(marketDate(now))
        .filter(day -> !now.isBefore(preMarketOpen(day)) && now.isBefore(extendedClose(day)));
  }

  /**
   * Returns the next regular session that has not ended at {@code now} (today's if still to come).
   */
  TradingDay currentOrNextSession(Instant now) {
    return nextSessionEndingAfter(now, marketDate(now));
  }

  static Instant extendedClose(TradingDay day) {
    return day.close().toInstant().plus(AFTER_HOURS);
  }

  static LocalDate marketDate(Instant instant) {
    return instant.atZone(TradingDay.NEW_YORK).toLocalDate();
  }

  private static Instant preMarketOpen(TradingDay day) {
    return day.date()
        .atTime(UsEquityCalendar.PRE_MARKET_OPEN)
        .atZone(TradingDay.NEW_YORK)
        .toInstant();
  }

  private static boolean isWithin(Instant now, TradingDay day) {
    return !now.isBefore(day.open().toInstant()) && now.isBefore(day.close().toInstant());
  }

  private TradingDay nextSessionStartingAfter(Instant now, LocalDate from) {
    return scan(from, day -> day.open().toInstant().isAfter(now));
  }

  private TradingDay nextSessionEndingAfter(Instant now, LocalDate from) {
    return scan(from, day -> day.close().toInstant().isAfter(now));
  }

  private TradingDay scan(LocalDate from, java.util.function.Predicate<TradingDay> wanted) {
    for (int i = 0; i <= MAX_DAYS_WITHOUT_TRADING; i++) {
      Optional<TradingDay> day = tradingDay(from.plusDays(i));
      if (day.isPresent() && wanted.test(day.get())) {
        return day.get();
      }
    }
    throw new IllegalStateException(
        "no trading day within " + MAX_DAYS_WITHOUT_TRADING + " days of " + from);
  }

  @Override
  public String toString() {
    ZonedDateTime now = clock.instant().atZone(TradingDay.NEW_YORK);
    return "SimulatedMarketClock{now=" + now + "}";
  }
}
