package dev.speedtrade.funding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A webhook as a payment provider sends it: the raw body and the HTTP headers, signature included.
 * What {@link SimulatedPaymentGateway}'s commands return, for a test or a demo to hand to {@link
 * PaymentGateway#parseWebhook} as a host's HTTP endpoint would.
 *
 * <p>Immutable: the body is copied in and out, the headers are copied in (their order kept).
 *
 * @param body the raw body, byte for byte as signed
 * @param headers the headers, each name with its values
 */
public record SignedWebhook(byte[] body, Map<String, List<String>> headers) {

  /**
   * Copies the body and the headers.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null body, null headers, or a null
   *     header name, value list or value
   */
  public SignedWebhook {
    body = PaymentArguments.present(body, "body").clone();
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header :
        PaymentArguments.present(headers, "headers").entrySet()) {
      String name = PaymentArguments.present(header.getKey(), "a header name");
      List<String> values = PaymentArguments.present(header.getValue(), "the values of " + name);
      for (String value : values) {
        PaymentArguments.present(value, "a value of " + name);
      }
      copy.put(name, List.copyOf(values));
    }
    headers = Collections.unmodifiableMap(copy);
  }

  /** Returns a copy of the raw body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Returns the body decoded as UTF-8, for reading in a test or a log of the simulation. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Equal when the bodies are the same bytes and the headers are equal. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SignedWebhook that
        && Arrays.equals(body, that.body)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(body) + headers.hashCode();
  }

  /** Returns the body as text and the headers; a webhook holds no secret. */
  @Override
  public String toString() {
    return "SignedWebhook[body=" + bodyText() + ", headers=" + headers + "]";
  }
}
