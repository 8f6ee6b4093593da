package dev.speedtrade.risk;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;

/**
 * At most {@code orders} submits answered {@code OK} in any {@code seconds} seconds: a submit is
 * refused ({@link RiskCode#RATE_LIMITED}) when {@code orders} submits were sent at instants after
 * now minus {@code seconds} (one sent exactly {@code seconds} ago no longer counts).
 *
 * @param orders how many submits the window holds, >= 1
 * @param seconds the window's length, >= 1
 */
public record RateLimit(int orders, int seconds) {
  /**
   * Checks the fields.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when either is below 1
   */
  public RateLimit {
    if (orders < 1 || seconds < 1) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "rate limit needs orders >= 1 and seconds >= 1, got " + orders + "/" + seconds + "s");
    }
  }
}
