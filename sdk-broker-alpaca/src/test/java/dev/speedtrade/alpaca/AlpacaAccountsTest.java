package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many users on one fake Alpaca: alice and bob on two accounts told apart by their keys, as Alpaca
 * tells them apart; the cache of clients, the lazy streams, the per-account rate limit, the live
 * opt-in and the secrets.
 */
class AlpacaAccountsTest {
  /** Wednesday 2026-11-25, 10:00 New York time: the regular session is open. */
  private static final Instant SESSION_OPEN = Instant.parse("2026-11-25T15:00:00Z");

  private static final long WAIT_SECONDS = 5;
  private static final String ALICE_KEY = "PKALICEPAPERKEY00001";
  private static final String ALICE_SECRET = "alice-paper-SECRET-0123456789";
  private static final String ALICE_LIVE_KEY = "AKALICELIVEKEY000001";
  private static final String ALICE_LIVE_SECRET = "alice-live-SECRET-0123456789";
  private static final String BOB_KEY = "PKBOBPAPERKEY0000001";
  private static final String BOB_SECRET = "bob-paper-SECRET-0123456789";

  private final Map<String, AlpacaCredentials> keys =
      Map.of(
          "alice/PAPER", AlpacaCredentials.of(ALICE_KEY, ALICE_SECRET),
          "alice/LIVE", AlpacaCredentials.of(ALICE_LIVE_KEY, ALICE_LIVE_SECRET),
          "bob/PAPER", AlpacaCredentials.of(BOB_KEY, BOB_SECRET));
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final AlpacaCredentialSource source =
      (userId, mode) -> {
        asked.add(userId + "/" + mode);
        return Optional.ofNullable(keys.get(userId + "/" + mode));
      };
  private final List<AlpacaAccounts> opened = new ArrayList<>();
  private SimulatedBroker alicePaper;
  private SimulatedBroker aliceLive;
  private SimulatedBroker bobPaper;
  private FakeAlpaca fake;

  @BeforeEach
  void start() {
    alicePaper = account();
    aliceLive = account();
    bobPaper = account();
    fake =
        FakeAlpaca.start(alicePaper, ALICE_KEY, ALICE_SECRET)
            .addAccount(aliceLive, ALICE_LIVE_KEY, ALICE_LIVE_SECRET)
            .addAccount(bobPaper, BOB_KEY, BOB_SECRET);
  }

  @AfterEach
  void stop() {
    opened.forEach(AlpacaAccounts::close);
    fake.close();
  }

  private static SimulatedBroker account() {
    return SimulatedBroker.builder()
        .clock(Clock.fixed(SESSION_OPEN, ZoneOffset.UTC))
        .demoListings()
        .build();
  }

  private AlpacaAccounts.Builder builder() {
    URI url = URI.create(fake.baseUrl());
    return AlpacaAccounts.builder()
        .credentials(source)
        // The simulations' time, so that polled orders count as recent.
        .clock(Clock.fixed(SESSION_OPEN, ZoneOffset.UTC))
        .paperUrl(url)
        .liveUrl(url)
        .dataUrl(url)
        .timeout(Duration.ofSeconds(WAIT_SECONDS))
        .requestsPerMinute(60_000)
        .retryBackoff(Duration.ofMillis(10))
        .pollInterval(Duration.ofMillis(50))
        .streamBackoff(Duration.ofMillis(50));
  }

  private AlpacaAccounts open(AlpacaAccounts.Builder builder) {
    AlpacaAccounts accounts = builder.build();
    opened.add(accounts);
    return accounts;
  }

  private static OrderRequest marketBuy(String symbol, int qty, String clientOrderId) {
    return OrderRequest.builder()
        .symbol(symbol)
        .side(OrderSide.BUY)
        .qty(Quantity.of(qty))
        .timeInForce(TimeInForce.DAY)
        .clientOrderId(clientOrderId)
        .build();
  }

  private static OrderRequest limitBuy(String symbol, int qty, String limit, String clientOrderId) {
    return OrderRequest.builder()
        .symbol(symbol)
        .side(OrderSide.BUY)
        .qty(Quantity.of(qty))
        .type(OrderType.LIMIT)
        .limitPrice(Price.of(limit))
        .timeInForce(TimeInForce.DAY)
        .clientOrderId(clientOrderId)
        .build();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline)
          .as("waited %d s for %s", WAIT_SECONDS, what)
          .isNegative();
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  private static ErrorCode codeOf(Runnable call) {
    try {
      call.run();
    } catch (SpeedTradeException e) {
      return e.code();
    }
    throw new AssertionError("expected a SpeedTradeException");
  }

  // ---------------------------------------------------------------- two users, two accounts

  @Test
  void aBuyByAliceNeverShowsInBobsPositionsOrdersOrTradeUpdates() throws Exception {
    AlpacaAccounts accounts = open(builder());
    Brokerage alice = accounts.brokerage("alice", TradingMode.PAPER);
    Brokerage bob = accounts.brokerage("bob", TradingMode.PAPER);
    BlockingQueue<TradeUpdate> aliceUpdates = new LinkedBlockingQueue<>();
    BlockingQueue<TradeUpdate> bobUpdates = new LinkedBlockingQueue<>();
    Subscription aliceSubscription = alice.broker().subscribe(aliceUpdates::add);
    Subscription bobSubscription = bob.broker().subscribe(bobUpdates::add);
    await(
        () -> fake.listeningStreams(ALICE_KEY) == 1 && fake.listeningStreams(BOB_KEY) == 1,
        "both streams");

    BrokerOrder bought = alice.broker().submitOrder(marketBuy("AAPL", 3, "alice-aapl"));
    BrokerOrder resting = alice.broker().submitOrder(limitBuy("MSFT", 1, "1.00", "alice-msft"));
    alicePaper.matchOrders();

    assertThat(alice.broker().positions()).extracting(Position::symbol).containsExactly("AAPL");
    assertThat(alice.broker().openOrders())
        .extracting(BrokerOrder::id)
        .containsExactly(resting.id());
    assertThat(alice.broker().order(bought.id())).isPresent();
    assertThat(bob.broker().positions()).isEmpty();
    assertThat(bob.broker().openOrders()).isEmpty();
    assertThat(bob.broker().order(bought.id())).isEmpty();
    assertThat(bob.broker().orderByClientOrderId("alice-aapl")).isEmpty();
    assertThat(bob.broker().account().cash()).isEqualTo(bobPaper.account().cash());
    assertThat(alice.broker().account().cash())
        .isEqualTo(alicePaper.account().cash())
        .isNotEqualTo(bob.broker().account().cash());
    assertThat(alicePaper.positions()).hasSize(1);
    assertThat(bobPaper.positions()).isEmpty();
    assertThat(bobPaper.openOrders()).isEmpty();
    assertThat(fake.calls(BOB_KEY)).noneMatch(call -> call.startsWith("POST"));
    assertThat(fake.calls(ALICE_KEY))
        .filteredOn(call -> call.startsWith("POST /v2/orders"))
        .hasSize(2);

    TradeUpdate fill = aliceUpdates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    while (fill != null && !fill.event().isFill()) {
      fill = aliceUpdates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    }
    assertThat(fill).as("alice's fill on alice's stream").isNotNull();
    assertThat(fill.order().id()).isEqualTo(bought.id());
    assertThat(bobUpdates.poll(200, TimeUnit.MILLISECONDS))
        .as("nothing of alice's on bob's stream")
        .isNull();
    aliceSubscription.close();
    bobSubscription.close();
  }

  @Test
  void aUsersLiveAndPaperAccountsAreTwoAccountsEachKnowingItsMode() {
    AlpacaAccounts accounts =
        open(builder().liveTrading(LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY));
    Brokerage paper = accounts.brokerage("alice", TradingMode.PAPER);
    Brokerage live = accounts.brokerage("alice", TradingMode.LIVE);

    live.broker().submitOrder(marketBuy("SPY", 1, "alice-live-spy"));
    aliceLive.matchOrders();

    assertThat(live.mode()).isEqualTo(TradingMode.LIVE);
    assertThat(paper.mode()).isEqualTo(TradingMode.PAPER);
    assertThat(live.broker().positions()).extracting(Position::symbol).containsExactly("SPY");
    assertThat(paper.broker().positions()).isEmpty();
    assertThat(alicePaper.positions()).isEmpty();
    assertThat(accounts.client("alice", TradingMode.LIVE).config().live()).isTrue();
    assertThat(accounts.client("alice", TradingMode.PAPER).config().live()).isFalse();
    assertThat(codeOf(() -> live.requireMode(TradingMode.PAPER)))
        .isEqualTo(ErrorCode.MODE_MISMATCH);
  }

  // ---------------------------------------------------------------- refused before any call

  @Test
  void anUnknownUserIsAccountNotFoundWithoutAnyCallToAlpaca() {
    AlpacaAccounts accounts =
        open(builder().liveTrading(LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY));

    assertThatThrownBy(() -> accounts.brokerage("carol", TradingMode.PAPER))
        .isInstanceOf(SpeedTradeException.class)
        .hasMessageContaining("carol")
        .extracting(e -> ((SpeedTradeException) e).code())
        .isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
    assertThat(codeOf(() -> accounts.brokerage("bob", TradingMode.LIVE)))
        .isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
    assertThat(fake.calls()).isEmpty();
    assertThat(accounts.openClients()).isZero();
  }

  @Test
  void liveWithoutTheOptInIsForbiddenBeforeTheSourceIsAskedOrAnyCall() {
    AlpacaAccounts accounts = open(builder());

    assertThat(codeOf(() -> accounts.brokerage("alice", TradingMode.LIVE)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(asked).isEmpty();
    assertThat(fake.calls()).isEmpty();
    assertThat(accounts.openClients()).isZero();
    assertThat(accounts.toString()).contains("live=refused");
  }

  @Test
  void aMissingOrBlankUserOrModeIsAnInvalidArgument() {
    AlpacaAccounts accounts = open(builder());

    assertThat(codeOf(() -> accounts.brokerage(null, TradingMode.PAPER)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(codeOf(() -> accounts.brokerage(" ", TradingMode.PAPER)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(codeOf(() -> accounts.brokerage("alice", null)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(asked).isEmpty();
    assertThat(fake.calls()).isEmpty();
  }

  @Test
  void theBuilderNamesWhatIsMissingOrWrong() {
    assertThatThrownBy(() -> AlpacaAccounts.builder().build())
        .isInstanceOf(SpeedTradeException.class)
        .hasMessageContaining("credentials");
    assertThat(
            codeOf(
                () ->
                    AlpacaAccounts.builder()
                        .credentials(source)
                        .paperUrl(AlpacaConfig.LIVE_URL)
                        .build()))
        .as("a paper URL that is the live endpoint")
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(
            codeOf(() -> AlpacaAccounts.builder().credentials(source).requestsPerMinute(0).build()))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(codeOf(() -> AlpacaAccounts.builder().maximumSize(0)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(codeOf(() -> AlpacaAccounts.builder().pollInterval(Duration.ZERO)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(
            codeOf(
                () ->
                    AlpacaAccounts.builder()
                        .credentials(source)
                        .paperUrl(URI.create("ftp://x"))
                        .build()))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThatThrownBy(() -> AlpacaAccounts.builder().credentials(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AlpacaAccounts.builder().liveTrading(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aSourceAnsweringNullIsABrokenContractNamedAsSuch() {
    AlpacaAccounts accounts = open(builder().credentials((userId, mode) -> null));

    assertThatThrownBy(() -> accounts.brokerage("alice", TradingMode.PAPER))
        .isInstanceOf(SpeedTradeException.class)
        .hasMessageContaining("Optional.empty()");
  }

  // ---------------------------------------------------------------- the cache

  @Test
  void evictingTheLeastRecentlyUsedIdleAccountClosesItsClientAndItsNextCallOpensANewOne() {
    AlpacaAccounts accounts = open(builder().maximumSize(1));
    Brokerage alice = accounts.brokerage("alice", TradingMode.PAPER);
    alice.broker().account();
    Alpaca aliceClient = accounts.client("alice", TradingMode.PAPER);

    accounts.brokerage("bob", TradingMode.PAPER).broker().account();

    assertThat(accounts.openClients()).isEqualTo(1);
    assertThat(accounts.client("alice", TradingMode.PAPER)).as("alice was evicted").isNull();
    assertThat(aliceClient.isClosed()).as("and her client closed").isTrue();
    assertThat(alice.broker().account().cash())
        .as("her brokerage still works")
        .isEqualTo(alicePaper.account().cash());
    assertThat(accounts.client("alice", TradingMode.PAPER)).isNotNull().isNotSameAs(aliceClient);
    assertThat(accounts.client("bob", TradingMode.PAPER)).as("bob was evicted in turn").isNull();
    assertThat(asked).containsExactly("alice/PAPER", "bob/PAPER", "alice/PAPER");
  }

  @Test
  void anAccountWaitingOnItsStreamIsNeverEvictedAndItsWebsocketClosesWithItsLastSubscription()
      throws Exception {
    AlpacaAccounts accounts = open(builder().maximumSize(1));
    Brokerage alice = accounts.brokerage("alice", TradingMode.PAPER);
    Subscription first = alice.broker().subscribe(update -> {});
    Subscription second = alice.broker().subscribe(update -> {});
    await(() -> fake.listeningStreams(ALICE_KEY) == 1, "alice's stream");
    Alpaca aliceClient = accounts.client("alice", TradingMode.PAPER);

    accounts.brokerage("bob", TradingMode.PAPER).broker().account();

    assertThat(accounts.client("alice", TradingMode.PAPER))
        .as("alice is in use: kept")
        .isSameAs(aliceClient);
    assertThat(accounts.client("bob", TradingMode.PAPER)).as("bob, idle, went instead").isNull();
    assertThat(aliceClient.isClosed()).isFalse();
    assertThat(fake.listeningStreams(ALICE_KEY)).isEqualTo(1);

    first.close();
    assertThat(aliceClient.isStreamRunning()).as("one subscription left").isTrue();
    second.close();
    second.close();

    await(() -> fake.openStreams() == 0, "alice's websocket to close");
    assertThat(aliceClient.isStreamRunning()).isFalse();
    assertThat(fake.streamConnections()).as("one websocket for both subscriptions").isEqualTo(1);
    assertThat(aliceClient.isClosed()).as("alone in the cache, idle alice stays").isFalse();

    accounts.brokerage("bob", TradingMode.PAPER).broker().account();
    assertThat(aliceClient.isClosed()).as("evicted once idle and least recently used").isTrue();
    assertThat(accounts.openClients()).isEqualTo(1);

    Subscription again = alice.broker().subscribe(update -> {});
    await(() -> fake.listeningStreams(ALICE_KEY) == 1, "alice's new stream");
    assertThat(fake.streamConnections()).isEqualTo(2);
    assertThat(accounts.client("alice", TradingMode.PAPER)).isNotSameAs(aliceClient);
    again.close();
  }

  @Test
  void aCallInFlightKeepsItsClientOpenUntilItReturns() throws Exception {
    AlpacaAccounts accounts = open(builder().maximumSize(1));
    accounts.brokerage("alice", TradingMode.PAPER);
    CompletableFuture<Void> inCall = new CompletableFuture<>();
    CompletableFuture<Void> proceed = new CompletableFuture<>();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      // Every call of a brokerage runs inside AlpacaAccounts.call; this one holds still until told.
      CompletableFuture<Alpaca> during =
          CompletableFuture.supplyAsync(
              () ->
                  accounts.call(
                      new AlpacaAccounts.AccountKey("alice", TradingMode.PAPER),
                      alpaca -> {
                        inCall.complete(null);
                        proceed.join();
                        return alpaca;
                      }),
              thread);
      inCall.get(WAIT_SECONDS, TimeUnit.SECONDS);
      Alpaca aliceClient = accounts.client("alice", TradingMode.PAPER);

      accounts.brokerage("bob", TradingMode.PAPER).broker().account();
      accounts.invalidate("alice", TradingMode.PAPER);

      assertThat(aliceClient.isClosed())
          .as("neither eviction nor invalidation closes it mid-call")
          .isFalse();
      proceed.complete(null);
      assertThat(during.get(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(aliceClient);
      assertThat(aliceClient.isClosed()).as("closed once the call returned").isTrue();
      assertThat(accounts.openClients()).isZero();
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void manyUsersOnManyThreadsEachReachOnlyTheirOwnAccountThroughASmallCache() throws Exception {
    int users = 12;
    Map<String, SimulatedBroker> sims =
        IntStream.range(0, users)
            .boxed()
            .collect(Collectors.toMap(i -> "user" + i, i -> account()));
    Map<String, AlpacaCredentials> many =
        IntStream.range(0, users)
            .boxed()
            .collect(
                Collectors.toMap(
                    i -> "user" + i, i -> AlpacaCredentials.of("PKUSER" + i, "secret-" + i)));
    sims.forEach(
        (user, sim) ->
            fake.addAccount(sim, "PKUSER" + user.substring(4), "secret-" + user.substring(4)));
    AlpacaAccounts accounts =
        open(
            builder()
                .maximumSize(3)
                .credentials((userId, mode) -> Optional.ofNullable(many.get(userId))));
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < users; i++) {
          String user = "user" + i;
          int qty = i + 1;
          int attempt = round;
          done.add(
              CompletableFuture.runAsync(
                  () ->
                      accounts
                          .brokerage(user, TradingMode.PAPER)
                          .broker()
                          .submitOrder(marketBuy("AAPL", qty, user + "-" + attempt)),
                  threads));
        }
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }

    for (int i = 0; i < users; i++) {
      SimulatedBroker sim = sims.get("user" + i);
      sim.matchOrders();
      Quantity bought = Quantity.of(3 * (i + 1));
      assertThat(sim.positions())
          .as("user%d", i)
          .singleElement()
          .satisfies(position -> assertThat(position.qty()).isEqualTo(bought));
    }
    assertThat(accounts.openClients()).isEqualTo(3);
  }

  // ---------------------------------------------------------------- streams and limits

  @Test
  void callsThatDoNotSubscribeOpenNoWebsocket() {
    AlpacaAccounts accounts = open(builder());
    Brokerage alice = accounts.brokerage("alice", TradingMode.PAPER);

    alice.broker().account();
    alice.broker().positions();
    alice.broker().openOrders();
    alice.broker().submitOrder(marketBuy("AAPL", 1, "no-stream"));
    alice.broker().orderByClientOrderId("no-stream");
    alice.marketData().snapshots(List.of("AAPL"));
    alice.marketClock().status();
    accounts.brokerage("bob", TradingMode.PAPER).broker().account();

    assertThat(fake.count("GET /stream")).isZero();
    assertThat(fake.streamConnections()).isZero();
    assertThat(accounts.client("alice", TradingMode.PAPER).isStreamRunning()).isFalse();
  }

  @Test
  void aStreamBeyondTheMaximumWaitsForAPlaceWhileItsAccountIsPolled() throws Exception {
    AlpacaAccounts accounts = open(builder().maximumSize(1));
    Subscription alice =
        accounts.brokerage("alice", TradingMode.PAPER).broker().subscribe(update -> {});
    await(() -> fake.listeningStreams(ALICE_KEY) == 1, "alice's stream");
    Brokerage bob = accounts.brokerage("bob", TradingMode.PAPER);
    BlockingQueue<TradeUpdate> bobUpdates = new LinkedBlockingQueue<>();
    Subscription bobSubscription = bob.broker().subscribe(bobUpdates::add);

    BrokerOrder bought = bob.broker().submitOrder(marketBuy("SPY", 2, "bob-spy"));
    bobPaper.matchOrders();

    TradeUpdate fill = bobUpdates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    while (fill != null && !fill.event().isFill()) {
      fill = bobUpdates.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    }
    assertThat(fill).as("bob's fill, polled").isNotNull();
    assertThat(fill.order().id()).isEqualTo(bought.id());
    assertThat(fake.streamConnections()).as("only alice's websocket is open").isEqualTo(1);
    assertThat(fake.calls(BOB_KEY)).anyMatch(call -> call.startsWith("GET /v2/orders?status=all"));

    alice.close();

    await(() -> fake.listeningStreams(BOB_KEY) == 1, "bob's stream, once alice's place is free");
    bobSubscription.close();
  }

  @Test
  void oneAccountsExhaustedRateLimitDoesNotSlowAnother() throws Exception {
    // Two requests a minute: an account's second call waits 30 s for its slot.
    AlpacaAccounts accounts = open(builder().requestsPerMinute(2));
    Brokerage alice = accounts.brokerage("alice", TradingMode.PAPER);
    Brokerage bob = accounts.brokerage("bob", TradingMode.PAPER);
    alice.broker().account();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<?> aliceSecond =
          CompletableFuture.runAsync(() -> alice.broker().positions(), thread);

      long started = System.nanoTime();
      bob.broker().account();
      long bobMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertThat(bobMillis)
          .as("bob's call waited for no slot of alice's")
          .isLessThan(WAIT_SECONDS * 1000);
      assertThat(aliceSecond).as("alice's second call still waits for her own slot").isNotDone();
      assertThat(fake.calls(ALICE_KEY)).containsExactly("GET /v2/account");
      assertThat(fake.calls(BOB_KEY)).containsExactly("GET /v2/account");
    } finally {
      thread.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- closing, secrets

  @Test
  void afterCloseEveryRequestAndEveryCallThroughAnEarlierBrokerageIsClosed() {
    AlpacaAccounts accounts = open(builder());
    Brokerage alice = accounts.brokerage("alice", TradingMode.PAPER);
    Alpaca aliceClient = accounts.client("alice", TradingMode.PAPER);

    accounts.close();
    accounts.close();

    assertThat(aliceClient.isClosed()).isTrue();
    assertThat(codeOf(() -> accounts.brokerage("bob", TradingMode.PAPER)))
        .isEqualTo(ErrorCode.CLOSED);
    assertThat(codeOf(() -> alice.broker().account())).isEqualTo(ErrorCode.CLOSED);
    assertThat(codeOf(() -> alice.broker().subscribe(update -> {}))).isEqualTo(ErrorCode.CLOSED);
    assertThat(fake.calls()).isEmpty();
  }

  @Test
  void aSubscriptionOpenWhenTheAccountsCloseKeepsItsClientUntilItCloses() throws Exception {
    AlpacaAccounts accounts = open(builder());
    Subscription waiting =
        accounts.brokerage("alice", TradingMode.PAPER).broker().subscribe(update -> {});
    await(() -> fake.listeningStreams(ALICE_KEY) == 1, "alice's stream");
    Alpaca aliceClient = accounts.client("alice", TradingMode.PAPER);

    accounts.close();
    assertThat(aliceClient.isClosed()).isFalse();

    waiting.close();
    assertThat(aliceClient.isClosed()).isTrue();
    await(() -> fake.openStreams() == 0, "alice's websocket to close");
  }

  @Test
  void noKeyReachesTheToStringOrTheErrorsOfAnythingNew() {
    AlpacaAccounts accounts =
        open(builder().liveTrading(LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY));
    AlpacaAccounts paperOnly = open(builder());
    Brokerage alice = accounts.brokerage("alice", TradingMode.PAPER);
    Brokerage aliceLive = accounts.brokerage("alice", TradingMode.LIVE);
    List<Object> values =
        new ArrayList<>(
            List.of(
                accounts,
                paperOnly,
                alice,
                aliceLive,
                alice.broker(),
                alice.marketData(),
                alice.marketClock(),
                aliceLive.broker(),
                source,
                builder(),
                accounts.client("alice", TradingMode.PAPER),
                accounts.client("alice", TradingMode.LIVE)));
    List<Throwable> failures = new ArrayList<>();
    for (Runnable call :
        List.<Runnable>of(
            () -> paperOnly.brokerage("alice", TradingMode.LIVE),
            () -> accounts.brokerage("carol", TradingMode.PAPER),
            () -> aliceLive.requireMode(TradingMode.PAPER),
            () ->
                open(builder().credentials((userId, mode) -> null))
                    .brokerage("alice", TradingMode.PAPER))) {
      try {
        call.run();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }

    assertThat(failures).hasSize(4);
    for (Object value : values) {
      assertThat(String.valueOf(value))
          .doesNotContain(ALICE_KEY, ALICE_SECRET, ALICE_LIVE_KEY, ALICE_LIVE_SECRET);
    }
    for (Throwable failure : failures) {
      assertThat(failure.getMessage())
          .doesNotContain(ALICE_KEY, ALICE_SECRET, ALICE_LIVE_KEY, ALICE_LIVE_SECRET);
    }
    assertThat(String.valueOf(alice)).contains("alice", "PAPER");
  }
}
