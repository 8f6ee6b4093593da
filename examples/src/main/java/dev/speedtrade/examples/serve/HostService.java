package dev.speedtrade.examples.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.speedtrade.SpeedTrade;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.PaymentGateway;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An example host service: an omnibus {@link SpeedTrade} platform's funding, orders and webhooks
 * over HTTP with JSON bodies, its order events over a websocket ({@code /ws/orders}) and its
 * metrics for Prometheus ({@code /metrics}), on Javalin (Jetty 12). Every route but {@code GET
 * /health} and the signed webhooks needs the {@link Authenticator}'s principal (401 without one); a
 * client reaches its own money and orders only (another's are 404, never their data). Routes,
 * bodies and status codes: {@code docs/serve.md}.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * try (HostService service = HostService.builder()
 *     .platform(platform)          // built with .orderMetrics(MicrometerOrderMetrics.of(registry))
 *     .authenticator(BearerTokens.builder().client("alice", aliceToken).build())
 *     .payments(gateway)
 *     .metrics(registry)
 *     .port(8080)
 *     .build()
 *     .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Errors answer {@code {"code": ..., "message": ...}}: a {@link SpeedTradeException} by its
 * code's category (BAD_INPUT 400, NOT_FOUND 404, STATE 409, PROVIDER 502, STORE 503), a refused
 * request by its result code, anything else 500 with a generic message; the stack trace is logged
 * (SLF4J), never sent. Request bodies, headers and credentials are never logged.
 *
 * <p>Javalin only carries the requests: one catch-all handler per method hands each to this
 * service's own {@link Route} table, which matches the path, authenticates the caller and answers
 * 404 or 405, so the routes and their semantics do not depend on the server underneath.
 *
 * <p>Thread-safe; requests are served on a pool of daemon threads. The service does not own the
 * platform: {@link #close()} stops the server and leaves the platform open.
 */
public final class HostService implements AutoCloseable {
  /** The largest request body read, in bytes; a larger one is answered 413. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /**
   * The name of the timer of every HTTP request, tagged {@code method}, {@code route}, {@code
   * status}.
   */
  public static final String REQUEST_TIMER = "http.server.requests";

  private static final Logger LOG = LoggerFactory.getLogger(HostService.class);
  private static final byte[] INTERNAL =
      "{\"code\":\"INTERNAL\",\"message\":\"the request failed; see the service's log\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final List<HandlerType> METHODS =
      List.of(
          HandlerType.GET,
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE,
          HandlerType.HEAD,
          HandlerType.OPTIONS);

  /** The content type of Prometheus' text exposition format. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** How long {@link #close()} lets the requests in progress finish. */
  private static final long STOP_MILLIS = 1_000;

  /** The route tag of a request no route matched: never the raw path (unbounded cardinality). */
  private static final String UNMATCHED = "UNMATCHED";

  /**
   * Jetty's own threads (an acceptor, selectors, reserved ones) beside the request threads; too few
   * and Jetty refuses to start.
   */
  private static final int JETTY_THREADS = 8;

  private final String host;
  private final int requestedPort;
  private final int threads;
  private final Authenticator authenticator;
  private final List<Route> routes;
  private final @Nullable MeterRegistry meters;
  private final OrderEventsSocket orderEvents;
  private final Object lock = new Object();
  private @Nullable Javalin server;
  private boolean closed;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean stopping;

  private HostService(Builder builder, SpeedTrade platform, Authenticator authenticator) {
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.threads = builder.threads;
    this.authenticator = authenticator;
    this.meters = builder.meters;
    List<Route> all = new ArrayList<>();
    all.add(Route.of("GET", "/health", Route.Access.PUBLIC, call -> Reply.ok(Map.of("ok", true))));
    all.addAll(new FundingRoutes(platform::funding).routes());
    all.addAll(new OrderRoutes(platform::orders).routes());
    all.addAll(new WebhookRoutes(builder.gateway, platform::funding, platform::kyc).routes());
    all.addAll(new KycRoutes(platform::kyc).routes());
    all.addAll(new AdminRoutes(platform::orders, platform::funding, platform::kyc).routes());
    all.addAll(new AdminFundingRoutes(platform::funding).routes());
    all.addAll(new AdminRiskRoutes(platform::risk).routes());
    all.addAll(
        new DashboardRoutes(platform::funding, platform::orders, platform::rebalance).routes());
    all.addAll(new TradingRoutes(platform, builder.bots).routes());
    Supplier<String> scrape = builder.scrape;
    if (scrape != null) {
      all.add(
          Route.of(
              "GET",
              "/metrics",
              Route.Access.ADMIN,
              call ->
                  new Reply(
                      200,
                      new Reply.Binary(
                          PROMETHEUS_TEXT, scrape.get().getBytes(StandardCharsets.UTF_8)))));
    }
    all.addAll(new StaticRoutes().routes());
    all.addAll(builder.extraRoutes);
    this.routes = List.copyOf(all);
    this.orderEvents =
        new OrderEventsSocket(this::authenticate, platform::orders, builder.socketAuthTimeout);
  }

  /** Returns a builder: a platform and an authenticator are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts serving; returns this.
   *
   * @throws UncheckedIOException when the port cannot be bound
   * @throws IllegalStateException when already started or closed
   */
  public HostService start() {
    synchronized (lock) {
      if (server != null || closed) {
        throw new IllegalStateException(closed ? "closed" : "already started");
      }
      QueuedThreadPool pool = new QueuedThreadPool(threads + JETTY_THREADS, 2);
      pool.setName("speedtrade-serve");
      pool.setDaemon(true);
      Javalin app =
          Javalin.create(
              config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.http.compressionStrategy = CompressionStrategy.NONE;
                config.jetty.threadPool = pool;
                config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
                // close() waits for the requests in progress itself: Jetty's graceful stop would
                // also wait for idle keep-alive connections, and log each timeout as an error
                config.jetty.modifyServer(jetty -> jetty.setStopTimeout(0));
                for (HandlerType method : METHODS) {
                  config.routes.addHttpHandler(method, "/", this::serve);
                  config.routes.addHttpHandler(method, "/*", this::serve);
                }
                for (String path : OrderEventsSocket.PATHS) {
                  config.routes.ws(path, orderEvents::configure);
                  // Javalin copies the HTTP session's attributes at the upgrade, creating one
                  // that nothing here uses: drop it rather than keep one per connection
                  config.routes.wsAfterUpgrade(path, HostService::dropSession);
                }
              });
      orderEvents.open();
      try {
        app.start(host, requestedPort);
      } catch (RuntimeException e) {
        orderEvents.close();
        stopQuietly(app);
        throw new UncheckedIOException(
            "cannot listen on " + host + ":" + requestedPort,
            e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e));
      }
      server = app;
      LOG.info("serving on http://{}:{}", host, app.port());
      return this;
    }
  }

  /**
   * The port the service listens on (the one picked when built with port 0).
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public int port() {
    synchronized (lock) {
      Javalin s = server;
      if (s == null) {
        throw new IllegalStateException("not started");
      }
      return s.port();
    }
  }

  /**
   * Closes the order event websockets, gives the requests in progress up to a second to finish (a
   * request arriving meanwhile is answered 503 {@code UNAVAILABLE}), then stops the server and
   * drops its connections, idle keep-alive ones included; idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      Javalin s = server;
      server = null;
      orderEvents.close();
      if (s != null) {
        stopping = true;
        awaitRequestsInProgress();
        stopQuietly(s);
      }
    }
  }

  /** The routes served, in the order they are matched (tests walk them). */
  List<Route> routes() {
    return routes;
  }

  @Override
  public String toString() {
    return "HostService[" + host + ":" + requestedPort + ", " + authenticator + "]";
  }

  private void awaitRequestsInProgress() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void dropSession(Context ctx) {
    try {
      HttpSession session = ctx.req().getSession(false);
      if (session != null) {
        session.invalidate();
      }
    } catch (IllegalStateException e) {
      LOG.debug("the upgrade's session was already gone: {}", e.toString());
    }
  }

  private static void stopQuietly(Javalin app) {
    try {
      app.stop();
    } catch (RuntimeException e) {
      LOG.warn("the server did not stop cleanly: {}", e.toString());
    }
  }

  // ------------------------------------------------------------------ serving

  private void serve(Context ctx) {
    inFlight.incrementAndGet();
    try {
      serveCounted(ctx);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void serveCounted(Context ctx) {
    long started = System.nanoTime();
    HttpServletRequest request = ctx.req();
    String method = request.getMethod();
    String path = path(request.getRequestURI());
    Route[] matched = new Route[1];
    Reply reply;
    try {
      if (stopping) {
        throw new ApiError(503, "UNAVAILABLE", "the service is stopping");
      }
      reply = dispatch(request, method, path, matched);
    } catch (ApiError e) {
      reply = new Reply(e.status(), JsonViews.error(e.code(), oneLine(e.getMessage())));
    } catch (SpeedTradeException e) {
      int status = Outcomes.status(e.code());
      if (status >= 500) {
        LOG.warn("{} {} failed: {}", method, path, e.toString());
      }
      reply = new Reply(status, JsonViews.error(e.code().name(), oneLine(e.getMessage())));
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", method, path, e);
      reply = null;
    }
    int status = write(ctx, reply);
    MeterRegistry registry = meters;
    if (registry != null) {
      Route route = matched[0];
      Timer.builder(REQUEST_TIMER)
          .description("HTTP requests by method, route pattern and status")
          .tag("method", method)
          .tag("route", route == null ? UNMATCHED : route.pattern())
          .tag("status", Integer.toString(status))
          .register(registry)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }

  /** The request's path, decoded as the JDK's {@code URI.getPath()} does; {@code /} when empty. */
  private static String path(@Nullable String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    try {
      String decoded = new URI(rawPath).getPath();
      return decoded == null || decoded.isEmpty() ? "/" : decoded;
    } catch (URISyntaxException e) {
      return rawPath;
    }
  }

  private Reply dispatch(
      HttpServletRequest request, String method, String path, @Nullable Route[] matched) {
    List<String> segments = Route.segments(path);
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> params = route.match(segments);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (!route.method().equals(method)) {
        continue;
      }
      matched[0] = route;
      Map<String, List<String>> headers = headers(request);
      Principal principal = null;
      if (route.access() != Route.Access.PUBLIC) {
        principal =
            authenticate(headers)
                .orElseThrow(
                    () -> new ApiError(401, "UNAUTHENTICATED", "missing or invalid credentials"));
        if (route.access() == Route.Access.ADMIN && !principal.admin()) {
          throw new ApiError(403, "FORBIDDEN", "this route is for admins");
        }
      }
      byte[] body = body(request);
      Map<String, List<String>> query = Call.parseQuery(request.getQueryString());
      return route.handler().handle(new Call(principal, params, query, headers, body));
    }
    if (pathKnown) {
      throw new ApiError(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path);
    }
    throw ApiError.notFound("NOT_FOUND", "no route " + method + " " + path);
  }

  private Optional<Principal> authenticate(Map<String, List<String>> headers) {
    try {
      return Objects.requireNonNull(authenticator.authenticate(headers));
    } catch (RuntimeException e) {
      // an authenticator that fails refuses: never a default client
      LOG.warn("the authenticator failed: {}", e.getClass().getName());
      return Optional.empty();
    }
  }

  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      copy.put(name, List.copyOf(Collections.list(request.getHeaders(name))));
    }
    return copy;
  }

  private static byte[] body(HttpServletRequest request) {
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new ApiError(413, "BODY_TOO_LARGE", "the body is over " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    } catch (IOException e) {
      throw ApiError.badRequest("INVALID_BODY", "the body could not be read");
    }
  }

  /** Writes the answer (500 for a null one or one that is not JSON); returns the status sent. */
  private static int write(Context ctx, @Nullable Reply reply) {
    int status = 500;
    byte[] bytes = INTERNAL;
    String contentType = "application/json; charset=utf-8";
    Map<String, String> extra = Map.of();
    if (reply != null && reply.body() instanceof Reply.Binary binary) {
      bytes = binary.bytes();
      status = reply.status();
      contentType = binary.contentType();
      extra = reply.headers();
    } else if (reply != null) {
      try {
        bytes = RequestBody.MAPPER.writeValueAsBytes(reply.body());
        status = reply.status();
        extra = reply.headers();
      } catch (JsonProcessingException e) {
        LOG.error("the answer could not be written as JSON", e);
      }
    }
    HttpServletResponse response = ctx.res();
    extra.forEach(response::setHeader);
    response.setHeader("Content-Type", contentType);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    ctx.status(status);
    // written here rather than through ctx.result(...), so that it is sent before close() may stop
    response.setContentLength(bytes.length);
    try {
      if (!"HEAD".equals(ctx.req().getMethod())) {
        response.getOutputStream().write(bytes);
      }
      response.flushBuffer();
    } catch (IOException e) {
      LOG.debug("the answer could not be written: {}", e.toString());
    }
    return status;
  }

  private static String oneLine(@Nullable String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").strip();
  }

  /** Collects the service's parts; not thread-safe. */
  public static final class Builder {
    private @Nullable SpeedTrade platform;
    private @Nullable Authenticator authenticator;
    private @Nullable PaymentGateway gateway;
    private String host = "127.0.0.1";
    private int port;
    private int threads = 16;
    private @Nullable MeterRegistry meters;
    private @Nullable Supplier<String> scrape;
    private Duration socketAuthTimeout = OrderEventsSocket.AUTH_TIMEOUT;
    private final List<Route> extraRoutes = new ArrayList<>();
    private List<Bot> bots = List.of();

    private Builder() {}

    /** How long a websocket may stay open without authenticating (tests shorten it). */
    Builder socketAuthTimeout(Duration timeout) {
      this.socketAuthTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Adds a route after the service's own (tests add failing ones). */
    Builder route(Route route) {
      extraRoutes.add(Objects.requireNonNull(route, "route"));
      return this;
    }

    /** The omnibus platform served (required); the service does not close it. */
    public Builder platform(SpeedTrade platform) {
      this.platform = Objects.requireNonNull(platform, "platform");
      return this;
    }

    /** Who each request is from (required). */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /**
     * The bots clients may invest in through the trading routes (none by default: every investment
     * is then refused {@code UNKNOWN_BOT}); listed by {@code GET /api/admin/trading/bots}. Give the
     * platform an {@code AllocationSource} with the same ids.
     */
    public Builder bots(List<Bot> bots) {
      this.bots = List.copyOf(bots);
      return this;
    }

    /**
     * The payment provider whose webhooks {@code POST /v1/stripe/webhook} verifies (the platform's
     * {@code payments(gateway)}); without one that route answers 404.
     */
    public Builder payments(PaymentGateway gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      return this;
    }

    /**
     * Times every request on {@code registry} and serves its scrape as {@code GET /metrics} (admin
     * only). Build the platform with {@code orderMetrics(MicrometerOrderMetrics.of(registry))} to
     * have the order service's meters there too. Without metrics, {@code /metrics} is 404.
     */
    public Builder metrics(PrometheusMeterRegistry registry) {
      Objects.requireNonNull(registry, "registry");
      return metrics(registry, registry::scrape);
    }

    /**
     * Times every request on {@code registry} (a host's composite registry, say) and serves what
     * {@code scrape} returns, Prometheus' text format 0.0.4, as {@code GET /metrics} (admin only).
     * {@code scrape} is called on a request thread and must be thread-safe.
     */
    public Builder metrics(MeterRegistry registry, Supplier<String> scrape) {
      this.meters = Objects.requireNonNull(registry, "registry");
      this.scrape = Objects.requireNonNull(scrape, "scrape");
      return this;
    }

    /** The address to bind: {@code 127.0.0.1} by default; {@code 0.0.0.0} for every interface. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The port: 0 (the default) for any free one, read back with {@link #port()}.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} outside 0-65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "a port is 0-65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The number of threads serving requests (16 by default; Jetty adds a few of its own).
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} below 1
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "threads must be at least 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Returns the service, not yet started.
     *
     * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} without a platform or an
     *     authenticator
     */
    public HostService build() {
      SpeedTrade p = platform;
      Authenticator a = authenticator;
      if (p == null) {
        throw new SpeedTradeException(
            ErrorCode.MISSING_ADAPTER, "HostService needs a platform: call platform(...)");
      }
      if (a == null) {
        throw new SpeedTradeException(
            ErrorCode.MISSING_ADAPTER,
            "HostService needs an authenticator: call authenticator(...); there is no default"
                + " client");
      }
      return new HostService(this, p, a);
    }
  }
}
