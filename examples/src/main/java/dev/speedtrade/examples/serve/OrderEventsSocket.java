package dev.speedtrade.examples.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.oms.OrderEvent;
import dev.speedtrade.oms.OrderService;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws/orders} and {@code /ws/orders/{clientId}}: a client's own order events, pushed as they
 * happen. The caller authenticates with the upgrade request's {@code Authorization} header or, as a
 * browser cannot set one, with a first text message {@code {"token": "<bearer token>"}}; nothing is
 * sent before. A bad token closes {@value #UNAUTHENTICATED}, no credentials within the timeout
 * {@value #AUTH_TIMED_OUT}, another client's id in the path {@value #NOT_FOUND}. Then {@code
 * {"type":"ready","clientId":...}} and one {@code {"type":"order","event":...,"order":...}} per
 * event of the caller's orders, the order shaped as {@code GET /orders/{id}} answers it.
 *
 * <p>Sends never block the order service's event thread: each is handed to Jetty with a callback,
 * at most {@value #MAX_QUEUED_FRAMES} waiting per socket; a socket that falls further behind, or
 * whose send fails, is closed {@value #TOO_SLOW} (its client reconnects and reads {@code GET
 * /orders} for what it missed) and its subscription ended.
 */
final class OrderEventsSocket {
  static final List<String> PATHS = List.of("/ws/orders", "/ws/orders/{clientId}");
  static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How often an authenticated socket is pinged: quiet order books must not let Jetty's idle
   * timeout (30 s) close it, and a dead peer is found by the failed write.
   */
  static final Duration PING_EVERY = Duration.ofSeconds(15);

  static final int SERVER_ERROR = 1011;
  static final int UNAUTHENTICATED = 4401;
  static final int NOT_FOUND = 4404;
  static final int AUTH_TIMED_OUT = 4408;

  /** RFC 6455's "try again later". */
  static final int TOO_SLOW = 1013;

  static final int GOING_AWAY = 1001;

  static final int MAX_QUEUED_FRAMES = 256;

  private static final Logger LOG = LoggerFactory.getLogger(OrderEventsSocket.class);
  private static final String CONNECTION = "speedtrade.connection";
  private static final long MAX_MESSAGE_BYTES = 16 * 1024;

  private final Function<Map<String, List<String>>, Optional<Principal>> authenticate;
  private final Supplier<OrderService> orders;
  private final Duration authTimeout;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private @Nullable ScheduledExecutorService timer;

  OrderEventsSocket(
      Function<Map<String, List<String>>, Optional<Principal>> authenticate,
      Supplier<OrderService> orders,
      Duration authTimeout) {
    this.authenticate = authenticate;
    this.orders = orders;
    this.authTimeout = authTimeout;
  }

  /** Starts the timer of unauthenticated sockets; called before the server starts. */
  synchronized void open() {
    if (timer == null) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "speedtrade-serve-ws-timer");
                thread.setDaemon(true);
                return thread;
              });
    }
  }

  /** Ends every subscription and the timer; the server closes the sockets themselves. */
  void close() {
    ScheduledExecutorService t;
    synchronized (this) {
      t = timer;
      timer = null;
    }
    if (t != null) {
      t.shutdownNow();
    }
    for (Connection connection : open) {
      connection.end();
    }
  }

  private synchronized @Nullable ScheduledExecutorService timer() {
    return timer;
  }

  void configure(WsConfig ws) {
    ws.onConnect(this::connected);
    ws.onMessage(this::message);
    ws.onClose(this::closed);
    ws.onError(this::failed);
  }

  private void connected(WsConnectContext ctx) {
    Session session = ctx.session;
    session.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
    session.setMaxOutgoingFrames(MAX_QUEUED_FRAMES);
    Connection connection = new Connection(session, ctx.pathParamMap().get("clientId"));
    ctx.attribute(CONNECTION, connection);
    open.add(connection);
    Map<String, List<String>> headers = session.getUpgradeRequest().getHeaders();
    boolean sentCredentials =
        headers.keySet().stream().anyMatch(name -> "Authorization".equalsIgnoreCase(name));
    if (sentCredentials) {
      connection.authenticated(authenticate.apply(headers));
      return;
    }
    ScheduledExecutorService t = timer();
    if (t == null) {
      connection.close(GOING_AWAY, "stopping");
      return;
    }
    connection.deadline =
        t.schedule(() -> connection.timedOut(), authTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void message(WsMessageContext ctx) {
    Connection connection = connection(ctx);
    if (connection == null || connection.principal != null) {
      // once authenticated, what the client sends is ignored
      return;
    }
    String token = token(ctx.message());
    connection.authenticated(
        token == null
            ? Optional.empty()
            : authenticate.apply(Map.of("Authorization", List.of("Bearer " + token))));
  }

  private void closed(WsCloseContext ctx) {
    Connection connection = connection(ctx);
    if (connection != null) {
      connection.end();
    }
  }

  private void failed(WsErrorContext ctx) {
    Connection connection = connection(ctx);
    if (connection != null) {
      LOG.debug("an order events socket failed: {}", String.valueOf(ctx.error()));
      connection.end();
    }
  }

  private static @Nullable Connection connection(WsContext ctx) {
    return ctx.attribute(CONNECTION);
  }

  /** The token of {@code {"token": "..."}}, or null for any other message. */
  private static @Nullable String token(String message) {
    try {
      JsonNode node = RequestBody.MAPPER.readTree(message);
      JsonNode token = node == null ? null : node.get("token");
      return token != null && token.isTextual() && !token.asText().isBlank()
          ? token.asText()
          : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String json(Map<String, Object> message) {
    try {
      return RequestBody.MAPPER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an order event could not be written as JSON", e);
    }
  }

  /** One socket: who it is once authenticated, and its subscription. */
  private final class Connection {
    private final Session session;
    private final @Nullable String pathClient;
    private volatile @Nullable Principal principal;
    private volatile @Nullable ScheduledFuture<?> deadline;
    private volatile @Nullable ScheduledFuture<?> pings;
    private @Nullable Subscription subscription;
    private boolean ended;

    Connection(Session session, @Nullable String pathClient) {
      this.session = session;
      this.pathClient = pathClient;
    }

    void authenticated(Optional<Principal> found) {
      ScheduledFuture<?> d = deadline;
      if (d != null) {
        d.cancel(false);
      }
      if (found.isEmpty()) {
        close(UNAUTHENTICATED, "unauthenticated");
        return;
      }
      Principal p = found.get();
      if (pathClient != null && !pathClient.equals(p.clientId())) {
        close(NOT_FOUND, "not found");
        return;
      }
      Map<String, Object> ready = new LinkedHashMap<>();
      ready.put("type", "ready");
      ready.put("clientId", p.clientId());
      // subscribe and send "ready" under the lock the listener sends under: no event before it
      synchronized (this) {
        if (ended) {
          return;
        }
        principal = p;
        try {
          subscription = orders.get().subscribe(p.clientId(), this::event);
        } catch (RuntimeException e) {
          LOG.warn("order events could not be subscribed to: {}", e.toString());
          close(SERVER_ERROR, "unavailable");
          return;
        }
        send(json(ready));
      }
      ScheduledExecutorService t = timer();
      if (t != null) {
        long every = PING_EVERY.toMillis();
        pings = t.scheduleAtFixedRate(this::ping, every, every, TimeUnit.MILLISECONDS);
      }
    }

    private void ping() {
      if (!session.isOpen()) {
        end();
        return;
      }
      session.sendPing(
          ByteBuffer.allocate(0), Callback.from(() -> {}, failure -> close(TOO_SLOW, "too slow")));
    }

    void timedOut() {
      if (principal == null) {
        close(AUTH_TIMED_OUT, "authentication timed out");
      }
    }

    private void event(OrderEvent event) {
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("type", "order");
      message.put("event", event.type().name());
      message.put("order", JsonViews.order(event.order()));
      String text = json(message);
      synchronized (this) {
        if (!ended) {
          send(text);
        }
      }
    }

    /** Hands the text to Jetty; a refused or failed send closes the socket. */
    private void send(String text) {
      try {
        session.sendText(
            text,
            Callback.from(
                () -> {},
                failure -> {
                  LOG.debug("an order events socket fell behind or failed: {}", failure.toString());
                  close(TOO_SLOW, "too slow");
                }));
      } catch (RuntimeException e) {
        LOG.debug("an order events socket refused a message: {}", e.toString());
        close(TOO_SLOW, "too slow");
      }
    }

    void close(int code, String reason) {
      end();
      if (session.isOpen()) {
        // a socket whose queue is full may refuse even the close frame: then drop the connection
        session.close(code, reason, Callback.from(() -> {}, failure -> session.disconnect()));
      }
    }

    /** Ends the subscription and forgets the socket; idempotent. */
    void end() {
      Subscription s;
      synchronized (this) {
        ended = true;
        s = subscription;
        subscription = null;
      }
      for (ScheduledFuture<?> task : new ScheduledFuture<?>[] {deadline, pings}) {
        if (task != null) {
          task.cancel(false);
        }
      }
      open.remove(this);
      if (s != null) {
        s.close();
      }
    }
  }
}
