package dev.speedtrade.kyc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import org.jspecify.annotations.Nullable;

/** The argument checks the KYC values and the mock share. */
final class KycValues {
  private KycValues() {}

  /** Returns {@code value}, or throws {@link ErrorCode#INVALID_ARGUMENT} naming {@code what}. */
  static String requireText(@Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, what + " must not be " + (value == null ? "null" : "blank"));
    }
    return value;
  }

  /** Returns {@code value}, or throws {@link ErrorCode#INVALID_ARGUMENT} naming {@code what}. */
  static <T> T requireNonNull(@Nullable T value, String what) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
    }
    return value;
  }
}
