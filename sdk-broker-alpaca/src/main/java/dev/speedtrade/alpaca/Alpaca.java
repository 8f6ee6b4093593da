package dev.speedtrade.alpaca;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import net.jacobpeterson.alpaca.model.endpoint.common.enums.SortDirection;
import net.jacobpeterson.alpaca.model.endpoint.orders.enums.CurrentOrderStatus;
import net.jacobpeterson.alpaca.rest.AlpacaClient;
import net.jacobpeterson.alpaca.rest.endpoint.orders.OrdersEndpoint;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * One Alpaca account, connected: its {@link #broker()}, {@link #marketData()} and {@link
 * #marketClock()} share one HTTP client, one client-side rate limit and one trade update stream.
 * The stream's websocket is open only while a subscription is: it opens with the first {@code
 * broker().subscribe(...)} and closes when the last subscription closes.
 *
 * <pre>{@code
 * AlpacaConfig config = AlpacaConfig.paper(AlpacaCredentials.fromEnvironment(System.getenv()))
 *     .withEnvironment(System.getenv());
 * try (Alpaca alpaca = Alpaca.connect(config)) {
 *   Account account = alpaca.broker().account();
 * }
 * }</pre>
 *
 * <p>Paper trading is the default; a live account needs {@link AlpacaConfig#live}. REST calls go
 * through alpaca-java (on this SDK's OkHttp) where it covers them, and directly otherwise; see
 * {@code docs/alpaca.md}. Thread-safe; {@link #close()} stops the trade update stream.
 */
public final class Alpaca implements AutoCloseable {
  private final AlpacaConfig config;
  private final AlpacaBroker broker;
  private final AlpacaMarketData marketData;
  private final AlpacaMarketClock marketClock;
  private final TradeUpdateStream stream;

  private Alpaca(Builder builder) {
    this.config = builder.config;
    OkHttpClient client =
        AlpacaHttp.client(config, builder.httpClient, builder.clock, builder.retryBackoff);
    String subdomain = config.live() ? "api" : "paper-api";
    AlpacaClient trading =
        new AlpacaClient(
            client,
            config.credentials().keyId(),
            config.credentials().secretKey(),
            subdomain,
            "v2");
    OrdersEndpoint orders = new OrdersEndpoint(trading);
    OkHttpClient streamClient =
        builder.streamDispatcher == null
            ? builder.httpClient
            : builder.httpClient.newBuilder().dispatcher(builder.streamDispatcher).build();
    this.stream =
        new TradeUpdateStream(
            streamClient,
            config.baseUrl(),
            config.credentials(),
            () ->
                AlpacaErrors.call(
                    "polling recent orders",
                    AlpacaErrors.Missing.OTHER,
                    () ->
                        orders.get(
                            CurrentOrderStatus.ALL,
                            500,
                            null,
                            null,
                            SortDirection.DESCENDING,
                            false,
                            null)),
            builder.pollInterval,
            builder.streamBackoff,
            builder.clock);
    AlpacaHttp http = new AlpacaHttp(client, config.credentials());
    this.broker = new AlpacaBroker(trading, http, config.baseUrl(), stream);
    this.marketData = new AlpacaMarketData(http, config.dataUrl(), config.feed());
    this.marketClock = new AlpacaMarketClock(trading);
  }

  /** Connects with the defaults; same as {@code builder(config).build()}. Makes no call yet. */
  public static Alpaca connect(AlpacaConfig config) {
    return builder(config).build();
  }

  /** Returns a builder for an adapter on {@code config}. */
  public static Builder builder(AlpacaConfig config) {
    return new Builder(config);
  }

  /** The account's orders, positions and trade updates. */
  public AlpacaBroker broker() {
    return broker;
  }

  /** Snapshots from the configured data URL and feed. */
  public AlpacaMarketData marketData() {
    return marketData;
  }

  /** Alpaca's market clock and calendar. */
  public AlpacaMarketClock marketClock() {
    return marketClock;
  }

  /** The configuration this adapter runs on. */
  public AlpacaConfig config() {
    return config;
  }

  /** Stops the trade update stream and its poller. REST calls made later still work. */
  @Override
  public void close() {
    stream.close();
  }

  /** Whether the trade update stream runs: a subscription is open. */
  boolean isStreamRunning() {
    return stream.isRunning();
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return stream.isClosed();
  }

  @Override
  public String toString() {
    return "Alpaca{" + config + "}";
  }

  /** Options of an {@link Alpaca} adapter; every one has a default. */
  public static final class Builder {
    private final AlpacaConfig config;
    private OkHttpClient httpClient = SharedClient.INSTANCE;
    private Clock clock = Clock.systemUTC();
    private Duration retryBackoff = Duration.ofMillis(500);
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration streamBackoff = Duration.ofSeconds(1);
    private @Nullable Dispatcher streamDispatcher;

    private Builder(AlpacaConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The OkHttp client whose connection pool and dispatcher the adapter uses (it adds its own
     * timeouts and interceptor to a derived client). Default: one shared by all adapters.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * The clock that reads {@code X-RateLimit-Reset} and timestamps polled updates. Default: UTC.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The first wait before a read is retried; it doubles per attempt. Default 500 ms. */
    public Builder retryBackoff(Duration retryBackoff) {
      this.retryBackoff = positive(retryBackoff, "retryBackoff");
      return this;
    }

    /** How often orders are polled while the trade update stream is down. Default 5 s. */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /**
     * The first wait before the stream reconnects; it doubles per failure, up to 30 s. Default 1 s.
     */
    public Builder streamBackoff(Duration streamBackoff) {
      this.streamBackoff = positive(streamBackoff, "streamBackoff");
      return this;
    }

    /**
     * The dispatcher the trade update stream's websocket runs on, instead of {@link #httpClient}'s:
     * OkHttp keeps an open websocket among its dispatcher's running calls, so streams of many
     * accounts get a dispatcher of their own that does not crowd out other calls.
     */
    Builder streamDispatcher(Dispatcher streamDispatcher) {
      this.streamDispatcher = Objects.requireNonNull(streamDispatcher, "streamDispatcher");
      return this;
    }

    /** Builds the adapter. It makes no call until one of its methods is used. */
    public Alpaca build() {
      return new Alpaca(this);
    }

    static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, name + " must be positive, got " + duration);
      }
      return duration;
    }
  }

  static final class SharedClient {
    static final OkHttpClient INSTANCE = new OkHttpClient();
  }
}
