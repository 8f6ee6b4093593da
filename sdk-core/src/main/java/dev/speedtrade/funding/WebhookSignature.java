package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulated provider's webhook signature: header {@value #HEADER} holding {@code t=<epoch
 * seconds>,v1=<hex>}, where the hex is the HMAC-SHA256, keyed with the secret's UTF-8 bytes, of the
 * ASCII timestamp, a {@code .} and the raw body. A header may carry several {@code v1} (one per
 * secret while a secret is rotated); one that matches is enough. Other keys are ignored.
 *
 * <p>Immutable and thread-safe.
 */
final class WebhookSignature {
  static final String HEADER = "X-Speedtrade-Signature";
  static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,18}");
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private final Secret secret;
  private final Clock clock;
  private final Duration tolerance;

  WebhookSignature(Secret secret, Clock clock, Duration tolerance) {
    this.secret = secret;
    this.clock = clock;
    this.tolerance = tolerance;
  }

  Duration tolerance() {
    return tolerance;
  }

  /** Returns the header value signing {@code body} at {@code epochSecond}. */
  String sign(long epochSecond, byte[] body) {
    return "t=" + epochSecond + ",v1=" + HexFormat.of().formatHex(mac(epochSecond, body));
  }

  /**
   * Returns normally when {@code headers} carry a signature of {@code body}, made with the secret
   * within the tolerance of the clock's now.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SIGNATURE} otherwise
   */
  void verify(byte[] body, Map<String, List<String>> headers) {
    String value = header(headers);
    long timestamp = -1;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      int equals = part.indexOf('=');
      if (equals <= 0) {
        throw refused(HEADER + " header has a part that is not key=value: '" + part.strip() + "'");
      }
      String key = part.substring(0, equals).strip();
      String text = part.substring(equals + 1).strip();
      if (key.equals("t")) {
        if (timestamp >= 0 || !TIMESTAMP.matcher(text).matches()) {
          throw refused(HEADER + " header needs one t of epoch seconds, got t=" + text);
        }
        timestamp = Long.parseLong(text);
      } else if (key.equals("v1")) {
        if (!HEX_SHA256.matcher(text).matches()) {
          throw refused(HEADER + " header has a v1 that is not 64 hex digits: " + text);
        }
        signatures.add(HexFormat.of().parseHex(text));
      }
    }
    if (timestamp < 0) {
      throw refused(HEADER + " header has no t");
    }
    if (signatures.isEmpty()) {
      throw refused(HEADER + " header has no v1");
    }
    byte[] expected = mac(timestamp, body);
    boolean matches = false;
    for (byte[] signature : signatures) {
      matches |= MessageDigest.isEqual(expected, signature);
    }
    if (!matches) {
      throw refused("no v1 of the " + HEADER + " header matches the body signed at t=" + timestamp);
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - timestamp) > tolerance.getSeconds()) {
      throw refused(
          "webhook signed at "
              + Instant.ofEpochSecond(timestamp)
              + " is outside the tolerance of "
              + tolerance
              + " around now, "
              + Instant.ofEpochSecond(now));
    }
  }

  /** The one value of the signature header, its name matched ignoring case. */
  private static String header(Map<String, List<String>> headers) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      String name = header.getKey();
      if (name != null && name.equalsIgnoreCase(HEADER) && header.getValue() != null) {
        values.addAll(header.getValue());
      }
    }
    if (values.isEmpty()) {
      throw refused("webhook has no " + HEADER + " header");
    }
    if (values.size() > 1) {
      throw refused("webhook has " + values.size() + " " + HEADER + " headers, expected one");
    }
    String value = values.get(0);
    if (value == null || value.isBlank()) {
      throw refused("webhook has a blank " + HEADER + " header");
    }
    return value;
  }

  private byte[] mac(long epochSecond, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update(Long.toString(epochSecond).getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has " + ALGORITHM, e);
    }
  }

  private static SpeedTradeException refused(String message) {
    return new SpeedTradeException(ErrorCode.INVALID_SIGNATURE, message);
  }
}
