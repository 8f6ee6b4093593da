package dev.speedtrade.risk;

import static dev.speedtrade.risk.Ctx.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The reserve's rounding, the trading window's form, and the kill switch's history. */
class RiskValuesTest {

  @Test
  void aReserveRoundsUpToTheCent() {
    assertThat(Reserve.reserve(d("3"), d("0.333"))).isEqualByComparingTo("1.00");
    assertThat(Reserve.reserve(d("1"), d("0.001"))).isEqualByComparingTo("0.01");
    assertThat(Reserve.reserve(d("0.01"), d("60000"))).isEqualByComparingTo("600.00");
    assertThat(Reserve.reserve(d("2"), d("100.005"))).isEqualByComparingTo("200.01");
    assertThat(Reserve.reserve(d("0"), d("5"))).isEqualByComparingTo("0.00");
  }

  @Test
  void theBasisIsTheLimitOrTheCollaredMarkOrTheCollaredLargerOfStopAndMark() {
    assertThat(Reserve.basis(OrderType.LIMIT, d("190.00"), null, d("500")))
        .isEqualByComparingTo("190.00");
    assertThat(Reserve.basis(OrderType.STOP_LIMIT, d("190.00"), d("185"), d("500")))
        .isEqualByComparingTo("190.00");
    assertThat(Reserve.basis(OrderType.MARKET, null, null, d("62.00")))
        .isEqualByComparingTo("65.10");
    assertThat(Reserve.basis(OrderType.STOP, null, d("70"), d("62.00")))
        .isEqualByComparingTo("73.50");
    assertThat(Reserve.basis(OrderType.STOP, null, d("60"), d("62.00")))
        .isEqualByComparingTo("65.10");
    // 20 x 62.00 x 1.05 = 1302.00 exactly; 3 x 0.333 x 1.05 = 1.04895, up to 1.05
    assertThat(Reserve.reserve(d("3"), Reserve.basis(OrderType.MARKET, null, null, d("0.333"))))
        .isEqualByComparingTo("1.05");
  }

  @Test
  void aTradingWindowParsesHoursAndMinutesAndRefusesEqualEnds() {
    assertThat(TradingWindow.parse("09:30-16:00"))
        .isEqualTo(new TradingWindow(LocalTime.of(9, 30), LocalTime.of(16, 0)));
    for (String bad : new String[] {"9:30-16:00", "09:30-24:00", "09:30-09:30", "09:30", ""}) {
      assertThatThrownBy(() -> TradingWindow.parse(bad))
          .isInstanceOf(SpeedTradeException.class)
          .extracting(e -> ((SpeedTradeException) e).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }

  @Test
  void theEffectiveStateIsTheStricterOfThePlatformsAndTheAccounts() {
    assertThat(TradingState.ACTIVE.stricter(TradingState.REDUCING))
        .isEqualTo(TradingState.REDUCING);
    assertThat(TradingState.HALTED.stricter(TradingState.REDUCING)).isEqualTo(TradingState.HALTED);
    RiskControls controls = RiskControls.inMemory(new MutableClock(Instant.EPOCH));
    controls.setTradingState("alice", TradingState.REDUCING, "ops", "margin call");
    assertThat(controls.effectiveState("alice")).isEqualTo(TradingState.REDUCING);
    assertThat(controls.effectiveState("bob")).isEqualTo(TradingState.ACTIVE);
    controls.setTradingState(TradingState.HALTED, "ops", "incident");
    assertThat(controls.effectiveState("bob")).isEqualTo(TradingState.HALTED);
  }

  @Test
  void theKillSwitchRecordsEachChangeWithOperatorReasonAndInstant() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-05T15:00:00Z"));
    RiskControls controls = RiskControls.inMemory(clock);
    controls.setTradingState(TradingState.HALTED, "jane", "venue outage");
    clock.advance(Duration.ofMinutes(5));
    controls.setTradingState("alice", TradingState.REDUCING, "joe", "suspicious activity");
    clock.advance(Duration.ofMinutes(5));
    controls.setTradingState(TradingState.ACTIVE, "jane", "venue back");

    assertThat(controls.history())
        .containsExactly(
            new TradingStateChange(
                null,
                TradingState.HALTED,
                "jane",
                "venue outage",
                Instant.parse("2026-01-05T15:00:00Z")),
            new TradingStateChange(
                "alice",
                TradingState.REDUCING,
                "joe",
                "suspicious activity",
                Instant.parse("2026-01-05T15:05:00Z")),
            new TradingStateChange(
                null,
                TradingState.ACTIVE,
                "jane",
                "venue back",
                Instant.parse("2026-01-05T15:10:00Z")));
    assertThat(controls.platformState()).isEqualTo(TradingState.ACTIVE);
    assertThat(controls.effectiveState("alice")).isEqualTo(TradingState.REDUCING);
    assertThatThrownBy(() -> controls.setTradingState(TradingState.HALTED, " ", "why"))
        .isInstanceOf(SpeedTradeException.class);
    assertThat(controls.history()).hasSize(3);
  }
}
