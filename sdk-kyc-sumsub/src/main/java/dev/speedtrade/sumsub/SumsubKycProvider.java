package dev.speedtrade.sumsub;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.Applicant;
import dev.speedtrade.kyc.KycAccessToken;
import dev.speedtrade.kyc.KycProvider;
import dev.speedtrade.kyc.KycReview;
import dev.speedtrade.kyc.KycWebhookEvent;
import dev.speedtrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KycProvider} over Sumsub's API (configured by {@link SumsubConfig}):
 *
 * <ul>
 *   <li>{@link #createApplicant}: {@code POST /resources/applicants?levelName=<level>} with {@code
 *       {"externalUserId": <userId>}}; when Sumsub answers 409 (the user already has an applicant)
 *       the existing one is read with {@code GET
 *       /resources/applicants/-;externalUserId=<userId>/one}, so creating is idempotent, across
 *       threads and hosts too;
 *   <li>{@link #accessToken}: {@code POST /resources/accessTokens/sdk} with {@code {"userId",
 *       "levelName", "ttlInSecs"}}; the token expires the configured time to live after the clock's
 *       time of the request;
 *   <li>{@link #review}: {@code GET /resources/applicants/<applicantId>/status}, its {@code
 *       reviewStatus} and {@code reviewResult} mapped as follows: {@code GREEN} approved, {@code
 *       RED} with {@code reviewRejectType} {@code RETRY} rejected (retry), {@code RED} {@code
 *       FINAL} rejected (final), no answer yet (or a review not {@code completed}) pending;
 *   <li>{@link #verifyWebhook}: the {@code X-Payload-Digest} of the raw body checked with the
 *       webhook secret key and the algorithm {@code X-Payload-Digest-Alg} names ({@code
 *       HMAC_SHA1_HEX}, {@code HMAC_SHA256_HEX} or {@code HMAC_SHA512_HEX}), then the body read
 *       ({@code applicantCreated}, {@code applicantPending}, {@code applicantReviewed}, {@code
 *       applicantOnHold}, {@code applicantReset}; other types as {@link
 *       dev.speedtrade.kyc.KycEventType#OTHER}).
 * </ul>
 *
 * <p><b>Signing:</b> every request carries {@code X-App-Token}, {@code X-App-Access-Ts} (Unix
 * seconds from the configured clock; Sumsub refuses a clock far from its own) and {@code
 * X-App-Access-Sig}, the hex HMAC-SHA256 under the secret key of the timestamp, the method in upper
 * case, the path with its query as sent, and the body as sent.
 *
 * <p><b>Replays:</b> Sumsub's webhook digest covers the body only, with no timestamp or nonce, so a
 * captured webhook verifies again when replayed, and Sumsub itself redelivers an event it thinks
 * failed. This provider only verifies; the platform applies each {@link KycWebhookEvent#eventKey()}
 * at most once, remembering the keys it applied. A late delivery of an old event can be recognised
 * by reading {@link #review} before acting on it.
 *
 * <p><b>Errors:</b> HTTP 401 and 403 are {@link ErrorCode#FORBIDDEN}; 404 on an applicant {@link
 * ErrorCode#APPLICANT_NOT_FOUND}; 429 {@link ErrorCode#RATE_LIMITED}; 5xx, timeouts and dropped
 * connections {@link ErrorCode#PROVIDER_UNAVAILABLE}; other 4xx {@link ErrorCode#INVALID_ARGUMENT}.
 * Nothing is retried here; both retryable codes may be retried by the caller. Sumsub's {@code
 * errorCode} is kept as {@link SpeedTradeException#providerCode()}. No secret (app token, secret
 * key, webhook secret key, access token) reaches a message, a log line or a {@code toString()}.
 *
 * <p>Thread-safe; share one instance.
 */
public final class SumsubKycProvider implements KycProvider {
  private final SumsubConfig config;
  private final SumsubHttp http;

  private SumsubKycProvider(SumsubConfig config, OkHttpClient client) {
    this.config = config;
    this.http = new SumsubHttp(client, config);
  }

  /**
   * Returns a provider with its own HTTP client.
   *
   * @param config how to reach Sumsub
   */
  public static SumsubKycProvider create(SumsubConfig config) {
    return create(config, new OkHttpClient());
  }

  /**
   * Returns a provider that shares {@code client}'s connection pool and dispatcher (its timeouts
   * are replaced by the configured one).
   *
   * @param config how to reach Sumsub
   * @param client the client to derive this provider's client from
   */
  public static SumsubKycProvider create(SumsubConfig config, OkHttpClient client) {
    return new SumsubKycProvider(
        Objects.requireNonNull(config, "config"), Objects.requireNonNull(client, "client"));
  }

  @Override
  public Applicant createApplicant(String userId) {
    requireText(userId, "user id");
    String what = "creating the applicant of user " + userId;
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("externalUserId", userId);
    SumsubHttp.Answer answer =
        http.call(
            "POST",
            http.url(List.of("resources", "applicants"), Map.of("levelName", config.levelName())),
            SumsubJson.write(fields),
            what);
    if (answer.status() == 409) {
      return existingApplicant(userId);
    }
    if (!answer.ok()) {
      throw SumsubErrors.toException(http, answer, what, ErrorCode.INVALID_ARGUMENT);
    }
    return applicant(answer, userId, what);
  }

  /** Reads the applicant of {@code userId} that already exists. */
  private Applicant existingApplicant(String userId) {
    String what = "reading the existing applicant of user " + userId;
    HttpUrl url =
        http.encodedUrl(
            List.of("resources", "applicants", "-;externalUserId=" + percentEncode(userId), "one"));
    SumsubHttp.Answer answer = http.call("GET", url, null, what);
    if (!answer.ok()) {
      throw SumsubErrors.toException(http, answer, what, ErrorCode.APPLICANT_NOT_FOUND);
    }
    return applicant(answer, userId, what);
  }

  private static Applicant applicant(SumsubHttp.Answer answer, String userId, String what) {
    Map<?, ?> json = SumsubJson.object(answer.body());
    String id = json == null ? null : SumsubJson.string(json, "id");
    if (json == null || id == null || id.isBlank()) {
      throw SumsubErrors.unreadable(what, "no applicant id");
    }
    String external = SumsubJson.string(json, "externalUserId");
    if (external != null && !external.equals(userId)) {
      throw SumsubErrors.unreadable(what, "the applicant belongs to another external user id");
    }
    return new Applicant(id, userId);
  }

  @Override
  public KycAccessToken accessToken(String userId) {
    requireText(userId, "user id");
    String what = "issuing an access token for user " + userId;
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("userId", userId);
    fields.put("levelName", config.levelName());
    fields.put("ttlInSecs", config.accessTokenTtl().getSeconds());
    Instant issued = config.clock().instant();
    SumsubHttp.Answer answer =
        http.call(
            "POST",
            http.url(List.of("resources", "accessTokens", "sdk"), Map.of()),
            SumsubJson.write(fields),
            what);
    if (!answer.ok()) {
      throw SumsubErrors.toException(http, answer, what, ErrorCode.INVALID_ARGUMENT);
    }
    Map<?, ?> json = SumsubJson.object(answer.body());
    String token = json == null ? null : SumsubJson.string(json, "token");
    if (token == null || token.isBlank() || token.contains("\n") || token.contains("\r")) {
      throw SumsubErrors.unreadable(what, "no token");
    }
    return new KycAccessToken(userId, Secret.of(token), issued.plus(config.accessTokenTtl()));
  }

  @Override
  public KycReview review(String applicantId) {
    requireText(applicantId, "applicant id");
    String what = "reading the review of applicant " + applicantId;
    SumsubHttp.Answer answer =
        http.call(
            "GET",
            http.url(List.of("resources", "applicants", applicantId, "status"), Map.of()),
            null,
            what);
    if (!answer.ok()) {
      throw SumsubErrors.toException(http, answer, what, ErrorCode.APPLICANT_NOT_FOUND);
    }
    Map<?, ?> json = SumsubJson.object(answer.body());
    if (json == null) {
      throw SumsubErrors.unreadable(what, "not a JSON object");
    }
    return SumsubReviews.of(
        SumsubJson.string(json, "reviewStatus"), SumsubJson.object(json, "reviewResult"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sumsub's digest has no timestamp: a replayed webhook verifies again, with the same event
   * key. Remembering applied keys is the platform's job.
   */
  @Override
  public KycWebhookEvent verifyWebhook(byte[] body, Map<String, List<String>> headers) {
    return SumsubWebhooks.read(body, headers, config.webhookSecretKey());
  }

  /** Returns the base URL and the level; never a secret. */
  @Override
  public String toString() {
    return "SumsubKycProvider{baseUrl="
        + config.baseUrl()
        + ", levelName="
        + config.levelName()
        + "}";
  }

  private static void requireText(@Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, what + " must not be " + (value == null ? "null" : "blank"));
    }
  }

  /** Percent-encodes every byte of {@code text} but the URI's unreserved characters. */
  static String percentEncode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format("%02X", c));
      }
    }
    return encoded.toString();
  }
}
