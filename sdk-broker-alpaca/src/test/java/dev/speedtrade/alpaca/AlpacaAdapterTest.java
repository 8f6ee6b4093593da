package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.AccountStatus;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.MarketStatus;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.PositionSide;
import dev.speedtrade.broker.Snapshot;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Broker, MarketData and MarketClock call of the adapter against a MockWebServer serving
 * Alpaca's documented JSON: the request alpaca-java (on okhttp 5) or the adapter sends, and the
 * values read back exactly.
 */
class AlpacaAdapterTest {
  private final MockWebServer server = new MockWebServer();
  private Alpaca alpaca;

  @BeforeEach
  void start() throws IOException {
    server.start();
    alpaca = connect(AlpacaConfig.paper(AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET)));
  }

  private Alpaca connect(AlpacaConfig config) {
    return connect(config, Duration.ofSeconds(2));
  }

  private Alpaca connect(AlpacaConfig config, Duration timeout) {
    URI url = URI.create(server.url("/").toString());
    return Alpaca.builder(
            config
                .withBaseUrl(url)
                .withDataUrl(url)
                .withTimeout(timeout)
                .withRequestsPerMinute(60_000))
        .retryBackoff(Duration.ofMillis(10))
        .build();
  }

  @AfterEach
  void stop() throws IOException {
    alpaca.close();
    server.shutdown();
  }

  private void answer(String fixture) {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody(Fixtures.read(fixture)));
  }

  private void answer(int status, String fixture) {
    server.enqueue(new MockResponse().setResponseCode(status).setBody(Fixtures.read(fixture)));
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  @Test
  void readsTheAccountThroughAlpacaJavaOnOkHttp5WithTheKeyHeaders() throws Exception {
    answer("account.json");

    Account account = alpaca.broker().account();

    assertThat(account.id()).isEqualTo("1d9eed04-be39-4e01-9b84-a48ac5bbafcf");
    assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(account.cash()).isEqualTo(Money.of("99256.61", "USD"));
    assertThat(account.equity()).isEqualTo(Money.of("101143.11", "USD"));
    assertThat(account.buyingPower()).isEqualTo(Money.of("198513.22", "USD"));
    assertThat(account.tradingBlocked()).isFalse();
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/v2/account");
    assertThat(request.getHeader("APCA-API-KEY-ID")).isEqualTo(Fixtures.KEY);
    assertThat(request.getHeader("APCA-API-SECRET-KEY")).isEqualTo(Fixtures.SECRET);
  }

  @Test
  void anAlpacaJavaReadIsRetriedOn5xxAndADroppedConnection() throws Exception {
    answer(503, "error-rate-limit.json");
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    answer("positions.json");

    assertThat(alpaca.broker().positions()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aSlowAnswerTimesOutWithinTheBoundAsProviderUnavailable() {
    alpaca.close();
    alpaca =
        connect(
            AlpacaConfig.paper(AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET)),
            Duration.ofMillis(500));
    for (int i = 0; i < AlpacaInterceptor.MAX_ATTEMPTS; i++) {
      server.enqueue(
          new MockResponse()
              .setBody(Fixtures.read("account.json"))
              .throttleBody(16, 1, TimeUnit.SECONDS));
    }
    long start = System.nanoTime();

    assertThatThrownBy(() -> alpaca.broker().account())
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("4 attempts, each bounded by the 500 ms timeout, and backoff")
        .isLessThan(Duration.ofSeconds(4));
    assertThat(server.getRequestCount()).isEqualTo(AlpacaInterceptor.MAX_ATTEMPTS);
  }

  @Test
  void readsPositionsExactly() throws Exception {
    answer("positions.json");

    List<Position> positions = alpaca.broker().positions();

    Position aapl = positions.get(0);
    assertThat(aapl.symbol()).isEqualTo("AAPL");
    assertThat(aapl.assetClass()).isEqualTo(AssetClass.US_EQUITY);
    assertThat(aapl.side()).isEqualTo(PositionSide.LONG);
    assertThat(aapl.qty()).isEqualTo(Quantity.of(10));
    assertThat(aapl.avgEntryPrice()).isEqualTo(Price.of("182.4"));
    assertThat(aapl.currentPrice()).isEqualTo(Price.of("188.65"));
    assertThat(aapl.marketValue()).isEqualTo(Money.of("1886.50", "USD"));
    assertThat(aapl.costBasis()).isEqualTo(Money.of("1824", "USD"));
    assertThat(positions).extracting(Position::symbol).isSorted();
    assertThat(taken().getPath()).isEqualTo("/v2/positions");
  }

  @Test
  void listsOpenOrdersOldestFirst() throws Exception {
    answer("orders-open.json");

    List<BrokerOrder> open = alpaca.broker().openOrders();

    assertThat(open).hasSize(3);
    assertThat(open).extracting(BrokerOrder::createdAt).isSorted();
    BrokerOrder partial =
        open.stream().filter(o -> o.id().startsWith("c2b5a0a6")).findFirst().orElseThrow();
    assertThat(partial.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(partial.filledQty()).isEqualTo(Quantity.of(7));
    assertThat(partial.filledAvgPrice()).isEqualTo(Price.of("672.31"));
    RecordedRequest request = taken();
    assertThat(request.getRequestUrl().queryParameter("status")).isEqualTo("open");
    assertThat(request.getRequestUrl().queryParameter("direction")).isEqualTo("asc");
    assertThat(request.getRequestUrl().queryParameter("limit")).isEqualTo("500");
  }

  private static OrderRequest limitBuy(String clientOrderId) {
    return OrderRequest.builder()
        .symbol("AAPL")
        .side(OrderSide.BUY)
        .qty(Quantity.of(10))
        .type(OrderType.LIMIT)
        .limitPrice(Price.of("185.50"))
        .timeInForce(TimeInForce.DAY)
        .clientOrderId(clientOrderId)
        .build();
  }

  @Test
  void submitsAnOrderWithExactNumbersAndItsClientOrderId() throws Exception {
    answer("order.json");

    BrokerOrder order = alpaca.broker().submitOrder(limitBuy("adapter-20261125-0001"));

    assertThat(order.id()).isEqualTo("7b08df51-c1ac-453c-99f9-323a5f075f0d");
    assertThat(order.status()).isEqualTo(OrderStatus.NEW);
    assertThat(order.limitPrice()).isEqualTo(Price.of("185.5"));
    assertThat(order.qty()).isEqualTo(Quantity.of(10));
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v2/orders");
    String body = request.getBody().readUtf8();
    assertThat(body)
        .contains(
            "\"symbol\":\"AAPL\"",
            "\"side\":\"buy\"",
            "\"type\":\"limit\"",
            "\"time_in_force\":\"day\"",
            "\"qty\":\"10.0\"",
            "\"limit_price\":\"185.50\"",
            "\"client_order_id\":\"adapter-20261125-0001\"");
    assertThat(new BigDecimal("10.0")).isEqualByComparingTo("10");
  }

  static Stream<Arguments> everyKindOfOrder() {
    return Stream.of(
        Arguments.of(
            OrderRequest.builder()
                .symbol("AAPL")
                .side(OrderSide.SELL)
                .qty(Quantity.of("2.5"))
                .type(OrderType.MARKET)
                .timeInForce(TimeInForce.DAY)
                .clientOrderId("k-1")
                .build(),
            List.of(
                "\"side\":\"sell\"",
                "\"type\":\"market\"",
                "\"qty\":\"2.5\"",
                "\"time_in_force\":\"day\"")),
        Arguments.of(
            OrderRequest.builder()
                .symbol("AAPL")
                .side(OrderSide.BUY)
                .notional(Money.of("250.00", "USD"))
                .type(OrderType.MARKET)
                .timeInForce(TimeInForce.DAY)
                .clientOrderId("k-1")
                .build(),
            List.of("\"notional\":\"250.0\"", "\"type\":\"market\"")),
        Arguments.of(
            OrderRequest.builder()
                .symbol("AAPL")
                .side(OrderSide.SELL)
                .qty(Quantity.of(3))
                .type(OrderType.STOP)
                .stopPrice(Price.of("180"))
                .timeInForce(TimeInForce.GTC)
                .clientOrderId("k-1")
                .build(),
            List.of("\"type\":\"stop\"", "\"stop_price\":\"180.00\"", "\"time_in_force\":\"gtc\"")),
        Arguments.of(
            OrderRequest.builder()
                .symbol("AAPL")
                .side(OrderSide.SELL)
                .qty(Quantity.of(3))
                .type(OrderType.STOP_LIMIT)
                .stopPrice(Price.of("180.10"))
                .limitPrice(Price.of("179.95"))
                .timeInForce(TimeInForce.IOC)
                .clientOrderId("k-1")
                .build(),
            List.of(
                "\"type\":\"stop_limit\"",
                "\"stop_price\":\"180.10\"",
                "\"limit_price\":\"179.95\"",
                "\"time_in_force\":\"ioc\"")),
        Arguments.of(
            OrderRequest.builder()
                .symbol("AAPL")
                .side(OrderSide.BUY)
                .qty(Quantity.of(1))
                .type(OrderType.LIMIT)
                .limitPrice(Price.of("0.5123"))
                .timeInForce(TimeInForce.FOK)
                .clientOrderId("k-1")
                .build(),
            List.of("\"limit_price\":\"0.5123\"", "\"time_in_force\":\"fok\"")),
        Arguments.of(
            OrderRequest.builder()
                .symbol("AAPL")
                .side(OrderSide.BUY)
                .qty(Quantity.of(1))
                .type(OrderType.MARKET)
                .timeInForce(TimeInForce.OPG)
                .clientOrderId("k-1")
                .build(),
            List.of("\"time_in_force\":\"opg\"")),
        Arguments.of(
            OrderRequest.builder()
                .symbol("AAPL")
                .side(OrderSide.BUY)
                .qty(Quantity.of(1))
                .type(OrderType.LIMIT)
                .limitPrice(Price.of("185"))
                .timeInForce(TimeInForce.CLS)
                .clientOrderId("k-1")
                .build(),
            List.of("\"time_in_force\":\"cls\"")),
        Arguments.of(
            OrderRequest.builder()
                .symbol("AAPL")
                .side(OrderSide.BUY)
                .qty(Quantity.of(1))
                .type(OrderType.LIMIT)
                .limitPrice(Price.of("185"))
                .timeInForce(TimeInForce.DAY)
                .extendedHours(true)
                .clientOrderId("k-1")
                .build(),
            List.of("\"extended_hours\":true", "\"limit_price\":\"185.00\"")));
  }

  @ParameterizedTest
  @MethodSource("everyKindOfOrder")
  void sendsEveryOrderTypeTimeInForceAndOptionAsAlpacaNamesThem(
      OrderRequest request, List<String> fragments) throws Exception {
    answer("order.json");

    alpaca.broker().submitOrder(request);

    String body = taken().getBody().readUtf8();
    assertThat(body)
        .contains(fragments)
        .contains("\"client_order_id\":\"k-1\"", "\"symbol\":\"AAPL\"");
    assertThat(body.contains("extended_hours")).isEqualTo(request.extendedHours());
  }

  @Test
  void givesAnOrderWithoutAClientOrderIdOneSoThatALostAnswerCanBeResolved() throws Exception {
    answer("order.json");

    alpaca.broker().submitOrder(limitBuy("x").toBuilder().clientOrderId(null).build());

    assertThat(taken().getBody().readUtf8())
        .containsPattern("\"client_order_id\":\"st-[0-9a-f-]{36}\"");
  }

  @Test
  void refusesANumberAlpacaJavaWouldNotSendExactlyAndSendsNothing() {
    OrderRequest tiny =
        OrderRequest.builder()
            .symbol("BRK.A")
            .side(OrderSide.BUY)
            .qty(Quantity.of("0.0001"))
            .type(OrderType.MARKET)
            .timeInForce(TimeInForce.DAY)
            .build();
    OrderRequest subPenny =
        OrderRequest.builder()
            .symbol("AAPL")
            .side(OrderSide.BUY)
            .qty(Quantity.of(1))
            .type(OrderType.LIMIT)
            .limitPrice(Price.of("0.123456"))
            .timeInForce(TimeInForce.DAY)
            .build();

    assertThatThrownBy(() -> alpaca.broker().submitOrder(tiny))
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER))
        .hasMessageContaining("qty 0.0001")
        .hasMessageContaining("1.0E-4");
    assertThatThrownBy(() -> alpaca.broker().submitOrder(subPenny))
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER))
        .hasMessageContaining("limit price 0.123456")
        .hasMessageContaining("0.1235");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aLostSubmissionAnswerIsResolvedByLookingTheOrderUpNotByPlacingItAgain() throws Exception {
    answer("account.json");
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    answer("order.json");

    alpaca.broker().account();
    BrokerOrder order = alpaca.broker().submitOrder(limitBuy("adapter-20261125-0001"));

    assertThat(order.clientOrderId()).isEqualTo("adapter-20261125-0001");
    assertThat(taken().getPath())
        .as("a first call leaves a pooled connection")
        .isEqualTo("/v2/account");
    assertThat(taken().getMethod())
        .as("OkHttp does not send the POST again on the pooled connection's failure")
        .isEqualTo("POST");
    RecordedRequest lookup = taken();
    assertThat(lookup.getMethod()).isEqualTo("GET");
    assertThat(lookup.getRequestUrl().encodedPath()).isEqualTo("/v2/orders:by_client_order_id");
    assertThat(lookup.getRequestUrl().queryParameter("client_order_id"))
        .isEqualTo("adapter-20261125-0001");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aSubmissionAnsweredByAGatewayTimeoutIsLookedUpBeforeAnythingElse() throws Exception {
    server.enqueue(
        new MockResponse().setResponseCode(504).setBody("<html>504 Gateway Time-out</html>"));
    answer("order.json");

    BrokerOrder order = alpaca.broker().submitOrder(limitBuy("adapter-20261125-0001"));

    assertThat(order.id()).isEqualTo("7b08df51-c1ac-453c-99f9-323a5f075f0d");
    assertThat(taken().getMethod()).isEqualTo("POST");
    assertThat(taken().getRequestUrl().encodedPath()).isEqualTo("/v2/orders:by_client_order_id");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aLostSubmissionThatAlpacaNeverGotIsSentOnceMoreWithTheSameClientOrderId() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    answer(404, "error-not-found.json");
    answer("order.json");

    alpaca.broker().submitOrder(limitBuy("adapter-20261125-0001"));

    List<String> calls = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RecordedRequest request = taken();
      calls.add(request.getMethod() + " " + request.getRequestUrl().encodedPath());
      if (request.getMethod().equals("POST")) {
        bodies.add(request.getBody().readUtf8());
      }
    }
    assertThat(calls)
        .containsExactly("POST /v2/orders", "GET /v2/orders:by_client_order_id", "POST /v2/orders");
    assertThat(bodies)
        .hasSize(2)
        .allMatch(b -> b.contains("\"client_order_id\":\"adapter-20261125-0001\""));
  }

  @Test
  void aResubmissionAlpacaCallsADuplicateReturnsTheOrderThatLanded() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    answer(404, "error-not-found.json");
    server.enqueue(
        new MockResponse()
            .setResponseCode(422)
            .setBody("{\"code\":40010001,\"message\":\"client_order_id must be unique\"}"));
    answer("order.json");

    BrokerOrder order = alpaca.broker().submitOrder(limitBuy("adapter-20261125-0001"));

    assertThat(order.id()).isEqualTo("7b08df51-c1ac-453c-99f9-323a5f075f0d");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void aRefusedOrderBecomesATypedErrorWithAlpacasCode() {
    answer(403, "error-insufficient-buying-power.json");

    assertThatThrownBy(() -> alpaca.broker().submitOrder(limitBuy("a-1")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_BUYING_POWER);
              assertThat(e.providerCode()).contains("40310000");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aReusedClientOrderIdIsADuplicate() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(422)
            .setBody("{\"code\":40010001,\"message\":\"client_order_id must be unique\"}"));

    assertThatThrownBy(() -> alpaca.broker().submitOrder(limitBuy("a-1")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_CLIENT_ORDER_ID));
  }

  @Test
  void aSubmissionAnswered429IsMadeAgainAfterTheResetAndPlacedOnce() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(429)
            .setBody(Fixtures.read("error-rate-limit.json"))
            .setHeader("X-RateLimit-Limit", "200")
            .setHeader("X-RateLimit-Remaining", "0")
            .setHeader("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond())));
    answer("order.json");

    BrokerOrder order = alpaca.broker().submitOrder(limitBuy("adapter-20261125-0001"));

    assertThat(order.status()).isEqualTo(OrderStatus.NEW);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void looksOrdersUpByIdAndByClientOrderIdAndAnUnknownOneIsEmpty() throws Exception {
    answer("order.json");
    answer(404, "error-not-found.json");
    answer("order.json");

    assertThat(alpaca.broker().order("7b08df51-c1ac-453c-99f9-323a5f075f0d")).isPresent();
    assertThat(alpaca.broker().orderByClientOrderId("nobody")).isEmpty();
    assertThat(alpaca.broker().orderByClientOrderId("adapter-20261125-0001"))
        .get()
        .extracting(BrokerOrder::id)
        .isEqualTo("7b08df51-c1ac-453c-99f9-323a5f075f0d");
    assertThat(taken().getRequestUrl().encodedPath())
        .isEqualTo("/v2/orders/7b08df51-c1ac-453c-99f9-323a5f075f0d");
  }

  @Test
  void cancelsOneOrderAndMapsItsRefusals() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    answer(404, "error-not-found.json");
    server.enqueue(
        new MockResponse()
            .setResponseCode(422)
            .setBody("{\"code\":42210000,\"message\":\"order is not cancelable\"}"));

    alpaca.broker().cancelOrder("7b08df51-c1ac-453c-99f9-323a5f075f0d");
    assertThatThrownBy(() -> alpaca.broker().cancelOrder("0badc0de-0000-4000-8000-000000000000"))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ORDER_NOT_FOUND));
    assertThatThrownBy(() -> alpaca.broker().cancelOrder("c2b5a0a6-3d8e-4f0b-9a47-6f1d2e0c8b91"))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ORDER_NOT_CANCELABLE);
              assertThat(e.providerCode()).contains("42210000");
            });
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getPath()).isEqualTo("/v2/orders/7b08df51-c1ac-453c-99f9-323a5f075f0d");
  }

  @Test
  void cancelAllReadsTheMultiStatusAnswerOrderByOrder() throws Exception {
    answer(207, "cancel-all.json");

    List<CancelOutcome> outcomes = alpaca.broker().cancelAllOrders();

    assertThat(outcomes).hasSize(3);
    assertThat(outcomes.subList(0, 2)).allMatch(CancelOutcome::succeeded);
    assertThat(outcomes.get(2).orderId()).isEqualTo("0f3a2e71-8b4d-4c55-a1e9-7d6b5c4a3f22");
    assertThat(outcomes.get(2).failure()).contains(ErrorCode.ORDER_NOT_FOUND);
    RecordedRequest request = taken();
    assertThat(request.getMethod() + " " + request.getPath()).isEqualTo("DELETE /v2/orders");
  }

  @Test
  void closesAPositionAndNothingHeldIsPositionNotFound() throws Exception {
    answer("close-position.json");
    answer(404, "error-not-found.json");

    BrokerOrder closing = alpaca.broker().closePosition("aapl");

    assertThat(closing.side()).isEqualTo(OrderSide.SELL);
    assertThat(taken().getPath()).isEqualTo("/v2/positions/AAPL");
    assertThatThrownBy(() -> alpaca.broker().closePosition("MSFT"))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.POSITION_NOT_FOUND));
  }

  @Test
  void looksUpAnAssetAndAnUnknownOneIsUnknownSymbol() throws Exception {
    answer("asset.json");
    server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setBody("{\"code\":40410000,\"message\":\"asset not found for XYZQ\"}"));

    Asset asset = alpaca.broker().asset("AAPL");

    assertThat(asset)
        .isEqualTo(
            new Asset(
                "AAPL",
                "Apple Inc. Common Stock",
                AssetClass.US_EQUITY,
                dev.speedtrade.broker.AssetStatus.ACTIVE,
                true,
                true));
    assertThat(taken().getPath()).isEqualTo("/v2/assets/AAPL");
    assertThatThrownBy(() -> alpaca.broker().asset("XYZQ"))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SYMBOL));
  }

  @Test
  void readsTheClockAndTheCalendarWithItsEarlyClose() throws Exception {
    answer("clock.json");
    answer("calendar.json");

    MarketStatus status = alpaca.marketClock().status();
    List<TradingDay> days =
        alpaca.marketClock().calendar(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30));

    assertThat(status.open()).isTrue();
    assertThat(status.nextClose()).isEqualTo(Instant.parse("2026-11-27T18:00:00Z"));
    assertThat(status.nextOpen()).isEqualTo(Instant.parse("2026-11-30T14:30:00Z"));
    assertThat(days)
        .extracting(TradingDay::date)
        .doesNotContain(LocalDate.of(2026, 11, 26))
        .isSorted();
    TradingDay blackFriday =
        days.stream()
            .filter(d -> d.date().equals(LocalDate.of(2026, 11, 27)))
            .findFirst()
            .orElseThrow();
    assertThat(blackFriday.isEarlyClose()).isTrue();
    assertThat(blackFriday.close().toLocalTime()).isEqualTo(LocalTime.of(13, 0));
    assertThat(taken().getPath()).isEqualTo("/v2/clock");
    RecordedRequest calendar = taken();
    assertThat(calendar.getRequestUrl().encodedPath()).isEqualTo("/v2/calendar");
    assertThat(calendar.getRequestUrl().queryParameter("start")).isEqualTo("2026-11-23");
    assertThat(calendar.getRequestUrl().queryParameter("end")).isEqualTo("2026-11-30");
  }

  @Test
  void readsSnapshotsExactlyOnTheConfiguredFeedInChunks() throws Exception {
    alpaca.close();
    alpaca =
        connect(
            AlpacaConfig.paper(AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET))
                .withFeed(MarketDataFeed.SIP));
    List<String> symbols = new ArrayList<>(List.of("aapl", "SPY", "AAPL"));
    for (int i = 0; i < 447; i++) {
      symbols.add("Z" + i);
    }
    answer("snapshots.json");
    server.enqueue(new MockResponse().setBody("{}"));
    server.enqueue(new MockResponse().setBody("{}"));

    Map<String, Snapshot> snapshots = alpaca.marketData().snapshots(symbols);

    Snapshot aapl = snapshots.get("AAPL");
    assertThat(aapl.ask()).contains(Price.of("188.68"));
    assertThat(aapl.lastTradePrice()).contains(Price.of("188.65"));
    assertThat(aapl.dailyClose()).contains(Price.of("188.65"));
    assertThat(aapl.previousDailyBar().close()).isEqualTo(Price.of("187.1"));
    assertThat(aapl.dailyBar().volume()).isEqualByComparingTo("412873");
    assertThat(aapl.latestQuote().bidSize()).isEqualTo(Quantity.of(100));
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RecordedRequest request = taken();
      assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/v2/stocks/snapshots");
      assertThat(request.getRequestUrl().queryParameter("feed")).isEqualTo("sip");
      sizes.add(request.getRequestUrl().queryParameter("symbols").split(",").length);
    }
    assertThat(sizes).containsExactly(200, 200, 49);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void readsCryptoSnapshotsFromTheirOwnEndpoint() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"AAPL\":{\"latestTrade\":{\"t\":\"2026-11-27T16:42:05.112604371Z\",\"p\":188.65,\"s\":100}}}"));
    answer("crypto-snapshots.json");

    Map<String, Snapshot> snapshots = alpaca.marketData().snapshots(List.of("AAPL", "btc/usd"));

    assertThat(snapshots).containsOnlyKeys("AAPL", "BTC/USD");
    Snapshot btc = snapshots.get("BTC/USD");
    assertThat(btc.lastTradePrice()).contains(Price.of("31744"));
    assertThat(btc.latestQuote().askSize()).isEqualTo(Quantity.of("0.395"));
    assertThat(btc.dailyBar().volume()).isEqualByComparingTo("67.3518");
    assertThat(taken().getRequestUrl().encodedPath()).isEqualTo("/v2/stocks/snapshots");
    RecordedRequest crypto = taken();
    assertThat(crypto.getRequestUrl().encodedPath()).isEqualTo("/v1beta3/crypto/us/snapshots");
    assertThat(crypto.getRequestUrl().queryParameter("symbols")).isEqualTo("BTC/USD");
    assertThat(crypto.getRequestUrl().queryParameter("feed")).isNull();
  }

  @Test
  void speaksBtcSlashUsdWhileAlpacasPositionsSayBtcusd() throws Exception {
    String btcusd =
        Fixtures.read("positions.json")
            .replace("\"symbol\": \"AAPL\"", "\"symbol\": \"BTCUSD\"")
            .replace("\"asset_class\": \"us_equity\"", "\"asset_class\": \"crypto\"");
    server.enqueue(new MockResponse().setBody(btcusd));
    answer("close-position.json");
    answer("asset.json");
    answer("asset.json");

    assertThat(alpaca.broker().positions()).extracting(Position::symbol).containsExactly("BTC/USD");
    alpaca.broker().closePosition("BTC/USD");
    alpaca.broker().asset("BTC/USD");
    alpaca.broker().asset("ETH/BTC");

    taken();
    assertThat(taken().getPath()).isEqualTo("/v2/positions/BTCUSD");
    assertThat(taken().getPath()).isEqualTo("/v2/assets/BTCUSD");
    assertThat(taken().getPath()).isEqualTo("/v2/assets/ETH%2FBTC");
  }

  @Test
  void anUnknownSymbolIsAbsentFromTheSnapshots() {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"AAPL\":{\"latestTrade\":{\"t\":\"2026-11-27T16:42:05.112604371Z\",\"p\":188.65,\"s\":100}},\"NOPE\":null}"));

    Map<String, Snapshot> snapshots = alpaca.marketData().snapshots(List.of("AAPL", "NOPE"));

    assertThat(snapshots).containsOnlyKeys("AAPL");
  }

  @Test
  void aRedirectedAlpacaJavaCallKeepsTheConfiguredPathPrefix() {
    AlpacaConfig config =
        AlpacaConfig.paper(AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET))
            .withBaseUrl(URI.create("http://proxy.internal:8080/alpaca/trading"))
            .withDataUrl(URI.create("http://proxy.internal:8080/alpaca/data/"));
    AlpacaInterceptor interceptor =
        new AlpacaInterceptor(
            config, new RequestPacer(200), java.time.Clock.systemUTC(), Duration.ofMillis(1));

    okhttp3.Request trading =
        interceptor.redirect(
            new okhttp3.Request.Builder()
                .url(
                    "https://paper-api.alpaca.markets/v2/orders:by_client_order_id?client_order_id=a%2Fb")
                .build());
    okhttp3.Request data =
        interceptor.redirect(
            new okhttp3.Request.Builder()
                .url("https://data.alpaca.markets/v2/stocks/snapshots?symbols=AAPL")
                .build());

    assertThat(trading.url().toString())
        .isEqualTo(
            "http://proxy.internal:8080/alpaca/trading/v2/orders:by_client_order_id?client_order_id=a%2Fb");
    assertThat(data.url().toString())
        .isEqualTo("http://proxy.internal:8080/alpaca/data/v2/stocks/snapshots?symbols=AAPL");
  }
}
