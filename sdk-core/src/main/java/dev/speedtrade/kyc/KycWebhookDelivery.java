package dev.speedtrade.kyc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A webhook as it arrives over HTTP: the raw body and the headers, exactly what {@link
 * KycProvider#verifyWebhook} takes. {@link MockKycProvider}'s commands return one, signed, so that
 * a test feeds the platform what a real provider would send.
 *
 * <p>Immutable: the body is copied in and out, the headers are an unmodifiable copy (names as
 * given, in order). Two deliveries are equal when their bytes and headers are.
 */
public final class KycWebhookDelivery {
  private final byte[] body;
  private final Map<String, List<String>> headers;

  /**
   * Copies a body and its headers.
   *
   * @param body the raw body
   * @param headers the headers, each name with its values
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null body or headers, or a null
   *     header name, value list or value
   */
  public KycWebhookDelivery(byte[] body, Map<String, List<String>> headers) {
    this.body = KycValues.requireNonNull(body, "body").clone();
    Map<String, List<String>> copy = new LinkedHashMap<>();
    KycValues.requireNonNull(headers, "headers")
        .forEach(
            (@Nullable String name, @Nullable List<String> values) -> {
              KycValues.requireNonNull(name, "a header name");
              List<String> list = new ArrayList<>();
              for (String value : KycValues.requireNonNull(values, "the values of " + name)) {
                list.add(KycValues.requireNonNull(value, "a value of " + name));
              }
              copy.put(name, List.copyOf(list));
            });
    this.headers = Collections.unmodifiableMap(copy);
  }

  /** Returns a copy of the raw body. */
  public byte[] body() {
    return body.clone();
  }

  /** Returns the headers, unmodifiable. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Returns the first value of the header {@code name}, matched ignoring case, or null. */
  public @Nullable String header(String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
        return entry.getValue().get(0);
      }
    }
    return null;
  }

  /** Returns the body read as UTF-8, for tests and logs of webhooks that carry no secret. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof KycWebhookDelivery that
        && Arrays.equals(body, that.body)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(body) + headers.hashCode();
  }

  /** Returns the header names and the body's length; neither the body nor the header values. */
  @Override
  public String toString() {
    return "KycWebhookDelivery[" + body.length + " bytes, headers=" + headers.keySet() + "]";
  }
}
