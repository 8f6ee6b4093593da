package dev.speedtrade.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.oms.ClientPosition;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A position's P&amp;L fields: the SDK's rounding, and nulls without a mark. */
class JsonViewsPositionTest {
  private final ClientPosition position =
      new ClientPosition(
          "alice", "KO", new BigDecimal("3"), new BigDecimal("180.00"), new BigDecimal("1.25"));

  @Test
  void roundsTheMarketValueHalfEvenToCents() {
    // 3 x 61.335 = 184.005: HALF_EVEN gives 184.00 (HALF_UP would give 184.01)
    Map<String, Object> body = JsonViews.position(position, new BigDecimal("61.335"));

    assertThat(body)
        .containsEntry("mark", "61.335")
        .containsEntry("marketValue", "184.00")
        .containsEntry("unrealizedPnl", "4.00")
        .containsEntry("realizedPnl", "1.25")
        .containsEntry("avgPx", "60.000000");
    assertThat(JsonViews.position(position, new BigDecimal("61.345")))
        .containsEntry("marketValue", "184.04");
  }

  @Test
  void writesNullsWithoutAMark() {
    Map<String, Object> body = JsonViews.position(position, null);

    assertThat(body)
        .containsEntry("mark", null)
        .containsEntry("marketValue", null)
        .containsEntry("unrealizedPnl", null)
        .containsEntry("netQty", "3")
        .containsEntry("costBasis", "180.00");
  }
}
