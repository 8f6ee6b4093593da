package dev.speedtrade.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankedSymbolsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  private static SymbolWeight w(String symbol, String weight) {
    return new SymbolWeight(symbol, new BigDecimal(weight));
  }

  @Test
  void symbolsAreRankedByTheirSummedWeightLargestFirstTiesBySymbolZeroLeftOut() {
    StaticAllocationSource source =
        new StaticAllocationSource()
            .put(
                "bot",
                Allocation.of(
                    List.of(
                        w("MSFT", "0.2"),
                        w("QQQ", "0.3"),
                        w("MSFT", "0.15"),
                        w("AAPL", "0.30"),
                        w("SH", "0"))));

    assertThat(RankedSymbols.of(source, "bot", DAY)).containsExactly("MSFT", "AAPL", "QQQ");
  }

  @Test
  void aFailedOrThrowingBotOrOneHoldingNothingRanksNothing() {
    StaticAllocationSource source =
        new StaticAllocationSource()
            .put("down", Allocation.failed("signal service down"))
            .put("cash", Allocation.of(List.of()));
    AllocationSource throwing =
        (bot, day) -> {
          throw new IllegalStateException("timeout");
        };

    assertThat(RankedSymbols.of(source, "down", DAY)).isEmpty();
    assertThat(RankedSymbols.of(source, "cash", DAY)).isEmpty();
    assertThat(RankedSymbols.of(source, "unknown", DAY)).isEmpty();
    assertThat(RankedSymbols.of(throwing, "bot", DAY)).isEmpty();
    assertThatThrownBy(() -> RankedSymbols.of(source, " ", DAY))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
