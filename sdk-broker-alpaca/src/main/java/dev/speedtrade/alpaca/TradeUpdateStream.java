package dev.speedtrade.alpaca;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradeUpdateEvent;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.EventFanOut;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import net.jacobpeterson.alpaca.model.endpoint.orders.Order;
import net.jacobpeterson.alpaca.util.gson.GsonUtil;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's trade updates: Alpaca's {@code trade_updates} websocket stream, with polling while
 * the stream is down.
 *
 * <ul>
 *   <li>The stream runs only while someone listens: it starts with the first subscription (connect
 *       to {@code <trading URL>/stream}, authenticate, listen to {@code trade_updates}) and stops,
 *       websocket, poller and their thread, when the last subscription closes; the next
 *       subscription starts it again. A platform of many accounts thus holds a websocket only for
 *       the accounts that are waiting for something. Text and binary frames are both read (paper
 *       sends binary).
 *   <li>A dropped stream reconnects with exponential backoff (from the configured initial delay,
 *       doubling, at most 30 s).
 *   <li>A stream whose credentials Alpaca refuses ({@code {"stream": "authorization", "data":
 *       {"status": "unauthorized", ...}}}, or an HTTP 401 or 403 to the upgrade) is not
 *       reconnected: the same keys would be refused again. Every subscribed listener's {@link
 *       TradeUpdateListener#onStreamFailure} receives a {@link ErrorCode#FORBIDDEN} exception with
 *       Alpaca's message, once, and polling goes on carrying the updates. The next start of the
 *       stream (a subscription after the last one closed) tries again.
 *   <li>While it is not listening, the account's recent orders are polled every poll interval and
 *       each change since the last state seen becomes an update: a fill by the increase of the
 *       filled quantity, priced at the order's average fill price; any other status change as its
 *       event. On every (re)connection one poll catches up what the gap hid.
 * </ul>
 *
 * Updates carry Alpaca's {@code execution_id}; an update inferred by polling carries none. Orders
 * that cannot be a {@code BrokerOrder} (multi-leg options orders) are skipped, logged.
 *
 * <p>Listeners are called one at a time and in order, by an {@link EventFanOut}, on the stream's or
 * the poller's thread; a listener that throws is logged and the others still run.
 */
final class TradeUpdateStream implements AutoCloseable {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /**
   * How far before the stream went down a polled change still counts: the host's clock and Alpaca's
   * may disagree, and an update delivered late is better than one lost.
   */
  private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(TradeUpdateStream.class);

  private final OkHttpClient client;
  private final URI endpoint;
  private final AlpacaCredentials credentials;
  private final Supplier<List<Order>> recentOrders;
  private final Duration pollInterval;
  private final Duration initialBackoff;
  private final Clock clock;
  private final EventFanOut<TradeUpdate> updates = new EventFanOut<>();
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  // One entry per open subscription, for the failures that go to listeners rather than the fan-out.
  private final List<TradeUpdateListener> listeners = new CopyOnWriteArrayList<>();
  // Orders reading and updating what was seen with queueing the updates that follow from it, so
  // that
  // the stream and the poller neither deliver one state twice nor out of order. Never held while
  // the listeners run.
  private final Object ordering = new Object();

  // Guarded by this. A scheduler (and its thread) exists only while the stream runs, that is while
  // a subscription is open.
  private int subscriptions;
  private @Nullable ScheduledExecutorService scheduler;
  private @Nullable WebSocket socket;
  private boolean socketOpen;
  private boolean closed;
  // Which run of the stream a scheduled reconnection belongs to: a stop and a new start must not
  // let the old run's reconnection open a second websocket.
  private long run;
  private volatile boolean listening;
  // Guarded by this. Alpaca refused the stream's credentials in the current run: no reconnecting.
  // The failure told to the listeners then, and to those that subscribe later in the same run.
  private boolean refused;
  private @Nullable SpeedTradeException refusal;
  private int failures;
  private long generation;
  private Instant downSince;

  TradeUpdateStream(
      OkHttpClient client,
      URI tradingUrl,
      AlpacaCredentials credentials,
      Supplier<List<Order>> recentOrders,
      Duration pollInterval,
      Duration initialBackoff,
      Clock clock) {
    this.client =
        client.newBuilder().callTimeout(Duration.ZERO).pingInterval(Duration.ofSeconds(20)).build();
    String base = tradingUrl.toString();
    this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "stream");
    this.credentials = credentials;
    this.recentOrders = recentOrders;
    this.pollInterval = pollInterval;
    this.initialBackoff = initialBackoff;
    this.clock = clock;
    this.downSince = clock.instant().minus(CLOCK_MARGIN);
  }

  /** The stream's URL, for messages; it carries no secret. */
  URI endpoint() {
    return endpoint;
  }

  /**
   * Whether the stream is connected, authenticated and listening (else polling carries the
   * updates).
   */
  boolean isListening() {
    return listening;
  }

  /** Whether Alpaca refused the credentials in the current run, so that it does not reconnect. */
  synchronized boolean isRefused() {
    return refused;
  }

  /**
   * Whether the stream runs: a subscription is open, so a websocket is open or being (re)opened.
   */
  synchronized boolean isRunning() {
    return scheduler != null;
  }

  /** Whether {@link #close()} was called. */
  synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Adds a listener, starting the stream if it is the first. Closing the returned subscription
   * removes it (idempotently), and stops the stream if it was the last.
   */
  Subscription subscribe(TradeUpdateListener listener) {
    Objects.requireNonNull(listener, "listener");
    Subscription registration;
    // Registered for failures before the stream starts, so that a refusal reaches it.
    TradeUpdateListener entry = new FailureTarget(listener);
    listeners.add(entry);
    @Nullable SpeedTradeException alreadyRefused;
    synchronized (this) {
      registration = updates.subscribe(listener);
      subscriptions++;
      start();
      alreadyRefused = refusal;
    }
    if (alreadyRefused != null) {
      tell(entry, alreadyRefused);
    }
    // Counted once however often it is closed, so that closing one subscription twice never stops
    // the stream under another.
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        listeners.remove(entry);
        synchronized (this) {
          registration.close();
          if (--subscriptions == 0) {
            stop();
          }
        }
      }
    };
  }

  private synchronized void start() {
    if (scheduler != null || closed) {
      return;
    }
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "speedtrade-alpaca-trade-updates");
              thread.setDaemon(true);
              return thread;
            });
    scheduler = started;
    run++;
    failures = 0;
    refused = false;
    refusal = null;
    downSince = clock.instant().minus(CLOCK_MARGIN);
    connect(run);
    started.scheduleWithFixedDelay(
        this::pollIfDown, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Closes the websocket and stops the poller and its thread; a later {@link #start} begins afresh.
   */
  private synchronized void stop() {
    ScheduledExecutorService stopping = scheduler;
    if (stopping == null) {
      return;
    }
    scheduler = null;
    // Callbacks of the closed websocket carry the old generation and are ignored.
    generation++;
    if (listening) {
      downSince = clock.instant().minus(CLOCK_MARGIN);
    }
    listening = false;
    WebSocket closing = socket;
    socket = null;
    if (closing != null) {
      if (socketOpen) {
        closing.close(1000, "no subscribers");
      } else {
        // Not connected yet (or queued behind a dispatcher's limit): nothing to say goodbye to.
        closing.cancel();
      }
    }
    socketOpen = false;
    stopping.shutdownNow();
  }

  private synchronized void connect(long forRun) {
    if (closed || forRun != run || scheduler == null) {
      return;
    }
    long current = ++generation;
    socketOpen = false;
    socket =
        client.newWebSocket(
            new Request.Builder().url(endpoint.toString()).build(), new Listener(current));
  }

  private synchronized void opened(long from) {
    if (from == generation) {
      socketOpen = true;
    }
  }

  private synchronized void lost(long from, String why) {
    ScheduledExecutorService current = scheduler;
    if (closed || from != generation || socket == null || current == null) {
      return;
    }
    if (listening) {
      downSince = clock.instant().minus(CLOCK_MARGIN);
    }
    listening = false;
    socket.cancel();
    socket = null;
    socketOpen = false;
    Duration delay = initialBackoff.multipliedBy(1L << Math.min(failures, 16));
    if (delay.compareTo(MAX_BACKOFF) > 0) {
      delay = MAX_BACKOFF;
    }
    failures++;
    log.info(
        "Alpaca trade update stream down ({}); polling, reconnecting in {} ms",
        why,
        delay.toMillis());
    long forRun = run;
    current.schedule(() -> connect(forRun), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Alpaca refused the credentials: stops this run's websocket for good (polling goes on) and
   * returns true when this is news, so that the caller tells the listeners, outside the lock.
   */
  private synchronized boolean refused(long from, String why) {
    if (closed || from != generation || scheduler == null || refused) {
      return false;
    }
    refused = true;
    if (listening) {
      downSince = clock.instant().minus(CLOCK_MARGIN);
    }
    listening = false;
    WebSocket current = socket;
    if (current != null) {
      current.cancel();
    }
    socket = null;
    socketOpen = false;
    log.warn(
        "Alpaca refused the trade update stream's credentials ({}); not reconnecting, polling"
            + " carries the updates",
        why);
    return true;
  }

  private void tellRefused(String why) {
    SpeedTradeException failure =
        new SpeedTradeException(
            ErrorCode.FORBIDDEN,
            "Alpaca refused the credentials of the trade update stream at "
                + endpoint
                + ": "
                + why
                + "; it is not reconnected, and the account's orders are polled instead");
    synchronized (this) {
      if (refused) {
        refusal = failure;
      }
    }
    for (TradeUpdateListener listener : listeners) {
      tell(listener, failure);
    }
  }

  private static void tell(TradeUpdateListener listener, SpeedTradeException failure) {
    try {
      listener.onStreamFailure(failure);
    } catch (RuntimeException e) {
      log.warn("Trade update listener {} failed on the stream failure", listener, e);
    }
  }

  private synchronized void listening(long from) {
    ScheduledExecutorService current = scheduler;
    if (closed || from != generation || current == null) {
      return;
    }
    listening = true;
    failures = 0;
    log.info("Alpaca trade update stream listening");
    current.execute(this::poll);
  }

  private void pollIfDown() {
    if (!listening && hasSubscriptions()) {
      poll();
    }
  }

  private synchronized boolean hasSubscriptions() {
    return subscriptions > 0;
  }

  /**
   * Reads the recent orders once and delivers every change since the last state seen. A polled
   * state older than the one seen (the stream may have delivered a newer one meanwhile) is skipped.
   */
  void poll() {
    List<Order> orders;
    try {
      orders = recentOrders.get();
    } catch (RuntimeException e) {
      log.info("Polling Alpaca's orders failed: {}", e.getMessage());
      return;
    }
    Instant since;
    synchronized (this) {
      since = downSince;
    }
    synchronized (ordering) {
      List<TradeUpdate> changed = new ArrayList<>();
      for (int i = orders.size() - 1; i >= 0; i--) {
        BrokerOrder order;
        try {
          if (!AlpacaModels.isRepresentable(orders.get(i))) {
            continue;
          }
          order = AlpacaModels.order(orders.get(i));
        } catch (RuntimeException e) {
          log.info("Skipping an unreadable order while polling: {}", e.getMessage());
          continue;
        }
        Seen before = seen.get(order.id());
        if (before == null ? order.updatedAt().isBefore(since) : !before.isBefore(order)) {
          if (before == null) {
            remember(order);
          }
          continue;
        }
        changed.addAll(changes(before, order, clock.instant()));
        remember(order);
      }
      changed.forEach(updates::queue);
    }
    updates.deliver();
  }

  /** Delivers an update from the stream, unless polling already delivered the state it carries. */
  private void offer(TradeUpdate update) {
    synchronized (ordering) {
      Seen before = seen.get(update.order().id());
      boolean carriesAState =
          update.event() != TradeUpdateEvent.ORDER_CANCEL_REJECTED
              && update.event() != TradeUpdateEvent.ORDER_REPLACE_REJECTED;
      if (carriesAState && before != null && before.sameState(update.order())) {
        return;
      }
      remember(update.order());
      updates.queue(update);
    }
    updates.deliver();
  }

  /** The updates that take an order from {@code before} (null: not seen) to {@code now}. */
  static List<TradeUpdate> changes(@Nullable Seen before, BrokerOrder now, Instant at) {
    List<TradeUpdate> updates = new ArrayList<>();
    BigDecimal filledBefore = before == null ? BigDecimal.ZERO : before.filledQty();
    BigDecimal filledNow = now.filledQty().value();
    if (filledNow.compareTo(filledBefore) > 0 && now.filledAvgPrice() != null) {
      TradeUpdateEvent event =
          now.status() == OrderStatus.FILLED
              ? TradeUpdateEvent.FILL
              : TradeUpdateEvent.PARTIAL_FILL;
      updates.add(
          new TradeUpdate(
              event,
              now,
              at,
              now.filledAvgPrice(),
              Quantity.of(filledNow.subtract(filledBefore)),
              null));
    }
    boolean statusChanged = before == null || before.status() != now.status();
    boolean fillStatus =
        now.status() == OrderStatus.FILLED || now.status() == OrderStatus.PARTIALLY_FILLED;
    if (statusChanged && !fillStatus) {
      updates.add(new TradeUpdate(event(now.status()), now, at, null, null, null));
    }
    return updates;
  }

  private static TradeUpdateEvent event(OrderStatus status) {
    return switch (status) {
      case PENDING_NEW -> TradeUpdateEvent.PENDING_NEW;
      case ACCEPTED, NEW, ACCEPTED_FOR_BIDDING -> TradeUpdateEvent.NEW;
      case PARTIALLY_FILLED -> TradeUpdateEvent.PARTIAL_FILL;
      case FILLED -> TradeUpdateEvent.FILL;
      case DONE_FOR_DAY -> TradeUpdateEvent.DONE_FOR_DAY;
      case CANCELED -> TradeUpdateEvent.CANCELED;
      case EXPIRED -> TradeUpdateEvent.EXPIRED;
      case REPLACED -> TradeUpdateEvent.REPLACED;
      case PENDING_CANCEL -> TradeUpdateEvent.PENDING_CANCEL;
      case PENDING_REPLACE -> TradeUpdateEvent.PENDING_REPLACE;
      case REJECTED -> TradeUpdateEvent.REJECTED;
      case SUSPENDED -> TradeUpdateEvent.SUSPENDED;
      case STOPPED -> TradeUpdateEvent.STOPPED;
      case CALCULATED -> TradeUpdateEvent.CALCULATED;
    };
  }

  /** The last state of an order this stream delivered or saw. */
  record Seen(OrderStatus status, BigDecimal filledQty, Instant updatedAt) {

    /** Whether {@code order} is a later state than this one: more filled, or changed since. */
    boolean isBefore(BrokerOrder order) {
      int filled = order.filledQty().value().compareTo(filledQty);
      if (filled != 0) {
        return filled > 0;
      }
      return order.status() != status && !order.updatedAt().isBefore(updatedAt);
    }

    boolean sameState(BrokerOrder order) {
      return order.status() == status && order.filledQty().value().compareTo(filledQty) == 0;
    }
  }

  private void remember(BrokerOrder order) {
    seen.put(order.id(), new Seen(order.status(), order.filledQty().value(), order.updatedAt()));
  }

  /** Reads one server message; returns the update it carries, if it is one. */
  private @Nullable TradeUpdate handle(long from, WebSocket webSocket, String text) {
    JsonObject message = JsonParser.parseString(text).getAsJsonObject();
    String streamName = string(message, "stream");
    JsonObject data =
        message.has("data") && message.get("data").isJsonObject()
            ? message.getAsJsonObject("data")
            : new JsonObject();
    switch (streamName == null ? "" : streamName) {
      case "authorization" -> {
        if ("authorized".equalsIgnoreCase(string(data, "status"))) {
          webSocket.send("{\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}");
        } else {
          String said = string(data, "message");
          String why =
              "status "
                  + string(data, "status")
                  + " to "
                  + string(data, "action")
                  + (said == null ? "" : ", \"" + said + "\"");
          if (refused(from, why)) {
            tellRefused(why);
          }
        }
      }
      case "listening" -> {
        JsonElement streams = data.get("streams");
        if (streams instanceof JsonArray array
            && array.contains(new JsonPrimitive("trade_updates"))) {
          listening(from);
        }
      }
      case "trade_updates" -> {
        return update(data);
      }
      default -> log.debug("Ignoring stream message {}", streamName);
    }
    return null;
  }

  private @Nullable TradeUpdate update(JsonObject data) {
    String eventName = string(data, "event");
    TradeUpdateEvent event;
    try {
      event = TradeUpdateEvent.valueOf(Objects.requireNonNull(eventName).toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      log.debug("Ignoring trade update event {}", eventName);
      return null;
    }
    Order alpacaOrder = GsonUtil.GSON.fromJson(data.get("order"), Order.class);
    if (alpacaOrder == null || !AlpacaModels.isRepresentable(alpacaOrder)) {
      log.info(
          "Skipping a {} update of an order with no single symbol and side ({})",
          eventName,
          alpacaOrder == null ? "no order" : alpacaOrder.getId());
      return null;
    }
    BrokerOrder order = AlpacaModels.order(alpacaOrder);
    String timestamp = string(data, "timestamp");
    Instant at =
        timestamp == null ? order.updatedAt() : OffsetDateTime.parse(timestamp).toInstant();
    @Nullable Price price = AlpacaNumbers.optionalPrice(string(data, "price"), "price");
    @Nullable Quantity qty = AlpacaNumbers.optionalQuantity(string(data, "qty"), "qty");
    String positionQty = string(data, "position_qty");
    if (event.isFill() && (price == null || qty == null)) {
      price = order.filledAvgPrice();
      qty = order.filledQty();
    }
    String executionId = string(data, "execution_id");
    return new TradeUpdate(
        event,
        order,
        at,
        price,
        qty,
        positionQty == null ? null : AlpacaNumbers.decimal(positionQty, "position_qty"),
        executionId == null || executionId.isBlank() ? null : executionId);
  }

  private static @Nullable String string(JsonObject object, String name) {
    JsonElement element = object.get(name);
    return element == null || element.isJsonNull() ? null : element.getAsString();
  }

  /**
   * Stops the stream for good: its websocket and poller stop, and a later subscription registers
   * its listener but starts nothing. Idempotent.
   */
  @Override
  public synchronized void close() {
    closed = true;
    stop();
  }

  /**
   * One subscription's entry for stream failures: the listener, compared by identity of the entry
   * so that the same listener subscribed twice has two entries.
   */
  private static final class FailureTarget implements TradeUpdateListener {
    private final TradeUpdateListener listener;
    // The last failure told, so that a subscription racing with a refusal hears of it once.
    private final AtomicReference<@Nullable SpeedTradeException> told = new AtomicReference<>();

    FailureTarget(TradeUpdateListener listener) {
      this.listener = listener;
    }

    @Override
    public void onEvent(TradeUpdate update) {
      listener.onEvent(update);
    }

    @Override
    public void onStreamFailure(SpeedTradeException failure) {
      if (told.getAndSet(failure) != failure) {
        listener.onStreamFailure(failure);
      }
    }

    @Override
    public String toString() {
      return listener.toString();
    }
  }

  private final class Listener extends WebSocketListener {
    private final long from;

    Listener(long from) {
      this.from = from;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      opened(from);
      JsonObject keys = new JsonObject();
      keys.addProperty("key_id", credentials.keyId());
      keys.addProperty("secret_key", credentials.secretKey());
      JsonObject authenticate = new JsonObject();
      authenticate.addProperty("action", "authenticate");
      authenticate.add("data", keys);
      webSocket.send(authenticate.toString());
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      receive(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      receive(webSocket, bytes.utf8());
    }

    private void receive(WebSocket webSocket, String text) {
      TradeUpdate update;
      try {
        update = handle(from, webSocket, text);
      } catch (RuntimeException e) {
        log.warn("Ignoring an unreadable trade update stream message: {}", e.getMessage());
        return;
      }
      if (update != null) {
        offer(update);
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      lost(from, "closed by Alpaca, code " + code);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, @Nullable Response response) {
      if (response != null && (response.code() == 401 || response.code() == 403)) {
        String why = "HTTP " + response.code() + " to the websocket upgrade";
        if (refused(from, why)) {
          tellRefused(why);
        }
        return;
      }
      lost(from, response == null ? failure.getClass().getSimpleName() : "HTTP " + response.code());
    }
  }
}
