package dev.speedtrade.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.SymbolWeight;
import dev.speedtrade.secret.Secret;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP source against a MockWebServer: shapes, failures, timeouts, and the token. */
class HttpAllocationSourceTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final String SECRET = "sk-signals-SECRET-4242";

  private final MockWebServer server = new MockWebServer();
  private HttpAllocationSource source;

  @BeforeEach
  void start() throws IOException {
    server.start();
    source =
        HttpAllocationSource.builder()
            .urlTemplate(
                "http://" + server.getHostName() + ":" + server.getPort() + "/bots/{botId}/weights")
            .bearerToken(Secret.of(SECRET))
            .timeout(Duration.ofMillis(500))
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static List<SymbolWeight> weights(Allocation allocation) {
    assertThat(allocation).as(allocation.toString()).isInstanceOf(Allocation.Weights.class);
    return ((Allocation.Weights) allocation).weights();
  }

  private static String failure(Allocation allocation) {
    assertThat(allocation).isInstanceOf(Allocation.Failed.class);
    return ((Allocation.Failed) allocation).reason();
  }

  @Test
  void readsAnObjectOfWeightsExactlyAndSendsTheDateAndTheToken() throws InterruptedException {
    server.enqueue(
        new MockResponse()
            .setBody("{\"SPY\": 0.6000000000000000000001, \"TLT\": \"0.3\", \"spy\": 1e-1}"));

    Allocation allocation = source.allocation("momentum", DAY);

    assertThat(weights(allocation))
        .containsExactly(
            new SymbolWeight("SPY", new BigDecimal("0.6000000000000000000001")),
            new SymbolWeight("TLT", new BigDecimal("0.3")),
            new SymbolWeight("spy", new BigDecimal("1e-1")));
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getPath()).isEqualTo("/bots/momentum/weights?date=2026-11-24");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET);
  }

  @Test
  void turnsARankedListIntoHarmonicWeightsThatSumToOne() {
    server.enqueue(new MockResponse().setBody("[\"QQQ\", \"SPY\", \"TLT\"]"));

    List<SymbolWeight> weights = weights(source.allocation("ranked", DAY));

    // 1, 1/2, 1/3 over 11/6: 6/11, 3/11, 2/11.
    assertThat(weights).extracting(SymbolWeight::symbol).containsExactly("QQQ", "SPY", "TLT");
    assertThat(weights.get(0).weight())
        .isCloseTo(
            new BigDecimal("0.545454545454545454545454"),
            org.assertj.core.api.Assertions.within(new BigDecimal("1e-20")));
    assertThat(weights.get(2).weight())
        .isCloseTo(
            new BigDecimal("0.181818181818181818181818"),
            org.assertj.core.api.Assertions.within(new BigDecimal("1e-20")));
    BigDecimal sum =
        weights.stream().map(SymbolWeight::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(sum)
        .isCloseTo(BigDecimal.ONE, org.assertj.core.api.Assertions.within(new BigDecimal("1e-30")));
  }

  @Test
  void anEmptyObjectIsValidAndMeansAllCash() {
    server.enqueue(new MockResponse().setBody("{}"));

    assertThat(weights(source.allocation("cash", DAY))).isEmpty();
  }

  @Test
  void aServerErrorFailsTheBotWithItsStatus() {
    server.enqueue(
        new MockResponse().setResponseCode(500).setBody("{\"error\": \"backtest crashed\"}"));

    assertThat(failure(source.allocation("b", DAY))).isEqualTo("signal service answered HTTP 500");
  }

  @Test
  void malformedJsonAndNonNumbersFailTheBot() {
    server.enqueue(new MockResponse().setBody("{\"SPY\": 0.5,"));
    server.enqueue(new MockResponse().setBody("{\"SPY\": true}"));
    server.enqueue(new MockResponse().setBody("{\"SPY\": \"half\"}"));
    server.enqueue(new MockResponse().setBody("[\"SPY\", 3]"));
    server.enqueue(new MockResponse().setBody("42"));
    server.enqueue(new MockResponse().setBody("null"));

    assertThat(failure(source.allocation("b", DAY))).startsWith("malformed JSON");
    assertThat(failure(source.allocation("b", DAY))).isEqualTo("weight for SPY is not a number");
    assertThat(failure(source.allocation("b", DAY))).isEqualTo("weight for SPY is not a number");
    assertThat(failure(source.allocation("b", DAY)))
        .isEqualTo("ranked list entry 1 is not a symbol");
    assertThat(failure(source.allocation("b", DAY))).startsWith("malformed allocation");
    assertThat(failure(source.allocation("b", DAY))).isEqualTo("no allocation");
  }

  @Test
  void aWeightOfAnAbsurdSizeOrLengthFailsTheBotQuickly() {
    server.enqueue(new MockResponse().setBody("{\"SPY\": 1e1000000000}"));
    server.enqueue(new MockResponse().setBody("{\"SPY\": \"1e-1000000000\"}"));
    server.enqueue(new MockResponse().setBody("{\"SPY\": \"0." + "1".repeat(200) + "\"}"));

    assertThat(failure(source.allocation("b", DAY)))
        .isEqualTo("weight of SPY must be at most 1e15 in size, got 1E+1000000000");
    assertThat(failure(source.allocation("b", DAY)))
        .isEqualTo("weight of SPY must have at most 60 decimals, got 1E-1000000000");
    assertThat(failure(source.allocation("b", DAY)))
        .isEqualTo("weight for SPY is longer than 100 characters");
  }

  @Test
  void aSlowBodyTimesOutWithinTheBound() {
    server.enqueue(
        new MockResponse().setBody("{\"SPY\": 0.5}").throttleBody(1, 1, TimeUnit.SECONDS));

    long start = System.nanoTime();
    String reason = failure(source.allocation("slow", DAY));

    assertThat(reason).isEqualTo("signal service timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aServerThatNeverAnswersTimesOut() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    assertThat(failure(source.allocation("silent", DAY))).isEqualTo("signal service timed out");
  }

  @Test
  void aDroppedConnectionFailsTheBot() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

    assertThat(failure(source.allocation("dropped", DAY))).startsWith("signal service");
  }

  @Test
  void aBotWithoutAUrlFailsAndTheTokenNeverShows() {
    HttpAllocationSource mapped =
        HttpAllocationSource.builder()
            .urls(Map.of("known", server.url("/known").toString()))
            .bearerToken(Secret.of(SECRET))
            .build();

    assertThat(failure(mapped.allocation("unknown", DAY)))
        .isEqualTo("no signal URL for bot unknown");
    assertThat(mapped.toString()).doesNotContain(SECRET);
    assertThat(Secret.of(SECRET).toString()).doesNotContain(SECRET);
  }
}
