package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.AssetStatus;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradeUpdateEvent;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.oms.spi.InMemoryOrderStore;
import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RiskControls;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The order service on a venue: a simulated omnibus account that fills and answers. */
class VenueLinkTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T15:00:00Z"));
  private final InMemoryLedger ledger = new InMemoryLedger(clock);
  private final InMemoryMarket market = new InMemoryMarket(true);
  private final RiskControls controls = RiskControls.inMemory(clock);
  private final OrderStore store = new InMemoryOrderStore();
  private final SimulatedBroker venue =
      SimulatedBroker.builder()
          .clock(clock)
          .cash(Money.of("1000000.00", "USD"))
          .listing(asset("AAPL"), Price.of("190.00"))
          .listing(asset("MSFT"), Price.of("400.00"))
          .build();
  private final AtomicInteger deposits = new AtomicInteger();

  VenueLinkTest() {
    market.put(Instrument.of("AAPL", AssetClass.US_EQUITY, new BigDecimal("190.00")));
    market.put(Instrument.of("MSFT", AssetClass.US_EQUITY, new BigDecimal("400.00")));
    market.put(Instrument.of("NOPE", AssetClass.US_EQUITY, new BigDecimal("10.00")));
  }

  @Test
  void aMarketBuyIsSentUnderItsPlatformIdFilledByTheVenueAndPostedOnce() {
    OrderService orders = service(venue, Runnable::run);
    open(orders, "alice", "10000.00");

    OrderResult result = orders.submit(marketBuy("alice", "c1", "10"));

    ClientOrder order = orders.order("alice", "c1").orElseThrow();
    assertThat(result.code()).isEqualTo("OK");
    assertThat(order.status()).isEqualTo(ClientOrderStatus.FILLED);
    assertThat(order.filledQty()).isEqualByComparingTo("10");
    assertThat(order.venueOrderId()).isNotNull();
    BrokerOrder atVenue = venue.order(order.venueOrderId()).orElseThrow();
    assertThat(atVenue.clientOrderId()).isEqualTo(order.orderId());
    assertThat(orders.positions("alice"))
        .singleElement()
        .satisfies(p -> assertThat(p.qty()).isEqualByComparingTo("10"));
    assertThat(orders.portfolio("alice").cash()).isEqualByComparingTo("8100.00");
    assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("8100.00");
  }

  @Test
  void anInlineExecutorNeverCallsTheVenueWhileHoldingAnAccount() throws Exception {
    // Venue work once ran inside the account's serialization when the executor ran it at once; a
    // thread in the venue's own call (its trade updates come back through the account) then met
    // it in the other order: a deadlock.
    OrderService orders = service(venue, Runnable::run);
    open(orders, "alice", "1000000.00");
    java.util.concurrent.ExecutorService other =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.atomic.AtomicBoolean done =
          new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.Future<?> reader =
          other.submit(
              () -> {
                while (!done.get()) {
                  venue.openOrders();
                }
                return null;
              });
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(60),
          () -> {
            for (int i = 0; i < 300; i++) {
              orders.submit(marketBuy("alice", "c" + i, "1"));
            }
          });
      done.set(true);
      reader.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      other.shutdownNow();
    }
    assertThat(orders.orders("alice"))
        .hasSize(300)
        .allSatisfy(o -> assertThat(o.status()).isEqualTo(ClientOrderStatus.FILLED));
  }

  @Test
  void twoClientsUseTheSameClientOrderIdWithoutMeetingAtTheVenue() {
    OrderService orders = service(venue, Runnable::run);
    open(orders, "alice", "10000.00");
    open(orders, "bob", "10000.00");

    orders.submit(marketBuy("alice", "c1", "1"));
    orders.submit(marketBuy("bob", "c1", "2"));

    ClientOrder alice = orders.order("alice", "c1").orElseThrow();
    ClientOrder bob = orders.order("bob", "c1").orElseThrow();
    assertThat(alice.orderId()).isNotEqualTo(bob.orderId());
    assertThat(alice.status()).isEqualTo(ClientOrderStatus.FILLED);
    assertThat(bob.status()).isEqualTo(ClientOrderStatus.FILLED);
    assertThat(orders.positions("alice").get(0).qty()).isEqualByComparingTo("1");
    assertThat(orders.positions("bob").get(0).qty()).isEqualByComparingTo("2");
    assertThat(venue.positions())
        .singleElement()
        .satisfies(p -> assertThat(p.qty().value()).isEqualByComparingTo("3"));
  }

  @Test
  void aRestingLimitBuyIsCanceledAtTheVenueAndItsHoldReleased() {
    OrderService orders = service(venue, Runnable::run);
    open(orders, "alice", "10000.00");

    orders.submit(limitBuy("alice", "c1", "10", "180.00"));
    assertThat(orders.order("alice", "c1").orElseThrow().status())
        .isEqualTo(ClientOrderStatus.ACCEPTED);
    assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("8200.00");

    OrderResult cancel = orders.cancel("alice", "c1");

    assertThat(cancel.code()).isEqualTo("OK");
    ClientOrder order = orders.order("alice", "c1").orElseThrow();
    assertThat(order.status()).isEqualTo(ClientOrderStatus.CANCELED);
    assertThat(venue.order(order.venueOrderId()).orElseThrow().status())
        .isEqualTo(OrderStatus.CANCELED);
    assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("10000.00");
  }

  @Test
  void aReplaceCreatesTheNewOrderAtTheVenueAndItsFillsReachTheNewOrder() {
    OrderService orders = service(venue, Runnable::run);
    open(orders, "alice", "10000.00");
    orders.submit(limitBuy("alice", "c1", "10", "180.00"));

    OrderResult replace =
        orders.replace(
            ReplaceOrder.builder("alice", "c1", "c1-r")
                .limitPrice(new BigDecimal("185.00"))
                .build());

    assertThat(replace.code()).isEqualTo("OK");
    ClientOrder old = orders.order("alice", "c1").orElseThrow();
    ClientOrder replacement = orders.order("alice", "c1-r").orElseThrow();
    assertThat(old.status()).isEqualTo(ClientOrderStatus.REPLACED);
    assertThat(old.replacedBy()).isEqualTo("c1-r");
    assertThat(replacement.status()).isEqualTo(ClientOrderStatus.ACCEPTED);
    assertThat(replacement.limitPrice()).isEqualByComparingTo("185.00");
    assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("8150.00");

    venue.fill(
        orders.order("alice", "c1-r").orElseThrow().venueOrderId(),
        Quantity.of("10"),
        Price.of("184.00"));

    assertThat(orders.order("alice", "c1-r").orElseThrow().status())
        .isEqualTo(ClientOrderStatus.FILLED);
    assertThat(orders.portfolio("alice").cash()).isEqualByComparingTo("8160.00");
    assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("8160.00");
  }

  @Test
  void aVenueRefusalRejectsTheOrderWithTheVenuesCodeAndReleasesItsHold() {
    OrderService orders = service(venue, Runnable::run);
    open(orders, "alice", "10000.00");

    orders.submit(
        SubmitOrder.builder()
            .account("alice")
            .clientOrderId("c1")
            .symbol("NOPE")
            .side(OrderSide.BUY)
            .type(OrderType.LIMIT)
            .timeInForce(TimeInForce.DAY)
            .qty(BigDecimal.TEN)
            .limitPrice(BigDecimal.TEN)
            .build());

    ClientOrder order = orders.order("alice", "c1").orElseThrow();
    assertThat(order.status()).isEqualTo(ClientOrderStatus.REJECTED);
    assertThat(order.reason()).isEqualTo(ErrorCode.UNKNOWN_SYMBOL.name());
    assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("10000.00");
  }

  @Test
  void aSendWhoseAnswerIsLostIsFoundByItsClientOrderIdAndNotSentAgain() {
    AtomicInteger sends = new AtomicInteger();
    Broker losesAnswers =
        intercept(
            venue,
            "submitOrder",
            args -> {
              sends.incrementAndGet();
              venue.submitOrder((dev.speedtrade.broker.OrderRequest) args[0]);
              throw new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE, "read timed out");
            });
    OrderService orders = service(losesAnswers, Runnable::run);
    open(orders, "alice", "10000.00");

    orders.submit(limitBuy("alice", "c1", "10", "180.00"));
    orders.recover();

    ClientOrder order = orders.order("alice", "c1").orElseThrow();
    assertThat(sends).hasValue(1);
    assertThat(order.venueOrderId()).isNotNull();
    assertThat(order.status()).isEqualTo(ClientOrderStatus.ACCEPTED);
    assertThat(venue.openOrders()).hasSize(1);
  }

  @Test
  void anOrderRecordedButNeverSentBeforeACrashIsSentOnceAfterTheRestart() {
    List<Runnable> neverRun = new ArrayList<>();
    OrderService crashed = service(venue, neverRun::add);
    open(crashed, "alice", "10000.00");
    crashed.submit(limitBuy("alice", "c1", "10", "180.00"));
    assertThat(crashed.order("alice", "c1").orElseThrow().status())
        .isEqualTo(ClientOrderStatus.PENDING_NEW);
    assertThat(venue.openOrders()).isEmpty();
    crashed.close();

    OrderService restarted = service(venue, Runnable::run);
    restarted.recover();
    restarted.recover();

    assertThat(restarted.order("alice", "c1").orElseThrow().status())
        .isEqualTo(ClientOrderStatus.ACCEPTED);
    assertThat(venue.openOrders()).hasSize(1);
    assertThat(restarted.portfolio("alice").buyingPower()).isEqualByComparingTo("8200.00");
  }

  @Test
  void aSendThatReachedTheVenueBeforeACrashIsNotSentAgainAfterTheRestart() {
    AtomicInteger attempts = new AtomicInteger();
    Broker dropsConnection =
        intercept(
            venue,
            "submitOrder",
            args -> {
              attempts.incrementAndGet();
              venue.submitOrder((dev.speedtrade.broker.OrderRequest) args[0]);
              throw new IllegalStateException("connection reset");
            });
    Broker lookupsFail =
        intercept(
            dropsConnection,
            "orderByClientOrderId",
            args -> {
              throw new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE, "venue unreachable");
            });
    OrderService crashed = service(lookupsFail, Runnable::run);
    open(crashed, "alice", "10000.00");
    crashed.submit(limitBuy("alice", "c1", "10", "180.00"));
    crashed.close();

    OrderService restarted = service(venue, Runnable::run);
    restarted.recover();

    assertThat(attempts).hasValue(1);
    assertThat(venue.openOrders()).hasSize(1);
    assertThat(restarted.order("alice", "c1").orElseThrow().venueOrderId())
        .isEqualTo(venue.openOrders().get(0).id());
  }

  @Test
  void venueWorkRunsOnTheHostsExecutorOffTheCallersThread() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      OrderService orders = service(venue, pool);
      open(orders, "alice", "10000.00");

      orders.submit(marketBuy("alice", "c1", "1"));

      long deadline = System.nanoTime() + 5_000_000_000L;
      while (orders.order("alice", "c1").orElseThrow().status() != ClientOrderStatus.FILLED
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(orders.order("alice", "c1").orElseThrow().status())
          .isEqualTo(ClientOrderStatus.FILLED);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPolledFillWithoutAnExecutionIdCountsOnlyWhatTheBooksDoNotHaveYet() {
    AtomicReference<TradeUpdateListener> heard = new AtomicReference<>();
    Broker deaf =
        intercept(
            venue,
            "subscribe",
            args -> {
              heard.set((TradeUpdateListener) args[0]);
              return (Subscription) () -> {};
            });
    OrderService orders = service(deaf, Runnable::run);
    open(orders, "alice", "10000.00");
    orders.submit(limitBuy("alice", "c1", "10", "180.00"));
    String venueId = orders.order("alice", "c1").orElseThrow().venueOrderId();
    BrokerOrder afterFour = venue.fill(venueId, Quantity.of("4"), Price.of("180.00"));
    TradeUpdateListener link = heard.get();

    // The stream's fill, with Alpaca's execution id; then the same fill again as a poll infers it
    // (no execution id, the venue's cumulative filled qty), as after a restart of the adapter.
    link.onEvent(fill(TradeUpdateEvent.PARTIAL_FILL, afterFour, "4", "exec-1"));
    link.onEvent(fill(TradeUpdateEvent.PARTIAL_FILL, afterFour, "4", null));

    ClientOrder order = orders.order("alice", "c1").orElseThrow();
    assertThat(order.filledQty()).isEqualByComparingTo("4");
    assertThat(orders.fills("alice")).hasSize(1);
    assertThat(orders.portfolio("alice").cash()).isEqualByComparingTo("9280.00");

    // A later fill only a poll saw: the part the books lack is applied, once.
    BrokerOrder afterTen = venue.fill(venueId, Quantity.of("6"), Price.of("180.00"));
    link.onEvent(fill(TradeUpdateEvent.FILL, afterTen, "6", null));
    link.onEvent(fill(TradeUpdateEvent.FILL, afterTen, "6", null));

    order = orders.order("alice", "c1").orElseThrow();
    assertThat(order.status()).isEqualTo(ClientOrderStatus.FILLED);
    assertThat(order.filledQty()).isEqualByComparingTo("10");
    assertThat(orders.fills("alice")).hasSize(2);
    assertThat(orders.portfolio("alice").cash()).isEqualByComparingTo("8200.00");
  }

  private TradeUpdate fill(
      TradeUpdateEvent event, BrokerOrder order, String qty, @Nullable String executionId) {
    return new TradeUpdate(
        event, order, clock.instant(), Price.of("180.00"), Quantity.of(qty), null, executionId);
  }

  @Test
  void venueWorkThatStoppedOnAnUnsureAnswerIsTriedAgainByTheServicesTimer() {
    AtomicInteger failures = new AtomicInteger(1);
    Broker flaky =
        intercept(
            venue,
            "submitOrder",
            args -> {
              if (failures.getAndDecrement() > 0) {
                throw new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE, "503");
              }
              return venue.submitOrder((dev.speedtrade.broker.OrderRequest) args[0]);
            });
    OrderService orders =
        OrderService.builder()
            .store(store)
            .ledger(ledger)
            .market(market)
            .riskControls(controls)
            .clock(clock)
            .venue(flaky)
            .executor(Runnable::run)
            .venueRetry(java.time.Duration.ofMillis(20))
            .build();
    try {
      open(orders, "alice", "10000.00");
      orders.submit(limitBuy("alice", "c1", "10", "180.00"));
      assertThat(venue.openOrders()).isEmpty();

      long deadline = System.nanoTime() + 5_000_000_000L;
      while (venue.openOrders().isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }

      assertThat(venue.openOrders()).hasSize(1);
      long until = System.nanoTime() + 2_000_000_000L;
      while (orders.order("alice", "c1").orElseThrow().venueOrderId() == null
          && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      assertThat(orders.order("alice", "c1").orElseThrow().venueOrderId()).isNotNull();
    } finally {
      orders.close();
    }
  }

  @Test
  void aClosedServiceTakesNoNewSubscription() {
    OrderService orders = service(venue, Runnable::run);
    orders.close();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> orders.subscribe(event -> {}))
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CLOSED));
  }

  // ---------------------------------------------------------------- fixture

  private OrderService service(Broker broker, Executor executor) {
    return OrderService.builder()
        .store(store)
        .ledger(ledger)
        .market(market)
        .riskControls(controls)
        .clock(clock)
        .venue(broker)
        .executor(executor)
        .build();
  }

  private void open(OrderService orders, String account, String cash) {
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

  /** What an intercepted call does instead. */
  private interface Call {
    Object invoke(Object[] args);
  }

  private static Broker intercept(Broker delegate, String method, Call call) {
    return (Broker)
        Proxy.newProxyInstance(
            Broker.class.getClassLoader(),
            new Class<?>[] {Broker.class},
            (proxy, m, args) -> {
              if (m.getName().equals(method)) {
                return call.invoke(args);
              }
              try {
                return m.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
