package dev.speedtrade.sumsub;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycEventType;
import dev.speedtrade.kyc.KycReview;
import dev.speedtrade.kyc.KycWebhookEvent;
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
 * Sumsub's webhooks, verified and read.
 *
 * <p><b>Verification</b>, on the raw body before anything is read: {@value #DIGEST_HEADER} must be
 * the hex HMAC of the body under the webhook secret key, with the algorithm {@value
 * #ALGORITHM_HEADER} names: {@code HMAC_SHA1_HEX}, {@code HMAC_SHA256_HEX} or {@code
 * HMAC_SHA512_HEX}. Each header must be there exactly once (names in any case); anything else is
 * {@link ErrorCode#INVALID_SIGNATURE}, and the comparison takes the same time wherever the digests
 * differ. The digest covers no timestamp, so a replay verifies: applying each event once is the
 * platform's job.
 *
 * <p><b>Reading</b>: {@code applicantId} and {@code type} are required; {@code externalUserId} is
 * the user; {@code reviewStatus} and {@code reviewResult} make the review ({@link SumsubReviews});
 * the event key is {@code sumsub:<type>:<applicantId>:<correlationId>} (Sumsub's correlation id
 * identifies the event and a redelivery carries the same body), or, for a body without a
 * correlation id, {@code sumsub:<type>:<applicantId>:sha256-<hex of the body's SHA-256>}.
 */
final class SumsubWebhooks {
  static final String DIGEST_HEADER = "X-Payload-Digest";
  static final String ALGORITHM_HEADER = "X-Payload-Digest-Alg";

  /** The longest header text quoted back in a message; headers are the sender's text. */
  private static final int MAX_QUOTED = 40;

  private SumsubWebhooks() {}

  /** Returns the JCA name of one of Sumsub's digest algorithms, or null for any other name. */
  static @Nullable String javaName(String algorithm) {
    return switch (algorithm) {
      case "HMAC_SHA1_HEX" -> "HmacSHA1";
      case "HMAC_SHA256_HEX" -> "HmacSHA256";
      case "HMAC_SHA512_HEX" -> "HmacSHA512";
      default -> null;
    };
  }

  /** Verifies a webhook, then reads it (see the class description). */
  static KycWebhookEvent read(
      byte @Nullable [] body, @Nullable Map<String, List<String>> headers, Secret secretKey) {
    if (body == null || headers == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "a webhook needs its " + (body == null ? "body" : "headers") + ", got null");
    }
    verify(body, headers, secretKey);
    Map<?, ?> json = SumsubJson.object(body);
    if (json == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "a signed Sumsub webhook whose body is not a JSON object");
    }
    String type = SumsubJson.string(json, "type");
    String applicantId = SumsubJson.string(json, "applicantId");
    if (type == null || type.isBlank() || applicantId == null || applicantId.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "a signed Sumsub webhook without "
              + (type == null || type.isBlank() ? "a type" : "an applicantId"));
    }
    String userId = SumsubJson.string(json, "externalUserId");
    String reviewStatus = SumsubJson.string(json, "reviewStatus");
    Map<?, ?> reviewResult = SumsubJson.object(json, "reviewResult");
    KycReview review =
        reviewStatus == null && reviewResult == null
            ? null
            : SumsubReviews.of(reviewStatus, reviewResult);
    String correlationId = SumsubJson.string(json, "correlationId");
    String eventKey =
        "sumsub:"
            + type
            + ":"
            + applicantId
            + ":"
            + (correlationId == null || correlationId.isBlank()
                ? "sha256-" + sha256(body)
                : correlationId);
    return new KycWebhookEvent(
        eventKey,
        eventType(type),
        type,
        applicantId,
        userId == null || userId.isBlank() ? null : userId,
        review);
  }

  /**
   * Checks the digest headers against the body.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SIGNATURE} as the class description says
   */
  static void verify(byte[] body, Map<String, List<String>> headers, Secret secretKey) {
    String digest = single(headers, DIGEST_HEADER).strip();
    String algorithm = single(headers, ALGORITHM_HEADER).strip();
    String javaName = javaName(algorithm);
    if (javaName == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SIGNATURE,
          "webhook names an unknown digest algorithm " + quote(algorithm, secretKey));
    }
    byte[] expected = hmac(javaName, secretKey, body);
    byte[] given;
    try {
      given = HexFormat.of().parseHex(digest.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SIGNATURE, "webhook digest is not hexadecimal");
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SIGNATURE, "webhook digest does not match its body");
    }
  }

  /** Returns the lower-case hex digest of {@code body}, as Sumsub signs a webhook. */
  static String sign(String algorithm, Secret secretKey, byte[] body) {
    String javaName = javaName(algorithm);
    if (javaName == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "unknown digest algorithm " + quote(algorithm));
    }
    return HexFormat.of().formatHex(hmac(javaName, secretKey, body));
  }

  private static KycEventType eventType(String type) {
    return switch (type) {
      case "applicantCreated" -> KycEventType.CREATED;
      case "applicantPending" -> KycEventType.PENDING;
      case "applicantReviewed" -> KycEventType.REVIEWED;
      case "applicantOnHold" -> KycEventType.ON_HOLD;
      case "applicantReset" -> KycEventType.RESET;
      default -> KycEventType.OTHER;
    };
  }

  private static String single(Map<String, List<String>> headers, String name) {
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

  private static byte[] hmac(String javaName, Secret secretKey, byte[] body) {
    try {
      Mac mac = Mac.getInstance(javaName);
      mac.init(new SecretKeySpec(secretKey.reveal().getBytes(StandardCharsets.UTF_8), javaName));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // Every JDK ships these three; a failure here is a broken runtime, not bad input.
      throw new IllegalStateException(javaName + " is not available", e);
    }
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
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
