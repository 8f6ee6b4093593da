package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alpaca's REST calls against a MockWebServer: headers, retries, 429s, errors, and the secret. */
class AlpacaHttpTest {
  private static final String KEY = "PKRECOGNISABLEKEY0001";
  private static final String SECRET = "recognisable-SECRET-value-0123456789";

  private final MockWebServer server = new MockWebServer();
  private AlpacaHttp http;
  private URI base;

  @BeforeEach
  void start() throws IOException {
    server.start();
    base = URI.create(server.url("/").toString());
    AlpacaConfig config =
        AlpacaConfig.paper(AlpacaCredentials.of(KEY, SECRET))
            .withBaseUrl(base)
            .withTimeout(Duration.ofMillis(800))
            .withRequestsPerMinute(6000);
    http = new AlpacaHttp(config, new OkHttpClient(), Clock.systemUTC(), Duration.ofMillis(20));
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = AlpacaHttpTest.class.getResourceAsStream("/alpaca/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void sendsTheKeyHeadersAndReturnsTheBody() throws Exception {
    server.enqueue(new MockResponse().setBody(fixture("account.json")));

    AlpacaHttp.Answer answer =
        http.get(base, "/v2/account", Map.of(), "reading the account", AlpacaErrors.Missing.OTHER);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("\"buying_power\"");
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getPath()).isEqualTo("/v2/account");
    assertThat(request.getHeader("APCA-API-KEY-ID")).isEqualTo(KEY);
    assertThat(request.getHeader("APCA-API-SECRET-KEY")).isEqualTo(SECRET);
  }

  @Test
  void aReadIsRetriedOnA5xxAndOnADroppedConnection() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setBody(fixture("clock.json")));

    AlpacaHttp.Answer answer =
        http.get(base, "/v2/clock", Map.of(), "reading the clock", AlpacaErrors.Missing.OTHER);

    assertThat(answer.body()).contains("is_open");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aWriteIsNotRetriedWhenItsAnswerIsLost() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setBody("{}"));

    assertThatThrownBy(
            () ->
                http.send(
                    "POST",
                    base,
                    "/v2/orders",
                    "{\"symbol\":\"SPY\"}",
                    "submitting an order",
                    AlpacaErrors.Missing.ORDER))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aWriteAnswered503IsNotRetriedEither() {
    server.enqueue(new MockResponse().setResponseCode(503));

    assertThatThrownBy(
            () ->
                http.send(
                    "DELETE",
                    base,
                    "/v2/orders",
                    null,
                    "canceling orders",
                    AlpacaErrors.Missing.OTHER))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void a429IsWaitedOutUntilTheResetTheHeadersGiveAndTheCallMadeAgain() throws Exception {
    long reset = System.currentTimeMillis() / 1000 + 2;
    server.enqueue(
        new MockResponse()
            .setResponseCode(429)
            .setBody(fixture("error-rate-limit.json"))
            .addHeader("X-RateLimit-Limit", "200")
            .addHeader("X-RateLimit-Remaining", "0")
            .addHeader("X-RateLimit-Reset", String.valueOf(reset)));
    server.enqueue(new MockResponse().setBody(fixture("order.json")));

    long startMillis = System.currentTimeMillis();
    AlpacaHttp.Answer answer =
        http.send(
            "POST", base, "/v2/orders", "{}", "submitting an order", AlpacaErrors.Missing.ORDER);
    long waitedMillis = System.currentTimeMillis() - startMillis;

    assertThat(answer.body()).contains("client_order_id");
    assertThat(server.getRequestCount()).isEqualTo(2);
    // The header counts whole seconds: the wait reaches at least the start of the reset second.
    assertThat(waitedMillis).isGreaterThanOrEqualTo(reset * 1000 - startMillis - 1000);
  }

  @Test
  void anErrorAnswerBecomesATypedExceptionWithoutTheSecret() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(403)
            .setBody(fixture("error-insufficient-buying-power.json")));

    assertThatThrownBy(
            () ->
                http.send(
                    "POST",
                    base,
                    "/v2/orders",
                    "{}",
                    "submitting an order",
                    AlpacaErrors.Missing.ORDER))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_BUYING_POWER);
              assertThat(e.providerCode()).contains("40310000");
              assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(KEY);
            });
  }

  @Test
  void aSilentServerTimesOutWithinTheBoundAndReadsGiveUpAfterTheirAttempts() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }

    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                http.get(
                    base,
                    "/v2/positions",
                    Map.of(),
                    "reading positions",
                    AlpacaErrors.Missing.OTHER))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
              assertThat(e.getMessage()).doesNotContain(SECRET);
            });
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
