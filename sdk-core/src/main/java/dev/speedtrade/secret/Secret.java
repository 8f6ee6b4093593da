package dev.speedtrade.secret;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * A credential: an API key, a bearer token, a webhook signing secret. Every credential the SDK
 * takes is one of these, so that none reaches a log line, an exception message or a {@code
 * toString()} by accident: {@link #toString()} is {@code Secret[redacted]}, and the value comes out
 * only through {@link #reveal()}, which an adapter calls where it sends the secret (a request
 * header, a signature) and nowhere else.
 *
 * <p>Immutable and thread-safe. Two secrets are equal when their values are, compared in time that
 * does not depend on where they differ; {@link #hashCode()} reveals nothing of the value.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps {@code value}, which must be one non-blank line; surrounding whitespace is removed.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank value or one
   *     holding a line break; the message never contains the value
   */
  public static Secret of(@Nullable String value) {
    if (value == null || value.isBlank() || value.contains("\n") || value.contains("\r")) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "a secret must be one non-blank line, got "
              + (value == null ? "null" : value.isBlank() ? "a blank" : "a line break"));
    }
    return new Secret(value.strip());
  }

  /** Returns the secret itself: call it only where the secret is sent, never to print or log it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Secret that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return Secret.class.hashCode();
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
