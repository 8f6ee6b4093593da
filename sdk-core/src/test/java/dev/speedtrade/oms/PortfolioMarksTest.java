package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortfolioMarksTest {
  private static final String A = "alice";

  @Test
  void portfolioCarriesTheMarkEachPositionWasValuedAt() {
    Desk desk = Desk.monday().stock("KO", "60.00").open(A, "10000.00");
    OrderResult result =
        desk.orders.submit(
            Desk.order(A, "b1", "KO", OrderSide.BUY, "3").limitPrice("60.00").build());
    assertThat(result.code()).isEqualTo("OK");
    desk.venue().fill(A, "b1", "b1-x", new BigDecimal("3"), new BigDecimal("60.00"));
    desk.market.mark("KO", new BigDecimal("61.335"));

    Portfolio portfolio = desk.orders.portfolio(A);

    assertThat(portfolio.mark("KO")).contains(new BigDecimal("61.335"));
    assertThat(portfolio.mark("SPY")).isEmpty();
    ClientPosition ko = portfolio.positions().get(0);
    // 3 x 61.335 = 184.005, HALF_EVEN to cents: 184.00
    assertThat(ko.marketValue(portfolio.mark("KO").orElseThrow())).isEqualTo("184.00");
    assertThat(portfolio.marketValue()).isEqualTo(ko.marketValue(new BigDecimal("61.335")));
    assertThat(portfolio.unrealizedPnl()).isEqualByComparingTo("4.00");
  }

  @Test
  void portfolioCopiesItsMarksAndRefusesNone() {
    Map<String, BigDecimal> marks = new HashMap<>(Map.of("KO", new BigDecimal("60.00")));
    BigDecimal zero = new BigDecimal("0.00");
    Portfolio portfolio =
        new Portfolio(A, zero, zero, zero, zero, zero, zero, null, List.of(), marks);
    marks.put("SPY", BigDecimal.ONE);

    assertThat(portfolio.marks()).containsOnlyKeys("KO");
    assertThatThrownBy(
            () -> new Portfolio(A, zero, zero, zero, zero, zero, zero, null, List.of(), null))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
