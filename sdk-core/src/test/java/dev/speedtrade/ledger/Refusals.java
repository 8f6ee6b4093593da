package dev.speedtrade.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;

/** Asserts that making a value is refused with a given code and message. */
final class Refusals {
  private Refusals() {}

  static void assertRefused(ErrorCode code, Runnable make, String message) {
    assertThatThrownBy(make::run)
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }
}
