package dev.speedtrade.risk;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Check 13, {@link RiskCode#OUTSIDE_TRADING_WINDOW}: the clock's New York time, truncated to the
 * second, is in the account's trading window.
 */
final class TradingWindowCheck implements RiskCheck {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Override
  public @Nullable RiskCode failure(RiskContext ctx) {
    TradingWindow window = ctx.limits().tradingWindow();
    if (window == null) {
      return null;
    }
    LocalTime time = ctx.now().atZone(NEW_YORK).toLocalTime().truncatedTo(ChronoUnit.SECONDS);
    return window.contains(time) ? null : RiskCode.OUTSIDE_TRADING_WINDOW;
  }
}
