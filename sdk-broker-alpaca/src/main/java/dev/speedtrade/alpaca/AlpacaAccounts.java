package dev.speedtrade.alpaca;

import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many users on one platform, each trading their own Alpaca account with their own keys: {@code
 * (userId, mode) ->} the user's {@link Brokerage} on Alpaca.
 *
 * <pre>{@code
 * AlpacaAccounts accounts = AlpacaAccounts.builder()
 *     .credentials((userId, mode) -> vault.alpacaKeys(userId, mode))  // Optional<AlpacaCredentials>
 *     .maximumSize(1_000)
 *     .build();
 * Brokerage brokerage = accounts.brokerage("alice", TradingMode.PAPER);
 * Account account = brokerage.broker().account();                    // alice's account, alice's keys
 * }</pre>
 *
 * <p><b>Keys.</b> The host's {@link AlpacaCredentialSource} gives each user's keys; a user it has
 * no keys for is {@link ErrorCode#ACCOUNT_NOT_FOUND}, before any call to Alpaca. Paper accounts use
 * the paper endpoint. <b>Live accounts</b> are opened only when the builder was given {@link
 * LiveTrading#I_UNDERSTAND_THIS_TRADES_REAL_MONEY}; without it every {@link TradingMode#LIVE}
 * request is refused with {@link ErrorCode#FORBIDDEN} (as {@link AlpacaConfig#live} refuses),
 * before the source is asked and before any call. The endpoint follows the requested mode, so a
 * paper key handed out for a live request is refused by Alpaca ({@code FORBIDDEN}) rather than
 * trading paper money as live.
 *
 * <p><b>One client per account, in a bounded cache.</b> Each account gets one {@link Alpaca} client
 * with its own client-side rate limit (Alpaca limits each account separately, so one user's burst
 * never slows another's calls) and its own trade update stream. All clients share one OkHttp
 * connection pool and dispatcher (those of {@link Builder#httpClient}), so ten thousand accounts do
 * not make ten thousand pools. At most {@link Builder#maximumSize} clients are kept while idle;
 * past that the least recently used <em>idle</em> one is evicted and closed. A client is idle when
 * none of its calls is in flight and none of its trade update subscriptions is open; a client in
 * use is never evicted or closed, so a call or a wait for fills is never cut short, and an account
 * never has two clients (nor two rate limits) at once. The cache may therefore hold more than the
 * maximum while more accounts than that are in use, and shrinks back as they become idle. An
 * evicted account's next call opens a new client (asking the source again): a {@link Brokerage}
 * stays usable however long it is kept.
 *
 * <p><b>Streams only while waiting.</b> An account's trade update websocket opens with its first
 * {@code subscribe} and closes when its last subscription closes (the rebalance executor subscribes
 * only while it waits for its sells). Open websockets share one dispatcher of their own, allowing
 * as many as {@link Builder#maximumSize}; a stream beyond that waits for a free place while its
 * account's orders are polled, so its updates still arrive.
 *
 * <p>Thread-safe. {@link #close()} closes every idle client at once and each client in use when it
 * becomes idle; afterwards every request, and every call through a brokerage obtained earlier,
 * throws {@link ErrorCode#CLOSED}. Nothing here ever shows a key: {@link #toString()} and the
 * brokerages' {@code toString()} name the user and mode only.
 */
public final class AlpacaAccounts implements TradingAccounts, AutoCloseable {
  // Never sent anywhere: build() checks the endpoints by making an AlpacaConfig with these.
  private static final AlpacaCredentials SETTINGS_CHECK =
      AlpacaCredentials.of("settings-check", "settings-check");
  private static final Logger log = LoggerFactory.getLogger(AlpacaAccounts.class);

  private final AlpacaCredentialSource source;
  private final @Nullable LiveTrading liveTrading;
  private final int maximumSize;
  private final URI paperUrl;
  private final URI liveUrl;
  private final URI dataUrl;
  private final MarketDataFeed feed;
  private final Duration timeout;
  private final int requestsPerMinute;
  private final OkHttpClient httpClient;
  private final Dispatcher streams;
  private final Clock clock;
  private final Duration retryBackoff;
  private final Duration pollInterval;
  private final Duration streamBackoff;

  private final Object lock = new Object();
  // Guarded by lock. In access order: the first entry is the least recently used.
  private final LinkedHashMap<AccountKey, Client> clients = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;

  private AlpacaAccounts(Builder builder, AlpacaCredentialSource source) {
    this.source = source;
    this.liveTrading = builder.liveTrading;
    this.maximumSize = builder.maximumSize;
    this.paperUrl = builder.paperUrl;
    this.liveUrl = builder.liveUrl;
    this.dataUrl = builder.dataUrl;
    this.feed = builder.feed;
    this.timeout = builder.timeout;
    this.requestsPerMinute = builder.requestsPerMinute;
    this.httpClient = builder.httpClient;
    this.clock = builder.clock;
    this.retryBackoff = builder.retryBackoff;
    this.pollInterval = builder.pollInterval;
    this.streamBackoff = builder.streamBackoff;
    // OkHttp keeps an open websocket among its dispatcher's running calls (its reader runs on the
    // dispatcher's thread), so streams get their own dispatcher and cannot hold back REST calls.
    this.streams = new Dispatcher();
    streams.setMaxRequests(maximumSize);
  }

  /** Returns a builder; {@link Builder#credentials} is required, everything else has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns {@code userId}'s Alpaca brokerage in {@code mode}: a broker, market data and market
   * clock that reach Alpaca with that user's keys only. Makes no call to Alpaca; opens the
   * account's client (asking the credential source) unless it is open already.
   *
   * <p>The brokerage is a handle: each of its calls runs on the account's current client, opening
   * it again if it was evicted meanwhile. A call then fails as this method would, for instance with
   * {@link ErrorCode#ACCOUNT_NOT_FOUND} when the source no longer has the user's keys.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank user id or a
   *     null mode; {@link ErrorCode#FORBIDDEN} for {@link TradingMode#LIVE} without the live
   *     opt-in; {@link ErrorCode#ACCOUNT_NOT_FOUND} when the source has no keys for the user in
   *     {@code mode}; {@link ErrorCode#CLOSED} after {@link #close()}. Nothing is sent to Alpaca in
   *     any of these cases.
   */
  @Override
  public Brokerage brokerage(String userId, TradingMode mode) {
    AccountKey key = key(userId, mode);
    if (mode == TradingMode.LIVE && liveTrading == null) {
      throw new SpeedTradeException(
          ErrorCode.FORBIDDEN,
          "user "
              + userId
              + "'s LIVE account is refused: this"
              + " AlpacaAccounts was built without LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY; the default is paper");
    }
    release(lease(key));
    AlpacaAccount account = new AlpacaAccount(this, key);
    return new Brokerage(mode, account, account, account);
  }

  /**
   * Makes the next call for {@code userId} in {@code mode} ask the credential source again, after a
   * key rotation or when the user leaves. The account's client is closed now if idle, else when its
   * calls and subscriptions end; a call made meanwhile opens a new client (for that moment the
   * account has two, each with its own rate limit). Does nothing for an account that is not open.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank user id or a
   *     null mode
   */
  public void invalidate(String userId, TradingMode mode) {
    AccountKey key = key(userId, mode);
    @Nullable Client idle = null;
    synchronized (lock) {
      Client client = clients.remove(key);
      if (client != null) {
        client.retired = true;
        if (client.leases == 0) {
          idle = client;
        }
      }
    }
    if (idle != null) {
      closeClient(key, idle);
    }
  }

  /**
   * Closes every idle client now and every client in use when its last call or subscription ends.
   * Afterwards every request and every call through a brokerage throws {@link ErrorCode#CLOSED}.
   * Idempotent.
   */
  @Override
  public void close() {
    Map<AccountKey, Client> idle = new LinkedHashMap<>();
    synchronized (lock) {
      closed = true;
      for (Map.Entry<AccountKey, Client> entry : clients.entrySet()) {
        entry.getValue().retired = true;
        if (entry.getValue().leases == 0) {
          idle.put(entry.getKey(), entry.getValue());
        }
      }
      clients.clear();
    }
    idle.forEach(this::closeClient);
    // Idle dispatcher threads would otherwise linger for a minute; streams still in use finish.
    streams.executorService().shutdown();
  }

  /** The number of open clients (idle or in use) in the cache. */
  int openClients() {
    synchronized (lock) {
      return clients.size();
    }
  }

  /** The account's client if it is open, for tests. */
  @Nullable Alpaca client(String userId, TradingMode mode) {
    synchronized (lock) {
      Client client = clients.get(new AccountKey(userId, mode));
      return client == null ? null : client.alpaca;
    }
  }

  /** Runs {@code call} on the account's client, which is not evicted while the call runs. */
  <T> T call(AccountKey key, Function<Alpaca, T> call) {
    Client client = lease(key);
    try {
      return call.apply(client.alpaca);
    } finally {
      release(client);
    }
  }

  /**
   * Subscribes on the account's client, which is not evicted until the subscription is closed (the
   * trade update stream must outlive no subscription, and no subscription may lose its stream).
   */
  Subscription subscribe(AccountKey key, TradeUpdateListener listener) {
    Objects.requireNonNull(listener, "listener");
    Client client = lease(key);
    Subscription subscription;
    try {
      subscription = client.alpaca.broker().subscribe(listener);
    } catch (RuntimeException e) {
      release(client);
      throw e;
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        try {
          subscription.close();
        } finally {
          release(client);
        }
      }
    };
  }

  /**
   * Takes the account's client for one use, opening it if needed; {@link #release} gives it back.
   */
  private Client lease(AccountKey key) {
    synchronized (lock) {
      requireOpen();
      Client client = clients.get(key);
      if (client != null) {
        client.leases++;
        return client;
      }
    }
    // The source is the host's (a database, a vault) and may be slow: it is asked without the lock,
    // so other users' calls go on meanwhile. Two threads may open the same account at once; the
    // first to come back keeps its client.
    Alpaca opened = open(key, credentials(key));
    @Nullable Client client;
    @Nullable Alpaca unused = null;
    Map<AccountKey, Client> evicted;
    synchronized (lock) {
      if (closed) {
        unused = opened;
        client = null;
        evicted = Map.of();
      } else {
        client = clients.get(key);
        if (client == null) {
          client = new Client(opened);
          clients.put(key, client);
        } else {
          unused = opened;
        }
        client.leases++;
        evicted = evictIdle();
      }
    }
    if (unused != null) {
      unused.close();
    }
    evicted.forEach(this::closeClient);
    if (client == null) {
      throw closedException();
    }
    return client;
  }

  private void release(Client client) {
    @Nullable Client retired = null;
    Map<AccountKey, Client> evicted;
    synchronized (lock) {
      client.leases--;
      if (client.retired && client.leases == 0) {
        retired = client;
      }
      evicted = evictIdle();
    }
    if (retired != null) {
      retired.alpaca.close();
    }
    evicted.forEach(this::closeClient);
  }

  /** Removes the least recently used idle clients beyond the maximum; the caller holds the lock. */
  private Map<AccountKey, Client> evictIdle() {
    if (clients.size() <= maximumSize) {
      return Map.of();
    }
    Map<AccountKey, Client> evicted = new LinkedHashMap<>();
    for (Iterator<Map.Entry<AccountKey, Client>> it = clients.entrySet().iterator();
        it.hasNext() && clients.size() > maximumSize; ) {
      Map.Entry<AccountKey, Client> entry = it.next();
      if (entry.getValue().leases == 0) {
        it.remove();
        entry.getValue().retired = true;
        evicted.put(entry.getKey(), entry.getValue());
      }
    }
    return evicted;
  }

  private void closeClient(AccountKey key, Client client) {
    log.debug("Closing the idle Alpaca client of {}", key);
    client.alpaca.close();
  }

  private AlpacaCredentials credentials(AccountKey key) {
    Optional<AlpacaCredentials> found = source.credentials(key.userId(), key.mode());
    if (found == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "the AlpacaCredentialSource returned null for "
              + key
              + "; it must return Optional.empty()");
    }
    return found.orElseThrow(
        () ->
            new SpeedTradeException(
                ErrorCode.ACCOUNT_NOT_FOUND,
                "no Alpaca "
                    + key.mode()
                    + " account for user "
                    + key.userId()
                    + ": the credential source has no keys"));
  }

  private Alpaca open(AccountKey key, AlpacaCredentials credentials) {
    return Alpaca.builder(config(credentials, key.mode()))
        .httpClient(httpClient)
        .streamDispatcher(streams)
        .clock(clock)
        .retryBackoff(retryBackoff)
        .pollInterval(pollInterval)
        .streamBackoff(streamBackoff)
        .build();
  }

  private AlpacaConfig config(AlpacaCredentials credentials, TradingMode mode) {
    AlpacaConfig config =
        mode == TradingMode.LIVE
            ? AlpacaConfig.live(credentials, liveTrading).withBaseUrl(liveUrl)
            : AlpacaConfig.paper(credentials).withBaseUrl(paperUrl);
    return config
        .withDataUrl(dataUrl)
        .withFeed(feed)
        .withTimeout(timeout)
        .withRequestsPerMinute(requestsPerMinute);
  }

  private AccountKey key(@Nullable String userId, @Nullable TradingMode mode) {
    if (userId == null || userId.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "userId must not be null or blank, got '" + userId + "'");
    }
    if (mode == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "mode must not be null (user " + userId + ")");
    }
    return new AccountKey(userId, mode);
  }

  private void requireOpen() {
    if (closed) {
      throw closedException();
    }
  }

  private static SpeedTradeException closedException() {
    return new SpeedTradeException(ErrorCode.CLOSED, "this AlpacaAccounts is closed");
  }

  /** Shows the endpoints and how full the cache is; no key, no user. */
  @Override
  public String toString() {
    int open;
    synchronized (lock) {
      open = clients.size();
    }
    return "AlpacaAccounts{paper="
        + paperUrl
        + ", live="
        + (liveTrading == null ? "refused" : liveUrl)
        + ", data="
        + dataUrl
        + ", clients="
        + open
        + "/"
        + maximumSize
        + ", requestsPerMinute="
        + requestsPerMinute
        + "}";
  }

  /** One user's account in one mode; user ids are the host's and are shown, keys never are. */
  record AccountKey(String userId, TradingMode mode) {
    @Override
    public String toString() {
      return "user " + userId + " " + mode;
    }
  }

  /** One account's client and how many calls and subscriptions use it; guarded by the lock. */
  private static final class Client {
    final Alpaca alpaca;
    int leases;
    // Out of the cache: closed when its last use ends.
    boolean retired;

    Client(Alpaca alpaca) {
      this.alpaca = alpaca;
    }
  }

  /**
   * Options of {@link AlpacaAccounts}: the credential source (required), the live opt-in, the cache
   * size, and every account's endpoints and settings, as {@link AlpacaConfig} and {@link
   * Alpaca.Builder} name them. Setters refuse null.
   */
  public static final class Builder {
    private @Nullable AlpacaCredentialSource credentials;
    private @Nullable LiveTrading liveTrading;
    private int maximumSize = 1_000;
    private URI paperUrl = AlpacaConfig.PAPER_URL;
    private URI liveUrl = AlpacaConfig.LIVE_URL;
    private URI dataUrl = AlpacaConfig.DATA_URL;
    private MarketDataFeed feed = MarketDataFeed.IEX;
    private Duration timeout = Duration.ofSeconds(10);
    private int requestsPerMinute = 200;
    private OkHttpClient httpClient = Alpaca.SharedClient.INSTANCE;
    private Clock clock = Clock.systemUTC();
    private Duration retryBackoff = Duration.ofMillis(500);
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration streamBackoff = Duration.ofSeconds(1);

    private Builder() {}

    /** Required: where each user's keys come from. */
    public Builder credentials(AlpacaCredentialSource credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * Allows {@link TradingMode#LIVE} accounts: real money. Without it, live requests are refused
     * with {@link ErrorCode#FORBIDDEN}. The opt-in must be passed by name.
     */
    public Builder liveTrading(LiveTrading optIn) {
      this.liveTrading = Objects.requireNonNull(optIn, "liveTrading");
      return this;
    }

    /**
     * How many idle accounts' clients are kept (default 1,000), and how many trade update
     * websockets may be open at once. Accounts in use are kept beyond it; see {@link
     * AlpacaAccounts}.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} unless positive
     */
    public Builder maximumSize(int maximumSize) {
      if (maximumSize <= 0) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "maximumSize must be positive, got " + maximumSize);
      }
      this.maximumSize = maximumSize;
      return this;
    }

    /**
     * The Trading API URL of paper accounts (default {@link AlpacaConfig#PAPER_URL}); never the
     * live one.
     */
    public Builder paperUrl(URI paperUrl) {
      this.paperUrl = Objects.requireNonNull(paperUrl, "paperUrl");
      return this;
    }

    /** The Trading API URL of live accounts (default {@link AlpacaConfig#LIVE_URL}). */
    public Builder liveUrl(URI liveUrl) {
      this.liveUrl = Objects.requireNonNull(liveUrl, "liveUrl");
      return this;
    }

    /** The Market Data API URL of every account (default {@link AlpacaConfig#DATA_URL}). */
    public Builder dataUrl(URI dataUrl) {
      this.dataUrl = Objects.requireNonNull(dataUrl, "dataUrl");
      return this;
    }

    /**
     * The stock data feed (default {@link MarketDataFeed#IEX}), as {@link AlpacaConfig#withFeed}.
     */
    public Builder feed(MarketDataFeed feed) {
      this.feed = Objects.requireNonNull(feed, "feed");
      return this;
    }

    /** Each call's timeout (default 10 s), as {@link AlpacaConfig#withTimeout}. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Each account's own client-side rate limit (default 200, Alpaca's per-account default), as
     * {@link AlpacaConfig#withRequestsPerMinute}. A client evicted and opened again starts afresh;
     * Alpaca's own 429s are still waited out.
     */
    public Builder requestsPerMinute(int requestsPerMinute) {
      this.requestsPerMinute = requestsPerMinute;
      return this;
    }

    /**
     * The OkHttp client whose connection pool and dispatcher every account's REST calls share
     * (default: one shared client), as {@link Alpaca.Builder#httpClient}.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** As {@link Alpaca.Builder#clock}. Default: UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** As {@link Alpaca.Builder#retryBackoff}. Default 500 ms. */
    public Builder retryBackoff(Duration retryBackoff) {
      this.retryBackoff = Alpaca.Builder.positive(retryBackoff, "retryBackoff");
      return this;
    }

    /** As {@link Alpaca.Builder#pollInterval}. Default 5 s. */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = Alpaca.Builder.positive(pollInterval, "pollInterval");
      return this;
    }

    /** As {@link Alpaca.Builder#streamBackoff}. Default 1 s. */
    public Builder streamBackoff(Duration streamBackoff) {
      this.streamBackoff = Alpaca.Builder.positive(streamBackoff, "streamBackoff");
      return this;
    }

    /**
     * Builds the accounts; opens nothing and makes no call.
     *
     * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} without a credential source;
     *     {@link ErrorCode#INVALID_ARGUMENT} naming what is out of range (a URL that is not
     *     http(s), a timeout, rate or backoff that is not positive); {@link ErrorCode#FORBIDDEN}
     *     when the paper URL is Alpaca's live endpoint
     */
    public AlpacaAccounts build() {
      AlpacaCredentialSource source = credentials;
      if (source == null) {
        throw new SpeedTradeException(
            ErrorCode.MISSING_ADAPTER,
            "AlpacaAccounts needs the users' credentials"
                + " (an AlpacaCredentialSource of each user's keys): call AlpacaAccounts.builder().credentials(...)");
      }
      AlpacaAccounts accounts = new AlpacaAccounts(this, source);
      // Every setting is checked now, as each account's AlpacaConfig and Alpaca.Builder will check
      // it.
      accounts.config(SETTINGS_CHECK, TradingMode.PAPER);
      if (liveTrading != null) {
        accounts.config(SETTINGS_CHECK, TradingMode.LIVE);
      }
      return accounts;
    }
  }
}
