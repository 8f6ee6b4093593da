package dev.speedtrade.rebalance.spi;

import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.rebalance.RebalanceExecutor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When the day's settlement ({@link dev.speedtrade.funding.FundingService#settleAndPay}) is due: on
 * each trading day of the market clock's calendar, from the settlement time (New York) on. Shared
 * by every {@link dev.speedtrade.rebalance.RebalanceScheduler}. Thread-safe; it keeps the last date
 * it asked the calendar about between calls, so a scheduler that asks every tick reads the calendar
 * once a day.
 */
public final class DueSettlement {
  /** The default settlement time, New York: before the open, so T+1 proceeds are cash that day. */
  public static final LocalTime DEFAULT_TIME = LocalTime.of(8, 0);

  private final MarketClock marketClock;
  private final LocalTime time;
  private volatile @Nullable Day last;

  /**
   * Settles at {@code time} (New York) on the trading days of {@code marketClock}'s calendar.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when either is null
   */
  public DueSettlement(MarketClock marketClock, LocalTime time) {
    this.marketClock = notNull(marketClock, "marketClock");
    this.time = notNull(time, "settlementTime");
  }

  /** Returns the settlement time, New York. */
  public LocalTime time() {
    return time;
  }

  /**
   * Returns the market date (New York) of {@code now} when the settlement is due then: the date is
   * a trading day and its New York time is at or after the settlement time. Empty otherwise.
   *
   * @throws SpeedTradeException whatever the market clock throws while reading its calendar
   */
  public Optional<LocalDate> due(Instant now) {
    ZonedDateTime local = notNull(now, "now").atZone(RebalanceExecutor.MARKET_ZONE);
    LocalDate date = local.toLocalDate();
    if (local.toLocalTime().isBefore(time) || !isTradingDay(date)) {
      return Optional.empty();
    }
    return Optional.of(date);
  }

  /**
   * Returns true when {@code date} is a trading day of the market clock's calendar.
   *
   * @throws SpeedTradeException whatever the market clock throws while reading its calendar
   */
  public boolean isTradingDay(LocalDate date) {
    notNull(date, "date");
    Day cached = last;
    if (cached == null || !cached.date.equals(date)) {
      boolean trading =
          marketClock.calendar(date, date).stream().anyMatch(day -> day.date().equals(date));
      cached = new Day(date, trading);
      last = cached;
    }
    return cached.trading;
  }

  private static <T> T notNull(@Nullable T value, String what) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
    }
    return value;
  }

  private record Day(LocalDate date, boolean trading) {}

  @Override
  public String toString() {
    return "DueSettlement[" + time + " America/New_York on trading days]";
  }
}
