package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PortfolioDayPnlTest {
  private static final String A = "alice";

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  /**
   * Monday: buy 10 KO at 60.00. Tuesday, previous close 61.00: buy 5 at 61.50, sell 3 at 62.50,
   * mark 62.00. By hand: the 10 held at the close made 10 x (62.00 - 61.00) = 10.00, today's buy 5
   * x (62.00 - 61.50) = 2.50, today's sale -3 x (62.00 - 62.50) = 1.50: 14.00. The same from
   * equity: cash moved -307.50 + 187.50 = -120.00, positions went from 10 x 61.00 = 610.00 to 12 x
   * 62.00 = 744.00: -120.00 + 134.00 = 14.00.
   */
  @Test
  void dayPnlCountsWhatWasHeldAtThePreviousCloseAndTodaysFillsFromTheirPrices() {
    Desk desk = Desk.monday().stock("KO", "60.00").open(A, "10000.00");
    trade(desk, "b1", OrderSide.BUY, "10", "60.00");
    desk.clock.set(Instant.parse("2026-01-06T15:00:00Z"));
    desk.market.setPreviousClose("KO", d("61.00"));
    desk.market.mark("KO", d("61.50"));
    trade(desk, "b2", OrderSide.BUY, "5", "61.50");
    desk.market.mark("KO", d("62.50"));
    trade(desk, "s1", OrderSide.SELL, "3", "62.50");
    desk.market.mark("KO", d("62.00"));

    Portfolio portfolio = desk.orders.portfolio(A);

    assertThat(portfolio.dayPnl()).isEqualByComparingTo("14.00");
    assertThat(portfolio.dayPnl().scale()).isEqualTo(2);
    // Cash 10000.00 - 600.00 - 307.50 + 187.50 = 9280.00, plus 12 x 62.00.
    assertThat(portfolio.equity()).isEqualByComparingTo("10024.00");
  }

  @Test
  void dayPnlIsUnknownWithoutThePreviousCloseOfAPositionHeldOvernight() {
    Desk desk = Desk.monday().stock("KO", "60.00").open(A, "10000.00");
    trade(desk, "b1", OrderSide.BUY, "10", "60.00");
    desk.clock.set(Instant.parse("2026-01-06T15:00:00Z"));

    assertThat(desk.orders.portfolio(A).dayPnl()).isNull();
  }

  @Test
  void aPositionOpenedTodayNeedsNoPreviousCloseAndRoundsHalfEven() {
    Desk desk =
        Desk.monday()
            .instrument(
                new dev.speedtrade.risk.Instrument(
                    "KO",
                    dev.speedtrade.broker.AssetClass.US_EQUITY,
                    true,
                    true,
                    false,
                    d("60.00")))
            .open(A, "10000.00");
    trade(desk, "b1", OrderSide.BUY, "0.5", "60.01");
    desk.market.mark("KO", d("60.00"));

    // 0.5 x (60.00 - 60.01) = -0.005, HALF_EVEN to cents: -0.00 (0.00).
    assertThat(desk.orders.portfolio(A).dayPnl()).isEqualByComparingTo("0.00");
    desk.market.mark("KO", d("60.04"));
    // 0.5 x 0.03 = 0.015 -> 0.02
    assertThat(desk.orders.portfolio(A).dayPnl()).isEqualByComparingTo("0.02");
  }

  private static void trade(Desk desk, String coid, OrderSide side, String qty, String price) {
    OrderResult result =
        desk.orders.submit(Desk.order(A, coid, "KO", side, qty).limitPrice(price).build());
    assertThat(result.code()).isEqualTo("OK");
    desk.venue().fill(A, coid, coid + "-x", d(qty), d(price));
  }
}
