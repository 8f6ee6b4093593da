package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.secret.Secret;
import dev.speedtrade.sumsub.SumsubConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for Sumsub's API, for {@code speedtrade demo} only (not SDK API): it serves on
 * 127.0.0.1 the calls {@link dev.speedtrade.sumsub.SumsubKycProvider} makes, with the JSON shapes
 * Sumsub documents, and sends the {@code applicantReviewed} webhook of a review the demo decides,
 * signed as Sumsub signs webhooks, so that the real adapter sends the requests and verifies the
 * webhook.
 *
 * <ul>
 *   <li>{@code POST /resources/applicants?levelName=...} (409 for a user who has an applicant),
 *       {@code GET /resources/applicants/-;externalUserId=.../one};
 *   <li>{@code GET /resources/applicants/{id}/status};
 *   <li>{@code POST /resources/accessTokens/sdk}.
 * </ul>
 *
 * <p>Like Sumsub it checks each request's {@code X-App-Token} and {@code X-App-Access-Sig} (the hex
 * HMAC-SHA256 under the secret key of the timestamp, the method, the path with its query and the
 * body) and answers 401 otherwise. A webhook carries {@code X-Payload-Digest}, the hex HMAC-SHA256
 * of the raw body under the webhook secret key, and {@code X-Payload-Digest-Alg: HMAC_SHA256_HEX}.
 * Applicant ids are derived from the user id and correlation ids from a counter, so every run has
 * the same ones; times come from the demo's clock.
 *
 * <p>Thread-safe (every call is synchronized). The keys are made up.
 */
final class SumsubStandIn implements AutoCloseable {
  /** A sandbox-looking app token, made up: it works only against this stand-in. */
  static final String APP_TOKEN = "sbx:speedtradeDemoNotARealAppToken";

  /** The app token's secret key, made up. */
  static final String SECRET_KEY = "speedtradeDemoNotARealSecretKey";

  /** The webhook's secret key, made up. */
  static final String WEBHOOK_SECRET_KEY = "speedtradeDemoNotARealWebhookKey";

  /** The verification level applicants are created at. */
  static final String LEVEL = "basic-kyc-level";

  private static final String PROVIDER = "sumsub";
  private static final String HEX = "0123456789abcdef";
  private static final Pattern BY_EXTERNAL_ID =
      Pattern.compile("/resources/applicants/-;externalUserId=([^/]+)/one");
  private static final Pattern STATUS = Pattern.compile("/resources/applicants/([^/]+)/status");
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CREATED_AT_MS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final StandInServer server;
  private final Map<String, String> idsByUser = new HashMap<>();
  private final Map<String, ObjectNode> applicants = new HashMap<>();
  private final Map<String, Boolean> approved = new HashMap<>();
  private int next;

  private SumsubStandIn(Clock clock) {
    this.clock = clock;
    this.server = StandInServer.start("Sumsub", this::answer);
  }

  /** Starts the stand-in on 127.0.0.1 and a free port; times come from {@code clock}. */
  static SumsubStandIn start(Clock clock) {
    return new SumsubStandIn(clock);
  }

  /** The provider's configuration: this stand-in, its keys, the demo's clock. */
  SumsubConfig config() {
    return SumsubConfig.builder()
        .appToken(Secret.of(APP_TOKEN))
        .secretKey(Secret.of(SECRET_KEY))
        .webhookSecretKey(Secret.of(WEBHOOK_SECRET_KEY))
        .levelName(LEVEL)
        .baseUrl(server.baseUrl().toString())
        .clock(clock)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void close() {
    server.close();
  }

  /**
   * Sumsub's reviewers approve the applicant: its status becomes {@code completed} and {@code
   * GREEN}; returns the signed {@code applicantReviewed} webhook.
   */
  synchronized KycWebhookDelivery approve(String applicantId) {
    ObjectNode applicant = applicants.get(applicantId);
    if (applicant == null) {
      throw new IllegalArgumentException("the Sumsub stand-in has no applicant " + applicantId);
    }
    approved.put(applicantId, true);
    ObjectNode webhook = StandInFixtures.object(PROVIDER, "webhook-applicant-reviewed-green.json");
    webhook.put("applicantId", applicantId);
    webhook.put("inspectionId", applicant.get("inspectionId").asText());
    webhook.put("correlationId", correlationId());
    webhook.put("externalUserId", applicant.get("externalUserId").asText());
    webhook.put("levelName", LEVEL);
    webhook.put("createdAtMs", CREATED_AT_MS.format(clock.instant()));
    byte[] body = StandInFixtures.write(webhook).getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put("X-Payload-Digest", List.of(digest(body, WEBHOOK_SECRET_KEY)));
    headers.put("X-Payload-Digest-Alg", List.of("HMAC_SHA256_HEX"));
    return new KycWebhookDelivery(body, headers);
  }

  /** The hex HMAC-SHA256 of {@code body} under {@code key}: Sumsub's {@code HMAC_SHA256_HEX}. */
  static String digest(byte[] body, String key) {
    return StandInFixtures.hex(hmac(key, body));
  }

  // ------------------------------------------------------------------ the API

  private synchronized StandInServer.Answer answer(StandInServer.Request request) {
    String method = request.method();
    String path = request.pathAndQuery();
    String timestamp = String.valueOf(request.header("X-App-Access-Ts"));
    String expected =
        StandInFixtures.hex(
            hmac(
                SECRET_KEY,
                (timestamp + method + path).getBytes(StandardCharsets.UTF_8),
                request.body()));
    String given = String.valueOf(request.header("X-App-Access-Sig"));
    if (!APP_TOKEN.equals(request.header("X-App-Token"))
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      return fixture(401, "error-unauthorized.json");
    }
    if (method.equals("POST") && request.rawPath().equals("/resources/applicants")) {
      String user = StandInFixtures.parse(request.bodyText()).path("externalUserId").asText("");
      String existing = idsByUser.get(user);
      if (existing != null) {
        ObjectNode error = StandInFixtures.object(PROVIDER, "error-applicant-exists.json");
        error.put(
            "description",
            "Applicant with external user id '" + user + "' already exists: " + existing);
        error.put("correlationId", correlationId());
        return new StandInServer.Answer(409, StandInFixtures.write(error));
      }
      return new StandInServer.Answer(201, StandInFixtures.write(createApplicant(user)));
    }
    Matcher byExternal = BY_EXTERNAL_ID.matcher(request.rawPath());
    if (method.equals("GET") && byExternal.matches()) {
      String id = idsByUser.get(URLDecoder.decode(byExternal.group(1), StandardCharsets.UTF_8));
      return id == null
          ? fixture(404, "error-not-found.json")
          : new StandInServer.Answer(200, StandInFixtures.write(applicants.get(id)));
    }
    Matcher status = STATUS.matcher(request.rawPath());
    if (method.equals("GET") && status.matches()) {
      String id = status.group(1);
      if (!applicants.containsKey(id)) {
        return fixture(404, "error-not-found.json");
      }
      return fixture(
          200, approved.getOrDefault(id, false) ? "status-green.json" : "status-init.json");
    }
    if (method.equals("POST") && request.rawPath().equals("/resources/accessTokens/sdk")) {
      ObjectNode token = StandInFixtures.object(PROVIDER, "access-token.json");
      token.put("token", "_act-sbx-" + derivedUuid("token:" + ++next));
      token.put("userId", StandInFixtures.parse(request.bodyText()).path("userId").asText(""));
      return new StandInServer.Answer(200, StandInFixtures.write(token));
    }
    ObjectNode error = StandInFixtures.object(PROVIDER, "error-not-found.json");
    error.put("description", "Not found");
    error.put("correlationId", correlationId());
    return new StandInServer.Answer(404, StandInFixtures.write(error));
  }

  private ObjectNode createApplicant(String user) {
    String id = StandInFixtures.derivedId("speedtrade-demo:applicant:" + user, HEX, 24);
    ObjectNode applicant = StandInFixtures.object(PROVIDER, "applicant.json");
    String created = CREATED_AT.format(clock.instant());
    applicant.put("id", id);
    applicant.put("createdAt", created);
    applicant.put("inspectionId", id);
    applicant.put("externalUserId", user);
    ObjectNode review = (ObjectNode) applicant.get("review");
    review.put("levelName", LEVEL);
    review.put("createDate", created + "+0000");
    idsByUser.put(user, id);
    applicants.put(id, applicant);
    return applicant.deepCopy();
  }

  private String correlationId() {
    return "req-" + derivedUuid("correlation:" + ++next);
  }

  private static String derivedUuid(String seed) {
    return UUID.nameUUIDFromBytes(("speedtrade-demo:" + seed).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static StandInServer.Answer fixture(int status, String name) {
    return new StandInServer.Answer(
        status, StandInFixtures.write(StandInFixtures.object(PROVIDER, name)));
  }

  private static byte[] hmac(String key, byte[] body) {
    return hmac(key, new byte[0], body);
  }

  private static byte[] hmac(String key, byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(prefix);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
