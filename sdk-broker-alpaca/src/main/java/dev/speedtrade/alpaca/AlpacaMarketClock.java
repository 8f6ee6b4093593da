package dev.speedtrade.alpaca;

import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.MarketStatus;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import net.jacobpeterson.alpaca.rest.AlpacaClient;
import net.jacobpeterson.alpaca.rest.endpoint.calendar.CalendarEndpoint;
import net.jacobpeterson.alpaca.rest.endpoint.clock.ClockEndpoint;

/**
 * {@link MarketClock} over Alpaca's {@code /v2/clock} and {@code /v2/calendar}: "now" is Alpaca's
 * clock, and the calendar shows early closes (for example 13:00 on the day after Thanksgiving) as
 * Alpaca lists them. Obtain one from {@link Alpaca#marketClock()}. Thread-safe.
 */
public final class AlpacaMarketClock implements MarketClock {
  private final ClockEndpoint clock;
  private final CalendarEndpoint calendar;

  AlpacaMarketClock(AlpacaClient trading) {
    this.clock = new ClockEndpoint(trading);
    this.calendar = new CalendarEndpoint(trading);
  }

  @Override
  public MarketStatus status() {
    return AlpacaModels.marketStatus(
        AlpacaErrors.call("reading the market clock", AlpacaErrors.Missing.OTHER, clock::get));
  }

  @Override
  public List<TradingDay> calendar(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "calendar from " + from + " is after to " + to);
    }
    return AlpacaErrors.call(
            "reading the calendar", AlpacaErrors.Missing.OTHER, () -> calendar.get(from, to))
        .stream()
        .map(AlpacaModels::tradingDay)
        .filter(day -> !day.date().isBefore(from) && !day.date().isAfter(to))
        .sorted(Comparator.comparing(TradingDay::date))
        .toList();
  }

  @Override
  public String toString() {
    return "AlpacaMarketClock";
  }
}
