package dev.speedtrade.alpaca;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.util.Map;
import java.util.Objects;

/**
 * An Alpaca API key id and secret key. They come from the host (the CLI reads {@code
 * APCA_API_KEY_ID} and {@code APCA_API_SECRET_KEY}); {@link #toString()} never shows them, and the
 * adapter writes them only into the request headers, never into a log line, an exception message or
 * an audit record.
 */
public final class AlpacaCredentials {
  /** The environment variable Alpaca's own clients read the key id from. */
  public static final String KEY_ID_VARIABLE = "APCA_API_KEY_ID";

  /** The environment variable Alpaca's own clients read the secret key from. */
  public static final String SECRET_KEY_VARIABLE = "APCA_API_SECRET_KEY";

  private final Secret keyId;
  private final Secret secretKey;

  private AlpacaCredentials(Secret keyId, Secret secretKey) {
    this.keyId = keyId;
    this.secretKey = secretKey;
  }

  /**
   * Wraps a key id and a secret key.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when either is blank or holds a
   *     line break (the message names which, never its value)
   */
  public static AlpacaCredentials of(String keyId, String secretKey) {
    return new AlpacaCredentials(check(keyId, "key id"), check(secretKey, "secret key"));
  }

  /** Wraps a key id and a secret key already held as {@link Secret}s (from a vault, say). */
  public static AlpacaCredentials of(Secret keyId, Secret secretKey) {
    return new AlpacaCredentials(
        Objects.requireNonNull(keyId, "keyId"), Objects.requireNonNull(secretKey, "secretKey"));
  }

  /**
   * Reads the key id and secret key from {@value #KEY_ID_VARIABLE} and {@value
   * #SECRET_KEY_VARIABLE} in {@code environment} (pass {@code System.getenv()}), the variables
   * Alpaca's own clients read.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} naming the variables when either
   *     is unset or blank
   */
  public static AlpacaCredentials fromEnvironment(Map<String, String> environment) {
    String keyId = environment.get(KEY_ID_VARIABLE);
    String secretKey = environment.get(SECRET_KEY_VARIABLE);
    if (keyId == null || keyId.isBlank() || secretKey == null || secretKey.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "set "
              + KEY_ID_VARIABLE
              + " and "
              + SECRET_KEY_VARIABLE
              + " to your Alpaca API key id and secret key");
    }
    return of(keyId, secretKey);
  }

  private static Secret check(String value, String what) {
    try {
      return Secret.of(value);
    } catch (SpeedTradeException e) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "the Alpaca " + what + " must be one non-blank line");
    }
  }

  /** Returns the key id, for the {@code APCA-API-KEY-ID} header only. */
  String keyId() {
    return keyId.reveal();
  }

  /** Returns the secret key, for the {@code APCA-API-SECRET-KEY} header only. */
  String secretKey() {
    return secretKey.reveal();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AlpacaCredentials that
        && keyId.equals(that.keyId)
        && secretKey.equals(that.secretKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, secretKey);
  }

  @Override
  public String toString() {
    return "AlpacaCredentials[redacted]";
  }
}
