package dev.speedtrade.alpaca;

import dev.speedtrade.error.SpeedTradeException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The calls this adapter makes to Alpaca itself, where alpaca-java lacks the endpoint or a field:
 * authentication headers, a bounded call through the shared {@link AlpacaInterceptor} (rate limit,
 * 429s, retried reads), and any error answer turned into a {@link SpeedTradeException} via {@link
 * AlpacaErrors}. The credentials go into the two headers and nowhere else. Thread-safe.
 */
final class AlpacaHttp {
  static final String KEY_HEADER = "APCA-API-KEY-ID";
  static final String SECRET_HEADER = "APCA-API-SECRET-KEY";
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient client;
  private final AlpacaCredentials credentials;

  AlpacaHttp(OkHttpClient client, AlpacaCredentials credentials) {
    this.client = client;
    this.credentials = credentials;
  }

  /** Same as {@code new AlpacaHttp(client(config, base, clock, backoff), config.credentials())}. */
  AlpacaHttp(AlpacaConfig config, OkHttpClient base, Clock clock, Duration backoff) {
    this(client(config, base, clock, backoff), config.credentials());
  }

  /**
   * Returns the client every Alpaca call of one adapter goes through: {@code base}'s connection
   * pool and dispatcher, the adapter's timeout on each connect, read and write, a bound on each
   * whole call, no silent retry by OkHttp, and the interceptor.
   */
  static OkHttpClient client(
      AlpacaConfig config, OkHttpClient base, Clock clock, Duration backoff) {
    RequestPacer pacer = new RequestPacer(config.requestsPerMinute());
    return base.newBuilder()
        .callTimeout(
            config
                .timeout()
                .multipliedBy(AlpacaInterceptor.MAX_ATTEMPTS)
                .plusSeconds(AlpacaInterceptor.MAX_RATE_LIMIT_WAIT_SECONDS))
        .connectTimeout(config.timeout())
        .readTimeout(config.timeout())
        .writeTimeout(config.timeout())
        // OkHttp would otherwise silently send a POST again when a pooled connection fails after
        // the request went out; the interceptor retries reads, and nothing retries writes.
        .retryOnConnectionFailure(false)
        .addInterceptor(new AlpacaInterceptor(config, pacer, clock, backoff))
        .build();
  }

  /** An answer: its status and body. */
  record Answer(int status, String body) {}

  /**
   * GETs {@code path} under {@code base}; retried on 5xx, dropped connections, timeouts and 429.
   */
  Answer get(
      URI base, String path, Map<String, String> query, String what, AlpacaErrors.Missing missing) {
    return call("GET", url(base, path, query), null, what, missing);
  }

  /** Sends a write; retried only on 429, which Alpaca answers without doing anything. */
  Answer send(
      String method,
      URI base,
      String path,
      @Nullable String json,
      String what,
      AlpacaErrors.Missing missing) {
    return call(method, url(base, path, Map.of()), json, what, missing);
  }

  private Answer call(
      String method,
      HttpUrl url,
      @Nullable String json,
      String what,
      AlpacaErrors.Missing missing) {
    RequestBody body =
        json != null
            ? RequestBody.create(json, JSON)
            : method.equals("POST") || method.equals("PATCH") ? RequestBody.create("", JSON) : null;
    Request request =
        new Request.Builder()
            .url(url)
            .method(method, body)
            .header(KEY_HEADER, credentials.keyId())
            .header(SECRET_HEADER, credentials.secretKey())
            .header("Accept", "application/json")
            .build();
    try (Response response = client.newCall(request).execute()) {
      String text = response.body().string();
      int status = response.code();
      if (status >= 200 && status < 300) {
        return new Answer(status, text);
      }
      throw AlpacaErrors.toException(status, text, what, missing);
    } catch (IOException e) {
      throw AlpacaErrors.unanswered(what, e);
    }
  }

  private static HttpUrl url(URI base, String path, Map<String, String> query) {
    HttpUrl.Builder url = HttpUrl.get(base.toString()).newBuilder();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        url.addPathSegment(segment);
      }
    }
    query.forEach(url::addQueryParameter);
    return url.build();
  }
}
