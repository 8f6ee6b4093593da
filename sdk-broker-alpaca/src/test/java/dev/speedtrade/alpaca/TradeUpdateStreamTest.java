package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradeUpdateEvent;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jacobpeterson.alpaca.model.endpoint.orders.Order;
import net.jacobpeterson.alpaca.util.gson.GsonUtil;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trade update stream on MockWebServer's websocket: authenticate, listen, updates, drops,
 * polling.
 */
class TradeUpdateStreamTest {
  private static final long WAIT_SECONDS = 5;

  private final MockWebServer server = new MockWebServer();
  private final StreamServer stream = new StreamServer();
  private final BlockingQueue<TradeUpdate> updates = new LinkedBlockingQueue<>();
  private Alpaca alpaca;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(stream);
    server.start();
    URI url = URI.create(server.url("/").toString());
    alpaca =
        Alpaca.builder(
                AlpacaConfig.paper(AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET))
                    .withBaseUrl(url)
                    .withDataUrl(url)
                    .withRequestsPerMinute(60_000))
            .pollInterval(Duration.ofMillis(50))
            .streamBackoff(Duration.ofMillis(50))
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    alpaca.close();
    server.shutdown();
  }

  @Test
  void authenticatesListensAndDeliversBinaryAndTextFrames() throws Exception {
    alpaca.broker().subscribe(updates::add);

    JsonObject auth = JsonParser.parseString(stream.next()).getAsJsonObject();
    assertThat(auth.get("action").getAsString()).isEqualTo("authenticate");
    assertThat(auth.getAsJsonObject("data").get("key_id").getAsString()).isEqualTo(Fixtures.KEY);
    assertThat(auth.getAsJsonObject("data").get("secret_key").getAsString())
        .isEqualTo(Fixtures.SECRET);
    JsonObject listen = JsonParser.parseString(stream.next()).getAsJsonObject();
    assertThat(listen.get("action").getAsString()).isEqualTo("listen");
    assertThat(listen.getAsJsonObject("data").getAsJsonArray("streams").get(0).getAsString())
        .isEqualTo("trade_updates");

    stream.socket(0).send(ByteString.encodeUtf8(Fixtures.read("trade-update-fill.json")));
    stream.socket(0).send(Fixtures.read("trade-update-partial-fill.json"));

    TradeUpdate fill = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(fill.event()).isEqualTo(TradeUpdateEvent.FILL);
    assertThat(fill.order().id()).isEqualTo("a5be8f5e-fdfa-41f5-a644-7a74fe947a8f");
    assertThat(fill.price()).isEqualTo(Price.of("105.8988475"));
    assertThat(fill.qty()).isEqualTo(Quantity.of("1790.86"));
    assertThat(fill.positionQty()).isEqualByComparingTo("0");
    TradeUpdate partial = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(partial.event()).isEqualTo(TradeUpdateEvent.PARTIAL_FILL);
    assertThat(partial.qty()).isEqualTo(Quantity.of(4));
    assertThat(partial.order().filledQty()).isEqualTo(Quantity.of(4));
  }

  @Test
  void whileTheStreamIsDownPollingDeliversFillsOnceAndTheStreamReconnects() throws Exception {
    Subscription subscription = alpaca.broker().subscribe(updates::add);
    stream.next();
    stream.next();
    stream.ordersJson = "[" + filledOrder() + "]";

    stream.socket(0).close(1001, "going away");

    TradeUpdate polled = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(polled).isNotNull();
    assertThat(polled.event()).isEqualTo(TradeUpdateEvent.FILL);
    assertThat(polled.qty()).isEqualTo(Quantity.of(10));
    assertThat(polled.price()).isEqualTo(Price.of("185.5"));
    assertThat(stream.next()).contains("authenticate");
    assertThat(stream.next()).contains("listen");
    assertThat(stream.upgrades.get()).isEqualTo(2);
    stream.socket(1).send(ByteString.encodeUtf8(Fixtures.read("trade-update-fill.json")));
    TradeUpdate streamed = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(streamed.order().id())
        .as("the polled fill is not delivered twice")
        .isEqualTo("a5be8f5e-fdfa-41f5-a644-7a74fe947a8f");

    subscription.close();
    stream.socket(1).send(ByteString.encodeUtf8(Fixtures.read("trade-update-partial-fill.json")));
    assertThat(updates.poll(300, TimeUnit.MILLISECONDS))
        .as("nothing after the subscription closed")
        .isNull();
  }

  @Test
  void refusedCredentialsReachTheListenerOnceAndAreNotRetriedWhilePollingCarriesTheUpdates()
      throws Exception {
    stream.authorize = false;
    stream.ordersJson = "[" + filledOrder() + "]";
    BlockingQueue<SpeedTradeException> failures = new LinkedBlockingQueue<>();

    alpaca.broker().subscribe(listener(failures));

    SpeedTradeException failure = failures.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(failure).as("the listener is told").isNotNull();
    assertThat(failure.code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure.getMessage())
        .contains("refused the credentials", "unauthorized", "polled")
        .doesNotContain(Fixtures.KEY, Fixtures.SECRET);
    TradeUpdate polled = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(polled.event()).isEqualTo(TradeUpdateEvent.FILL);
    assertThat(polled.executionId()).as("a polled fill has no execution id").isNull();
    int polls = stream.orderPolls.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (stream.orderPolls.get() < polls + 5 && System.nanoTime() - deadline < 0) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    assertThat(stream.orderPolls.get()).as("polling goes on").isGreaterThanOrEqualTo(polls + 5);
    assertThat(stream.upgrades.get()).as("no reconnection with refused keys").isOne();
    assertThat(stream.received).noneMatch(message -> message.contains("\"listen\""));
    assertThat(failures).as("told once").isEmpty();

    BlockingQueue<SpeedTradeException> late = new LinkedBlockingQueue<>();
    alpaca.broker().subscribe(listener(late));
    assertThat(late.poll(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("a listener subscribing later learns it too")
        .isSameAs(failure);
  }

  private TradeUpdateListener listener(BlockingQueue<SpeedTradeException> failures) {
    return new TradeUpdateListener() {
      @Override
      public void onEvent(TradeUpdate update) {
        updates.add(update);
      }

      @Override
      public void onStreamFailure(SpeedTradeException failure) {
        failures.add(failure);
      }
    };
  }

  @Test
  void theNextRunOfTheStreamTriesTheCredentialsAgain() throws Exception {
    stream.authorize = false;
    BlockingQueue<SpeedTradeException> failures = new LinkedBlockingQueue<>();
    Subscription first = alpaca.broker().subscribe(listener(failures));
    assertThat(failures.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    first.close();
    stream.authorize = true;

    alpaca.broker().subscribe(updates::add);

    assertThat(stream.next()).contains("authenticate");
    assertThat(stream.next()).contains("authenticate");
    assertThat(stream.next()).as("listening this time").contains("listen");
  }

  @Test
  void updatesCarryAlpacasExecutionIdTheReplacedOrderAndOrdersOfTypesTheSdkDoesNotModel()
      throws Exception {
    alpaca.broker().subscribe(updates::add);
    stream.next();
    stream.next();
    JsonObject mleg =
        JsonParser.parseString(Fixtures.read("trade-update-fill.json")).getAsJsonObject();
    mleg.getAsJsonObject("data").addProperty("event", "new");
    mleg.getAsJsonObject("data")
        .add("order", JsonParser.parseString(Fixtures.read("order-mleg.json")));
    JsonObject trailing =
        JsonParser.parseString(Fixtures.read("trade-update-fill.json")).getAsJsonObject();
    trailing.getAsJsonObject("data").addProperty("event", "new");
    trailing.getAsJsonObject("data").remove("execution_id");
    trailing
        .getAsJsonObject("data")
        .add("order", JsonParser.parseString(Fixtures.read("order-trailing-stop.json")));

    stream.socket(0).send(ByteString.encodeUtf8(Fixtures.read("trade-update-fill.json")));
    stream.socket(0).send(ByteString.encodeUtf8(mleg.toString()));
    stream.socket(0).send(ByteString.encodeUtf8(Fixtures.read("trade-update-replaced.json")));
    stream.socket(0).send(ByteString.encodeUtf8(trailing.toString()));

    TradeUpdate fill = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(fill.executionId()).isEqualTo("2f63ea93-423d-4169-b3f6-3fdafc10c418");
    TradeUpdate replaced = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(replaced.event())
        .as("the multi-leg order's update is skipped")
        .isEqualTo(TradeUpdateEvent.REPLACED);
    assertThat(replaced.order().status()).isEqualTo(OrderStatus.REPLACED);
    assertThat(replaced.order().replacedBy()).isEqualTo("5f0a8d4e-2c71-4b3a-9e1d-8a6b4c2f7e10");
    assertThat(replaced.order().replacedAt()).isEqualTo("2026-11-25T15:40:02.140019374Z");
    assertThat(replaced.executionId()).isEqualTo("c0a8f2d1-7e3b-4a5c-9d6e-2b1f8a7c3e90");
    TradeUpdate other = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(other.order().type()).isEqualTo(OrderType.OTHER);
    assertThat(other.executionId()).isNull();
  }

  @Test
  void aStreamedFillThatPollingAlreadyDeliveredIsNotDeliveredAgain() throws Exception {
    alpaca.broker().subscribe(updates::add);
    stream.next();
    stream.next();
    stream.ordersJson = "[" + filledOrder() + "]";
    stream.socket(0).close(1001, "going away");
    TradeUpdate polled = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(polled.event()).isEqualTo(TradeUpdateEvent.FILL);
    stream.next();
    stream.next();
    JsonObject late =
        JsonParser.parseString(Fixtures.read("trade-update-partial-fill.json")).getAsJsonObject();
    JsonObject order = JsonParser.parseString(filledOrder()).getAsJsonObject();
    late.getAsJsonObject("data").addProperty("event", "fill");
    late.getAsJsonObject("data").addProperty("qty", "10");
    late.getAsJsonObject("data").add("order", order);

    stream.socket(1).send(ByteString.encodeUtf8(late.toString()));
    stream.socket(1).send(ByteString.encodeUtf8(Fixtures.read("trade-update-fill.json")));

    TradeUpdate next = updates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(next.order().id())
        .as("the stream's copy of the polled fill is skipped")
        .isEqualTo("a5be8f5e-fdfa-41f5-a644-7a74fe947a8f");
  }

  @Test
  void aPolledStateIsLaterOnlyWhenMoreIsFilledOrItChangedSince() {
    BrokerOrder filled = AlpacaModels.order(GsonUtil.GSON.fromJson(filledOrder(), Order.class));
    BrokerOrder unfilled =
        AlpacaModels.order(GsonUtil.GSON.fromJson(Fixtures.read("order.json"), Order.class));
    TradeUpdateStream.Seen seenFilled =
        new TradeUpdateStream.Seen(filled.status(), filled.filledQty().value(), filled.updatedAt());
    TradeUpdateStream.Seen seenNew =
        new TradeUpdateStream.Seen(
            unfilled.status(), unfilled.filledQty().value(), unfilled.updatedAt());

    assertThat(seenFilled.isBefore(unfilled)).as("an older, unfilled state").isFalse();
    assertThat(seenFilled.isBefore(filled)).as("the same state").isFalse();
    assertThat(seenNew.isBefore(filled)).as("filled since").isTrue();
    assertThat(TradeUpdateStream.changes(seenNew, filled, filled.updatedAt()))
        .extracting(TradeUpdate::event)
        .containsExactly(TradeUpdateEvent.FILL);
    assertThat(TradeUpdateStream.changes(null, unfilled, unfilled.updatedAt()))
        .extracting(TradeUpdate::event)
        .containsExactly(TradeUpdateEvent.NEW);
  }

  @Test
  void theWebsocketOpensWithTheFirstSubscriptionAndClosesWithTheLastThenOpensAgain()
      throws Exception {
    alpaca.broker().openOrders();
    assertThat(stream.upgrades.get()).as("no websocket for calls that do not subscribe").isZero();
    assertThat(alpaca.isStreamRunning()).isFalse();

    Subscription first = alpaca.broker().subscribe(updates::add);
    Subscription second = alpaca.broker().subscribe(updates::add);
    assertThat(stream.next()).contains("authenticate");
    assertThat(stream.next()).contains("listen");
    first.close();
    assertThat(alpaca.isStreamRunning()).as("a subscription is left").isTrue();
    assertThat(stream.closedByClient.getCount()).isEqualTo(1);

    second.close();

    assertThat(stream.closedByClient.await(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("the client closed the stream")
        .isTrue();
    assertThat(alpaca.isStreamRunning()).isFalse();
    assertThat(stream.upgrades.get())
        .as("one websocket for both subscriptions, not reopened")
        .isEqualTo(1);

    alpaca.broker().subscribe(updates::add);
    assertThat(stream.next()).as("the next subscription opens it again").contains("authenticate");
    assertThat(stream.upgrades.get()).isEqualTo(2);
  }

  @Test
  void closingAPlatformBuiltOnTheAdapterStopsTheStream() throws Exception {
    AlpacaBroker broker = alpaca.broker();
    SpeedTrade platform =
        SpeedTrade.builder()
            .accounts(
                new ClosingAccounts(
                    new Brokerage(
                        TradingMode.PAPER, broker, alpaca.marketData(), alpaca.marketClock()),
                    broker))
            .build();
    platform.accounts().brokerage("u1", TradingMode.PAPER).broker().subscribe(updates::add);
    stream.next();
    stream.next();

    platform.close();

    assertThat(stream.closedByClient.await(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("the client closed the stream")
        .isTrue();
    assertThat(stream.upgrades.get()).as("and did not reconnect").isEqualTo(1);
  }

  /** One user's accounts over the adapter, closing the broker with the platform. */
  private record ClosingAccounts(Brokerage brokerage, AlpacaBroker resource)
      implements TradingAccounts, AutoCloseable {
    @Override
    public Brokerage brokerage(String userId, TradingMode mode) {
      return brokerage;
    }

    @Override
    public void close() {
      resource.close();
    }
  }

  private static String filledOrder() {
    JsonObject order = JsonParser.parseString(Fixtures.read("order.json")).getAsJsonObject();
    order.addProperty("status", "filled");
    order.addProperty("filled_qty", "10");
    order.addProperty("filled_avg_price", "185.5");
    order.addProperty("updated_at", "2099-01-01T00:00:00Z");
    order.addProperty("filled_at", "2099-01-01T00:00:00Z");
    return order.toString();
  }

  /**
   * A websocket endpoint that plays Alpaca's side of the stream, and the orders list for polling.
   */
  private static final class StreamServer extends Dispatcher {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
    final AtomicInteger upgrades = new AtomicInteger();
    final AtomicInteger orderPolls = new AtomicInteger();
    final CountDownLatch closedByClient = new CountDownLatch(1);
    volatile boolean authorize = true;
    volatile String ordersJson = "[]";

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath() == null ? "" : request.getPath();
      if (path.startsWith("/stream")) {
        upgrades.incrementAndGet();
        return new MockResponse()
            .withWebSocketUpgrade(
                new WebSocketListener() {
                  @Override
                  public void onOpen(WebSocket webSocket, Response response) {
                    sockets.add(webSocket);
                  }

                  @Override
                  public void onClosing(WebSocket webSocket, int code, String reason) {
                    webSocket.close(1000, null);
                    closedByClient.countDown();
                  }

                  @Override
                  public void onMessage(WebSocket webSocket, String text) {
                    received.add(text);
                    messages.add(text);
                    JsonObject message = JsonParser.parseString(text).getAsJsonObject();
                    if (message.get("action").getAsString().equals("authenticate")) {
                      String status = authorize ? "authorized" : "unauthorized";
                      webSocket.send(
                          ByteString.encodeUtf8(
                              "{\"stream\":\"authorization\",\"data\":{\"status\":\""
                                  + status
                                  + "\",\"action\":\"authenticate\"}}"));
                    } else if (message.get("action").getAsString().equals("listen")) {
                      JsonArray streams = message.getAsJsonObject("data").getAsJsonArray("streams");
                      webSocket.send(
                          ByteString.encodeUtf8(
                              "{\"stream\":\"listening\",\"data\":{\"streams\":" + streams + "}}"));
                    }
                  }
                });
      }
      if (path.startsWith("/v2/orders")) {
        orderPolls.incrementAndGet();
        return new MockResponse().setBody(ordersJson);
      }
      return new MockResponse()
          .setResponseCode(404)
          .setBody("{\"code\":40410000,\"message\":\"not found\"}");
    }

    String next() throws InterruptedException {
      @Nullable String message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(message).as("a message from the client").isNotNull();
      return message;
    }

    WebSocket socket(int index) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (sockets.size() <= index && System.nanoTime() - deadline < 0) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
      return sockets.get(index);
    }
  }
}
