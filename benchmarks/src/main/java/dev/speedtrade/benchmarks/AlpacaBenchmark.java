package dev.speedtrade.benchmarks;

import dev.speedtrade.alpaca.Alpaca;
import dev.speedtrade.alpaca.AlpacaConfig;
import dev.speedtrade.alpaca.AlpacaCredentials;
import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.Snapshot;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Alpaca adapter costs on top of the HTTP call itself: each adapter call (alpaca-java on
 * OkHttp, the interceptor, Gson, the mapping to exact values) beside a raw OkHttp call that fetches
 * the same answer from the same local server and only reads its body. Alpaca's own latency (tens of
 * milliseconds) dwarfs both; the ratio says whether the adapter adds anything worth noticing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AlpacaBenchmark {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final List<String> TEN =
      List.of("AAPL", "SPY", "QQQ", "TLT", "BIL", "SGOV", "SH", "MSFT", "NVDA", "IWM");

  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient raw = new OkHttpClient();
  private Alpaca alpaca;
  private String base;
  private OrderRequest order;

  /** Starts the server and the adapter. */
  @Setup(Level.Trial)
  public void start() throws IOException {
    Map<String, String> answers =
        Map.of(
            "/v2/account", fixture("account.json"),
            "/v2/orders", fixture("order.json"),
            "/v2/stocks/snapshots", fixture("snapshots.json"));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse().setBody(answers.get(request.getRequestUrl().encodedPath()));
          }
        });
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.start();
    base = server.url("/").toString();
    URI url = URI.create(base);
    alpaca =
        Alpaca.connect(
            AlpacaConfig.paper(AlpacaCredentials.of("PKBENCHMARK", "benchmark-secret"))
                .withBaseUrl(url)
                .withDataUrl(url)
                .withRequestsPerMinute(Integer.MAX_VALUE));
    order =
        OrderRequest.builder()
            .symbol("AAPL")
            .side(OrderSide.BUY)
            .qty(Quantity.of(10))
            .type(OrderType.LIMIT)
            .limitPrice(Price.of("185.50"))
            .timeInForce(TimeInForce.DAY)
            .clientOrderId("bench-1")
            .build();
  }

  /** Stops them. */
  @TearDown(Level.Trial)
  public void stop() throws IOException {
    alpaca.close();
    server.shutdown();
  }

  /**
   * Server sockets whose connections send at once: MockWebServer writes headers and body
   * separately, and with Nagle's algorithm on the server and delayed ACKs on the client every call
   * would wait about 40 ms, measuring TCP instead of either client.
   */
  private static final class NoDelayServerSockets extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      throw new UnsupportedOperationException();
    }
  }

  private static String fixture(String name) {
    try (InputStream in = AlpacaBenchmark.class.getResourceAsStream("/alpaca/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String rawCall(Request request) throws IOException {
    try (Response response = raw.newCall(request).execute()) {
      return response.body().string();
    }
  }

  /** The floor: GET /v2/account, body read as a string. */
  @Benchmark
  public String rawAccount() throws IOException {
    return rawCall(
        new Request.Builder()
            .url(base + "v2/account")
            .header("APCA-API-KEY-ID", "PKBENCHMARK")
            .build());
  }

  /** {@code broker().account()}. */
  @Benchmark
  public Account adapterAccount() {
    return alpaca.broker().account();
  }

  /** The floor: POST /v2/orders, body read as a string. */
  @Benchmark
  public String rawSubmit() throws IOException {
    return rawCall(
        new Request.Builder()
            .url(base + "v2/orders")
            .post(RequestBody.create("{\"symbol\":\"AAPL\",\"qty\":\"10\"}", JSON))
            .build());
  }

  /** {@code broker().submitOrder(...)}, the guarded conversion included. */
  @Benchmark
  public BrokerOrder adapterSubmit() {
    return alpaca.broker().submitOrder(order);
  }

  /** The floor: GET /v2/stocks/snapshots for ten symbols, body read as a string. */
  @Benchmark
  public String rawSnapshots() throws IOException {
    return rawCall(
        new Request.Builder()
            .url(base + "v2/stocks/snapshots?feed=iex&symbols=" + String.join(",", TEN))
            .build());
  }

  /** {@code marketData().snapshots(ten symbols)}, every number read exactly. */
  @Benchmark
  public Map<String, Snapshot> adapterSnapshots() {
    return alpaca.marketData().snapshots(TEN);
  }
}
