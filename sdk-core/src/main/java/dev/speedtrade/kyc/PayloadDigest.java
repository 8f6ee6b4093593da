package dev.speedtrade.kyc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The webhook signature {@link MockKycProvider} uses, which is Sumsub's: the hex HMAC of the raw
 * body under the webhook secret in {@value #DIGEST_HEADER}, the algorithm named in {@value
 * #ALGORITHM_HEADER} ({@code HMAC_SHA1_HEX}, {@code HMAC_SHA256_HEX} or {@code HMAC_SHA512_HEX}).
 * The digest covers no timestamp, so it cannot tell a replay from a first delivery.
 */
final class PayloadDigest {
  static final String DIGEST_HEADER = "X-Payload-Digest";
  static final String ALGORITHM_HEADER = "X-Payload-Digest-Alg";

  /** The longest algorithm name quoted back in a message; the header is the sender's text. */
  private static final int MAX_QUOTED = 40;

  private PayloadDigest() {}

  /** Returns the JCA name of a digest algorithm, or null when it is not one of the three. */
  static @Nullable String javaName(String algorithm) {
    return switch (algorithm) {
      case "HMAC_SHA1_HEX" -> "HmacSHA1";
      case "HMAC_SHA256_HEX" -> "HmacSHA256";
      case "HMAC_SHA512_HEX" -> "HmacSHA512";
      default -> null;
    };
  }

  /** Returns the lower-case hex HMAC of {@code body} under {@code secret}. */
  static String sign(String algorithm, Secret secret, byte[] body) {
    String javaName = javaName(algorithm);
    if (javaName == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "unknown digest algorithm " + quote(algorithm));
    }
    return HexFormat.of().formatHex(hmac(javaName, secret, body));
  }

  /**
   * Checks the digest headers of a webhook against its body.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SIGNATURE} when either header is missing
   *     or given twice, the algorithm is unknown, or the digest does not match
   */
  static void verify(byte[] body, Map<String, List<String>> headers, Secret secret) {
    String digest = single(headers, DIGEST_HEADER);
    String algorithm = single(headers, ALGORITHM_HEADER);
    String javaName = javaName(algorithm.strip());
    if (javaName == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SIGNATURE,
          "webhook names an unknown digest algorithm " + quote(algorithm, secret));
    }
    byte[] expected =
        HexFormat.of().formatHex(hmac(javaName, secret, body)).getBytes(StandardCharsets.US_ASCII);
    byte[] given = digest.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SIGNATURE, "webhook digest does not match its body");
    }
  }

  /** Returns the one value of header {@code name} (any case), or refuses the webhook. */
  static String single(Map<String, List<String>> headers, String name) {
    List<String> values = new ArrayList<>();
    headers.forEach(
        (@Nullable String key, @Nullable List<String> list) -> {
          if (key != null && key.equalsIgnoreCase(name) && list != null) {
            for (String value : list) {
              if (value != null) {
                values.add(value);
              }
            }
          }
        });
    if (values.isEmpty() || values.get(0).isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SIGNATURE, "webhook has no " + name + " header");
    }
    if (values.size() > 1) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SIGNATURE, "webhook has " + values.size() + " " + name + " headers");
    }
    return values.get(0);
  }

  private static byte[] hmac(String javaName, Secret secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(javaName);
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), javaName));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // Every JDK ships these three; a failure here is a broken runtime, not bad input.
      throw new IllegalStateException(javaName + " is not available", e);
    }
  }

  private static String quote(String text) {
    String shown = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
    return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
  }

  /** Quotes a header's text, with the secret blanked out should the sender have put it there. */
  private static String quote(String text, Secret secret) {
    return quote(text.replace(secret.reveal(), "[redacted]"));
  }
}
