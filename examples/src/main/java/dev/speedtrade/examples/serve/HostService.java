package dev.speedtrade.examples.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.speedtrade.SpeedTrade;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.PaymentGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An example host service: an omnibus {@link SpeedTrade} platform's funding, orders and webhooks
 * over HTTP with JSON bodies, on the JDK's own HTTP server ({@code com.sun.net.httpserver}, no
 * dependency to shade). Every route but {@code GET /health} and the signed webhooks needs the
 * {@link Authenticator}'s principal (401 without one); a client reaches its own money and orders
 * only (another's are 404, never their data). Routes, bodies and status codes: {@code
 * docs/serve.md}.
 *
 * <pre>{@code
 * try (HostService service = HostService.builder()
 *     .platform(platform)
 *     .authenticator(BearerTokens.builder().client("alice", aliceToken).build())
 *     .payments(gateway)
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
 * <p>Thread-safe; requests are served on a pool of daemon threads. The service does not own the
 * platform: {@link #close()} stops the server and leaves the platform open.
 */
public final class HostService implements AutoCloseable {
  /** The largest request body read, in bytes; a larger one is answered 413. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(HostService.class);
  private static final byte[] INTERNAL =
      "{\"code\":\"INTERNAL\",\"message\":\"the request failed; see the service's log\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final String host;
  private final int requestedPort;
  private final int threads;
  private final Authenticator authenticator;
  private final List<Route> routes;
  private final Object lock = new Object();
  private @Nullable HttpServer server;
  private @Nullable ExecutorService executor;
  private boolean closed;

  private HostService(Builder builder, SpeedTrade platform, Authenticator authenticator) {
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.threads = builder.threads;
    this.authenticator = authenticator;
    List<Route> all = new ArrayList<>();
    all.add(Route.of("GET", "/health", Route.Access.PUBLIC, call -> Reply.ok(Map.of("ok", true))));
    all.addAll(new FundingRoutes(platform::funding).routes());
    all.addAll(new OrderRoutes(platform::orders).routes());
    all.addAll(new WebhookRoutes(builder.gateway, platform::funding, platform::kyc).routes());
    all.addAll(new KycRoutes(platform::kyc).routes());
    all.addAll(new AdminRoutes(platform::orders).routes());
    all.addAll(
        new DashboardRoutes(platform::funding, platform::orders, platform::rebalance).routes());
    all.addAll(new TradingRoutes(platform, DemoBots.BOTS).routes());
    all.addAll(new StaticRoutes().routes());
    all.addAll(builder.extraRoutes);
    this.routes = List.copyOf(all);
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
      HttpServer s;
      try {
        s = HttpServer.create(new InetSocketAddress(host, requestedPort), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, e);
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
      s.setExecutor(pool);
      s.createContext("/", this::serve);
      s.start();
      server = s;
      executor = pool;
      LOG.info("serving on http://{}:{}", host, s.getAddress().getPort());
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
      HttpServer s = server;
      if (s == null) {
        throw new IllegalStateException("not started");
      }
      return s.getAddress().getPort();
    }
  }

  /** Stops serving (requests in progress get a second to finish); idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      HttpServer s = server;
      ExecutorService pool = executor;
      server = null;
      executor = null;
      if (pool != null) {
        // let the requests in progress finish (a second at most), then drop the connections
        pool.shutdown();
        try {
          pool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (s != null) {
        s.stop(0);
      }
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  @Override
  public String toString() {
    return "HostService[" + host + ":" + requestedPort + ", " + authenticator + "]";
  }

  // ------------------------------------------------------------------ serving

  private void serve(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Reply reply;
    try {
      reply = dispatch(exchange, method, path == null ? "/" : path);
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
    try (exchange) {
      write(exchange, reply);
    } catch (IOException | RuntimeException e) {
      LOG.debug("{} {}: the answer could not be written: {}", method, path, e.toString());
    }
  }

  private Reply dispatch(HttpExchange exchange, String method, String path) {
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
      Map<String, List<String>> headers = headers(exchange.getRequestHeaders());
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
      byte[] body = body(exchange);
      Map<String, List<String>> query = Call.parseQuery(exchange.getRequestURI().getRawQuery());
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

  private static Map<String, List<String>> headers(Headers headers) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return copy;
  }

  private static byte[] body(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new ApiError(413, "BODY_TOO_LARGE", "the body is over " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    } catch (IOException e) {
      throw ApiError.badRequest("INVALID_BODY", "the body could not be read");
    }
  }

  private static void write(HttpExchange exchange, @Nullable Reply reply) throws IOException {
    int status = 500;
    byte[] bytes = INTERNAL;
    String contentType = "application/json; charset=utf-8";
    if (reply != null && reply.body() instanceof Reply.Binary binary) {
      bytes = binary.bytes();
      status = reply.status();
      contentType = binary.contentType();
    } else if (reply != null) {
      try {
        bytes = RequestBody.MAPPER.writeValueAsBytes(reply.body());
        status = reply.status();
      } catch (JsonProcessingException e) {
        LOG.error("the answer could not be written as JSON", e);
      }
    }
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String oneLine(@Nullable String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").strip();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "speedtrade-serve-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Collects the service's parts; not thread-safe. */
  public static final class Builder {
    private @Nullable SpeedTrade platform;
    private @Nullable Authenticator authenticator;
    private @Nullable PaymentGateway gateway;
    private String host = "127.0.0.1";
    private int port;
    private int threads = 16;
    private final List<Route> extraRoutes = new ArrayList<>();

    private Builder() {}

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
     * The payment provider whose webhooks {@code POST /v1/stripe/webhook} verifies (the platform's
     * {@code payments(gateway)}); without one that route answers 404.
     */
    public Builder payments(PaymentGateway gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
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
     * The number of threads serving requests (16 by default).
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
