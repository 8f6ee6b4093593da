package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * What is executed at most once: one user's rebalance in one mode on one market date.
 *
 * @param userId the host's user id
 * @param mode paper or live
 * @param marketDate the trading day, in New York
 */
public record ExecutionKey(String userId, TradingMode mode, LocalDate marketDate) {
  /**
   * Checks the key.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null field, or a user id
   *     that breaks the rules of {@link RebalanceArguments#userId} (blank, longer than 128
   *     characters, ...)
   */
  public ExecutionKey {
    if (userId == null || userId.isBlank() || mode == null || marketDate == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "an execution key needs a user id, a mode and a market date, got "
              + userId
              + ", "
              + mode
              + ", "
              + marketDate);
    }
    RebalanceArguments.userId(userId);
  }

  /**
   * Returns the execution's id: {@code rb} and 16 hex digits of a SHA-256 of the key. The same key
   * always gives the same id, on every host, so a resumed run places orders under the ids the
   * crashed one used.
   */
  public String executionId() {
    return "rb" + digest(userId + "\u0000" + mode + "\u0000" + marketDate);
  }

  /** Returns 16 hex digits of the SHA-256 of {@code text}. */
  static String digest(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
