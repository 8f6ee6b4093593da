package dev.speedtrade.sumsub;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycWebhookDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for Sumsub's API on a MockWebServer, with state: it checks each request's app token
 * and signature (401 otherwise), creates applicants (409 for a user that has one, with Sumsub's
 * description), finds them by external user id, answers their review status, issues access tokens,
 * and, driven by a test, decides reviews and returns the signed webhook Sumsub would send (the
 * shape of the docs' examples, {@code HMAC_SHA256_HEX}). Thread-safe.
 */
final class FakeSumsub extends Dispatcher {
  private static final Pattern BY_EXTERNAL_ID =
      Pattern.compile("/resources/applicants/-;externalUserId=([^/]+)/one");
  private static final Pattern STATUS = Pattern.compile("/resources/applicants/([^/]+)/status");

  private final String appToken;
  private final String secretKey;
  private final String webhookSecret;
  private final Map<String, String> idsByUser = new HashMap<>();
  private final Map<String, State> applicants = new HashMap<>();
  private long sequence;

  private static final class State {
    final String userId;
    String reviewStatus = "init";
    @Nullable String answer;
    @Nullable KycRejectType rejectType;
    List<String> labels = List.of();

    State(String userId) {
      this.userId = userId;
    }
  }

  FakeSumsub(String appToken, String secretKey, String webhookSecret) {
    this.appToken = appToken;
    this.secretKey = secretKey;
    this.webhookSecret = webhookSecret;
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    String path = String.valueOf(request.getPath());
    String method = request.getMethod();
    byte[] body = request.getBody().readByteArray();
    String ts = String.valueOf(request.getHeader(SumsubHttp.TIMESTAMP_HEADER));
    String expected =
        Fixtures.hmacHex("HmacSHA256", secretKey, Fixtures.utf8(ts + method + path), body);
    if (!appToken.equals(request.getHeader(SumsubHttp.TOKEN_HEADER))
        || !expected.equals(request.getHeader(SumsubHttp.SIGNATURE_HEADER))) {
      return json(401, Fixtures.text("error-unauthorized.json"));
    }
    if ("POST".equals(method) && path.startsWith("/resources/applicants?levelName=")) {
      String user = String.valueOf(read(body).get("externalUserId"));
      String existing = idsByUser.get(user);
      if (existing != null) {
        return json(
            409,
            write(
                Map.of(
                    "description",
                    "Applicant with external user id '" + user + "' already exists: " + existing,
                    "code",
                    409L,
                    "correlationId",
                    "req-" + ++sequence)));
      }
      String id = String.format("%024x", 0x5b594ade0a97L * 1000 + ++sequence);
      idsByUser.put(user, id);
      applicants.put(id, new State(user));
      return json(201, applicant(id, user));
    }
    Matcher byExternal = BY_EXTERNAL_ID.matcher(path);
    if ("GET".equals(method) && byExternal.matches()) {
      String user = URLDecoder.decode(byExternal.group(1), StandardCharsets.UTF_8);
      String id = idsByUser.get(user);
      return id == null
          ? json(404, Fixtures.text("error-not-found.json"))
          : json(200, applicant(id, user));
    }
    Matcher status = STATUS.matcher(path);
    if ("GET".equals(method) && status.matches()) {
      State state = applicants.get(status.group(1));
      return state == null
          ? json(404, Fixtures.text("error-not-found.json"))
          : json(200, status(state));
    }
    if ("POST".equals(method) && path.equals("/resources/accessTokens/sdk")) {
      Object user = read(body).get("userId");
      return json(
          200,
          write(Map.of("token", "_act-sbx-" + String.format("%08d", ++sequence), "userId", user)));
    }
    return json(404, "{\"description\":\"Not found\",\"code\":404}");
  }

  synchronized KycWebhookDelivery decide(
      String applicantId,
      String reviewStatus,
      @Nullable String answer,
      @Nullable KycRejectType rejectType,
      List<String> labels) {
    State state = applicants.get(applicantId);
    if (state == null) {
      throw new IllegalArgumentException("no applicant " + applicantId);
    }
    state.reviewStatus = reviewStatus;
    state.answer = answer;
    state.rejectType = rejectType;
    state.labels = List.copyOf(labels);
    Map<String, Object> webhook = new LinkedHashMap<>();
    webhook.put("applicantId", applicantId);
    webhook.put("inspectionId", applicantId);
    webhook.put("correlationId", "req-" + ++sequence);
    webhook.put("externalUserId", state.userId);
    webhook.put("levelName", Fixtures.LEVEL);
    webhook.put("type", answer == null ? "applicantPending" : "applicantReviewed");
    if (answer != null) {
      webhook.put("reviewResult", reviewResult(state));
    }
    webhook.put("reviewStatus", reviewStatus);
    webhook.put("createdAtMs", "2026-03-02 14:30:00.000");
    byte[] body = Fixtures.utf8(write(webhook));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put("X-Payload-Digest", List.of(Fixtures.hmacHex("HmacSHA256", webhookSecret, body)));
    headers.put("X-Payload-Digest-Alg", List.of("HMAC_SHA256_HEX"));
    return new KycWebhookDelivery(body, headers);
  }

  private static Map<String, Object> reviewResult(State state) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("reviewAnswer", String.valueOf(state.answer));
    if (state.rejectType != null) {
      result.put("rejectLabels", state.labels);
      result.put("reviewRejectType", state.rejectType.name());
    }
    return result;
  }

  private static String applicant(String id, String user) {
    Map<String, Object> applicant = new LinkedHashMap<>();
    applicant.put("id", id);
    applicant.put("createdAt", "2026-03-02 14:30:00");
    applicant.put("clientId", "speedtrade.dev");
    applicant.put("inspectionId", id);
    applicant.put("externalUserId", user);
    applicant.put("applicantPlatform", "API");
    applicant.put(
        "review",
        Map.of(
            "reviewId",
            "JokQk",
            "attemptCnt",
            0L,
            "levelName",
            Fixtures.LEVEL,
            "reviewStatus",
            "init"));
    applicant.put("type", "individual");
    return write(applicant);
  }

  private static String status(State state) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("reviewId", "nmzFB");
    status.put("levelName", Fixtures.LEVEL);
    if (state.answer != null) {
      status.put("reviewResult", reviewResult(state));
    }
    status.put("reviewStatus", state.reviewStatus);
    status.put("priority", 0L);
    return write(status);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static Map<?, ?> read(byte[] body) {
    try {
      Object value = JsonReader.of(new Buffer().write(body)).readJsonValue();
      return value instanceof Map<?, ?> map ? map : Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writeValue(writer, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  private static void writeValue(JsonWriter writer, @Nullable Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writer.name(String.valueOf(entry.getKey()));
        writeValue(writer, entry.getValue());
      }
      writer.endObject();
    } else if (value instanceof List<?> list) {
      writer.beginArray();
      for (Object item : list) {
        writeValue(writer, item);
      }
      writer.endArray();
    } else if (value instanceof Long number) {
      writer.value(number.longValue());
    } else if (value == null) {
      writer.nullValue();
    } else {
      writer.value(String.valueOf(value));
    }
  }
}
