package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.OrderSide;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/** The average-cost rules on a worked example, every number computed by hand in the comments. */
class PositionMathTest {

  private static ClientPosition fill(ClientPosition p, OrderSide side, String qty, String price) {
    BigDecimal q = new BigDecimal(qty);
    BigDecimal px = new BigDecimal(price);
    return PositionMath.apply(p, side, q, px, q.multiply(px).setScale(2, RoundingMode.HALF_EVEN));
  }

  private static void is(ClientPosition p, String qty, String cost, String realized) {
    assertThat(p.qty()).as("qty").isEqualByComparingTo(qty);
    assertThat(p.costBasis()).as("cost basis").isEqualByComparingTo(cost);
    assertThat(p.realizedPnl()).as("realized").isEqualByComparingTo(realized);
  }

  @Test
  void opensAddsReducesClosesAndFlipsBothWays() {
    ClientPosition p = ClientPosition.flat("alice", "AAPL");
    assertThat(p.avgEntryPrice()).isNull();

    // Open: buy 10 at 100.00, A = 1000.00.
    p = fill(p, OrderSide.BUY, "10", "100.00");
    is(p, "10", "1000.00", "0.00");

    // Add: buy 5 at 106.333, A = 531.665 -> 531.66 (HALF_EVEN); C = 1531.66.
    p = fill(p, OrderSide.BUY, "5", "106.333");
    is(p, "15", "1531.66", "0.00");
    // 1531.66 / 15 = 102.110666... -> 102.110667
    assertThat(p.avgEntryPrice()).isEqualByComparingTo("102.110667");

    // Partial reduce: sell 4 at 110.00, A = 440.00; removed = 1531.66 x 4 / 15 = 408.442666...
    // -> 408.44; C = 1123.22; realized = 440.00 - 408.44 = 31.56.
    p = fill(p, OrderSide.SELL, "4", "110.00");
    is(p, "11", "1123.22", "31.56");

    // Full close: sell 11 at 99.50, A = 1094.50; removed = C = 1123.22; realized += -28.72.
    p = fill(p, OrderSide.SELL, "11", "99.50");
    is(p, "0", "0.00", "2.84");
    assertThat(p.avgEntryPrice()).isNull();

    // Open long again: buy 3 at 50.00.
    p = fill(p, OrderSide.BUY, "3", "50.00");
    is(p, "3", "150.00", "2.84");

    // Flip long -> short: sell 5 at 52.125, A = 260.625 -> 260.62. Reduce 3 at 3 x 52.125 =
    // 156.375 -> 156.38: removed 150.00, realized += 6.38 -> 9.22. Open short 2 at 260.62 -
    // 156.38 = 104.24: C = -104.24.
    p = fill(p, OrderSide.SELL, "5", "52.125");
    is(p, "-2", "-104.24", "9.22");
    assertThat(p.avgEntryPrice()).isEqualByComparingTo("52.120000");

    // Flip short -> long: buy 6 at 51.00, A = 306.00. Reduce 2 at 102.00: removed = -104.24,
    // realized += 104.24 - 102.00 = 2.24 -> 11.46. Open long 4 at 306.00 - 102.00 = 204.00.
    p = fill(p, OrderSide.BUY, "6", "51.00");
    is(p, "4", "204.00", "11.46");

    // Mark 52.3456: market value 4 x 52.3456 = 209.3824 -> 209.38; unrealized 5.38.
    assertThat(p.marketValue(new BigDecimal("52.3456"))).isEqualByComparingTo("209.38");
    assertThat(p.unrealizedPnl(new BigDecimal("52.3456"))).isEqualByComparingTo("5.38");
  }

  @Test
  void aShortAddsAndPartlyCoversAtAverageCost() {
    ClientPosition p = ClientPosition.flat("bob", "TSLA");
    // Open short: sell 2 at 40.00 (C = -80.00), add: sell 1 at 20.00 (C = -100.00).
    p = fill(p, OrderSide.SELL, "2", "40.00");
    p = fill(p, OrderSide.SELL, "1", "20.00");
    is(p, "-3", "-100.00", "0.00");
    // -100.00 / -3 = 33.333333...
    assertThat(p.avgEntryPrice()).isEqualByComparingTo("33.333333");
    // Cover 1 at 30.00: removed = -100.00 x 1 / 3 = -33.333... -> -33.33; C = -66.67;
    // realized = 33.33 - 30.00 = 3.33.
    p = fill(p, OrderSide.BUY, "1", "30.00");
    is(p, "-2", "-66.67", "3.33");
    // Market value at 35: -70.00; unrealized = -70.00 - (-66.67) = -3.33.
    assertThat(p.unrealizedPnl(new BigDecimal("35"))).isEqualByComparingTo("-3.33");
  }

  @Test
  void halfACentRoundsToEvenInTheRemovedCost() {
    ClientPosition p =
        new ClientPosition(
            "a", "X", new BigDecimal("8"), new BigDecimal("0.20"), new BigDecimal("0.00"));
    // removed = 0.20 x 1 / 8 = 0.025 -> 0.02 (HALF_EVEN); realized = 1.00 - 0.02 = 0.98.
    p = fill(p, OrderSide.SELL, "1", "1.00");
    is(p, "7", "0.18", "0.98");
  }
}
