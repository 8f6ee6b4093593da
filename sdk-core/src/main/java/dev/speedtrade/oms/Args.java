package dev.speedtrade.oms;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks of what callers pass to the public types of this package; misuse throws. */
final class Args {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private Args() {}

  static <T> T notNull(@Nullable T value, String what) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
    }
    return value;
  }

  /** The longest id accepted (client order ids, execution ids, symbols): Alpaca's limit. */
  static final int MAX_ID_LENGTH = 128;

  /** Returns {@code value} when it is neither null nor blank, and at most 128 characters. */
  static String id(@Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, what + " must not be null or blank, got '" + value + "'");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          what
              + " must be at most "
              + MAX_ID_LENGTH
              + " characters, got "
              + value.length()
              + " ('"
              + value.substring(0, 32)
              + "...')");
    }
    return value;
  }

  /**
   * Returns {@code value} when it is 1 to 64 characters of {@code [A-Za-z0-9._-]}: what an account
   * id must be to name ledger accounts ({@code user:<id>:cash}).
   */
  static String accountId(@Nullable String value) {
    if (value == null || !ACCOUNT_ID.matcher(value).matches()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "account id must be 1-64 characters of [A-Za-z0-9._-], got '" + value + "'");
    }
    return value;
  }
}
