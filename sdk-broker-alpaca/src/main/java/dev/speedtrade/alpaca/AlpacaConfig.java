package dev.speedtrade.alpaca;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the Alpaca adapter connects: credentials, endpoints, data feed, timeouts and rate limit.
 * Paper trading is the default: {@link #paper} needs only credentials, and {@link #live} needs the
 * {@link LiveTrading} opt-in as well. The two URLs may be pointed elsewhere (a proxy, a test
 * server), as {@code APCA_API_BASE_URL} and {@code APCA_API_DATA_URL} do for Alpaca's own clients.
 * Immutable; {@link #toString()} shows no secret. A class rather than a record, so that no public
 * constructor can set {@link #live()} without the opt-in.
 */
public final class AlpacaConfig {

  /** Alpaca's paper trading endpoint. */
  public static final URI PAPER_URL = URI.create("https://paper-api.alpaca.markets");

  /** Alpaca's live trading endpoint. */
  public static final URI LIVE_URL = URI.create("https://api.alpaca.markets");

  /** Alpaca's market data endpoint. */
  public static final URI DATA_URL = URI.create("https://data.alpaca.markets");

  /** The environment variable Alpaca's clients read another trading URL from. */
  public static final String BASE_URL_VARIABLE = "APCA_API_BASE_URL";

  /** The environment variable Alpaca's clients read another data URL from. */
  public static final String DATA_URL_VARIABLE = "APCA_API_DATA_URL";

  private final AlpacaCredentials credentials;
  private final boolean live;
  private final URI baseUrl;
  private final URI dataUrl;
  private final MarketDataFeed feed;
  private final Duration timeout;
  private final int requestsPerMinute;

  private AlpacaConfig(
      AlpacaCredentials credentials,
      boolean live,
      URI baseUrl,
      URI dataUrl,
      MarketDataFeed feed,
      Duration timeout,
      int requestsPerMinute) {
    require(credentials != null, "credentials are required");
    require(baseUrl != null && isHttp(baseUrl), "baseUrl must be an http(s) URL, got " + baseUrl);
    require(dataUrl != null && isHttp(dataUrl), "dataUrl must be an http(s) URL, got " + dataUrl);
    require(feed != null, "feed is required");
    require(
        timeout != null && !timeout.isNegative() && !timeout.isZero(),
        "timeout must be positive, got " + timeout);
    require(requestsPerMinute > 0, "requestsPerMinute must be positive, got " + requestsPerMinute);
    if (!live && LIVE_URL.getHost().equalsIgnoreCase(baseUrl.getHost())) {
      throw new SpeedTradeException(
          ErrorCode.FORBIDDEN,
          "a paper configuration cannot use the live endpoint "
              + LIVE_URL
              + "; use AlpacaConfig.live(...)");
    }
    this.credentials = credentials;
    this.live = live;
    this.baseUrl = baseUrl;
    this.dataUrl = dataUrl;
    this.feed = feed;
    this.timeout = timeout;
    this.requestsPerMinute = requestsPerMinute;
  }

  /** Returns the key id and secret key (redacted when printed). */
  public AlpacaCredentials credentials() {
    return credentials;
  }

  /**
   * Returns true for the live endpoint: only {@link #live(AlpacaCredentials, LiveTrading)} sets it.
   */
  public boolean live() {
    return live;
  }

  /** Returns the Trading API's base URL. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** Returns the Market Data API's base URL. */
  public URI dataUrl() {
    return dataUrl;
  }

  /** Returns the stock data feed. */
  public MarketDataFeed feed() {
    return feed;
  }

  /** Returns the bound of each HTTP call, connect to the last byte. */
  public Duration timeout() {
    return timeout;
  }

  /** Returns the client-side rate limit (Alpaca allows about 200 requests a minute per account). */
  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  /* Paper: Alpaca's endpoints, the IEX feed, 10 s calls, 200 calls a minute. */
  /**
   * Returns a paper trading configuration.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for null credentials
   */
  public static AlpacaConfig paper(AlpacaCredentials credentials) {
    return new AlpacaConfig(
        credentials, false, PAPER_URL, DATA_URL, MarketDataFeed.IEX, Duration.ofSeconds(10), 200);
  }

  /**
   * Returns a live trading configuration: real money. The opt-in must be passed by name.
   *
   * @throws SpeedTradeException {@link ErrorCode#FORBIDDEN} without the opt-in
   */
  public static AlpacaConfig live(AlpacaCredentials credentials, @Nullable LiveTrading optIn) {
    if (optIn != LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY) {
      throw new SpeedTradeException(
          ErrorCode.FORBIDDEN,
          "live trading needs LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY; the default is paper");
    }
    return new AlpacaConfig(
        credentials, true, LIVE_URL, DATA_URL, MarketDataFeed.IEX, Duration.ofSeconds(10), 200);
  }

  /**
   * Returns this configuration with the endpoints {@value #BASE_URL_VARIABLE} and {@value
   * #DATA_URL_VARIABLE} name in {@code environment}, where set (pass {@code System.getenv()}).
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} naming the variable whose value
   *     is not an http(s) URL; {@link ErrorCode#FORBIDDEN} when a paper configuration would point
   *     at the live endpoint
   */
  public AlpacaConfig withEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    AlpacaConfig config = this;
    String base = environment.get(BASE_URL_VARIABLE);
    if (base != null && !base.isBlank()) {
      config = config.withBaseUrl(url(base, BASE_URL_VARIABLE));
    }
    String data = environment.get(DATA_URL_VARIABLE);
    if (data != null && !data.isBlank()) {
      config = config.withDataUrl(url(data, DATA_URL_VARIABLE));
    }
    return config;
  }

  private static URI url(String text, String variable) {
    try {
      URI url = new URI(text.strip());
      require(isHttp(url), variable + " must be an http(s) URL, got " + text.strip());
      return url;
    } catch (URISyntaxException e) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, variable + " must be an http(s) URL, got " + text.strip());
    }
  }

  /** Returns this configuration with another Trading API URL (a proxy, a test server). */
  public AlpacaConfig withBaseUrl(URI url) {
    Objects.requireNonNull(url, "url");
    return new AlpacaConfig(credentials, live, url, dataUrl, feed, timeout, requestsPerMinute);
  }

  /** Returns this configuration with another Market Data API URL. */
  public AlpacaConfig withDataUrl(URI url) {
    Objects.requireNonNull(url, "url");
    return new AlpacaConfig(credentials, live, baseUrl, url, feed, timeout, requestsPerMinute);
  }

  /** Returns this configuration on {@code feed}. */
  public AlpacaConfig withFeed(MarketDataFeed feed) {
    Objects.requireNonNull(feed, "feed");
    return new AlpacaConfig(credentials, live, baseUrl, dataUrl, feed, timeout, requestsPerMinute);
  }

  /** Returns this configuration with each call bounded by {@code timeout}. */
  public AlpacaConfig withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return new AlpacaConfig(credentials, live, baseUrl, dataUrl, feed, timeout, requestsPerMinute);
  }

  /** Returns this configuration with a client-side limit of {@code requestsPerMinute}. */
  public AlpacaConfig withRequestsPerMinute(int requestsPerMinute) {
    return new AlpacaConfig(credentials, live, baseUrl, dataUrl, feed, timeout, requestsPerMinute);
  }

  private static boolean isHttp(URI url) {
    return ("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))
        && url.getHost() != null;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, Objects.requireNonNull(message));
    }
  }

  @Override
  public String toString() {
    return "AlpacaConfig{"
        + (live ? "LIVE" : "paper")
        + ", baseUrl="
        + baseUrl
        + ", dataUrl="
        + dataUrl
        + ", feed="
        + feed
        + ", timeout="
        + timeout
        + ", requestsPerMinute="
        + requestsPerMinute
        + ", credentials="
        + credentials
        + "}";
  }
}
