package dev.speedtrade.alpaca;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resilience every Alpaca call gets, whether alpaca-java or this adapter makes it: an OkHttp
 * application interceptor on the one client both share.
 *
 * <ul>
 *   <li>Calls to {@code *.alpaca.markets} (alpaca-java's fixed hosts) go to the configured trading
 *       or data URL instead, so that a proxy or a test server sees all of them.
 *   <li>Each attempt first waits for the client-side rate limit, and must have its whole answer
 *       within the configured timeout.
 *   <li>A 429 is waited out (until {@code X-RateLimit-Reset}, or {@code Retry-After}, or with
 *       exponential backoff, at most {@value #MAX_RATE_LIMIT_WAIT_SECONDS} s) and the call made
 *       again: Alpaca did not process it.
 *   <li>Reads (GET) are retried on 5xx answers, dropped connections and timeouts, up to {@value
 *       #MAX_ATTEMPTS} attempts.
 *   <li>Writes are never retried on a lost answer: the caller resolves it (an order is looked up by
 *       its client order id before any resubmission).
 * </ul>
 */
final class AlpacaInterceptor implements Interceptor {
  static final int MAX_ATTEMPTS = 4;
  static final long MAX_RATE_LIMIT_WAIT_SECONDS = 60;
  private static final String ALPACA_DOMAIN = ".alpaca.markets";
  private static final Logger log = LoggerFactory.getLogger(AlpacaInterceptor.class);

  private final HttpUrl tradingUrl;
  private final HttpUrl dataUrl;
  private final RequestPacer pacer;
  private final Clock clock;
  private final Duration backoff;
  private final Duration timeout;

  AlpacaInterceptor(AlpacaConfig config, RequestPacer pacer, Clock clock, Duration backoff) {
    this.timeout = config.timeout();
    this.tradingUrl = HttpUrl.get(config.baseUrl().toString());
    this.dataUrl = HttpUrl.get(config.dataUrl().toString());
    this.pacer = pacer;
    this.clock = clock;
    this.backoff = backoff;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = redirect(chain.request());
    boolean idempotent = request.method().equals("GET");
    for (int attempt = 1; ; attempt++) {
      try {
        pacer.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the Alpaca rate limit");
      }
      Response response;
      try {
        response = buffered(chain.proceed(request));
      } catch (IOException e) {
        if (!idempotent || attempt >= MAX_ATTEMPTS || chain.call().isCanceled()) {
          throw e;
        }
        log.info(
            "Alpaca {} {} failed ({}); retrying",
            request.method(),
            request.url().encodedPath(),
            e.getClass().getSimpleName());
        pause(backoff(attempt));
        continue;
      }
      int status = response.code();
      if (status == 429 && attempt < MAX_ATTEMPTS) {
        Duration wait = rateLimitWait(response, attempt);
        response.close();
        log.info(
            "Alpaca rate limit reached on {} {}; waiting {} ms",
            request.method(),
            request.url().encodedPath(),
            wait.toMillis());
        pacer.pause(wait);
        continue;
      }
      if (status >= 500 && idempotent && attempt < MAX_ATTEMPTS) {
        response.close();
        log.info(
            "Alpaca answered HTTP {} to {} {}; retrying",
            status,
            request.method(),
            request.url().encodedPath());
        pause(backoff(attempt));
        continue;
      }
      return response;
    }
  }

  /**
   * Reads the whole body within the timeout, so that an answer trickling in slowly fails this
   * attempt (and a read is retried) instead of holding the call until its overall bound. A
   * websocket upgrade is left alone.
   */
  private Response buffered(Response response) throws IOException {
    ResponseBody body = response.body();
    if (response.code() == 101 || body == null) {
      return response;
    }
    try (response) {
      BufferedSource source = body.source();
      source.timeout().deadline(timeout.toNanos(), TimeUnit.NANOSECONDS);
      ByteString bytes = source.readByteString();
      return response.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
    }
  }

  /** Sends a call addressed to one of Alpaca's hosts to the configured URL of the same API. */
  Request redirect(Request request) {
    HttpUrl url = request.url();
    if (!url.host().endsWith(ALPACA_DOMAIN)) {
      return request;
    }
    HttpUrl target = url.host().startsWith("data.") ? dataUrl : tradingUrl;
    HttpUrl.Builder rewritten = target.newBuilder().encodedQuery(url.encodedQuery());
    String prefix =
        target.encodedPath().endsWith("/") ? target.encodedPath() : target.encodedPath() + "/";
    rewritten.encodedPath(prefix + url.encodedPath().substring(1));
    return request.newBuilder().url(rewritten.build()).build();
  }

  private Duration backoff(int attempt) {
    return backoff.multipliedBy(1L << (attempt - 1));
  }

  private void pause(Duration pause) {
    pacer.pause(pause);
  }

  /**
   * How long a 429 asks to wait: to {@code X-RateLimit-Reset}, else {@code Retry-After}, else
   * backoff.
   */
  private Duration rateLimitWait(Response response, int attempt) {
    Duration wait = backoff(attempt);
    @Nullable String reset = response.header("X-RateLimit-Reset");
    @Nullable String retryAfter = response.header("Retry-After");
    try {
      if (reset != null) {
        wait =
            Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip())));
      } else if (retryAfter != null) {
        wait = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
      }
    } catch (NumberFormatException e) {
      // An unreadable header leaves the backoff.
    }
    if (wait.isNegative() || wait.isZero()) {
      wait = backoff;
    }
    Duration max = Duration.ofSeconds(MAX_RATE_LIMIT_WAIT_SECONDS);
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
