package dev.speedtrade.signals;

import java.util.Objects;

/**
 * A bearer token for a signal service. Its {@link #toString()} is redacted, so that it never reaches
 * a log line or an exception message by accident; {@link #reveal()} is called only to build the
 * {@code Authorization} header.
 */
public final class BearerToken {
  private final String value;

  private BearerToken(String value) {
    this.value = value;
  }

  /**
   * Wraps {@code value}.
   *
   * @throws IllegalArgumentException when it is blank or holds a line break
   */
  public static BearerToken of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || value.contains("\n") || value.contains("\r")) {
      throw new IllegalArgumentException("a bearer token must be one non-blank line");
    }
    return new BearerToken(value);
  }

  /** Returns the token itself, for the request header only. */
  String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "BearerToken[redacted]";
  }
}
