package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.ReplaceRequest;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the OMS needs of the Alpaca venue, on MockWebServer with Alpaca's documented JSON (see
 * {@code src/test/resources/alpaca/SOURCES.md}, section "Replacing orders, unmodelled orders and
 * order refusals"): replacing, orders the SDK does not model, malformed ids, unreadable answers to
 * a submission, and 403s that refuse an order rather than the keys.
 */
class AlpacaVenueTest {
  private static final String OLD_ID = "7b08df51-c1ac-453c-99f9-323a5f075f0d";
  private static final String NEW_ID = "5f0a8d4e-2c71-4b3a-9e1d-8a6b4c2f7e10";

  private final MockWebServer server = new MockWebServer();
  private Alpaca alpaca;

  @BeforeEach
  void start() throws IOException {
    server.start();
    URI url = URI.create(server.url("/").toString());
    alpaca =
        Alpaca.builder(
                AlpacaConfig.paper(AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET))
                    .withBaseUrl(url)
                    .withDataUrl(url)
                    .withTimeout(Duration.ofSeconds(2))
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
    answer(200, Fixtures.read(fixture));
  }

  private void answer(int status, String body) {
    server.enqueue(
        new MockResponse()
            .setResponseCode(status)
            .setHeader("Content-Type", "application/json")
            .setBody(body));
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  private static JsonObject json(RecordedRequest request) {
    return JsonParser.parseString(request.getBody().readUtf8()).getAsJsonObject();
  }

  private static void assertRefused(ThrowingCallable call, ErrorCode code, String providerCode) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).as("code of %s", e).isEqualTo(code);
              if (providerCode.isEmpty()) {
                assertThat(e.providerCode()).as("refused before asking Alpaca").isEmpty();
              } else {
                assertThat(e.providerCode()).contains(providerCode);
              }
            });
  }

  /** order.json, partly filled: 4 of 10. */
  private static String partlyFilledOld() {
    JsonObject order = JsonParser.parseString(Fixtures.read("order.json")).getAsJsonObject();
    order.addProperty("status", "partially_filled");
    order.addProperty("filled_qty", "4");
    order.addProperty("filled_avg_price", "185.5");
    return order.toString();
  }

  // ------------------------------------------------------------------ replace

  @Test
  void replacesWithAPatchOfAlpacasFieldsAsDecimalStringsAndReadsTheNewOrder() throws Exception {
    answer("order-replacement.json");

    BrokerOrder replacement =
        alpaca
            .broker()
            .replaceOrder(
                OLD_ID,
                ReplaceRequest.builder()
                    .qty("6")
                    .limitPrice(Price.of("186.00"))
                    .stopPrice(Price.of("180.5"))
                    .trail(new BigDecimal("1.50"))
                    .timeInForce(TimeInForce.GTC)
                    .clientOrderId("adapter-20261125-0001-r1")
                    .build());

    RecordedRequest patch = taken();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getPath()).isEqualTo("/v2/orders/" + OLD_ID);
    assertThat(patch.getHeader("APCA-API-KEY-ID")).isEqualTo(Fixtures.KEY);
    JsonObject body = json(patch);
    assertThat(body.keySet())
        .containsExactly(
            "qty", "time_in_force", "limit_price", "stop_price", "trail", "client_order_id");
    assertThat(body.get("qty").getAsJsonPrimitive().isString()).isTrue();
    assertThat(body.get("qty").getAsString()).isEqualTo("6");
    assertThat(body.get("time_in_force").getAsString()).isEqualTo("gtc");
    assertThat(body.get("limit_price").getAsString()).isEqualTo("186");
    assertThat(body.get("stop_price").getAsString()).isEqualTo("180.5");
    assertThat(body.get("trail").getAsString()).isEqualTo("1.5");
    assertThat(body.get("client_order_id").getAsString()).isEqualTo("adapter-20261125-0001-r1");
    assertThat(server.getRequestCount()).as("a qty given needs no look at the old order").isOne();
    assertThat(replacement.id()).isEqualTo(NEW_ID);
    assertThat(replacement.replaces()).isEqualTo(OLD_ID);
    assertThat(replacement.replacedBy()).isNull();
    assertThat(replacement.qty()).isEqualTo(Quantity.of(6));
    assertThat(replacement.limitPrice()).isEqualTo(Price.of("186"));
    assertThat(replacement.status()).isEqualTo(OrderStatus.PENDING_NEW);
  }

  @Test
  void withoutAQtyTheUnfilledRestOfAPartlyFilledOrderIsSentAndAClientOrderIdChosen()
      throws Exception {
    answer(200, partlyFilledOld());
    answer("order-replacement.json");

    alpaca
        .broker()
        .replaceOrder(OLD_ID, ReplaceRequest.builder().limitPrice(Price.of("186")).build());

    RecordedRequest read = taken();
    assertThat(read.getMethod()).isEqualTo("GET");
    assertThat(read.getPath()).startsWith("/v2/orders/" + OLD_ID);
    JsonObject body = json(taken());
    assertThat(body.get("qty").getAsString()).as("10 asked, 4 filled").isEqualTo("6");
    assertThat(body.get("client_order_id").getAsString()).startsWith("st-");
  }

  @Test
  void withoutAQtyAnUnfilledOrderKeepsItsQuantity() throws Exception {
    answer("order.json");
    answer("order-replacement.json");

    alpaca
        .broker()
        .replaceOrder(OLD_ID, ReplaceRequest.builder().limitPrice(Price.of("186")).build());

    taken();
    assertThat(json(taken()).has("qty")).isFalse();
  }

  @Test
  void aReplacementWhoseAnswerIsLostIsLookedUpByItsClientOrderIdNotSentAgain() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    answer("order-replacement.json");

    BrokerOrder replacement =
        alpaca
            .broker()
            .replaceOrder(
                OLD_ID,
                ReplaceRequest.builder()
                    .qty("6")
                    .clientOrderId("adapter-20261125-0001-r1")
                    .build());

    assertThat(replacement.id()).isEqualTo(NEW_ID);
    assertThat(taken().getMethod()).isEqualTo("PATCH");
    RecordedRequest lookup = taken();
    assertThat(lookup.getMethod()).isEqualTo("GET");
    assertThat(lookup.getPath())
        .isEqualTo("/v2/orders:by_client_order_id?client_order_id=adapter-20261125-0001-r1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aReplacementAnsweredUnreadablyIsLookedUp() throws Exception {
    answer(200, "{\"id\": \"" + NEW_ID + "\", \"status\":");
    answer("order-replacement.json");

    BrokerOrder replacement =
        alpaca.broker().replaceOrder(OLD_ID, ReplaceRequest.builder().qty("6").build());

    assertThat(replacement.replaces()).isEqualTo(OLD_ID);
    assertThat(taken().getMethod()).isEqualTo("PATCH");
    assertThat(taken().getPath()).startsWith("/v2/orders:by_client_order_id");
  }

  @Test
  void mapsAlpacasRefusalsOfAReplacement() {
    answer(422, Fixtures.read("error-replace-not-sent.json"));
    assertRefused(
        () -> alpaca.broker().replaceOrder(OLD_ID, ReplaceRequest.builder().qty("6").build()),
        ErrorCode.ORDER_NOT_REPLACEABLE,
        "42210000");
    answer(422, "{\"code\":42210000,\"message\":\"order is not replaceable\"}");
    assertRefused(
        () -> alpaca.broker().replaceOrder(OLD_ID, ReplaceRequest.builder().qty("6").build()),
        ErrorCode.ORDER_NOT_REPLACEABLE,
        "42210000");
    answer(403, Fixtures.read("error-replace-unchanged.json"));
    assertRefused(
        () -> alpaca.broker().replaceOrder(OLD_ID, ReplaceRequest.builder().qty("10").build()),
        ErrorCode.INVALID_ORDER,
        "40310000");
    answer(422, "{\"code\":40010001,\"message\":\"qty must be integer\"}");
    assertRefused(
        () -> alpaca.broker().replaceOrder(OLD_ID, ReplaceRequest.builder().qty("6").build()),
        ErrorCode.INVALID_ORDER,
        "40010001");
    answer(404, Fixtures.read("error-not-found.json"));
    assertRefused(
        () -> alpaca.broker().replaceOrder(OLD_ID, ReplaceRequest.builder().qty("6").build()),
        ErrorCode.ORDER_NOT_FOUND,
        "40410000");
    answer(403, Fixtures.read("error-insufficient-buying-power.json"));
    assertRefused(
        () -> alpaca.broker().replaceOrder(OLD_ID, ReplaceRequest.builder().qty("600").build()),
        ErrorCode.INSUFFICIENT_BUYING_POWER,
        "40310000");
  }

  // ------------------------------------------------------------------ malformed ids

  @Test
  void anOrderIdThatIsNoUuidIsNotFoundWithoutAskingAlpaca() {
    for (String id : new String[] {"gone", "12345", "7b08df51c1ac453c99f9323a5f075f0d", "../v2"}) {
      assertThat(alpaca.broker().order(id)).as("order(%s)", id).isEmpty();
      assertRefused(() -> alpaca.broker().cancelOrder(id), ErrorCode.ORDER_NOT_FOUND, "");
      assertRefused(
          () -> alpaca.broker().replaceOrder(id, ReplaceRequest.builder().qty("1").build()),
          ErrorCode.ORDER_NOT_FOUND,
          "");
    }

    assertThat(server.getRequestCount()).isZero();
  }

  // ------------------------------------------------------------------ orders the SDK does not
  // model

  @Test
  void aTrailingStopPlacedOutsideTheSdkIsReadAsOther() throws Exception {
    answer("order-trailing-stop.json");

    BrokerOrder order = alpaca.broker().order("d3f1a7c2-8b4e-4c6d-9a2f-1e5b7c9d0a31").orElseThrow();

    assertThat(order.type()).isEqualTo(OrderType.OTHER);
    assertThat(order.side()).isEqualTo(OrderSide.SELL);
    assertThat(order.stopPrice()).isEqualTo(Price.of("182.53"));
    assertThat(order.isOpen()).isTrue();
  }

  @Test
  void openOrdersListOtherTypesAndClassesAndLeaveOutAMultiLegOrder() throws Exception {
    JsonObject bracket = JsonParser.parseString(Fixtures.read("order.json")).getAsJsonObject();
    bracket.addProperty("id", "0e6c3b5a-1d2f-4a7b-8c9d-0e1f2a3b4c5d");
    bracket.addProperty("client_order_id", "bracket-parent");
    bracket.addProperty("order_class", "a_class_alpaca_adds_later");
    bracket.addProperty("created_at", "2026-11-25T15:31:25Z");
    answer(
        200,
        "["
            + Fixtures.read("order.json")
            + ","
            + Fixtures.read("order-trailing-stop.json")
            + ","
            + Fixtures.read("order-mleg.json")
            + ","
            + bracket
            + "]");

    assertThat(alpaca.broker().openOrders())
        .extracting(BrokerOrder::clientOrderId, BrokerOrder::type)
        .containsExactlyInAnyOrder(
            tuple("adapter-20261125-0001", OrderType.LIMIT),
            tuple("placed-outside-the-sdk-01", OrderType.OTHER),
            tuple("bracket-parent", OrderType.LIMIT));
  }

  @Test
  void aMultiLegOrderLookedUpIsEmpty() {
    answer("order-mleg.json");

    assertThat(alpaca.broker().order("83f37e9f-6b1f-49ed-8fc6-3e6af716323f")).isEmpty();
  }

  // ------------------------------------------------------------------ unreadable submission
  // answers

  private static OrderRequest limitBuy(String clientOrderId) {
    return OrderRequest.builder()
        .symbol("AAPL")
        .side(OrderSide.BUY)
        .qty("10")
        .type(OrderType.LIMIT)
        .limitPrice(Price.of("185.50"))
        .clientOrderId(clientOrderId)
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed JSON | 200 | {\"id\": \"7b08df51",
        "an order without its fields | 200 | {\"message\": \"ok\"}",
        "an HTML page | 200 | <html><body>upstream</body></html>",
        "a 500 | 500 | {\"code\":50010000,\"message\":\"internal server error occurred\"}",
        "a 502 from a gateway | 502 | <html>bad gateway</html>"
      })
  void anUnreadableAnswerToASubmissionIsResolvedByClientOrderIdAndNeverSentTwice(
      String what, int status, String body) throws Exception {
    answer(status, body);
    answer("order.json");

    BrokerOrder placed = alpaca.broker().submitOrder(limitBuy("adapter-20261125-0001"));

    assertThat(placed.id()).isEqualTo(OLD_ID);
    assertThat(taken().getMethod()).isEqualTo("POST");
    assertThat(taken().getPath())
        .isEqualTo("/v2/orders:by_client_order_id?client_order_id=adapter-20261125-0001");
    assertThat(server.getRequestCount()).as("one POST, one lookup").isEqualTo(2);
  }

  @Test
  void aDroppedConnectionAfterTheSubmissionWasSentIsResolvedTheSameWay() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    answer("order.json");

    BrokerOrder placed = alpaca.broker().submitOrder(limitBuy("adapter-20261125-0001"));

    assertThat(placed.clientOrderId()).isEqualTo("adapter-20261125-0001");
    assertThat(taken().getMethod()).isEqualTo("POST");
    assertThat(taken().getMethod()).isEqualTo("GET");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anUnreadableAnswerAndNoOrderByThatIdResendsOnceWithTheSameClientOrderId() throws Exception {
    answer(200, "{not json");
    answer(404, Fixtures.read("error-not-found.json"));
    answer("order.json");

    alpaca.broker().submitOrder(limitBuy("adapter-20261125-0001"));

    RecordedRequest first = taken();
    taken();
    RecordedRequest second = taken();
    assertThat(second.getMethod()).isEqualTo("POST");
    assertThat(json(second).get("client_order_id").getAsString())
        .isEqualTo(json(first).get("client_order_id").getAsString());
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  // ------------------------------------------------------------------ 403s

  @Test
  void aPatternDayTradingRefusalIsARejectedOrderWithAlpacasCodeNotForbidden() {
    answer(403, Fixtures.read("error-pattern-day-trading.json"));

    assertThatThrownBy(() -> alpaca.broker().submitOrder(limitBuy("pdt-1")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ORDER_REJECTED);
              assertThat(e.providerCode()).contains("40310100");
              assertThat(e.getMessage()).contains("pattern day trading protection");
            });
  }

  @Test
  void anAccountNotAllowedToShortIsARejectedOrderOnSubmissionAndOnClosingAPosition() {
    answer(403, Fixtures.read("error-not-allowed-to-short.json"));
    assertRefused(
        () -> alpaca.broker().submitOrder(limitBuy("short-1")),
        ErrorCode.ORDER_REJECTED,
        "40310000");
    answer(403, Fixtures.read("error-not-allowed-to-short.json"));
    assertRefused(() -> alpaca.broker().closePosition("NYC"), ErrorCode.ORDER_REJECTED, "40310000");
  }

  @Test
  void onlyRefusedKeysOrPermissionsStayForbidden() {
    answer(403, Fixtures.read("error-forbidden.json"));
    assertRefused(() -> alpaca.broker().account(), ErrorCode.FORBIDDEN, "HTTP 403");
    answer(401, Fixtures.read("error-unauthorized.json"));
    assertRefused(
        () -> alpaca.broker().submitOrder(limitBuy("f-1")), ErrorCode.FORBIDDEN, "40110000");
    answer(403, "{\"code\":40310000,\"message\":\"account is not authorized to trade\"}");
    assertRefused(
        () -> alpaca.broker().submitOrder(limitBuy("f-2")), ErrorCode.FORBIDDEN, "40310000");
  }
}
