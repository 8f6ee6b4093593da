package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.AssetStatus;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientOrderStatus;
import dev.speedtrade.oms.OrderFill;
import dev.speedtrade.oms.OrderResult;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.ReplaceOrder;
import dev.speedtrade.oms.SubmitOrder;
import dev.speedtrade.oms.VenueMarket;
import dev.speedtrade.oms.spi.InMemoryOrderStore;
import dev.speedtrade.risk.RiskControls;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order service end to end on the Alpaca adapter: its venue is the adapter's broker pointed at
 * {@link FakeAlpaca} (REST on MockWebServer and the {@code trade_updates} websocket), its market a
 * {@link VenueMarket} over the same Alpaca account, its cash an {@link InMemoryLedger}, its venue
 * work on a real thread pool. Two clients trade through the one omnibus account; every state the
 * books reach comes from Alpaca's answers and trade updates, waited for with a deadline.
 */
class OrdersOnAlpacaTest {
  /** Monday 2026-01-05, 10:00 New York time: the market is open. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-05T15:00:00Z"), ZoneOffset.UTC);

  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private SimulatedBroker omnibus;
  private FakeAlpaca fake;
  private Alpaca alpaca;
  private InMemoryLedger ledger;
  private final InMemoryOrderStore store = new InMemoryOrderStore();
  private final RiskControls controls = RiskControls.inMemory(CLOCK);
  private ExecutorService venueWork;
  private OrderService orders;
  private final AtomicInteger deposits = new AtomicInteger();

  @BeforeEach
  void start() {
    omnibus =
        SimulatedBroker.builder()
            .clock(CLOCK)
            .seed(12)
            .accountId("OMNIBUS-1")
            .cash(Money.of("1000000.00", "USD"))
            .listing(asset("AAPL"), Price.of("190.00"))
            .listing(asset("MSFT"), Price.of("400.00"))
            .build();
    fake = FakeAlpaca.start(omnibus, Fixtures.KEY, Fixtures.SECRET);
    ledger = new InMemoryLedger(CLOCK);
    venueWork = Executors.newFixedThreadPool(2);
    connect();
    open("alice", "10000.00");
    open("bob", "10000.00");
  }

  /**
   * Connects an Alpaca adapter to the fake and an order service to it, on the test's store and
   * ledger, and waits until the service hears the stream: the websocket is listening and the poll
   * the adapter makes on connecting is answered, so that every later update comes over the stream.
   */
  private void connect() {
    int polls = fake.answered("GET /v2/orders?");
    int streams = fake.streamConnections();
    URI url = URI.create(fake.baseUrl());
    alpaca =
        Alpaca.builder(
                AlpacaConfig.paper(AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET))
                    .withBaseUrl(url)
                    .withDataUrl(url)
                    .withTimeout(Duration.ofSeconds(5))
                    .withRequestsPerMinute(60_000))
            .clock(CLOCK)
            .retryBackoff(Duration.ofMillis(10))
            .streamBackoff(Duration.ofMillis(50))
            .build();
    orders =
        OrderService.builder()
            .store(store)
            .ledger(ledger)
            .market(
                VenueMarket.of(
                    new Brokerage(
                        TradingMode.PAPER,
                        alpaca.broker(),
                        alpaca.marketData(),
                        alpaca.marketClock()),
                    CLOCK))
            .riskControls(controls)
            .clock(CLOCK)
            .venue(alpaca.broker())
            .executor(venueWork)
            .build();
    await(
        "the trade update stream listening",
        () -> fake.streamConnections() > streams && fake.listeningStreams() == 1);
    await("the catch-up poll answered", () -> fake.answered("GET /v2/orders?") > polls);
  }

  @AfterEach
  void stop() {
    if (orders != null) {
      orders.close();
    }
    if (venueWork != null) {
      venueWork.shutdownNow();
    }
    if (alpaca != null) {
      alpaca.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void twoClientsMarketBuysUnderTheSameClientOrderIdFillOverTheStreamAsOneOmnibusPosition() {
    OrderResult alice = orders.submit(marketBuy("alice", "c1", "10"));
    OrderResult bob = orders.submit(marketBuy("bob", "c1", "5"));

    assertThat(alice.code()).isEqualTo("OK");
    assertThat(bob.code()).isEqualTo("OK");
    ClientOrder aliceOrder = awaitStatus("alice", "c1", ClientOrderStatus.FILLED);
    ClientOrder bobOrder = awaitStatus("bob", "c1", ClientOrderStatus.FILLED);
    aliceOrder = awaitVenueId("alice", "c1");
    bobOrder = awaitVenueId("bob", "c1");

    // The books: each client's own fill, position and cash; no hold left.
    assertThat(aliceOrder.filledQty()).isEqualByComparingTo("10");
    assertThat(aliceOrder.avgFillPrice()).isEqualByComparingTo("190.00");
    assertThat(bobOrder.filledQty()).isEqualByComparingTo("5");
    assertThat(orders.positions("alice"))
        .singleElement()
        .satisfies(p -> assertThat(p.qty()).isEqualByComparingTo("10"));
    assertThat(orders.positions("bob"))
        .singleElement()
        .satisfies(p -> assertThat(p.qty()).isEqualByComparingTo("5"));
    assertThat(orders.portfolio("alice").cash()).isEqualByComparingTo("8100.00");
    assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("8100.00");
    assertThat(orders.portfolio("bob").cash()).isEqualByComparingTo("9050.00");
    assertThat(orders.portfolio("bob").buyingPower()).isEqualByComparingTo("9050.00");
    // The fills came over the websocket: they carry the execution id Alpaca sent (polling has
    // none, and the books would then name the fill after the venue order and its filled qty).
    assertThat(orders.fills("alice"))
        .extracting(OrderFill::execId)
        .containsExactly(firstExecutionId(aliceOrder.venueOrderId()));
    assertThat(orders.fills("bob"))
        .extracting(OrderFill::execId)
        .containsExactly(firstExecutionId(bobOrder.venueOrderId()));
    assertThat(fake.streamConnections()).as("the stream never dropped").isEqualTo(1);

    // The venue: one omnibus position of both, two orders under the platform ids.
    assertThat(aliceOrder.orderId()).isNotEqualTo(bobOrder.orderId());
    assertThat(omnibus.positions())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.symbol()).isEqualTo("AAPL");
              assertThat(p.qty().value()).isEqualByComparingTo("15");
            });
    BrokerOrder atAlpacaForAlice =
        alpaca.broker().orderByClientOrderId(aliceOrder.orderId()).orElseThrow();
    BrokerOrder atAlpacaForBob =
        alpaca.broker().orderByClientOrderId(bobOrder.orderId()).orElseThrow();
    assertThat(atAlpacaForAlice.id()).isEqualTo(aliceOrder.venueOrderId());
    assertThat(atAlpacaForBob.id()).isEqualTo(bobOrder.venueOrderId());
    assertThat(atAlpacaForAlice.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(atAlpacaForBob.status()).isEqualTo(OrderStatus.FILLED);
    List<JsonObject> posts = bodies("POST", "/v2/orders");
    assertThat(posts)
        .extracting(body -> body.get("client_order_id").getAsString())
        .containsExactlyInAnyOrder(aliceOrder.orderId(), bobOrder.orderId());
    assertThat(posts)
        .allSatisfy(
            body -> {
              assertThat(body.get("symbol").getAsString()).isEqualTo("AAPL");
              assertThat(body.get("side").getAsString()).isEqualTo("buy");
              assertThat(body.get("type").getAsString()).isEqualTo("market");
            });
    assertTrialBalanceIsZero();
  }

  @Test
  void aCancelAndAReplaceGoOutAsDeleteAndPatchAndTheReplacementTakesAScriptedPartialFill() {
    int callsBefore = fake.requests().size();

    // A resting limit buy, canceled.
    orders.submit(limitBuy("alice", "c1", "10", "180.00"));
    ClientOrder resting = awaitVenueId("alice", "c1");
    awaitStatus("alice", "c1", ClientOrderStatus.ACCEPTED);
    assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("8200.00");

    assertThat(orders.cancel("alice", "c1").code()).isEqualTo("OK");

    awaitStatus("alice", "c1", ClientOrderStatus.CANCELED);
    assertThat(omnibus.order(resting.venueOrderId()).orElseThrow().status())
        .isEqualTo(OrderStatus.CANCELED);
    assertThat(orders.portfolio("alice").cash()).isEqualByComparingTo("10000.00");
    assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("10000.00");

    // Another, replaced at a new price: the old order REPLACED, the new one ACCEPTED at it.
    orders.submit(limitBuy("alice", "c2", "10", "180.00"));
    ClientOrder old = awaitVenueId("alice", "c2");
    awaitStatus("alice", "c2", ClientOrderStatus.ACCEPTED);

    OrderResult replace =
        orders.replace(
            ReplaceOrder.builder("alice", "c2", "c2-r")
                .limitPrice(new BigDecimal("185.00"))
                .build());

    assertThat(replace.code()).isEqualTo("OK");
    awaitStatus("alice", "c2", ClientOrderStatus.REPLACED);
    awaitStatus("alice", "c2-r", ClientOrderStatus.ACCEPTED);
    ClientOrder replacement = awaitVenueId("alice", "c2-r");
    assertThat(orders.order("alice", "c2").orElseThrow().replacedBy()).isEqualTo("c2-r");
    assertThat(replacement.replaces()).isEqualTo("c2");
    assertThat(replacement.limitPrice()).isEqualByComparingTo("185.00");
    assertThat(replacement.qty()).isEqualByComparingTo("10");
    BrokerOrder atAlpaca = omnibus.order(replacement.venueOrderId()).orElseThrow();
    assertThat(atAlpaca.clientOrderId()).isEqualTo(replacement.orderId());
    assertThat(atAlpaca.replaces()).isEqualTo(old.venueOrderId());
    assertThat(atAlpaca.limitPrice()).isEqualTo(Price.of("185.00"));
    assertThat(omnibus.order(old.venueOrderId()).orElseThrow().status())
        .isEqualTo(OrderStatus.REPLACED);
    assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("8150.00");

    // A partial fill scripted at the venue reaches the new order.
    omnibus.fill(replacement.venueOrderId(), Quantity.of("4"), Price.of("185.00"));

    ClientOrder partly = awaitStatus("alice", "c2-r", ClientOrderStatus.PARTIALLY_FILLED);
    assertThat(partly.filledQty()).isEqualByComparingTo("4");
    assertThat(partly.remaining()).isEqualByComparingTo("6");
    assertThat(orders.fills("alice"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.clientOrderId()).isEqualTo("c2-r");
              assertThat(f.execId()).isEqualTo(firstExecutionId(replacement.venueOrderId()));
              assertThat(f.amount()).isEqualByComparingTo("740.00");
            });
    assertThat(orders.positions("alice"))
        .singleElement()
        .satisfies(p -> assertThat(p.qty()).isEqualByComparingTo("4"));
    assertThat(orders.portfolio("alice").cash()).isEqualByComparingTo("9260.00");
    assertThat(orders.portfolio("alice").buyingPower())
        .as("9260.00 - 6 x 185.00 still held")
        .isEqualByComparingTo("8150.00");

    // The real HTTP path of that order flow, from the fake's request log.
    List<FakeAlpaca.Received> flow =
        fake.requests().subList(callsBefore, fake.requests().size()).stream()
            .filter(r -> !r.method().equals("GET"))
            .toList();
    assertThat(flow)
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "POST /v2/orders",
            "DELETE /v2/orders/" + resting.venueOrderId(),
            "POST /v2/orders",
            "PATCH /v2/orders/" + old.venueOrderId());
    assertThat(json(flow.get(0)).get("client_order_id").getAsString()).isEqualTo(resting.orderId());
    assertThat(json(flow.get(0)).get("limit_price").getAsBigDecimal()).isEqualByComparingTo("180");
    assertThat(json(flow.get(2)).get("client_order_id").getAsString()).isEqualTo(old.orderId());
    JsonObject patch = json(flow.get(3));
    assertThat(patch.get("client_order_id").getAsString()).isEqualTo(replacement.orderId());
    assertThat(patch.get("limit_price").getAsBigDecimal()).isEqualByComparingTo("185");
    assertTrialBalanceIsZero();
  }

  @Test
  void aSubmissionWhoseAnswerIsLostIsFoundByItsClientOrderIdAndPlacedOnce() {
    fake.loseNextAnswer("POST /v2/orders");

    assertThat(orders.submit(limitBuy("bob", "c1", "10", "180.00")).code()).isEqualTo("OK");

    ClientOrder order = awaitVenueId("bob", "c1");
    awaitStatus("bob", "c1", ClientOrderStatus.ACCEPTED);
    orders.recover();
    orders.submit(limitBuy("bob", "c2", "1", "100.00"));
    awaitVenueId("bob", "c2");

    List<BrokerOrder> placed =
        omnibus.openOrders().stream()
            .filter(o -> o.clientOrderId().equals(order.orderId()))
            .toList();
    assertThat(placed)
        .singleElement()
        .satisfies(o -> assertThat(o.id()).isEqualTo(order.venueOrderId()));
    assertThat(bodies("POST", "/v2/orders"))
        .extracting(body -> body.get("client_order_id").getAsString())
        .as("sent once, then only the next order")
        .containsExactly(order.orderId(), orders.order("bob", "c2").orElseThrow().orderId());
    assertThat(fake.calls())
        .contains("GET /v2/orders:by_client_order_id?client_order_id=" + order.orderId());
    assertThat(orders.order("bob", "c1").orElseThrow().status())
        .isEqualTo(ClientOrderStatus.ACCEPTED);
    assertThat(orders.portfolio("bob").buyingPower())
        .as("10000.00 - 1800.00 - 100.00 held")
        .isEqualByComparingTo("8100.00");
    assertTrialBalanceIsZero();
  }

  @Test
  void aRefusalByAlpacaRejectsTheOrderWithItsCodeAndReleasesTheHold() {
    fake.enqueueFailure(
        "POST /v2/orders",
        new MockResponse()
            .setResponseCode(403)
            .setHeader("Content-Type", "application/json")
            .setBody(Fixtures.read("error-pattern-day-trading.json")));

    assertThat(orders.submit(limitBuy("alice", "c1", "10", "180.00")).code()).isEqualTo("OK");

    ClientOrder order = awaitStatus("alice", "c1", ClientOrderStatus.REJECTED);
    assertThat(order.reason()).isEqualTo(ErrorCode.ORDER_REJECTED.name());
    assertThat(order.venueOrderId()).isNull();
    assertThat(orders.portfolio("alice").cash()).isEqualByComparingTo("10000.00");
    assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("10000.00");
    assertThat(omnibus.orderByClientOrderId(order.orderId())).isEmpty();
    assertThat(fake.count("POST /v2/orders")).isOne();
    assertTrialBalanceIsZero();
  }

  @Test
  void afterARestartTheCatchUpPollAddsTheFillMissedAndNotTheFillHeardBefore() {
    // One after the other, so that Alpaca lists alice's order first.
    orders.submit(limitBuy("alice", "c1", "10", "180.00"));
    String aliceVenueId = awaitVenueId("alice", "c1").venueOrderId();
    orders.submit(limitBuy("bob", "c1", "10", "180.00"));
    String bobVenueId = awaitVenueId("bob", "c1").venueOrderId();
    awaitStatus("alice", "c1", ClientOrderStatus.ACCEPTED);
    awaitStatus("bob", "c1", ClientOrderStatus.ACCEPTED);
    omnibus.fill(aliceVenueId, Quantity.of("4"), Price.of("180.00"));
    awaitStatus("alice", "c1", ClientOrderStatus.PARTIALLY_FILLED);

    // The service and its adapter stop; bob's order is partly filled while nobody listens.
    orders.close();
    alpaca.close();
    await("the stream closed", () -> fake.listeningStreams() == 0);
    omnibus.fill(bobVenueId, Quantity.of("3"), Price.of("180.00"));

    // A new adapter and service on the same books: Alpaca replays nothing on the stream, and the
    // adapter's catch-up poll reports both orders' fills as their states, without execution ids.
    connect();

    ClientOrder bob = awaitStatus("bob", "c1", ClientOrderStatus.PARTIALLY_FILLED);
    assertThat(bob.filledQty()).isEqualByComparingTo("3");
    assertThat(orders.fills("bob"))
        .extracting(OrderFill::execId)
        .containsExactly(bobVenueId + "@3");
    assertThat(orders.portfolio("bob").cash()).isEqualByComparingTo("9460.00");
    // Alice's fill, heard over the stream before the restart and polled again after it, counts
    // once (the poll reached alice's order before bob's: they arrived at Alpaca in that order).
    ClientOrder alice = orders.order("alice", "c1").orElseThrow();
    assertThat(alice.filledQty()).isEqualByComparingTo("4");
    assertThat(orders.fills("alice"))
        .extracting(OrderFill::execId)
        .containsExactly(firstExecutionId(aliceVenueId));
    assertThat(orders.portfolio("alice").cash()).isEqualByComparingTo("9280.00");
    assertThat(orders.portfolio("alice").buyingPower())
        .as("9280.00 - 6 x 180.00 still held")
        .isEqualByComparingTo("8200.00");
    assertThat(omnibus.positions())
        .singleElement()
        .satisfies(p -> assertThat(p.qty().value()).isEqualByComparingTo("7"));
    assertTrialBalanceIsZero();
  }

  // ---------------------------------------------------------------- fixture

  private void open(String account, String cash) {
    orders.openAccount(account);
    ledger.submit(
        Transfer.single(
            "deposit-" + deposits.incrementAndGet(),
            ClientLedgerAccounts.PSP,
            ClientLedgerAccounts.cash(account),
            new BigDecimal(cash).movePointRight(2).longValueExact(),
            "deposit"));
  }

  private static SubmitOrder marketBuy(String account, String coid, String qty) {
    return SubmitOrder.builder()
        .account(account)
        .clientOrderId(coid)
        .symbol("AAPL")
        .side(OrderSide.BUY)
        .type(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY)
        .qty(new BigDecimal(qty))
        .build();
  }

  private static SubmitOrder limitBuy(String account, String coid, String qty, String limit) {
    return SubmitOrder.builder()
        .account(account)
        .clientOrderId(coid)
        .symbol("AAPL")
        .side(OrderSide.BUY)
        .type(OrderType.LIMIT)
        .timeInForce(TimeInForce.DAY)
        .qty(new BigDecimal(qty))
        .limitPrice(new BigDecimal(limit))
        .build();
  }

  private static Asset asset(String symbol) {
    return new Asset(symbol, symbol, AssetClass.US_EQUITY, AssetStatus.ACTIVE, true, true);
  }

  /** The execution id the simulation gives the first fill of venue order {@code orderId}. */
  private static String firstExecutionId(String orderId) {
    return UUID.nameUUIDFromBytes((orderId + "/fill/1").getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private List<JsonObject> bodies(String method, String path) {
    List<JsonObject> bodies = new ArrayList<>();
    for (FakeAlpaca.Received r : fake.requests()) {
      if (r.method().equals(method) && r.path().equals(path)) {
        bodies.add(json(r));
      }
    }
    return bodies;
  }

  private static JsonObject json(FakeAlpaca.Received request) {
    return JsonParser.parseString(request.body()).getAsJsonObject();
  }

  private ClientOrder awaitStatus(String account, String coid, ClientOrderStatus status) {
    return awaitOrder(
        account + "/" + coid + " " + status, account, coid, o -> o.status() == status);
  }

  private ClientOrder awaitVenueId(String account, String coid) {
    return awaitOrder(
        account + "/" + coid + " with its Alpaca id", account, coid, o -> o.venueOrderId() != null);
  }

  private ClientOrder awaitOrder(
      String what, String account, String coid, java.util.function.Predicate<ClientOrder> test) {
    Supplier<ClientOrder> read = () -> orders.order(account, coid).orElse(null);
    await(what, () -> read.get() != null && test.test(read.get()));
    return read.get();
  }

  /** Polls {@code condition} until it holds, failing after {@link #DEADLINE}. */
  private static void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("no " + what + " within " + DEADLINE);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }

  /**
   * The ledger's trial balance over the platform's accounts and every client's: debits posted =
   * credits posted, pending debits = pending credits.
   */
  private void assertTrialBalanceIsZero() {
    List<String> ids = new ArrayList<>();
    ClientLedgerAccounts.platform().stream().map(LedgerAccount::id).forEach(ids::add);
    for (String account : orders.accounts()) {
      ClientLedgerAccounts.client(account).stream().map(LedgerAccount::id).forEach(ids::add);
    }
    long posted = 0;
    long pendingDebits = 0;
    long pendingCredits = 0;
    for (String id : ids) {
      AccountBalances b = ledger.balances(id).orElseThrow();
      posted += b.debitsPosted() - b.creditsPosted();
      pendingDebits += b.debitsPending();
      pendingCredits += b.creditsPending();
    }
    assertThat(posted).as("debits posted - credits posted").isZero();
    assertThat(pendingDebits).as("pending debits = pending credits").isEqualTo(pendingCredits);
  }
}
