package dev.speedtrade.error;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the SDK throws. Unchecked.
 *
 * <p>Each instance carries a stable {@link ErrorCode} for programs and a message for people that
 * names the offending value. Exceptions raised by an adapter also keep the provider's own error
 * code (for example Alpaca's {@code 40310000}) as {@link #providerCode()}. Messages never contain
 * secrets.
 */
public class SpeedTradeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final @Nullable String providerCode;

  /**
   * Creates an exception with a code and a message.
   *
   * @param code the machine-readable reason
   * @param message what went wrong, naming the offending value
   */
  public SpeedTradeException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  /**
   * Creates an exception with a code, a message and the exception that caused it.
   *
   * @param code the machine-readable reason
   * @param message what went wrong, naming the offending value
   * @param cause the underlying failure, or null
   */
  public SpeedTradeException(ErrorCode code, String message, @Nullable Throwable cause) {
    this(code, message, null, cause);
  }

  /**
   * Creates an exception raised by an adapter that keeps the provider's own error code.
   *
   * @param code the machine-readable reason
   * @param message what went wrong, naming the offending value
   * @param providerCode the provider's error code as it sent it, or null
   * @param cause the underlying failure, or null
   */
  public SpeedTradeException(
      ErrorCode code, String message, @Nullable String providerCode, @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.providerCode = providerCode;
  }

  /** Returns the machine-readable reason. */
  public ErrorCode code() {
    return code;
  }

  /** Returns the provider's own error code, when an adapter raised this exception. */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  @Override
  public String toString() {
    String base = getClass().getName() + ": [" + code + "] " + getMessage();
    return providerCode == null ? base : base + " (provider code " + providerCode + ")";
  }
}
