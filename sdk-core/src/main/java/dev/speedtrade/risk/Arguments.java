package dev.speedtrade.risk;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** Checks of the arguments the public types of this package take; misuse throws. */
final class Arguments {
  private Arguments() {}

  /** Returns {@code value}, or throws {@link ErrorCode#INVALID_ARGUMENT} naming it when null. */
  static <T> T notNull(@Nullable T value, String what) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
    }
    return value;
  }

  /** Returns {@code value} when it is neither null nor blank; else throws naming it. */
  static String notBlank(@Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, what + " must not be null or blank, got '" + value + "'");
    }
    return value;
  }

  /** Returns {@code value} when it is null or positive; else throws naming it. */
  static @Nullable BigDecimal positiveOrNull(@Nullable BigDecimal value, String what) {
    if (value != null && value.signum() <= 0) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, what + " must be > 0, got " + value.toPlainString());
    }
    return value;
  }
}
