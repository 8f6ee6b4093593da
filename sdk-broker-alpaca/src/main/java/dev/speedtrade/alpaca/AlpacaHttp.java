package dev.speedtrade.alpaca;

import dev.speedtrade.ErrorCode;
import dev.speedtrade.SpeedTradeException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
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
 * Alpaca's REST calls: authentication headers, the client-side rate limit, bounded calls, and the
 * resilience the adapter needs.
 *
 * <ul>
 *   <li>A 429 is waited out (until {@code X-RateLimit-Reset}, or {@code Retry-After}, or with
 *       exponential backoff) and the call is made again: Alpaca did not process it.
 *   <li>Reads (GET) are retried on 5xx answers and on dropped connections and timeouts.
 *   <li>Writes are never retried on a lost answer: the caller resolves it (an order is looked up by
 *       its client order id before any resubmission).
 *   <li>Any other error answer becomes a {@link SpeedTradeException} via {@link AlpacaErrors}.
 * </ul>
 *
 * The credentials go into the two headers and nowhere else. Thread-safe.
 */
final class AlpacaHttp {
  static final String KEY_HEADER = "APCA-API-KEY-ID";
  static final String SECRET_HEADER = "APCA-API-SECRET-KEY";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_ATTEMPTS = 4;
  private static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(AlpacaHttp.class);

  private final OkHttpClient client;
  private final AlpacaCredentials credentials;
  private final RequestPacer pacer;
  private final Clock clock;
  private final Duration backoff;

  AlpacaHttp(AlpacaConfig config, OkHttpClient base, Clock clock, Duration backoff) {
    this.client = base.newBuilder().callTimeout(config.timeout()).build();
    this.credentials = config.credentials();
    this.pacer = new RequestPacer(config.requestsPerMinute());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.backoff = backoff;
  }

  /** An answer: its status and body. */
  record Answer(int status, String body) {}

  /** GETs {@code path} under {@code base}; retried on 5xx, dropped connections, timeouts and 429. */
  Answer get(URI base, String path, Map<String, String> query, String what, AlpacaErrors.Missing missing) {
    return call("GET", url(base, path, query), null, what, missing, true);
  }

  /** Sends a write; retried only on 429, which Alpaca answers without doing anything. */
  Answer send(String method, URI base, String path, @Nullable String json, String what, AlpacaErrors.Missing missing) {
    return call(method, url(base, path, Map.of()), json, what, missing, false);
  }

  private Answer call(String method, HttpUrl url, @Nullable String json, String what, AlpacaErrors.Missing missing,
      boolean idempotent) {
    RequestBody body = json == null ? (method.equals("POST") || method.equals("PATCH") ? RequestBody.create("", JSON) : null)
        : RequestBody.create(json, JSON);
    Request request = new Request.Builder()
        .url(url)
        .method(method, body)
        .header(KEY_HEADER, credentials.keyId())
        .header(SECRET_HEADER, credentials.secretKey())
        .header("Accept", "application/json")
        .build();
    for (int attempt = 1; ; attempt++) {
      try {
        pacer.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE, "interrupted before " + what);
      }
      try (Response response = client.newCall(request).execute()) {
        String text = response.body().string();
        int status = response.code();
        if (status == 429 && attempt < MAX_ATTEMPTS) {
          Duration wait = rateLimitWait(response, attempt);
          log.info("Alpaca rate limit reached while {}; waiting {} ms", what, wait.toMillis());
          pacer.pause(wait);
          continue;
        }
        if (status >= 500 && idempotent && attempt < MAX_ATTEMPTS) {
          log.info("Alpaca answered HTTP {} while {}; retrying", status, what);
          pacer.pause(backoff.multipliedBy(1L << (attempt - 1)));
          continue;
        }
        if (status >= 200 && status < 300) {
          return new Answer(status, text);
        }
        throw AlpacaErrors.toException(status, text, what, missing);
      } catch (IOException e) {
        if (idempotent && attempt < MAX_ATTEMPTS) {
          log.info("Alpaca call failed while {} ({}); retrying", what, e.getClass().getSimpleName());
          pacer.pause(backoff.multipliedBy(1L << (attempt - 1)));
          continue;
        }
        throw new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE,
            "Alpaca did not answer while " + what + " (" + e.getClass().getSimpleName() + ")", null, e);
      }
    }
  }

  /** How long a 429 asks to wait: to {@code X-RateLimit-Reset}, else {@code Retry-After}, else backoff. */
  private Duration rateLimitWait(Response response, int attempt) {
    Duration wait = backoff.multipliedBy(1L << (attempt - 1));
    String reset = response.header("X-RateLimit-Reset");
    String retryAfter = response.header("Retry-After");
    try {
      if (reset != null) {
        wait = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip())));
      } else if (retryAfter != null) {
        wait = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
      }
    } catch (NumberFormatException e) {
      // An unreadable header leaves the backoff.
    }
    if (wait.isNegative() || wait.isZero()) {
      wait = backoff;
    }
    return wait.compareTo(MAX_RATE_LIMIT_WAIT) > 0 ? MAX_RATE_LIMIT_WAIT : wait;
  }

  private static HttpUrl url(URI base, String path, Map<String, String> query) {
    HttpUrl root = HttpUrl.get(base.toString());
    HttpUrl.Builder url = root.newBuilder();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        url.addPathSegment(segment);
      }
    }
    query.forEach(url::addQueryParameter);
    return url.build();
  }
}
