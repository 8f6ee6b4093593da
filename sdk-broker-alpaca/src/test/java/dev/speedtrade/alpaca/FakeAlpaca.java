package dev.speedtrade.alpaca;

import com.squareup.moshi.JsonDataException;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.ReplaceRequest;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.Snapshot;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake of Alpaca's Trading API v2, Market Data snapshots and {@code trade_updates} stream on one
 * {@link MockWebServer}, backed by a {@link SimulatedBroker} and answering in the shapes of the
 * fixtures under {@code src/test/resources/alpaca} (see {@link FakeAlpacaJson}).
 *
 * <p>Point both the trading and the data URL of an {@link AlpacaConfig} at {@link #baseUrl()}.
 * Every REST call needs the {@code APCA-API-KEY-ID} and {@code APCA-API-SECRET-KEY} headers:
 * without them the answer is 403 {@code {"message": "forbidden."}}, with other values 401 {@code
 * {"code": 40110000, "message": "request is not authorized"}}. The stream authenticates in its
 * first message.
 *
 * <p>Several accounts, each over its own simulation, may share the fake ({@link #addAccount}): the
 * key pair of a call or a stream picks the account, as on Alpaca, so one account's orders,
 * positions and trade updates never show in another's.
 *
 * <p>Faults: {@link #enqueueFailure} answers the next matching call with a scripted response and
 * leaves the simulation alone (Alpaca did not process it); {@link #loseNextAnswer} processes the
 * next matching call and then closes the connection before answering. OkHttp resends a request that
 * fails that way on a reused connection unless its client has {@code
 * retryOnConnectionFailure(false)}: the fake then sees (and processes) the call twice.
 *
 * <p>Thread-safe: MockWebServer serves connections on several threads, and one lock makes each
 * call's reads and writes of the simulation atomic. Trade updates go to the streams on whichever
 * thread moved the simulation (a call's, or a test's calling {@code sim.setPrice}), before that
 * call is answered; forwarding them takes no lock of the fake's, so a test thread moving the
 * simulation cannot deadlock with a call in progress. Orders the simulation closed before the fake
 * started are missing from {@code GET /v2/orders?status=closed}: the simulation lists only open
 * orders, and the fake learns the others from trade updates and its own answers.
 */
final class FakeAlpaca implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FakeAlpaca.class);
  private static final Currency USD = Currency.getInstance("USD");
  private static final String JSON = "application/json; charset=UTF-8";
  private static final int DEFAULT_ORDER_LIMIT = 50;
  private static final int MAX_ORDER_LIMIT = 500;
  private static final int SETTLEMENT_LOOKAHEAD_DAYS = 14;
  private static final int PERCENT = 100;
  private static final int DATE_LENGTH = "2026-01-01".length();

  private final MockWebServer server = new MockWebServer();
  // By key id: each account is reached with its own key pair, as Alpaca tells accounts apart.
  private final Map<String, Account> accounts = new ConcurrentHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> answered = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> callsByKey = new ConcurrentHashMap<>();
  private final List<Fault> faults = new ArrayList<>();
  // Every open stream connection, authenticated or not.
  private final Set<FakeAlpacaStream> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger streamsOpened = new AtomicInteger();

  /**
   * One call as the fake received it: its method, its path with the query, and its body as text
   * (empty when it has none).
   */
  record Received(String method, String path, String body) {}

  /** A scripted answer for the next call whose "METHOD /path?query" starts with {@code prefix}. */
  private record Fault(String prefix, @Nullable MockResponse response) {}

  private FakeAlpaca() {
    server.setDispatcher(new Routes());
  }

  /** Starts a fake over {@code sim} that accepts the key pair {@code keyId}, {@code secretKey}. */
  static FakeAlpaca start(SimulatedBroker sim, String keyId, String secretKey) {
    FakeAlpaca fake = new FakeAlpaca();
    fake.addAccount(sim, keyId, secretKey);
    try {
      fake.server.start();
    } catch (IOException e) {
      fake.close();
      throw new UncheckedIOException(e);
    }
    return fake;
  }

  /**
   * Adds another account, over its own {@code sim}, reached with the key pair {@code keyId}, {@code
   * secretKey}: REST calls with its {@code APCA-API-KEY-ID} and streams authenticated with its key
   * see only its orders, positions and trade updates, as on Alpaca.
   */
  FakeAlpaca addAccount(SimulatedBroker sim, String keyId, String secretKey) {
    Account account = new Account(sim, secretKey);
    if (accounts.putIfAbsent(keyId, account) != null) {
      account.subscription.close();
      throw new IllegalArgumentException("an account with this key id exists already");
    }
    return this;
  }

  /**
   * Returns {@code http://host:port}, without a trailing slash, for both trading and data calls.
   */
  String baseUrl() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /**
   * Returns every call so far as {@code "METHOD /path?query"}, in arrival order; a stream
   * connection is {@code "GET /stream"}.
   */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /**
   * Returns the calls so far made with the key id {@code keyId}, as {@link #calls()} shows them.
   */
  List<String> calls(String keyId) {
    return List.copyOf(callsByKey.getOrDefault(keyId, List.of()));
  }

  /**
   * Returns every call so far with its body, in arrival order: the fake's request log. A stream
   * connection is {@code GET /stream} with an empty body.
   */
  List<Received> requests() {
    return List.copyOf(received);
  }

  /**
   * Returns how many calls starting with {@code methodAndPathPrefix} the fake has answered (its
   * answer is computed from the simulation; it may still be on its way to the client).
   */
  int answered(String methodAndPathPrefix) {
    return (int) answered.stream().filter(call -> call.startsWith(methodAndPathPrefix)).count();
  }

  /**
   * Returns how many calls so far start with {@code methodAndPathPrefix}, e.g. {@code "POST
   * /v2/orders"}.
   */
  int count(String methodAndPathPrefix) {
    return (int) calls.stream().filter(call -> call.startsWith(methodAndPathPrefix)).count();
  }

  /**
   * Answers the next call starting with {@code methodAndPathPrefix} with {@code response} (a 429
   * with {@code X-RateLimit-*} headers, a 500, a {@link SocketPolicy}, a throttled or delayed body)
   * and does not apply it to the simulation. {@link SocketPolicy#DISCONNECT_AT_START} and {@link
   * SocketPolicy#STALL_SOCKET_AT_START} act only through a dispatcher's {@code peek()}, which
   * cannot see the request, so they are served as {@link SocketPolicy#DISCONNECT_AFTER_REQUEST} and
   * {@link SocketPolicy#NO_RESPONSE}: the client sees the same failure.
   */
  void enqueueFailure(String methodAndPathPrefix, MockResponse response) {
    SocketPolicy policy = response.getSocketPolicy();
    if (policy == SocketPolicy.DISCONNECT_AT_START) {
      response.setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    } else if (policy == SocketPolicy.STALL_SOCKET_AT_START) {
      response.setSocketPolicy(SocketPolicy.NO_RESPONSE);
    }
    synchronized (faults) {
      faults.add(new Fault(methodAndPathPrefix, response));
    }
  }

  /**
   * Applies the next call starting with {@code methodAndPathPrefix} to the simulation, then closes
   * the connection instead of answering ({@link SocketPolicy#DISCONNECT_AFTER_REQUEST}): the client
   * gets an {@link IOException} ("unexpected end of stream") although the call took effect.
   */
  void loseNextAnswer(String methodAndPathPrefix) {
    synchronized (faults) {
      faults.add(new Fault(methodAndPathPrefix, null));
    }
  }

  /** Drops every open stream connection without a close handshake; a client should reconnect. */
  void dropStream() {
    for (FakeAlpacaStream stream : connections) {
      stream.drop();
    }
  }

  /** Returns how many stream connections have been opened so far, reconnections included. */
  int streamConnections() {
    return streamsOpened.get();
  }

  /**
   * Returns how many open stream connections are authorized and listening to {@code trade_updates}.
   */
  int listeningStreams() {
    return (int) connections.stream().filter(FakeAlpacaStream::isListening).count();
  }

  /** Returns how many open stream connections authenticated with {@code keyId} are listening. */
  int listeningStreams(String keyId) {
    Account account = accounts.get(keyId);
    return account == null
        ? 0
        : (int) account.streams.stream().filter(FakeAlpacaStream::isListening).count();
  }

  /** Returns how many stream connections are open, authenticated or not. */
  int openStreams() {
    return connections.size();
  }

  @Override
  public void close() {
    for (Account account : accounts.values()) {
      account.subscription.close();
    }
    dropStream();
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "FakeAlpaca{" + server.url("/") + ", " + accounts.size() + " accounts}";
  }

  private @Nullable Fault takeFault(String call) {
    synchronized (faults) {
      for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
        Fault fault = it.next();
        if (call.startsWith(fault.prefix())) {
          it.remove();
          return fault;
        }
      }
      return null;
    }
  }

  private final class Routes extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String call = request.getMethod() + " " + request.getPath();
      calls.add(call);
      // A copy: the routes read the body itself.
      received.add(
          new Received(
              String.valueOf(request.getMethod()),
              String.valueOf(request.getPath()),
              request.getBody().clone().readUtf8()));
      String key = request.getHeader(AlpacaHttp.KEY_HEADER);
      if (key != null) {
        callsByKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(call);
      }
      Fault fault = takeFault(call);
      if (fault != null && fault.response() != null) {
        answered.add(call);
        return fault.response();
      }
      MockResponse answer;
      try {
        answer = route(request);
      } catch (RuntimeException e) {
        log.error("FakeAlpaca failed on {}", call, e);
        answer = json(500, FakeAlpacaJson.error(50010000, "internal server error occurred"));
      }
      answered.add(call);
      return fault == null ? answer : answer.setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    }
  }

  // ---------------------------------------------------------------- routing

  private MockResponse route(RecordedRequest request) {
    if (request.getRequestUrl().pathSegments().equals(List.of("stream"))) {
      return upgrade(request);
    }
    String key = request.getHeader(AlpacaHttp.KEY_HEADER);
    String secret = request.getHeader(AlpacaHttp.SECRET_HEADER);
    if (key == null || secret == null) {
      return json(403, FakeAlpacaJson.message("forbidden."));
    }
    Account account = accounts.get(key);
    if (account == null || !secret.equals(account.secretKey)) {
      return json(401, FakeAlpacaJson.error(40110000, "request is not authorized"));
    }
    return account.route(request);
  }

  private MockResponse upgrade(RecordedRequest request) {
    if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      return json(400, FakeAlpacaJson.message("expected a websocket upgrade"));
    }
    return new MockResponse()
        .withWebSocketUpgrade(new FakeAlpacaStream(this::streamsOf, connections, streamsOpened));
  }

  /** The open streams of the account with this key pair, or null when no account has it. */
  private @Nullable Set<FakeAlpacaStream> streamsOf(
      @Nullable Object keyId, @Nullable Object secretKey) {
    Account account = keyId == null ? null : accounts.get(keyId.toString());
    return account != null && account.secretKey.equals(secretKey) ? account.streams : null;
  }

  /** One simulated account, reached with its own key pair. */
  private final class Account {
    private final SimulatedBroker sim;
    private final String secretKey;
    private final Object simLock = new Object();
    private final Instant createdAt;
    private final Set<String> knownOrders = ConcurrentHashMap.newKeySet();
    // The order in which orders arrived: Alpaca's timestamps never tie, the simulation's clock may.
    private final Map<String, Long> arrival = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    // The account's open stream connections that authenticated with its key pair.
    private final Set<FakeAlpacaStream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicLong executions = new AtomicLong();
    private final Subscription subscription;

    private Account(SimulatedBroker sim, String secretKey) {
      this.sim = sim;
      this.secretKey = secretKey;
      this.createdAt = sim.marketClock().status().timestamp();
      for (BrokerOrder order : sim.openOrders()) {
        remember(order.id());
      }
      this.subscription = sim.subscribe(this::publish);
    }

    private void publish(TradeUpdate update) {
      remember(update.order().id());
      if (streams.isEmpty()) {
        return;
      }
      // Alpaca sends an execution id with every event; the simulation's fills carry their own.
      String executionId =
          update.executionId() != null
              ? update.executionId()
              : UUID.nameUUIDFromBytes(
                      (update.order().id() + "/" + executions.incrementAndGet())
                          .getBytes(StandardCharsets.UTF_8))
                  .toString();
      String message = FakeAlpacaJson.tradeUpdate(update, executionId);
      for (FakeAlpacaStream stream : streams) {
        stream.deliver(message);
      }
    }

    private MockResponse route(RecordedRequest request) {
      HttpUrl url = request.getRequestUrl();
      String method = request.getMethod();
      List<String> path = url.pathSegments();
      if (path.equals(List.of("v1beta3", "crypto", "us", "snapshots")) && method.equals("GET")) {
        synchronized (simLock) {
          return cryptoSnapshots(url);
        }
      }
      if (path.size() < 2 || path.size() > 3 || !path.get(0).equals("v2")) {
        return notFound(method, url);
      }
      String resource = path.get(1);
      String id = path.size() > 2 ? path.get(2) : null;
      String route =
          method
              + " "
              + resource
              + (id == null ? "" : resource.equals("stocks") ? "/" + id : "/{id}");
      synchronized (simLock) {
        return switch (route) {
          case "GET account" -> account();
          case "GET positions" -> positions();
          case "GET positions/{id}" -> position(id);
          case "DELETE positions/{id}" -> closePosition(id, url);
          case "GET orders" -> orders(url);
          case "POST orders" -> submit(request.getBody().readUtf8());
          case "DELETE orders" -> cancelAll();
          case "GET orders/{id}" -> order(id);
          case "DELETE orders/{id}" -> cancel(id);
          case "PATCH orders/{id}" -> replace(id, request.getBody().readUtf8());
          case "GET orders:by_client_order_id" ->
              orderByClientOrderId(url.queryParameter("client_order_id"));
          case "GET assets/{id}" -> asset(id);
          case "GET clock" -> json(200, FakeAlpacaJson.clock(sim.marketClock().status()));
          case "GET calendar" -> calendar(url);
          case "GET stocks/snapshots" -> snapshots(url);
          default -> notFound(method, url);
        };
      }
    }

    // ---------------------------------------------------------------- account and positions

    private MockResponse account() {
      Money longMarketValue = Money.zero(USD);
      for (Position position : sim.positions()) {
        longMarketValue = longMarketValue.plus(position.marketValue());
      }
      Instant now = sim.marketClock().status().timestamp();
      return json(
          200,
          FakeAlpacaJson.account(
              sim.account(),
              longMarketValue,
              createdAt,
              now.atZone(TradingDay.NEW_YORK).toLocalDate()));
    }

    private MockResponse positions() {
      List<Position> positions = sim.positions();
      return json(200, FakeAlpacaJson.positions(positions, contexts(positions)));
    }

    private MockResponse position(String symbol) {
      Optional<Position> position = findPosition(symbol);
      if (position.isEmpty()) {
        return positionNotFound();
      }
      return json(
          200,
          FakeAlpacaJson.position(
              position.get(), contexts(List.of(position.get())).get(position.get().symbol())));
    }

    private Map<String, FakeAlpacaJson.PositionContext> contexts(List<Position> positions) {
      Map<String, FakeAlpacaJson.PositionContext> contexts = new HashMap<>();
      if (positions.isEmpty()) {
        return contexts;
      }
      Map<String, Snapshot> snapshots =
          sim.marketData().snapshots(positions.stream().map(Position::symbol).toList());
      for (Position position : positions) {
        Snapshot snapshot = snapshots.get(position.symbol());
        BigDecimal lastday = null;
        if (snapshot != null && snapshot.previousDailyBar() != null) {
          lastday = snapshot.previousDailyBar().close().value();
        } else if (snapshot != null && snapshot.dailyBar() != null) {
          lastday = snapshot.dailyBar().open().value();
        }
        BigDecimal held = heldForSells(position.symbol());
        contexts.put(
            position.symbol(),
            new FakeAlpacaJson.PositionContext(
                lastday, position.qty().value().subtract(held).max(BigDecimal.ZERO)));
      }
      return contexts;
    }

    private MockResponse closePosition(String symbol, HttpUrl url) {
      Optional<Position> position = findPosition(symbol);
      if (position.isEmpty()) {
        return positionNotFound();
      }
      Position held = position.get();
      String qty = url.queryParameter("qty");
      String percentage = url.queryParameter("percentage");
      OrderRequest close;
      try {
        BigDecimal units = held.qty().value();
        if (qty != null) {
          units = new BigDecimal(qty);
        } else if (percentage != null) {
          units =
              units
                  .multiply(new BigDecimal(percentage))
                  .divide(BigDecimal.valueOf(PERCENT), Quantity.MAX_SCALE, RoundingMode.FLOOR);
        }
        close =
            OrderRequest.builder()
                .symbol(held.symbol())
                .side(OrderSide.SELL)
                .qty(Quantity.of(units))
                .timeInForce(
                    held.assetClass() == AssetClass.CRYPTO ? TimeInForce.GTC : TimeInForce.DAY)
                .build();
      } catch (NumberFormatException e) {
        return json(422, FakeAlpacaJson.error(40010001, "invalid qty or percentage"));
      } catch (SpeedTradeException e) {
        return json(422, FakeAlpacaJson.error(40010001, e.getMessage()));
      }
      try {
        BrokerOrder order =
            qty == null && percentage == null
                ? sim.closePosition(held.symbol())
                : sim.submitOrder(close);
        remember(order.id());
        return json(200, FakeAlpacaJson.order(order));
      } catch (SpeedTradeException e) {
        return e.code() == ErrorCode.POSITION_NOT_FOUND ? positionNotFound() : refusal(e, close);
      }
    }

    private Optional<Position> findPosition(String symbol) {
      if (symbol.toUpperCase(Locale.ROOT).endsWith("/USD")) {
        // Alpaca finds a crypto USD pair's position only by its old symbol, BTCUSD (alpaca-py issue
        // #537).
        return Optional.empty();
      }
      List<Position> positions = sim.positions();
      for (String candidate : symbolCandidates(symbol)) {
        for (Position position : positions) {
          if (position.symbol().equals(candidate)) {
            return Optional.of(position);
          }
        }
      }
      return Optional.empty();
    }

    private static MockResponse positionNotFound() {
      return json(404, FakeAlpacaJson.error(40410000, "position does not exist"));
    }

    // ---------------------------------------------------------------- orders

    private MockResponse orders(HttpUrl url) {
      String status = Optional.ofNullable(url.queryParameter("status")).orElse("open");
      String direction = Optional.ofNullable(url.queryParameter("direction")).orElse("desc");
      if (!List.of("open", "closed", "all").contains(status)) {
        return json(422, FakeAlpacaJson.error(40010001, "invalid status: " + status));
      }
      if (!List.of("asc", "desc").contains(direction)) {
        return json(422, FakeAlpacaJson.error(40010001, "invalid direction: " + direction));
      }
      int limit;
      Instant after;
      Instant until;
      try {
        limit =
            Math.min(
                MAX_ORDER_LIMIT,
                Optional.ofNullable(url.queryParameter("limit"))
                    .map(Integer::parseInt)
                    .orElse(DEFAULT_ORDER_LIMIT));
        after = instant(url.queryParameter("after"));
        until = instant(url.queryParameter("until"));
      } catch (NumberFormatException | DateTimeParseException e) {
        return json(
            422,
            FakeAlpacaJson.error(40010001, "invalid limit, after or until: " + e.getMessage()));
      }
      Set<String> symbols = new LinkedHashSet<>();
      String symbolList = url.queryParameter("symbols");
      if (symbolList != null) {
        for (String symbol : symbolList.split(",")) {
          if (!symbol.isBlank()) {
            symbols.add(symbol.strip().toUpperCase(Locale.ROOT));
          }
        }
      }
      Comparator<BrokerOrder> byTime =
          Comparator.comparing(BrokerOrder::createdAt)
              .thenComparing(order -> arrival.getOrDefault(order.id(), Long.MAX_VALUE));
      List<BrokerOrder> orders =
          allOrders().stream()
              .filter(order -> status.equals("all") || order.isOpen() == status.equals("open"))
              .filter(order -> symbols.isEmpty() || symbols.contains(order.symbol()))
              .filter(order -> after == null || order.createdAt().isAfter(after))
              .filter(order -> until == null || order.createdAt().isBefore(until))
              .sorted(direction.equals("asc") ? byTime : byTime.reversed())
              .limit(Math.max(limit, 0))
              .toList();
      return json(200, FakeAlpacaJson.orders(orders));
    }

    private void remember(String orderId) {
      knownOrders.add(orderId);
      arrival.computeIfAbsent(orderId, id -> arrivals.incrementAndGet());
    }

    private List<BrokerOrder> allOrders() {
      Map<String, BrokerOrder> orders = new HashMap<>();
      for (BrokerOrder open : sim.openOrders()) {
        orders.put(open.id(), open);
      }
      for (String id : knownOrders) {
        if (!orders.containsKey(id)) {
          sim.order(id).ifPresent(order -> orders.put(id, order));
        }
      }
      return new ArrayList<>(orders.values());
    }

    private static @Nullable Instant instant(@Nullable String text) {
      if (text == null || text.isBlank()) {
        return null;
      }
      if (text.length() == DATE_LENGTH) {
        return LocalDate.parse(text).atStartOfDay(TradingDay.NEW_YORK).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    }

    private MockResponse order(String id) {
      return sim.order(id)
          .map(order -> json(200, FakeAlpacaJson.order(order)))
          .orElseGet(() -> json(404, FakeAlpacaJson.error(40410000, "order not found")));
    }

    private MockResponse orderByClientOrderId(@Nullable String clientOrderId) {
      if (clientOrderId == null || clientOrderId.isEmpty()) {
        return json(422, FakeAlpacaJson.error(40010001, "client_order_id is required"));
      }
      return sim.orderByClientOrderId(clientOrderId)
          .map(order -> json(200, FakeAlpacaJson.order(order)))
          .orElseGet(
              () ->
                  json(
                      404, FakeAlpacaJson.error(40410000, "order not found for " + clientOrderId)));
    }

    private MockResponse cancel(String id) {
      try {
        sim.cancelOrder(id);
        return new MockResponse().setResponseCode(204);
      } catch (SpeedTradeException e) {
        if (e.code() == ErrorCode.ORDER_NOT_FOUND) {
          return json(404, FakeAlpacaJson.error(40410000, "order not found"));
        }
        if (e.code() == ErrorCode.ORDER_NOT_CANCELABLE) {
          return json(422, FakeAlpacaJson.error(42210000, "order is not cancelable"));
        }
        throw e;
      }
    }

    /**
     * {@code PATCH /v2/orders/{order_id}}: Alpaca's {@code PatchOrderRequest} ({@code qty}, {@code
     * time_in_force}, {@code limit_price}, {@code stop_price}, {@code trail}, {@code
     * client_order_id}, decimals as strings) applied by the simulation, answered with the new
     * order. Sources of the refusals' bodies are in {@code SOURCES.md}.
     */
    private MockResponse replace(String id, String body) {
      Map<String, @Nullable Object> fields;
      try {
        fields = FakeAlpacaJson.readObject(body);
      } catch (IOException | JsonDataException e) {
        return json(400, FakeAlpacaJson.error(40010000, "request body format is invalid"));
      }
      ReplaceRequest request;
      try {
        String qty = optionalText(fields, "qty");
        String limitPrice = optionalText(fields, "limit_price");
        String stopPrice = optionalText(fields, "stop_price");
        String trail = optionalText(fields, "trail");
        String timeInForce = optionalText(fields, "time_in_force");
        if (qty == null
            && limitPrice == null
            && stopPrice == null
            && trail == null
            && timeInForce == null) {
          return json(403, FakeAlpacaJson.error(40310000, "order parameters are not changed"));
        }
        request =
            new ReplaceRequest(
                qty == null ? null : Quantity.of(decimal("qty", qty)),
                limitPrice == null ? null : Price.of(decimal("limit_price", limitPrice)),
                stopPrice == null ? null : Price.of(decimal("stop_price", stopPrice)),
                trail == null ? null : decimal("trail", trail),
                timeInForce == null ? null : choice(TimeInForce.class, fields, "time_in_force"),
                optionalText(fields, "client_order_id"));
      } catch (IllegalArgumentException | SpeedTradeException e) {
        return json(422, FakeAlpacaJson.error(40010001, e.getMessage()));
      }
      try {
        BrokerOrder order = sim.replaceOrder(id, request);
        remember(id);
        remember(order.id());
        return json(200, FakeAlpacaJson.order(order));
      } catch (SpeedTradeException e) {
        return switch (e.code()) {
          case ORDER_NOT_FOUND -> json(404, FakeAlpacaJson.error(40410000, "order not found"));
          case ORDER_NOT_REPLACEABLE ->
              json(422, FakeAlpacaJson.error(42210000, "order is not replaceable"));
          default -> refusal(e, orderRequestFor(id, request));
        };
      }
    }

    /** The order a replacement asks for, to word a refusal of it as a submission's. */
    private OrderRequest orderRequestFor(String id, ReplaceRequest request) {
      BrokerOrder old = sim.order(id).orElseThrow();
      Quantity qty = request.qty();
      return OrderRequest.builder()
          .symbol(old.symbol())
          .side(old.side())
          .type(old.type())
          .qty(
              qty != null
                  ? qty
                  : java.util.Objects.requireNonNull(old.qty()).minus(old.filledQty()))
          .limitPrice(request.limitPrice() != null ? request.limitPrice() : old.limitPrice())
          .stopPrice(request.stopPrice() != null ? request.stopPrice() : old.stopPrice())
          .build();
    }

    private MockResponse cancelAll() {
      List<BrokerOrder> canceled = new ArrayList<>();
      for (CancelOutcome outcome : sim.cancelAllOrders()) {
        sim.order(outcome.orderId()).ifPresent(canceled::add);
      }
      return json(207, FakeAlpacaJson.canceledOrders(canceled));
    }

    private MockResponse submit(String body) {
      Map<String, @Nullable Object> fields;
      try {
        fields = FakeAlpacaJson.readObject(body);
      } catch (IOException | JsonDataException e) {
        return json(400, FakeAlpacaJson.error(40010000, "request body format is invalid"));
      }
      for (String unsupported :
          List.of("trail_price", "trail_percent", "take_profit", "stop_loss", "legs")) {
        if (fields.get(unsupported) != null) {
          return json(
              422, FakeAlpacaJson.error(40010001, unsupported + " is not supported by FakeAlpaca"));
        }
      }
      Object orderClass = fields.get("order_class");
      if (orderClass != null && !orderClass.equals("") && !orderClass.equals("simple")) {
        return json(
            422,
            FakeAlpacaJson.error(
                40010001, "order_class " + orderClass + " is not supported by FakeAlpaca"));
      }
      OrderRequest request;
      try {
        request = orderRequest(fields);
      } catch (IllegalArgumentException e) {
        return json(422, FakeAlpacaJson.error(40010001, e.getMessage()));
      } catch (SpeedTradeException e) {
        return json(422, FakeAlpacaJson.error(40010001, e.getMessage()));
      }
      try {
        BrokerOrder order = sim.submitOrder(request);
        remember(order.id());
        return json(200, FakeAlpacaJson.order(order));
      } catch (SpeedTradeException e) {
        return refusal(e, request);
      }
    }

    private static OrderRequest orderRequest(Map<String, @Nullable Object> fields) {
      OrderRequest.Builder builder =
          OrderRequest.builder()
              .symbol(text(fields, "symbol"))
              .side(choice(OrderSide.class, fields, "side"))
              .type(choice(OrderType.class, fields, "type"))
              .timeInForce(choice(TimeInForce.class, fields, "time_in_force"))
              .clientOrderId(optionalText(fields, "client_order_id"));
      String qty = optionalText(fields, "qty");
      String notional = optionalText(fields, "notional");
      if (qty != null && notional != null) {
        throw new IllegalArgumentException("qty and notional are mutually exclusive");
      }
      if (qty == null && notional == null) {
        throw new IllegalArgumentException("qty or notional is required");
      }
      if (qty != null) {
        builder.qty(Quantity.of(decimal("qty", qty)));
      } else {
        builder.notional(Money.of(decimal("notional", notional), USD));
      }
      String limitPrice = optionalText(fields, "limit_price");
      String stopPrice = optionalText(fields, "stop_price");
      builder.limitPrice(limitPrice == null ? null : Price.of(decimal("limit_price", limitPrice)));
      builder.stopPrice(stopPrice == null ? null : Price.of(decimal("stop_price", stopPrice)));
      Object extendedHours = fields.get("extended_hours");
      builder.extendedHours(Boolean.TRUE.equals(extendedHours) || "true".equals(extendedHours));
      return builder.build();
    }

    private static String text(Map<String, @Nullable Object> fields, String name) {
      String value = optionalText(fields, name);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " is required");
      }
      return value;
    }

    private static @Nullable String optionalText(
        Map<String, @Nullable Object> fields, String name) {
      Object value = fields.get(name);
      return value instanceof String text ? text : null;
    }

    private static <E extends Enum<E>> E choice(
        Class<E> type, Map<String, @Nullable Object> fields, String name) {
      String value = text(fields, name);
      try {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid " + name + ": " + value, e);
      }
    }

    private static BigDecimal decimal(String name, String value) {
      try {
        return new BigDecimal(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid " + name + ": " + value, e);
      }
    }

    /**
     * Alpaca's answer to an order the simulation refused. Sources are in the report that came with
     * this fake; the {@link ErrorCode#MARKET_CLOSED} answer is made up (Alpaca queues such orders).
     */
    private MockResponse refusal(SpeedTradeException e, OrderRequest request) {
      String symbol = request.symbol();
      return switch (e.code()) {
        case INSUFFICIENT_BUYING_POWER ->
            json(
                403,
                FakeAlpacaJson.insufficientBuyingPower(sim.account().buyingPower(), cost(request)));
        case INSUFFICIENT_QUANTITY -> json(403, insufficientQty(request));
        case DUPLICATE_CLIENT_ORDER_ID ->
            json(422, FakeAlpacaJson.error(40010001, "client_order_id must be unique"));
        case UNKNOWN_SYMBOL ->
            json(422, FakeAlpacaJson.error(42210000, "asset \"" + symbol + "\" not found"));
        case ASSET_NOT_TRADABLE ->
            json(422, FakeAlpacaJson.error(42210000, "asset \"" + symbol + "\" is not tradable"));
        case ASSET_NOT_FRACTIONABLE ->
            json(
                403,
                FakeAlpacaJson.error(40310000, "asset \"" + symbol + "\" is not fractionable"));
        case WASH_TRADE ->
            json(
                403,
                FakeAlpacaJson.error(
                    40310000, "potential wash trade detected. use complex orders"));
        case MARKET_CLOSED -> json(422, FakeAlpacaJson.error(42210000, e.getMessage()));
        default -> json(422, FakeAlpacaJson.error(40010001, e.getMessage()));
      };
    }

    /** What a buy could cost, as the simulation reserves it, rounded up to the cent. */
    private BigDecimal cost(OrderRequest request) {
      Money notional = request.notional();
      if (notional != null) {
        return notional.amount();
      }
      Price current = sim.price(request.symbol());
      Price limit = request.limitPrice();
      Price stop = request.stopPrice();
      Price worst =
          limit != null ? limit : stop != null && stop.compareTo(current) > 0 ? stop : current;
      BigDecimal units = request.qty() == null ? BigDecimal.ZERO : request.qty().value();
      return worst.value().multiply(units).setScale(2, RoundingMode.CEILING);
    }

    private String insufficientQty(OrderRequest request) {
      String symbol = request.symbol();
      BigDecimal existing =
          sim.positions().stream()
              .filter(p -> p.symbol().equals(symbol))
              .map(Position::signedQty)
              .findFirst()
              .orElse(BigDecimal.ZERO);
      List<String> related = new ArrayList<>();
      for (BrokerOrder open : sim.openOrders()) {
        if (open.side() == OrderSide.SELL && open.symbol().equals(symbol)) {
          related.add(open.id());
        }
      }
      BigDecimal requested =
          request.qty() != null
              ? request.qty().value()
              : request
                  .notional()
                  .amount()
                  .divide(sim.price(symbol).value(), Quantity.MAX_SCALE, RoundingMode.CEILING);
      return FakeAlpacaJson.insufficientQty(
          symbol, requested, existing, heldForSells(symbol), related);
    }

    /** The units open sells in {@code symbol} still hold (notional sells are not counted). */
    private BigDecimal heldForSells(String symbol) {
      BigDecimal held = BigDecimal.ZERO;
      for (BrokerOrder open : sim.openOrders()) {
        if (open.side() == OrderSide.SELL && open.symbol().equals(symbol) && open.qty() != null) {
          held = held.add(open.qty().value().subtract(open.filledQty().value()));
        }
      }
      return held;
    }

    // ---------------------------------------------------------------- assets, calendar, market
    // data

    private MockResponse asset(String symbol) {
      for (String candidate : symbolCandidates(symbol)) {
        try {
          Asset asset = sim.asset(candidate);
          return json(200, FakeAlpacaJson.asset(asset));
        } catch (SpeedTradeException e) {
          if (e.code() != ErrorCode.UNKNOWN_SYMBOL && e.code() != ErrorCode.INVALID_SYMBOL) {
            throw e;
          }
        }
      }
      return json(404, FakeAlpacaJson.error(40410000, "asset not found"));
    }

    /**
     * The symbol as given, and for crypto in Alpaca's old form ({@code BTCUSD}) also {@code
     * BTC/USD}.
     */
    private static List<String> symbolCandidates(String symbol) {
      String upper = symbol.strip().toUpperCase(Locale.ROOT);
      if (!upper.contains("/") && upper.endsWith("USD") && upper.length() > "USD".length()) {
        return List.of(upper, upper.substring(0, upper.length() - 3) + "/USD");
      }
      return List.of(upper);
    }

    private MockResponse calendar(HttpUrl url) {
      LocalDate today =
          sim.marketClock().status().timestamp().atZone(TradingDay.NEW_YORK).toLocalDate();
      LocalDate start;
      LocalDate end;
      try {
        start = date(url.queryParameter("start"), today);
        end = date(url.queryParameter("end"), start);
      } catch (DateTimeParseException e) {
        return json(
            400,
            FakeAlpacaJson.message("Invalid format for parameter start or end: " + e.getMessage()));
      }
      if (start.isAfter(end)) {
        return json(200, "[]");
      }
      List<TradingDay> days = sim.marketClock().calendar(start, end);
      List<TradingDay> following =
          sim.marketClock().calendar(end.plusDays(1), end.plusDays(SETTLEMENT_LOOKAHEAD_DAYS));
      return json(200, FakeAlpacaJson.calendar(days, following));
    }

    private static LocalDate date(@Nullable String text, LocalDate orElse) {
      if (text == null || text.isBlank()) {
        return orElse;
      }
      return LocalDate.parse(text.length() > DATE_LENGTH ? text.substring(0, DATE_LENGTH) : text);
    }

    /**
     * {@code GET /v1beta3/crypto/us/snapshots}: the stock answer's shape inside {@code
     * {"snapshots": ...}}.
     */
    private MockResponse cryptoSnapshots(HttpUrl url) {
      MockResponse stocks = snapshots(url);
      if (stocks.getStatus().contains(" 200 ")) {
        return json(200, "{\"snapshots\":" + stocks.getBody().readUtf8() + "}");
      }
      return stocks;
    }

    private MockResponse snapshots(HttpUrl url) {
      String list = url.queryParameter("symbols");
      if (list == null || list.isBlank()) {
        return json(400, FakeAlpacaJson.message("missing symbols"));
      }
      Set<String> requested = new LinkedHashSet<>();
      for (String symbol : list.split(",")) {
        if (!symbol.isBlank()) {
          requested.add(symbol.strip().toUpperCase(Locale.ROOT));
        }
      }
      Map<String, Snapshot> snapshots;
      try {
        snapshots = sim.marketData().snapshots(requested);
      } catch (SpeedTradeException e) {
        if (e.code() == ErrorCode.INVALID_SYMBOL) {
          return json(400, FakeAlpacaJson.message("invalid symbol: " + list));
        }
        throw e;
      }
      return json(200, FakeAlpacaJson.snapshots(List.copyOf(requested), snapshots));
    }
  }

  // ---------------------------------------------------------------- answers

  private static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", JSON).setBody(body);
  }

  private static MockResponse notFound(String method, HttpUrl url) {
    return json(
        404,
        FakeAlpacaJson.message("FakeAlpaca does not serve " + method + " " + url.encodedPath()));
  }
}
