package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives every path of the adapter, failures included, with a recognisable key id and secret, and
 * checks that neither reaches a log line (all levels, captured from slf4j-simple's stderr), an
 * exception's message, stack trace or causes, or any {@code toString()}.
 */
class AlpacaSecretsTest {
  private final MockWebServer server = new MockWebServer();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final List<Throwable> failures = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();
  private PrintStream stderr;

  @BeforeEach
  void capture() throws IOException {
    stderr = System.err;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    server.start();
  }

  @AfterEach
  void release() throws IOException {
    System.setErr(stderr);
    server.shutdown();
  }

  private Alpaca connect(AlpacaConfig config) {
    URI url = URI.create(server.url("/").toString());
    Alpaca alpaca =
        Alpaca.builder(
                config
                    .withBaseUrl(url)
                    .withDataUrl(url)
                    .withTimeout(Duration.ofMillis(500))
                    .withRequestsPerMinute(60_000))
            .retryBackoff(Duration.ofMillis(5))
            .pollInterval(Duration.ofMillis(20))
            .streamBackoff(Duration.ofMillis(20))
            .build();
    values.add(alpaca);
    values.add(alpaca.broker());
    values.add(alpaca.marketData());
    values.add(alpaca.marketClock());
    return alpaca;
  }

  private void attempt(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  private void answer(int status, String body) {
    server.enqueue(new MockResponse().setResponseCode(status).setBody(body));
  }

  private static OrderRequest order(String clientOrderId) {
    return OrderRequest.builder()
        .symbol("AAPL")
        .side(OrderSide.BUY)
        .qty(Quantity.of(1))
        .type(OrderType.LIMIT)
        .limitPrice(Price.of("185.50"))
        .timeInForce(TimeInForce.DAY)
        .clientOrderId(clientOrderId)
        .build();
  }

  @Test
  void neitherTheKeyIdNorTheSecretLeavesThroughAnyPath() throws Exception {
    AlpacaCredentials credentials = AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET);
    values.add(credentials);
    values.add(AlpacaConfig.paper(credentials));
    values.add(AlpacaConfig.live(credentials, LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY));
    attempt(() -> AlpacaConfig.live(credentials, null));
    attempt(() -> AlpacaConfig.paper(credentials).withBaseUrl(AlpacaConfig.LIVE_URL));
    attempt(() -> AlpacaCredentials.of(Fixtures.KEY + "\n", Fixtures.SECRET));
    attempt(() -> AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET + "\r"));
    attempt(() -> AlpacaCredentials.fromEnvironment(Map.of("APCA_API_KEY_ID", Fixtures.KEY)));
    attempt(
        () ->
            AlpacaConfig.paper(credentials)
                .withEnvironment(Map.of("APCA_API_BASE_URL", "ftp://" + Fixtures.SECRET)));
    failures.removeIf(e -> e.getMessage().contains("ftp://"));

    Alpaca alpaca = connect(AlpacaConfig.paper(credentials));
    answer(200, Fixtures.read("account.json"));
    values.add(alpaca.broker().account());
    answer(401, Fixtures.read("error-unauthorized.json"));
    attempt(() -> alpaca.broker().account());
    answer(403, Fixtures.read("error-insufficient-buying-power.json"));
    attempt(() -> alpaca.broker().submitOrder(order("secrets-1")));
    server.enqueue(
        new MockResponse()
            .setResponseCode(429)
            .setBody(Fixtures.read("error-rate-limit.json"))
            .setHeader("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond())));
    answer(200, Fixtures.read("order.json"));
    values.add(alpaca.broker().submitOrder(order("secrets-2")));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    answer(404, Fixtures.read("error-not-found.json"));
    answer(500, "{\"message\":\"internal server error\"}");
    for (int i = 0; i < AlpacaInterceptor.MAX_ATTEMPTS; i++) {
      answer(503, "");
    }
    attempt(() -> alpaca.broker().submitOrder(order("secrets-3")));
    for (int i = 0; i < AlpacaInterceptor.MAX_ATTEMPTS; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }
    attempt(() -> alpaca.broker().positions());
    answer(200, "{not json");
    attempt(() -> alpaca.marketData().snapshots(List.of("AAPL")));
    answer(200, "[{\"id\": 1}]");
    attempt(() -> alpaca.broker().openOrders());
    answer(422, Fixtures.read("error-unprocessable.json"));
    attempt(() -> alpaca.broker().asset("NOPE"));
    alpaca.close();

    server.setDispatcher(new RefusingStream());
    Alpaca streaming = connect(AlpacaConfig.paper(credentials));
    CountDownLatch refusals = new CountDownLatch(1);
    RefusingStream.refused = refusals;
    CountDownLatch told = new CountDownLatch(1);
    List<Throwable> streamFailures = new CopyOnWriteArrayList<>();
    values.add(
        streaming
            .broker()
            .subscribe(
                new TradeUpdateListener() {
                  @Override
                  public void onEvent(TradeUpdate update) {
                    values.add(update);
                  }

                  @Override
                  public void onStreamFailure(SpeedTradeException failure) {
                    streamFailures.add(failure);
                    told.countDown();
                  }
                }));
    assertThat(refusals.await(5, TimeUnit.SECONDS)).as("the stream was refused").isTrue();
    assertThat(told.await(5, TimeUnit.SECONDS)).as("the listener was told").isTrue();
    failures.addAll(streamFailures);
    streaming.close();

    String logged = logs.toString(StandardCharsets.UTF_8);
    assertThat(logged)
        .as("the capture works")
        .contains("rate limit", "was lost", "refused the trade update stream");
    assertThat(failures).hasSizeGreaterThanOrEqualTo(10);
    for (Throwable failure : failures) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      assertThat(trace.toString())
          .as("exception %s", failure.getClass())
          .doesNotContain(Fixtures.KEY, Fixtures.SECRET);
    }
    for (Object value : values) {
      assertThat(String.valueOf(value)).doesNotContain(Fixtures.KEY, Fixtures.SECRET);
    }
    assertThat(logged).doesNotContain(Fixtures.KEY, Fixtures.SECRET);
  }

  /** A stream that refuses the credentials it is sent. */
  private static final class RefusingStream extends Dispatcher {
    static volatile CountDownLatch refused = new CountDownLatch(0);

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (request.getPath() != null && request.getPath().startsWith("/stream")) {
        return new MockResponse()
            .withWebSocketUpgrade(
                new WebSocketListener() {
                  @Override
                  public void onMessage(WebSocket webSocket, String text) {
                    webSocket.send(
                        ByteString.encodeUtf8(
                            "{\"stream\":\"authorization\",\"data\":{\"action\":\"authenticate\","
                                + "\"message\":\"must provide key_id and secret_key or oauth_token\",\"status\":\"unauthorized\"}}"));
                    refused.countDown();
                  }

                  @Override
                  public void onClosing(WebSocket webSocket, int code, String reason) {
                    webSocket.close(1000, null);
                  }

                  @Override
                  public void onOpen(WebSocket webSocket, Response response) {}
                });
      }
      return new MockResponse().setResponseCode(500).setBody("{\"message\":\"down\"}");
    }
  }
}
