package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.AssetStatus;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.oms.spi.InMemoryOrderStore;
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
import org.junit.jupiter.api.Test;

/**
 * {@link OrderService#reconcileWithVenue()} on a simulated venue: each test does one thing at the
 * venue behind the books' back (with the venue's trade updates not delivered where the books would
 * otherwise follow) and checks the report names exactly it, with its remedy.
 */
class ReconciliationWithVenueTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T15:00:00Z"));
  private final InMemoryLedger ledger = new InMemoryLedger(clock);
  private final InMemoryMarket market = new InMemoryMarket(true);
  private final RiskControls controls = RiskControls.inMemory(clock);
  private final InMemoryOrderStore store = new InMemoryOrderStore();
  private final SimulatedBroker venue =
      SimulatedBroker.builder()
          .clock(clock)
          .cash(Money.of("1000000.00", "USD"))
          .listing(asset("AAPL"), Price.of("190.00"))
          .listing(asset("MSFT"), Price.of("400.00"))
          .build();
  private final AtomicInteger deposits = new AtomicInteger();

  ReconciliationWithVenueTest() {
    market.put(Instrument.of("AAPL", AssetClass.US_EQUITY, new BigDecimal("190.00")));
    market.put(Instrument.of("MSFT", AssetClass.US_EQUITY, new BigDecimal("400.00")));
  }

  @Test
  void booksThatFollowedTheVenueReconcileClean() {
    OrderService orders = service(venue, Runnable::run);
    open(orders, "alice", "100000.00");
    open(orders, "bob", "100000.00");
    orders.submit(market("alice", "c1", OrderSide.BUY, "10"));
    orders.submit(limit("alice", "c2", OrderSide.BUY, "5", "180.00"));
    orders.submit(limit("bob", "c1", OrderSide.BUY, "20", "185.00"));
    orders.submit(limit("bob", "c2", OrderSide.BUY, "3", "170.00"));
    orders.cancel("bob", "c2");
    orders.replace(
        ReplaceOrder.builder("bob", "c1", "c1-r").limitPrice(new BigDecimal("186.00")).build());
    venue.fill(venueId(orders, "bob", "c1-r"), Quantity.of("8"), Price.of("186.00"));
    orders.submit(market("alice", "s1", OrderSide.SELL, "4"));

    Reconciliation report = orders.reconcileWithVenue();

    assertThat(report.discrepancies()).isEmpty();
    assertThat(report.accounts()).isEqualTo(2);
    assertThat(orders.reconcileInternal().discrepancies()).isEmpty();
    assertThat(venue.openOrders()).hasSize(2);
  }

  @Test
  void anOrderCanceledAtTheVenueBehindTheBooksBackIsClosedAtTheVenueWithCancelAckSuggested() {
    OrderService orders = service(deaf(venue), Runnable::run);
    open(orders, "alice", "10000.00");
    orders.submit(limit("alice", "c1", OrderSide.BUY, "10", "180.00"));
    String venueId = venueId(orders, "alice", "c1");
    venue.cancelOrder(venueId);

    Discrepancy d = single(orders.reconcileWithVenue());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.VENUE_ORDER_CLOSED);
    assertThat(d.account()).isEqualTo("alice");
    assertThat(d.clientOrderId()).isEqualTo("c1");
    assertThat(d.reference()).isEqualTo(venueId);
    assertThat(d.remedy()).isEqualTo(Remedy.APPLY_VENUE_EVENT);
    assertThat(d.suggestion()).contains("cancelAck");
    assertThat(d.message()).contains("PENDING_NEW", "CANCELED");

    orders.venue().cancelAck("alice", "c1");
    assertThat(orders.reconcileWithVenue().discrepancies()).isEmpty();
    assertThat(orders.reconcileInternal().discrepancies()).isEmpty();
  }

  @Test
  void aFillAtTheVenueTheBooksMissedIsReportedOnTheOrderAndTheOmnibusPosition() {
    OrderService orders = service(deaf(venue), Runnable::run);
    open(orders, "alice", "10000.00");
    orders.submit(limit("alice", "c1", OrderSide.BUY, "10", "180.00"));
    venue.fill(venueId(orders, "alice", "c1"), Quantity.of("4"), Price.of("180.00"));

    Reconciliation report = orders.reconcileWithVenue();

    assertThat(report.discrepancies())
        .extracting(Discrepancy::kind)
        .containsExactly(
            DiscrepancyKind.VENUE_FILLED_QTY_MISMATCH, DiscrepancyKind.OMNIBUS_POSITION_MISMATCH);
    Discrepancy fills = report.discrepancies().get(0);
    assertThat(fills.clientOrderId()).isEqualTo("c1");
    assertThat(fills.expected()).isEqualByComparingTo("0");
    assertThat(fills.actual()).isEqualByComparingTo("4");
    assertThat(fills.remedy()).isEqualTo(Remedy.APPLY_FILLS);
    Discrepancy position = report.discrepancies().get(1);
    assertThat(position.symbol()).isEqualTo("AAPL");
    assertThat(position.account()).isNull();
    assertThat(position.expected()).isEqualByComparingTo("0");
    assertThat(position.actual()).isEqualByComparingTo("4");
  }

  @Test
  void anOrderPlacedDirectlyAtTheVenueIsNotOursAndCancelOrAdoptIsSuggested() {
    OrderService orders = service(venue, Runnable::run);
    open(orders, "alice", "10000.00");
    orders.submit(limit("alice", "c1", OrderSide.BUY, "10", "180.00"));
    BrokerOrder outside =
        venue.submitOrder(
            OrderRequest.builder()
                .symbol("MSFT")
                .side(OrderSide.BUY)
                .type(OrderType.LIMIT)
                .timeInForce(TimeInForce.DAY)
                .qty(Quantity.of("2"))
                .limitPrice(Price.of("350.00"))
                .clientOrderId("placed-by-hand")
                .build());

    Discrepancy d = single(orders.reconcileWithVenue());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.UNKNOWN_VENUE_ORDER);
    assertThat(d.account()).isNull();
    assertThat(d.symbol()).isEqualTo("MSFT");
    assertThat(d.reference()).isEqualTo(outside.id());
    assertThat(d.actual()).isEqualByComparingTo("2");
    assertThat(d.remedy()).isEqualTo(Remedy.CANCEL_OR_ADOPT);
    assertThat(d.message()).contains("placed-by-hand");
  }

  @Test
  void aPositionChangedAtTheVenueIsAnOmnibusMismatch() {
    OrderService orders = service(venue, Runnable::run);
    open(orders, "alice", "10000.00");
    open(orders, "bob", "10000.00");
    orders.submit(market("alice", "c1", OrderSide.BUY, "10"));
    orders.submit(market("bob", "c1", OrderSide.BUY, "5"));
    venue.submitOrder(
        OrderRequest.builder()
            .symbol("AAPL")
            .side(OrderSide.SELL)
            .type(OrderType.MARKET)
            .timeInForce(TimeInForce.DAY)
            .qty(Quantity.of("3"))
            .build());

    Discrepancy d = single(orders.reconcileWithVenue());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.OMNIBUS_POSITION_MISMATCH);
    assertThat(d.symbol()).isEqualTo("AAPL");
    assertThat(d.expected()).isEqualByComparingTo("15");
    assertThat(d.actual()).isEqualByComparingTo("12");
    assertThat(d.remedy()).isEqualTo(Remedy.RECONCILE_POSITION);
  }

  @Test
  void anOpenOrderTheVenueDoesNotKnowIsMissingWithCloseInBooksSuggested() {
    OrderService orders = service(venue, Runnable::run);
    open(orders, "alice", "10000.00");
    orders.submit(limit("alice", "c1", OrderSide.BUY, "10", "180.00"));
    // The venue lost the order: the books hold one under an id the venue never saw.
    store.inAccount(
        "alice",
        book -> {
          ClientOrder.Draft d = book.order("c1").orElseThrow().draft();
          d.clientOrderId = "lost";
          d.orderId = OrderEngine.orderId("alice", "lost");
          d.venueOrderId = null;
          book.putOrder(d.build());
          return Boolean.TRUE;
        });

    Discrepancy d = single(orders.reconcileWithVenue());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.VENUE_ORDER_MISSING);
    assertThat(d.clientOrderId()).isEqualTo("lost");
    assertThat(d.remedy()).isEqualTo(Remedy.CLOSE_IN_BOOKS);
    assertThat(d.suggestion()).contains("cancelAck");
  }

  @Test
  void anOrderWhoseSendIsStillQueuedIsPendingWorkNotMissing() {
    List<Runnable> neverRun = new ArrayList<>();
    OrderService orders = service(venue, neverRun::add);
    open(orders, "alice", "10000.00");
    orders.submit(limit("alice", "c1", OrderSide.BUY, "10", "180.00"));

    Reconciliation report = orders.reconcileWithVenue();

    Discrepancy d = single(report);
    assertThat(d.kind()).isEqualTo(DiscrepancyKind.OUTBOX_PENDING);
    assertThat(d.remedy()).isEqualTo(Remedy.AWAIT_OUTBOX);
    assertThat(report.isConsistent()).isTrue();
  }

  @Test
  void anOrderTheBooksCanceledThatStillWorksAtTheVenueIsReportedWithCancelAtVenue() {
    OrderService orders = service(venue, Runnable::run);
    open(orders, "alice", "10000.00");
    orders.submit(limit("alice", "c1", OrderSide.BUY, "10", "180.00"));
    String venueId = venueId(orders, "alice", "c1");
    // The books took a cancelAck the venue never sent.
    orders.venue().cancelAck("alice", "c1");

    Discrepancy d = single(orders.reconcileWithVenue());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.OPEN_ONLY_AT_VENUE);
    assertThat(d.account()).isEqualTo("alice");
    assertThat(d.clientOrderId()).isEqualTo("c1");
    assertThat(d.reference()).isEqualTo(venueId);
    assertThat(d.remedy()).isEqualTo(Remedy.CANCEL_AT_VENUE);
  }

  @Test
  void aServiceWithoutAVenueRefusesToReconcileWithOne() {
    OrderService orders =
        OrderService.builder()
            .store(store)
            .ledger(ledger)
            .market(market)
            .riskControls(controls)
            .clock(clock)
            .build();

    assertThatThrownBy(orders::reconcileWithVenue)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_ADAPTER));
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
            ClientCash.cents(new BigDecimal(cash)),
            "deposit"));
  }

  private static String venueId(OrderService orders, String account, String coid) {
    String id = orders.order(account, coid).orElseThrow().venueOrderId();
    assertThat(id).as("venue order id of " + coid).isNotNull();
    return id;
  }

  private static Discrepancy single(Reconciliation report) {
    assertThat(report.discrepancies()).hasSize(1);
    return report.discrepancies().get(0);
  }

  private static SubmitOrder market(String account, String coid, OrderSide side, String qty) {
    return SubmitOrder.builder()
        .account(account)
        .clientOrderId(coid)
        .symbol("AAPL")
        .side(side)
        .type(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY)
        .qty(new BigDecimal(qty))
        .build();
  }

  private static SubmitOrder limit(
      String account, String coid, OrderSide side, String qty, String limitPrice) {
    return SubmitOrder.builder()
        .account(account)
        .clientOrderId(coid)
        .symbol("AAPL")
        .side(side)
        .type(OrderType.LIMIT)
        .timeInForce(TimeInForce.DAY)
        .qty(new BigDecimal(qty))
        .limitPrice(new BigDecimal(limitPrice))
        .build();
  }

  private static Asset asset(String symbol) {
    return new Asset(symbol, symbol, AssetClass.US_EQUITY, AssetStatus.ACTIVE, true, true);
  }

  /** {@code delegate} with its trade updates never delivered: subscribe answers a no-op. */
  private static Broker deaf(Broker delegate) {
    return (Broker)
        Proxy.newProxyInstance(
            Broker.class.getClassLoader(),
            new Class<?>[] {Broker.class},
            (proxy, m, args) -> {
              if (m.getName().equals("subscribe")) {
                return (Subscription) () -> {};
              }
              try {
                return m.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
