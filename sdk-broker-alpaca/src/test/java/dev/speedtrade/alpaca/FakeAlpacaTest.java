package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FakeAlpaca} on its own, through plain OkHttp: Alpaca's shapes, errors, faults and stream.
 */
class FakeAlpacaTest {
  private static final String KEY = "PKFAKEALPACAKEY00001";
  private static final String SECRET = "fake-alpaca-SECRET-0123456789";

  /** Wednesday 2026-11-25, 10:00 New York time: the regular session is open. */
  private static final Instant SESSION_OPEN = Instant.parse("2026-11-25T15:00:00Z");

  private static final MediaType JSON = MediaType.get("application/json");
  private static final long WAIT_SECONDS = 5;
  private static final String LISTEN =
      "{\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}";

  private SimulatedBroker sim;
  private FakeAlpaca fake;
  private OkHttpClient http;

  @BeforeEach
  void start() {
    sim =
        SimulatedBroker.builder()
            .clock(Clock.fixed(SESSION_OPEN, ZoneOffset.UTC))
            .demoListings()
            .position("AAPL", Quantity.of(10), Price.of("182.40"))
            .build();
    fake = FakeAlpaca.start(sim, KEY, SECRET);
    http =
        new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .callTimeout(WAIT_SECONDS, TimeUnit.SECONDS)
            .build();
  }

  @AfterEach
  void stop() {
    fake.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  // ---------------------------------------------------------------- authentication

  @Test
  void refusesACallWithoutTheKeyHeadersOrWithOtherKeysAndDoesNothing() throws IOException {
    Answer bare = send(http, new Request.Builder().url(fake.baseUrl() + "/v2/account").build());
    Answer wrongSecret =
        send(
            http,
            new Request.Builder()
                .url(fake.baseUrl() + "/v2/orders")
                .header(AlpacaHttp.KEY_HEADER, KEY)
                .header(AlpacaHttp.SECRET_HEADER, "not-the-secret")
                .post(RequestBody.create(marketBuy("AAPL", "1", "wrong-keys"), JSON))
                .build());

    assertThat(bare.status()).isEqualTo(403);
    assertThat(parse(bare.body())).isEqualTo(parse(fixture("error-forbidden.json")));
    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(parse(wrongSecret.body())).isEqualTo(parse(fixture("error-unauthorized.json")));
    assertThat(sim.orderByClientOrderId("wrong-keys")).isEmpty();
  }

  // ---------------------------------------------------------------- shapes

  @Test
  void rendersOrdersAccountPositionsAndAssetsWithTheFixturesKeysInOrderAndTheirValueTypes()
      throws IOException {
    Map<String, Object> order =
        object(call("POST", "/v2/orders", limitBuy("AAPL", "10", "185.50", "shape-1")).body());
    Map<String, Object> expectedOrder = new LinkedHashMap<>(object(fixture("order.json")));
    expectedOrder.remove("expires_at");

    assertSameShape(order, expectedOrder, "order");
    assertSameShape(
        object(call("GET", "/v2/account", null).body()),
        object(fixture("account.json")),
        "account");
    assertSameShape(
        map(array(call("GET", "/v2/positions", null).body()).get(0)),
        map(array(fixture("positions.json")).get(0)),
        "position");
    assertSameShape(
        object(call("GET", "/v2/assets/AAPL", null).body()),
        object(fixture("asset.json")),
        "asset");
  }

  @Test
  void reportsTheSimulatedAccountAndPositionInAlpacasNumberEncoding() throws IOException {
    Map<String, Object> account = object(call("GET", "/v2/account", null).body());
    Map<String, Object> position = map(array(call("GET", "/v2/positions", null).body()).get(0));

    assertThat(account)
        .containsEntry("cash", "100000")
        .containsEntry("buying_power", "100000")
        .containsEntry("equity", "102298.7")
        .containsEntry("long_market_value", "2298.7")
        .containsEntry("status", "ACTIVE")
        .containsEntry("id", "SIM-ACCOUNT");
    assertThat(position)
        .containsEntry("symbol", "AAPL")
        .containsEntry("qty", "10")
        .containsEntry("avg_entry_price", "182.4")
        .containsEntry("market_value", "2298.7")
        .containsEntry("cost_basis", "1824")
        .containsEntry("unrealized_pl", "474.7")
        .containsEntry("unrealized_plpc", "0.2602521929824561")
        .containsEntry("side", "long")
        .containsEntry("current_price", "229.87")
        .containsEntry("qty_available", "10");
  }

  // ---------------------------------------------------------------- orders

  @Test
  void placesAnOrderAsAlpacaJavaSendsItAndFindsItByIdAndByClientOrderId() throws IOException {
    Answer placed = call("POST", "/v2/orders", limitBuy("AAPL", "10.0", "185.50", "rebalance-1"));
    Map<String, Object> order = object(placed.body());
    String id = (String) order.get("id");

    assertThat(placed.status()).isEqualTo(200);
    assertThat(order)
        .containsEntry("client_order_id", "rebalance-1")
        .containsEntry("qty", "10")
        .containsEntry("limit_price", "185.5")
        .containsEntry("status", "new")
        .containsEntry("filled_qty", "0")
        .containsEntry("filled_avg_price", null)
        .containsEntry("notional", null)
        .containsEntry("type", "limit")
        .containsEntry("order_type", "limit")
        .containsEntry("time_in_force", "day")
        .containsEntry("extended_hours", false)
        .containsEntry("created_at", "2026-11-25T15:00:00Z");
    assertThat(
            object(
                call("GET", "/v2/orders:by_client_order_id?client_order_id=rebalance-1", null)
                    .body()))
        .containsEntry("id", id);
    assertThat(object(call("GET", "/v2/orders/" + id, null).body())).containsEntry("id", id);
    assertThat(array(call("GET", "/v2/orders?status=open&limit=500&direction=asc", null).body()))
        .extracting(o -> map(o).get("id"))
        .containsExactly(id);
    assertThat(sim.order(id)).get().extracting(BrokerOrder::clientOrderId).isEqualTo("rebalance-1");
    assertThat(fake.calls())
        .containsExactly(
            "POST /v2/orders",
            "GET /v2/orders:by_client_order_id?client_order_id=rebalance-1",
            "GET /v2/orders/" + id,
            "GET /v2/orders?status=open&limit=500&direction=asc");
    assertThat(fake.count("GET /v2/orders")).isEqualTo(3);
  }

  @Test
  void anUnknownOrderIsA404WithAlpacasBody() throws IOException {
    Answer byId = call("GET", "/v2/orders/00000000-0000-4000-8000-000000000000", null);
    Answer byClientId =
        call("GET", "/v2/orders:by_client_order_id?client_order_id=never-placed", null);

    assertThat(byId.status()).isEqualTo(404);
    assertThat(parse(byId.body()))
        .isEqualTo(parse("{\"code\":40410000,\"message\":\"order not found\"}"));
    assertThat(byClientId.status()).isEqualTo(404);
    assertThat(object(byClientId.body())).containsEntry("code", 40410000.0);
  }

  @Test
  void aMarketOrderFillsAtTheSimulatedPriceAndThenListsAsClosed() throws IOException {
    Map<String, Object> order =
        object(call("POST", "/v2/orders", marketBuy("AAPL", "2", "market-1")).body());

    assertThat(order)
        .containsEntry("status", "filled")
        .containsEntry("filled_qty", "2")
        .containsEntry("filled_avg_price", "229.87")
        .containsEntry("filled_at", "2026-11-25T15:00:00Z");
    assertThat(array(call("GET", "/v2/orders?status=closed", null).body()))
        .extracting(o -> map(o).get("client_order_id"))
        .containsExactly("market-1");
    assertThat(array(call("GET", "/v2/orders?status=open", null).body())).isEmpty();
    assertThat(array(call("GET", "/v2/orders?status=all&symbols=MSFT", null).body())).isEmpty();
  }

  @Test
  void answersRefusedOrdersWithAlpacasErrorBodiesAndPlacesNothing() throws IOException {
    call("POST", "/v2/orders", limitBuy("MSFT", "1", "100", "taken"));
    call("POST", "/v2/orders", limitSell("MSFT", "1", "500", "no-msft-held"));

    Answer duplicate = call("POST", "/v2/orders", limitBuy("MSFT", "1", "100", "taken"));
    Answer noMoney = call("POST", "/v2/orders", marketBuy("SPY", "1000", "too-big"));
    Answer tooMany = call("POST", "/v2/orders", marketSell("AAPL", "50", "too-many"));
    Answer unknown = call("POST", "/v2/orders", marketBuy("XYZ", "1", "unknown"));
    Answer delisted = call("POST", "/v2/orders", marketBuy("OLDCO", "1", "delisted"));
    Answer fractional = call("POST", "/v2/orders", marketBuy("BRK.A", "0.5", "fractional"));
    Answer malformed = call("POST", "/v2/orders", "{\"symbol\": ");

    assertThat(duplicate.status()).isEqualTo(422);
    assertThat(parse(duplicate.body()))
        .isEqualTo(parse("{\"code\":40010001,\"message\":\"client_order_id must be unique\"}"));
    assertThat(noMoney.status()).isEqualTo(403);
    assertThat(object(noMoney.body()))
        .containsOnlyKeys("buying_power", "code", "cost_basis", "message")
        .containsEntry("code", 40310000.0)
        .containsEntry("message", "insufficient buying power")
        .containsEntry("buying_power", "99900")
        .containsEntry("cost_basis", "590250");
    assertThat(tooMany.status()).isEqualTo(403);
    assertThat(object(tooMany.body()))
        .containsEntry("code", 40310000.0)
        .containsEntry(
            "message", "insufficient qty available for order (requested: 50, available: 10)")
        .containsEntry("existing_qty", "10")
        .containsEntry("held_for_orders", "0")
        .containsEntry("available", "10")
        .containsEntry("symbol", "AAPL");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(parse(unknown.body()))
        .isEqualTo(parse("{\"code\":42210000,\"message\":\"asset \\\"XYZ\\\" not found\"}"));
    assertThat(delisted.status()).isEqualTo(422);
    assertThat(object(delisted.body())).containsEntry("message", "asset \"OLDCO\" is not tradable");
    assertThat(fractional.status()).isEqualTo(403);
    assertThat(parse(fractional.body()))
        .isEqualTo(
            parse("{\"code\":40310000,\"message\":\"asset \\\"BRK.A\\\" is not fractionable\"}"));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(object(malformed.body())).containsEntry("code", 40010000.0);
    assertThat(sim.openOrders()).extracting(BrokerOrder::clientOrderId).containsExactly("taken");
  }

  @Test
  void aBuyThatCouldCrossAnOpenSellIsRefusedAsAWashTrade() throws IOException {
    call("POST", "/v2/orders", limitSell("AAPL", "5", "300", "resting-sell"));

    Answer wash = call("POST", "/v2/orders", marketBuy("AAPL", "1", "crossing-buy"));

    assertThat(wash.status()).isEqualTo(403);
    assertThat(parse(wash.body())).isEqualTo(parse(fixture("error-wash-trade.json")));
    assertThat(sim.orderByClientOrderId("crossing-buy")).isEmpty();
  }

  @Test
  void cancelingAnswers204ForAnOpenOrder404ForAnUnknownOneAnd422ForAFinalOne() throws IOException {
    String open = placedId(limitBuy("AAPL", "1", "100", "to-cancel"));
    String filled = placedId(marketBuy("AAPL", "1", "filled"));

    Answer canceled = call("DELETE", "/v2/orders/" + open, null);
    Answer unknown = call("DELETE", "/v2/orders/00000000-0000-4000-8000-000000000000", null);
    Answer tooLate = call("DELETE", "/v2/orders/" + filled, null);

    assertThat(canceled.status()).isEqualTo(204);
    assertThat(canceled.body()).isEmpty();
    assertThat(sim.order(open))
        .get()
        .extracting(BrokerOrder::status)
        .isEqualTo(OrderStatus.CANCELED);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(object(unknown.body())).containsEntry("message", "order not found");
    assertThat(tooLate.status()).isEqualTo(422);
    assertThat(parse(tooLate.body()))
        .isEqualTo(parse("{\"code\":42210000,\"message\":\"order is not cancelable\"}"));
  }

  @Test
  void cancelAllAnswers207WithOneEntryPerOpenOrderShapedAsTheFixture() throws IOException {
    String first = placedId(limitBuy("AAPL", "1", "100", "open-1"));
    String second = placedId(limitBuy("MSFT", "1", "300", "open-2"));
    call("POST", "/v2/orders", marketBuy("SPY", "1", "already-filled"));

    Answer answer = call("DELETE", "/v2/orders", null);
    List<Object> entries = array(answer.body());

    assertThat(answer.status()).isEqualTo(207);
    assertThat(entries).extracting(e -> map(e).get("id")).containsExactlyInAnyOrder(first, second);
    for (Object entry : entries) {
      Map<String, Object> expected = map(array(fixture("cancel-all.json")).get(0));
      assertSameShape(map(entry), expected, "cancel-all entry");
      assertThat(map(entry)).containsEntry("status", 200.0);
      assertThat(map(map(entry).get("body")))
          .containsEntry("id", map(entry).get("id"))
          .containsEntry("status", "canceled");
    }
    assertThat(sim.openOrders()).isEmpty();
  }

  // ---------------------------------------------------------------- positions, assets, clock, data

  @Test
  void closesAPositionWithAMarketSellAndAnswers404WhenNothingIsHeld() throws IOException {
    Answer closed = call("DELETE", "/v2/positions/AAPL", null);
    Answer again = call("DELETE", "/v2/positions/AAPL", null);

    assertThat(closed.status()).isEqualTo(200);
    assertThat(object(closed.body()))
        .containsEntry("side", "sell")
        .containsEntry("qty", "10")
        .containsEntry("type", "market")
        .containsEntry("status", "filled")
        .containsEntry("position_intent", "sell_to_close");
    assertThat(sim.positions()).isEmpty();
    assertThat(again.status()).isEqualTo(404);
    assertThat(parse(again.body())).isEqualTo(parse(fixture("error-not-found.json")));
  }

  @Test
  void servesAssetsWithTheClassKeyAnd404ForAnUnknownSymbol() throws IOException {
    assertThat(object(call("GET", "/v2/assets/AAPL", null).body()))
        .containsEntry("class", "us_equity")
        .containsEntry("symbol", "AAPL")
        .containsEntry("tradable", true)
        .containsEntry("fractionable", true)
        .containsEntry("status", "active");
    assertThat(object(call("GET", "/v2/assets/BTC%2FUSD", null).body()))
        .containsEntry("class", "crypto")
        .containsEntry("symbol", "BTC/USD");
    assertThat(object(call("GET", "/v2/assets/OLDCO", null).body()))
        .containsEntry("status", "inactive")
        .containsEntry("tradable", false);
    Answer unknown = call("GET", "/v2/assets/NOPE", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(parse(unknown.body()))
        .isEqualTo(parse("{\"code\":40410000,\"message\":\"asset not found\"}"));
  }

  @Test
  void theClockAndTheCalendarEqualTheFixturesForTheSameMoment() throws IOException {
    SimulatedBroker blackFriday =
        SimulatedBroker.builder()
            .clock(Clock.fixed(Instant.parse("2026-11-27T16:42:07.184320551Z"), ZoneOffset.UTC))
            .demoListings()
            .build();
    try (FakeAlpaca other = FakeAlpaca.start(blackFriday, KEY, SECRET)) {
      Answer clock = send(http, signed(other.baseUrl() + "/v2/clock").build());
      Answer calendar =
          send(
              http,
              signed(other.baseUrl() + "/v2/calendar?start=2026-11-23&end=2026-12-01").build());

      assertThat(clock.body())
          .isEqualTo(
              "{\"timestamp\":\"2026-11-27T11:42:07.184320551-05:00\",\"is_open\":true,"
                  + "\"next_open\":\"2026-11-30T09:30:00-05:00\",\"next_close\":\"2026-11-27T13:00:00-05:00\"}");
      assertThat(parse(clock.body())).isEqualTo(parse(fixture("clock.json")));
      assertThat(parse(calendar.body())).isEqualTo(parse(fixture("calendar.json")));
    }
  }

  @Test
  void snapshotsAreKeyedBySymbolWithNumbersAsNumbersAndNullForAnUnknownSymbol() throws IOException {
    Answer answer = call("GET", "/v2/stocks/snapshots?symbols=AAPL,NOPE&feed=iex", null);
    Map<String, Object> snapshots = object(answer.body());
    Map<String, Object> aapl = map(snapshots.get("AAPL"));
    Map<String, Object> expected = map(object(fixture("snapshots.json")).get("AAPL"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(snapshots).containsOnlyKeys("AAPL", "NOPE").containsEntry("NOPE", null);
    assertThat(aapl.keySet()).containsExactlyElementsOf(expected.keySet());
    for (String part : List.of("latestTrade", "latestQuote", "minuteBar", "dailyBar")) {
      assertSameShape(map(aapl.get(part)), map(expected.get(part)), part);
    }
    assertThat(map(aapl.get("latestTrade"))).containsEntry("p", 229.87).containsEntry("s", 100.0);
    assertThat(map(aapl.get("latestQuote")))
        .containsEntry("ap", 229.87)
        .containsEntry("bp", 229.87);
    assertThat(map(aapl.get("dailyBar"))).containsEntry("t", "2026-11-25T05:00:00Z");
    assertThat(aapl).containsEntry("prevDailyBar", null);
    assertThat(answer.body()).contains("\"p\":229.87,");
  }

  // ---------------------------------------------------------------- faults

  @Test
  void aLostAnswerLeavesTheOrderPlacedForALookupByClientOrderId() throws IOException {
    call("GET", "/v2/account", null);
    fake.loseNextAnswer("POST /v2/orders");

    assertThatThrownBy(() -> call("POST", "/v2/orders", marketBuy("AAPL", "1", "lost-1")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unexpected end of stream");
    assertThat(sim.orderByClientOrderId("lost-1")).isPresent();
    assertThat(
            object(
                call("GET", "/v2/orders:by_client_order_id?client_order_id=lost-1", null).body()))
        .containsEntry("status", "filled");
    assertThat(fake.count("POST /v2/orders")).isEqualTo(1);
  }

  @Test
  void okHttpsDefaultClientResendsAPostWhoseAnswerWasLostOnAReusedConnection() throws IOException {
    OkHttpClient retrying = http.newBuilder().retryOnConnectionFailure(true).build();
    send(retrying, signed(fake.baseUrl() + "/v2/account").build());
    fake.loseNextAnswer("POST /v2/orders");

    Answer resent =
        send(
            retrying,
            signed(fake.baseUrl() + "/v2/orders")
                .post(RequestBody.create(marketBuy("AAPL", "1", "resent-1"), JSON))
                .build());

    assertThat(resent.status()).isEqualTo(422);
    assertThat(object(resent.body())).containsEntry("message", "client_order_id must be unique");
    assertThat(fake.count("POST /v2/orders")).isEqualTo(2);
    assertThat(sim.orderByClientOrderId("resent-1")).isPresent();
  }

  @Test
  void aScriptedFailureIsAnsweredInsteadOfTheCallWhichIsNotApplied() throws IOException {
    fake.enqueueFailure(
        "POST /v2/orders",
        new MockResponse()
            .setResponseCode(429)
            .setHeader("X-RateLimit-Limit", 200)
            .setHeader("X-RateLimit-Remaining", 0)
            .setHeader("X-RateLimit-Reset", 1795200061)
            .setBody(fixture("error-rate-limit.json")));
    fake.enqueueFailure("DELETE /v2/orders", new MockResponse().setResponseCode(500));
    fake.enqueueFailure(
        "GET /v2/clock", new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

    Answer limited = call("POST", "/v2/orders", marketBuy("AAPL", "1", "limited-1"));
    Answer placed = call("POST", "/v2/orders", marketBuy("AAPL", "1", "limited-1"));
    Answer account = call("GET", "/v2/account", null);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers().get("X-RateLimit-Reset")).isEqualTo("1795200061");
    assertThat(parse(limited.body())).isEqualTo(parse(fixture("error-rate-limit.json")));
    assertThat(placed.status()).isEqualTo(200);
    assertThat(account.status()).isEqualTo(200);
    assertThatThrownBy(() -> call("GET", "/v2/clock", null)).isInstanceOf(IOException.class);
    assertThat(call("GET", "/v2/clock", null).status()).isEqualTo(200);
    assertThat(call("DELETE", "/v2/orders", null).status()).isEqualTo(500);
    assertThat(call("DELETE", "/v2/orders", null).status()).isEqualTo(207);
  }

  // ---------------------------------------------------------------- stream

  @Test
  void theStreamAuthenticatesListensAndForwardsEveryTradeUpdateAsABinaryFrame() throws Exception {
    StreamClient client = new StreamClient();
    WebSocket socket =
        http.newWebSocket(new Request.Builder().url(fake.baseUrl() + "/stream").build(), client);

    socket.send(authenticate(KEY, "wrong-secret"));
    assertThat(client.next())
        .isEqualTo(
            "binary "
                + "{\"stream\":\"authorization\",\"data\":{\"status\":\"unauthorized\",\"action\":\"authenticate\"}}");
    socket.send(LISTEN);
    assertThat(client.next())
        .isEqualTo(
            "binary "
                + "{\"stream\":\"authorization\",\"data\":{\"status\":\"unauthorized\",\"action\":\"listen\"}}");
    socket.send(authenticate(KEY, SECRET));
    assertThat(client.next())
        .isEqualTo(
            "binary "
                + "{\"stream\":\"authorization\",\"data\":{\"status\":\"authorized\",\"action\":\"authenticate\"}}");
    socket.send(LISTEN);
    assertThat(client.next())
        .isEqualTo("binary {\"stream\":\"listening\",\"data\":{\"streams\":[\"trade_updates\"]}}");
    assertThat(fake.listeningStreams()).isEqualTo(1);

    call("POST", "/v2/orders", marketBuy("AAPL", "2", "streamed-1"));
    Map<String, Object> accepted = map(object(client.nextBinary()).get("data"));
    Map<String, Object> fill = map(object(client.nextBinary()).get("data"));
    Map<String, Object> documentedFill = map(object(documentedFillExample()).get("data"));

    assertThat(accepted)
        .containsEntry("event", "new")
        .containsOnlyKeys("event", "execution_id", "timestamp", "order");
    assertThat(fill.keySet()).containsExactlyElementsOf(documentedFill.keySet());
    assertSameShape(map(fill.get("order")), map(documentedFill.get("order")), "streamed order");
    assertThat(fill)
        .containsEntry("event", "fill")
        .containsEntry("price", "229.87")
        .containsEntry("qty", "2")
        .containsEntry("position_qty", "12")
        .containsEntry("timestamp", "2026-11-25T15:00:00Z");
    assertThat(map(fill.get("order")))
        .containsEntry("client_order_id", "streamed-1")
        .containsEntry("status", "filled")
        .containsEntry("filled_avg_price", "229.87");

    call("POST", "/v2/orders", limitBuy("MSFT", "1", "400", "resting-1"));
    assertThat(map(object(client.nextBinary()).get("data"))).containsEntry("event", "new");
    sim.setPrice("MSFT", Price.of("399.50"));
    assertThat(map(object(client.nextBinary()).get("data")))
        .containsEntry("event", "fill")
        .containsEntry("price", "399.5")
        .containsEntry("position_qty", "1");
    socket.close(1000, null);
  }

  @Test
  void aDroppedStreamFailsOnTheClientWhichMayConnectAgain() throws Exception {
    StreamClient first = new StreamClient();
    WebSocket socket =
        http.newWebSocket(new Request.Builder().url(fake.baseUrl() + "/stream").build(), first);
    socket.send(authenticate(KEY, SECRET));
    first.next();

    fake.dropStream();

    assertThat(first.failed.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(fake.streamConnections()).isEqualTo(1);
    StreamClient second = new StreamClient();
    WebSocket again =
        http.newWebSocket(new Request.Builder().url(fake.baseUrl() + "/stream").build(), second);
    again.send(authenticate(KEY, SECRET));
    assertThat(second.next()).contains("\"authorized\"");
    assertThat(fake.streamConnections()).isEqualTo(2);
    assertThat(fake.count("GET /stream")).isEqualTo(2);
    again.close(1000, null);
  }

  // ---------------------------------------------------------------- helpers

  private static String authenticate(String key, String secret) {
    return "{\"action\":\"authenticate\",\"data\":{\"key_id\":\""
        + key
        + "\",\"secret_key\":\""
        + secret
        + "\"}}";
  }

  /** Receives a client's stream messages, marking each as a binary or text frame. */
  private static final class StreamClient extends WebSocketListener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CountDownLatch failed = new CountDownLatch(1);

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      messages.add("binary " + bytes.utf8());
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      messages.add("text " + text);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
      failed.countDown();
    }

    String next() throws InterruptedException {
      String message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(message).as("a stream message within " + WAIT_SECONDS + " s").isNotNull();
      return message;
    }

    String nextBinary() throws InterruptedException {
      String message = next();
      assertThat(message).startsWith("binary ");
      return message.substring("binary ".length());
    }
  }

  private record Answer(int status, String body, Headers headers) {}

  private Answer call(String method, String pathAndQuery, @Nullable String json)
      throws IOException {
    RequestBody body = json == null ? null : RequestBody.create(json, JSON);
    return send(http, signed(fake.baseUrl() + pathAndQuery).method(method, body).build());
  }

  private String placedId(String order) throws IOException {
    Answer placed = call("POST", "/v2/orders", order);
    assertThat(placed.status()).as(placed.body()).isEqualTo(200);
    return (String) object(placed.body()).get("id");
  }

  private static Request.Builder signed(String url) {
    return new Request.Builder()
        .url(url)
        .header(AlpacaHttp.KEY_HEADER, KEY)
        .header(AlpacaHttp.SECRET_HEADER, SECRET);
  }

  private static Answer send(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return new Answer(response.code(), response.body().string(), response.headers());
    }
  }

  /**
   * An order body as alpaca-java 9.2.0 writes it: quantities via {@code Double.toString}, prices as
   * text.
   */
  private static String order(
      String symbol,
      String side,
      String type,
      String qty,
      @Nullable String limitPrice,
      String clientOrderId) {
    return "{\"symbol\":\""
        + symbol
        + "\",\"side\":\""
        + side
        + "\",\"type\":\""
        + type
        + "\",\"time_in_force\":\"day\",\"qty\":\""
        + qty
        + "\""
        + (limitPrice == null ? "" : ",\"limit_price\":\"" + limitPrice + "\"")
        + ",\"extended_hours\":false,\"client_order_id\":\""
        + clientOrderId
        + "\"}";
  }

  private static String marketBuy(String symbol, String qty, String clientOrderId) {
    return order(symbol, "buy", "market", qty, null, clientOrderId);
  }

  private static String marketSell(String symbol, String qty, String clientOrderId) {
    return order(symbol, "sell", "market", qty, null, clientOrderId);
  }

  private static String limitBuy(
      String symbol, String qty, String limitPrice, String clientOrderId) {
    return order(symbol, "buy", "limit", qty, limitPrice, clientOrderId);
  }

  private static String limitSell(
      String symbol, String qty, String limitPrice, String clientOrderId) {
    return order(symbol, "sell", "limit", qty, limitPrice, clientOrderId);
  }

  /** Same keys in the same order; where both sides have a value, the same JSON type. */
  private static void assertSameShape(
      Map<String, Object> actual, Map<String, Object> expected, String what) {
    assertThat(new ArrayList<>(actual.keySet()))
        .as(what + " keys")
        .containsExactlyElementsOf(expected.keySet());
    for (Map.Entry<String, Object> entry : expected.entrySet()) {
      Object value = actual.get(entry.getKey());
      if (entry.getValue() != null && value != null) {
        assertThat(value.getClass())
            .as(what + "." + entry.getKey())
            .isEqualTo(entry.getValue().getClass());
      }
    }
  }

  private static String fixture(String name) {
    try (InputStream in = FakeAlpacaTest.class.getResourceAsStream("/alpaca/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one verbatim {@code fill} line of {@code trade-updates.md} (section 5.3). */
  private static String documentedFillExample() {
    return fixture("trade-updates.md")
        .lines()
        .filter(
            line -> line.startsWith("{\"stream\":\"trade_updates\",\"data\":{\"event\":\"fill\""))
        .findFirst()
        .orElseThrow();
  }

  private static @Nullable Object parse(String json) throws IOException {
    return JsonReader.of(new Buffer().writeUtf8(json)).readJsonValue();
  }

  private static Map<String, Object> object(String json) throws IOException {
    return map(parse(json));
  }

  private static List<Object> array(String json) throws IOException {
    Object value = parse(json);
    assertThat(value).isInstanceOf(List.class);
    List<Object> list = new ArrayList<>();
    for (Object element : (List<?>) value) {
      list.add(element);
    }
    return list;
  }

  private static Map<String, Object> map(@Nullable Object value) {
    assertThat(value).isInstanceOf(Map.class);
    Map<String, Object> map = new LinkedHashMap<>();
    ((Map<?, ?>) value).forEach((k, v) -> map.put((String) k, v));
    return map;
  }
}
