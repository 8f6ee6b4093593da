package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code speedtrade account} and {@code speedtrade rebalance --broker alpaca} against a
 * MockWebServer.
 */
class AlpacaCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "PKCLITESTKEY0001";
  private static final String SECRET = "cli-test-secret-0123456789";

  private final MockWebServer server = new MockWebServer();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, String> environment = new HashMap<>();

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            String path = request.getRequestUrl().encodedPath();
            if (!KEY.equals(request.getHeader("APCA-API-KEY-ID"))
                || !SECRET.equals(request.getHeader("APCA-API-SECRET-KEY"))) {
              return new MockResponse()
                  .setResponseCode(401)
                  .setBody("{\"code\":40110000,\"message\":\"request is not authorized\"}");
            }
            return switch (path) {
              case "/v2/account" -> fixture("account.json");
              case "/v2/positions" -> fixture("positions.json");
              case "/v2/orders" -> fixture("orders-open.json");
              case "/v2/clock" -> fixture("clock.json");
              case "/v2/calendar" -> fixture("calendar.json");
              case "/v2/stocks/snapshots" -> fixture("snapshots.json");
              default ->
                  new MockResponse()
                      .setResponseCode(404)
                      .setBody("{\"code\":40410000,\"message\":\"not found\"}");
            };
          }
        });
    server.start();
    environment.put("APCA_API_KEY_ID", KEY);
    environment.put("APCA_API_SECRET_KEY", SECRET);
    environment.put("APCA_API_BASE_URL", server.url("/").toString());
    environment.put("APCA_API_DATA_URL", server.url("/").toString());
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static MockResponse fixture(String name) {
    try (InputStream in = AlpacaCommandsTest.class.getResourceAsStream("/alpaca/" + name)) {
      return new MockResponse().setBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SpeedTradeCli.run(new PrintWriter(out), new PrintWriter(err), environment, args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void missingKeysAreOneLineNamingTheVariablesAndExit2() {
    environment.remove("APCA_API_SECRET_KEY");

    for (String[] args : List.of(new String[] {"account"}, new String[] {"account", "--json"})) {
      Result result = run(args);

      assertThat(result.code()).isEqualTo(2);
      assertThat(result.out()).isEmpty();
      assertThat(result.err())
          .isEqualTo(
              "speedtrade: missing Alpaca keys: set APCA_API_KEY_ID and APCA_API_SECRET_KEY"
                  + System.lineSeparator());
    }
    assertThat(requests).isEmpty();
  }

  @Test
  void printsTheAccountItsPositionsAndItsOpenOrders() {
    Result result = run("account");

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("Alpaca paper account 1d9eed04-be39-4e01-9b84-a48ac5bbafcf: ACTIVE")
        .contains("cash 99256.61 USD, equity 101143.11 USD, buying power 198513.22 USD")
        .contains("Positions (1)")
        .containsPattern("AAPL +long +10 +182.4 +188.65 +1886.50 +1824.00")
        .contains("Open orders (3)", "adapter-20261125-0001", "partially_filled")
        .doesNotContain(KEY, SECRET);
    assertThat(requests)
        .extracting(r -> r.getRequestUrl().encodedPath())
        .containsExactly("/v2/account", "/v2/positions", "/v2/orders");
  }

  @Test
  void printsJsonWithExactDecimalStrings() throws IOException {
    Result result = run("account", "--json", "--live");

    assertThat(result.code()).isZero();
    JsonNode json = JSON.readTree(result.out());
    assertThat(json.get("mode").asText()).isEqualTo("live");
    assertThat(json.get("account").get("cash").asText()).isEqualTo("99256.61");
    assertThat(json.get("account").get("buyingPower").asText()).isEqualTo("198513.22");
    assertThat(json.get("positions").get(0).get("avgEntryPrice").asText()).isEqualTo("182.4");
    assertThat(json.get("openOrders")).hasSize(3);
    assertThat(json.get("openOrders").get(0).get("clientOrderId").isTextual()).isTrue();
  }

  @Test
  void aLiveRebalanceNeedsTheOptInAndSendsNothingWithoutIt() throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"user\": \"demo\", \"investments\": [], \"allocations\": {}}");

    Result result =
        run("rebalance", "--config", config.toString(), "--broker", "alpaca", "--mode", "live");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "speedtrade: --mode live on Alpaca trades real money: set SPEEDTRADE_LIVE_TRADING=");
    assertThat(requests).isEmpty();
  }

  @Test
  void aDryRunRebalanceOnAlpacaReadsAndPlacesNothing() throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(
        config,
        """
        {"user": "demo", "settings": {"fallbackTicker": "SPY"},
         "investments": [{"botId": "growth", "amount": "50", "weightMode": "percent"}],
         "allocations": {"growth": {"AAPL": "0.5", "SPY": "0.5"}}}
        """);

    Result result =
        run(
            "rebalance",
            "--config",
            config.toString(),
            "--broker",
            "alpaca",
            "--dry-run",
            "--json");

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    JsonNode json = JSON.readTree(result.out());
    assertThat(json.get("outcome").asText()).isEqualTo("DRY_RUN");
    assertThat(json.get("plan").get("equity").asText()).isEqualTo("101143.11");
    assertThat(requests).extracting(RecordedRequest::getMethod).containsOnly("GET");
    assertThat(requests)
        .extracting(r -> r.getRequestUrl().encodedPath())
        .containsExactly("/v2/account", "/v2/positions", "/v2/stocks/snapshots");
  }
}
