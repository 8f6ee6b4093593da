package dev.speedtrade.rebalance.spi;

import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.rebalance.RebalanceExecutor;
import dev.speedtrade.rebalance.ScheduledUser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When each enabled user's daily rebalance is due: from {@code close - minutesBeforeClose} until
 * the close of today's trading day on the market clock's calendar (early closes included), and
 * never on a day the calendar does not list. Shared by every {@link
 * dev.speedtrade.rebalance.RebalanceScheduler}. Thread-safe; it keeps today's trading day between
 * calls.
 */
public final class DueRebalances {
  private final MarketClock marketClock;
  private volatile @Nullable Today today;

  /** Reads trading days from {@code marketClock}'s calendar. */
  public DueRebalances(MarketClock marketClock) {
    this.marketClock = Objects.requireNonNull(marketClock, "marketClock");
  }

  /** Returns the market date (New York) of {@code now}. */
  public static LocalDate marketDate(Instant now) {
    return LocalDate.ofInstant(now, RebalanceExecutor.MARKET_ZONE);
  }

  /** Returns the users of {@code enabled} whose rebalance is due at {@code now}. */
  public List<ScheduledUser> due(List<ScheduledUser> enabled, Instant now) {
    Optional<TradingDay> day = tradingDay(marketDate(now));
    if (day.isEmpty()) {
      return List.of();
    }
    Instant close = day.get().close().toInstant();
    if (!now.isBefore(close)) {
      return List.of();
    }
    List<ScheduledUser> due = new ArrayList<>();
    for (ScheduledUser user : enabled) {
      if (!now.isBefore(close.minus(Duration.ofMinutes(user.settings().minutesBeforeClose())))) {
        due.add(user);
      }
    }
    return due;
  }

  private Optional<TradingDay> tradingDay(LocalDate date) {
    Today cached = today;
    if (cached == null || !cached.date.equals(date)) {
      Optional<TradingDay> day =
          marketClock.calendar(date, date).stream()
              .filter(candidate -> candidate.date().equals(date))
              .findFirst();
      cached = new Today(date, day);
      today = cached;
    }
    return cached.day;
  }

  private record Today(LocalDate date, Optional<TradingDay> day) {}
}
