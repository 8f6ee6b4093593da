package dev.speedtrade.sumsub;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sumsub's HTTP calls: every request signed as Sumsub's App Token authentication documents, the
 * answer read whole, a call that gets no answer turned into {@link ErrorCode#PROVIDER_UNAVAILABLE}.
 * The app token goes into its header and the secret key into the signature, nowhere else; logs name
 * the method, the path and the status only. Thread-safe.
 *
 * <p>The signature, {@value #SIGNATURE_HEADER}, is the lower-case hex HMAC-SHA256, under the secret
 * key, of the bytes of: the timestamp of {@value #TIMESTAMP_HEADER} (Unix seconds, from the
 * configured clock), the method in upper case, the path with its query exactly as sent (encoded),
 * and the body exactly as sent (nothing for a GET).
 */
final class SumsubHttp {
  static final String TOKEN_HEADER = "X-App-Token";
  static final String TIMESTAMP_HEADER = "X-App-Access-Ts";
  static final String SIGNATURE_HEADER = "X-App-Access-Sig";

  private static final Logger LOG = LoggerFactory.getLogger(SumsubHttp.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final SumsubConfig config;

  SumsubHttp(OkHttpClient base, SumsubConfig config) {
    this.config = config;
    this.client =
        base.newBuilder()
            .callTimeout(config.timeout())
            .connectTimeout(config.timeout())
            .readTimeout(config.timeout())
            .writeTimeout(config.timeout())
            // Nothing is sent twice behind the caller's back; a caller may retry (creating an
            // applicant is idempotent).
            .retryOnConnectionFailure(false)
            .build();
  }

  /** An answer: its HTTP status and its body. */
  record Answer(int status, byte[] body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** Returns the URL of {@code segments} (each encoded here) under the base URL, with a query. */
  HttpUrl url(List<String> segments, Map<String, String> query) {
    HttpUrl.Builder url = config.baseHttpUrl().newBuilder();
    segments.forEach(url::addPathSegment);
    query.forEach(url::addQueryParameter);
    return url.build();
  }

  /** Returns the base URL with {@code segments} already percent-encoded. */
  HttpUrl encodedUrl(List<String> encodedSegments) {
    HttpUrl.Builder url = config.baseHttpUrl().newBuilder();
    encodedSegments.forEach(url::addEncodedPathSegment);
    return url.build();
  }

  /**
   * Sends a signed request and returns the answer, whatever its status.
   *
   * @param json the JSON body, or null for none
   * @param what what the call does, for messages ("creating the applicant of user alice")
   * @throws SpeedTradeException {@link ErrorCode#PROVIDER_UNAVAILABLE} when no answer came (a
   *     timeout, a refused or dropped connection)
   */
  Answer call(String method, HttpUrl url, byte @Nullable [] json, String what) {
    long timestamp = config.clock().instant().getEpochSecond();
    byte[] body = json == null ? new byte[0] : json;
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .header(TOKEN_HEADER, config.appToken().reveal())
            .header(TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(
                SIGNATURE_HEADER,
                signature(config.secretKey(), timestamp, method, pathAndQuery(url), body))
            .header("Accept", "application/json");
    request.method(method, json == null ? null : RequestBody.create(json, JSON));
    try (Response response = client.newCall(request.build()).execute()) {
      byte[] answer = response.body().bytes();
      LOG.debug("Sumsub answered HTTP {} to {} {}", response.code(), method, url.encodedPath());
      return new Answer(response.code(), answer);
    } catch (IOException e) {
      LOG.debug(
          "Sumsub did not answer {} {}: {}", method, url.encodedPath(), e.getClass().getName());
      throw new SpeedTradeException(
          ErrorCode.PROVIDER_UNAVAILABLE,
          "Sumsub did not answer while " + what + " (" + e.getClass().getSimpleName() + ")",
          null,
          e);
    }
  }

  /** Returns the path with its query, as the request line carries them (encoded). */
  static String pathAndQuery(HttpUrl url) {
    String query = url.encodedQuery();
    return query == null ? url.encodedPath() : url.encodedPath() + "?" + query;
  }

  /** Returns {@value #SIGNATURE_HEADER} of a request (see the class description). */
  static String signature(
      Secret secretKey, long timestamp, String method, String pathAndQuery, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(secretKey.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + method + pathAndQuery).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      // Every JDK ships HmacSHA256; a failure here is a broken runtime, not bad input.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Returns {@code text} with every configured secret replaced, for text Sumsub sent back. */
  String scrub(String text) {
    String scrubbed = text;
    for (Secret secret :
        List.of(config.appToken(), config.secretKey(), config.webhookSecretKey())) {
      scrubbed = scrubbed.replace(secret.reveal(), "[redacted]");
    }
    return scrubbed;
  }
}
