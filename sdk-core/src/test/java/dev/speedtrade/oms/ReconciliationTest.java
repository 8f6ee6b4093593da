package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.oms.spi.AccountBook;
import dev.speedtrade.oms.spi.InMemoryOrderStore;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RiskControls;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link OrderService#reconcileInternal()}: each test plants one inconsistency behind the service's
 * back (in the store, or in the ledger) and checks the report names exactly it.
 */
class ReconciliationTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T15:00:00Z"));
  private final InMemoryLedger ledger = new InMemoryLedger(clock);
  private final InMemoryMarket market = new InMemoryMarket(true);
  private final InMemoryOrderStore store = new InMemoryOrderStore();
  private final AtomicBoolean ledgerDown = new AtomicBoolean();
  private final OrderService orders =
      OrderService.builder()
          .store(store)
          .ledger(failingWhenDown(ledger))
          .market(market)
          .riskControls(RiskControls.inMemory(clock))
          .clock(clock)
          .build();
  private final AtomicInteger deposits = new AtomicInteger();

  ReconciliationTest() {
    market.put(new Instrument("AAPL", AssetClass.US_EQUITY, true, true, true, money("100.00")));
    market.put(new Instrument("BTC/USD", AssetClass.CRYPTO, true, true, false, money("50.00")));
  }

  /**
   * alice: c1 bought 10 AAPL at 99 (FILLED), s1 sells 4 at 110 with 1 filled (PARTIALLY_FILLED), s2
   * sells 2 at 120 (ACCEPTED), c2 buys 5 at 100 (ACCEPTED, 500.00 held). Position: 9 AAPL, cost
   * basis 891.00, realized 11.00.
   */
  private void trade() {
    open("alice", "10000.00");
    ok(orders.submit(limit("alice", "c1", OrderSide.BUY, "10", "100")));
    ok(orders.venue().fill("alice", "c1", "x1", new BigDecimal("10"), money("99.00")));
    ok(orders.submit(limit("alice", "s1", OrderSide.SELL, "4", "110")));
    ok(orders.venue().venueAccept("alice", "s1"));
    ok(orders.venue().fill("alice", "s1", "x2", BigDecimal.ONE, money("110.00")));
    ok(orders.submit(limit("alice", "s2", OrderSide.SELL, "2", "120")));
    ok(orders.venue().venueAccept("alice", "s2"));
    ok(orders.submit(limit("alice", "c2", OrderSide.BUY, "5", "100")));
    ok(orders.venue().venueAccept("alice", "c2"));
  }

  @Test
  void booksKeptByTheServiceReportNothing() {
    trade();

    Reconciliation report = orders.reconcileInternal();

    assertThat(report.discrepancies()).isEmpty();
    assertThat(report.isClean()).isTrue();
    assertThat(report.accounts()).isEqualTo(1);
    assertThat(report.at()).isEqualTo(clock.instant());
  }

  // ---------------------------------------------------------------- orders and fills

  @Test
  void anOrdersFilledQtyThatIsNotTheSumOfItsFillsIsReported() {
    trade();
    plantOrder("alice", "s1", d -> d.filledQty = new BigDecimal("2"));

    Discrepancy d = single(orders.reconcileInternal());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.FILLED_QTY_MISMATCH);
    assertThat(d.account()).isEqualTo("alice");
    assertThat(d.clientOrderId()).isEqualTo("s1");
    assertThat(d.expected()).isEqualByComparingTo("1");
    assertThat(d.actual()).isEqualByComparingTo("2");
    assertThat(d.remedy()).isEqualTo(Remedy.INVESTIGATE);
    assertThat(d.message()).contains("s1", "filledQty", "2", "1");
  }

  @Test
  void anOrdersFilledAmountThatIsNotTheSumOfItsFillsAmountsIsReported() {
    trade();
    plantOrder("alice", "s1", d -> d.filledAmount = money("111.00"));

    Discrepancy d = single(orders.reconcileInternal());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.FILLED_AMOUNT_MISMATCH);
    assertThat(d.expected()).isEqualByComparingTo("110.00");
    assertThat(d.actual()).isEqualByComparingTo("111.00");
  }

  @Test
  void anOrdersFilledValueThatIsNotItsFillsQtyTimesPriceIsReported() {
    trade();
    plantOrder("alice", "c1", d -> d.filledValue = new BigDecimal("991"));

    Discrepancy d = single(orders.reconcileInternal());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.FILLED_VALUE_MISMATCH);
    assertThat(d.clientOrderId()).isEqualTo("c1");
    assertThat(d.expected()).isEqualByComparingTo("990");
    assertThat(d.actual()).isEqualByComparingTo("991");
  }

  @ParameterizedTest(name = "{0} planted {1} is reported")
  @CsvSource({
    "s1, FILLED", // 3 remaining
    "s1, ACCEPTED", // with a fill
    "s1, PENDING_NEW", // with a fill
    "s1, DENIED", // with a fill
    "s1, REJECTED", // with a fill
    "s2, PARTIALLY_FILLED", // without a fill
    "c1, CANCELED", // complete by its fills
    "c1, PARTIALLY_FILLED", // complete by its fills
  })
  void aStatusThatDisagreesWithTheOrdersFillsIsReported(String coid, ClientOrderStatus status) {
    trade();
    plantOrder("alice", coid, d -> d.status = status);

    Discrepancy d = single(orders.reconcileInternal());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.STATUS_MISMATCH);
    assertThat(d.clientOrderId()).isEqualTo(coid);
    assertThat(d.message()).contains(status.name());
  }

  @Test
  void fillsAddingUpToMoreThanTheOrdersQtyAreReportedAsAnOverfill() {
    trade();
    plantOrder("alice", "s1", d -> d.qty = new BigDecimal("0.5"));

    Discrepancy d = single(orders.reconcileInternal());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.OVERFILLED);
    assertThat(d.expected()).isEqualByComparingTo("0.5");
    assertThat(d.actual()).isEqualByComparingTo("1");
  }

  @Test
  void aFillOfAnOrderTheBookDoesNotHoldIsReportedWithWhatItThrowsOff() {
    trade();
    store.inAccount(
        "alice",
        book -> {
          book.addFill(
              new OrderFill(
                  "alice",
                  "ghost",
                  "x9",
                  "AAPL",
                  OrderSide.BUY,
                  BigDecimal.ONE,
                  money("100.00"),
                  money("100.00"),
                  clock.instant()));
          return Boolean.TRUE;
        });

    Reconciliation report = orders.reconcileInternal();

    assertThat(report.discrepancies())
        .extracting(Discrepancy::kind)
        .containsExactly(
            DiscrepancyKind.FILL_WITHOUT_ORDER,
            DiscrepancyKind.POSITION_QTY_MISMATCH,
            DiscrepancyKind.COST_BASIS_MISMATCH,
            DiscrepancyKind.LEDGER_BUYS_MISMATCH);
    assertThat(report.of(DiscrepancyKind.FILL_WITHOUT_ORDER).get(0).reference()).isEqualTo("x9");
    assertThat(report.of(DiscrepancyKind.POSITION_QTY_MISMATCH).get(0).expected())
        .isEqualByComparingTo("10");
  }

  // ---------------------------------------------------------------- positions

  @Test
  void eachFieldOfAPositionThatIsNotWhatItsFillsImplyIsReported() {
    trade();
    store.inAccount(
        "alice",
        book -> {
          book.putPosition(
              new ClientPosition(
                  "alice", "AAPL", new BigDecimal("8"), money("890.00"), money("12.00")));
          return Boolean.TRUE;
        });

    Reconciliation report = orders.reconcileInternal();

    assertThat(report.discrepancies())
        .extracting(Discrepancy::kind, Discrepancy::symbol)
        .containsExactly(
            tuple(DiscrepancyKind.POSITION_QTY_MISMATCH, "AAPL"),
            tuple(DiscrepancyKind.COST_BASIS_MISMATCH, "AAPL"),
            tuple(DiscrepancyKind.REALIZED_PNL_MISMATCH, "AAPL"));
    assertThat(report.discrepancies())
        .extracting(Discrepancy::expected)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("9"), money("891.00"), money("11.00"));
    assertThat(report.discrepancies())
        .extracting(Discrepancy::actual)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("8"), money("890.00"), money("12.00"));
  }

  @Test
  void aPositionWithoutFillsAndAMissingPositionAreReported() {
    trade();
    store.inAccount(
        "alice",
        book -> {
          book.putPosition(
              new ClientPosition("alice", "MSFT", BigDecimal.ONE, money("400.00"), money("0")));
          return Boolean.TRUE;
        });
    open("bob", "1000.00");
    ok(orders.submit(limit("bob", "b1", OrderSide.BUY, "1", "100")));
    ok(orders.venue().fill("bob", "b1", "x1", BigDecimal.ONE, money("100.00")));
    // A store that lost bob's position: a book with the same orders and fills and no position.
    InMemoryOrderStore lost = new InMemoryOrderStore();
    lost.createAccount("bob");
    store.inAccount(
        "bob",
        book ->
            lost.inAccount(
                "bob",
                copy -> {
                  book.orders().forEach(copy::putOrder);
                  book.fills().forEach(copy::addFill);
                  return Boolean.TRUE;
                }));
    OrderService onLost =
        OrderService.builder()
            .store(lost)
            .ledger(ledger)
            .market(market)
            .riskControls(RiskControls.inMemory(clock))
            .clock(clock)
            .build();

    Discrepancy withoutFills = single(orders.reconcileInternal());
    Discrepancy missing = single(onLost.reconcileInternal());

    assertThat(withoutFills.kind()).isEqualTo(DiscrepancyKind.POSITION_WITHOUT_FILLS);
    assertThat(withoutFills.symbol()).isEqualTo("MSFT");
    assertThat(withoutFills.actual()).isEqualByComparingTo("1");
    assertThat(missing.kind()).isEqualTo(DiscrepancyKind.POSITION_MISSING);
    assertThat(missing.account()).isEqualTo("bob");
    assertThat(missing.expected()).isEqualByComparingTo("1");
  }

  // ---------------------------------------------------------------- ledger

  @Test
  void aStrayTransferWithTheBuyCodeIsReportedAgainstTheBuyFills() {
    trade();
    ledgerOk(
        Transfer.single(
            "stray-buy",
            ClientLedgerAccounts.cash("alice"),
            ClientLedgerAccounts.BROKER,
            2500,
            "buy"));

    Discrepancy d = single(orders.reconcileInternal());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.LEDGER_BUYS_MISMATCH);
    assertThat(d.account()).isEqualTo("alice");
    assertThat(d.expected()).isEqualByComparingTo("990.00");
    assertThat(d.actual()).isEqualByComparingTo("1015.00");
  }

  @Test
  void aStrayTransferWithTheSellCodeIsReportedAgainstTheSellFills() {
    trade();
    ledgerOk(
        Transfer.single(
            "stray-sell",
            ClientLedgerAccounts.BROKER,
            ClientLedgerAccounts.unsettled("alice"),
            100,
            "sell"));

    Discrepancy d = single(orders.reconcileInternal());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.LEDGER_SELLS_MISMATCH);
    assertThat(d.expected()).isEqualByComparingTo("110.00");
    assertThat(d.actual()).isEqualByComparingTo("111.00");
  }

  @Test
  void depositsAndOtherCodesOfOtherServicesAreNotTheOrderServicesAndAreIgnored() {
    trade();
    ledgerOk(
        Transfer.pending(
            "withdrawal-hold",
            ClientLedgerAccounts.cash("alice"),
            ClientLedgerAccounts.PAYOUTS,
            1000,
            "withdrawal"));
    deposit("alice", "5.00");

    assertThat(orders.reconcileInternal().discrepancies()).isEmpty();
  }

  @Test
  void aHoldVoidedBehindTheServicesBackIsReportedAgainstTheOrdersReserve() {
    trade();
    ledgerOk(
        Transfer.voidPending("sneaky-void", ClientCash.holdId("alice", "c2", 1, ClientCash.CASH)));

    Discrepancy d = single(orders.reconcileInternal());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.HOLD_MISMATCH);
    assertThat(d.clientOrderId()).isEqualTo("c2");
    assertThat(d.expected()).isEqualByComparingTo("500.00");
    assertThat(d.actual()).isEqualByComparingTo("0.00");
  }

  @Test
  void theHoldOfAnOrderTheBooksHoldClosedIsAnOrphan() {
    trade();
    plantOrder("alice", "c2", d -> d.status = ClientOrderStatus.CANCELED);

    Discrepancy d = single(orders.reconcileInternal());

    assertThat(d.kind()).isEqualTo(DiscrepancyKind.ORPHAN_HOLD);
    assertThat(d.clientOrderId()).isEqualTo("c2");
    assertThat(d.symbol()).isEqualTo("AAPL");
    assertThat(d.reference()).isEqualTo(ClientCash.holdId("alice", "c2", 1, ClientCash.CASH));
    assertThat(d.actual()).isEqualByComparingTo("500.00");
    assertThat(d.message()).contains("CANCELED");
  }

  @Test
  void aPendingTransferWithTheHoldCodeOfNoOpenOrderIsAnOrphan() {
    trade();
    ledgerOk(
        Transfer.pending(
            "oms:alice:ghost:hold:1:cash",
            ClientLedgerAccounts.cash("alice"),
            ClientLedgerAccounts.BROKER,
            700,
            "buy_reserve"));
    ledgerOk(
        Transfer.pending(
            "not-the-services",
            ClientLedgerAccounts.cash("alice"),
            ClientLedgerAccounts.BROKER,
            300,
            "buy_reserve"));

    Reconciliation report = orders.reconcileInternal();

    assertThat(report.discrepancies())
        .extracting(Discrepancy::kind, Discrepancy::clientOrderId, Discrepancy::reference)
        .containsExactly(
            tuple(DiscrepancyKind.ORPHAN_HOLD, "ghost", "oms:alice:ghost:hold:1:cash"),
            tuple(DiscrepancyKind.ORPHAN_HOLD, null, "not-the-services"));
  }

  // ---------------------------------------------------------------- outbox

  @Test
  void ledgerWorkLeftInTheOutboxIsPendingWorkNotAnErrorAndDoneByRecover() {
    trade();
    ledgerDown.set(true);
    assertThatThrownBy(
            () -> orders.venue().fill("alice", "c2", "x3", new BigDecimal("2"), money("98.00")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));

    Reconciliation pending = orders.reconcileInternal();
    ledgerDown.set(false);
    orders.recover();
    Reconciliation after = orders.reconcileInternal();

    Discrepancy d = single(pending);
    assertThat(d.kind()).isEqualTo(DiscrepancyKind.OUTBOX_PENDING);
    assertThat(d.kind().isPendingWork()).isTrue();
    assertThat(d.remedy()).isEqualTo(Remedy.AWAIT_OUTBOX);
    assertThat(d.clientOrderId()).isEqualTo("c2");
    assertThat(pending.isClean()).isFalse();
    assertThat(pending.isConsistent()).isTrue();
    assertThat(pending.pendingWork()).containsExactly(d);
    assertThat(after.discrepancies()).isEmpty();
  }

  // ---------------------------------------------------------------- under load

  @Test
  void booksTradedByManyThreadsWhileFillsArriveReconcileClean() throws Exception {
    List<String> accounts = List.of("alice", "bob");
    open("alice", "200000.00");
    open("bob", "150000.00");
    List<List<String>> known = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                Random random = new Random(500L + thread);
                for (int i = 0; i < 200; i++) {
                  int a = random.nextInt(accounts.size());
                  step(random, accounts.get(a), known.get(a), thread + "-" + i);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    Reconciliation traded = orders.reconcileInternal();
    orders.venue().endOfDay();
    Reconciliation expired = orders.reconcileInternal();

    assertThat(orders.fills("alice").size() + orders.fills("bob").size()).isGreaterThan(50);
    assertThat(traded.discrepancies()).isEmpty();
    assertThat(expired.discrepancies()).isEmpty();
  }

  private void step(Random random, String account, List<String> known, String name) {
    VenueEvents venue = orders.venue();
    String existing = known.isEmpty() ? "none" : known.get(random.nextInt(known.size()));
    int choice = random.nextInt(100);
    if (choice < 25 || known.isEmpty()) {
      boolean crypto = random.nextInt(4) == 0;
      String coid = "c" + name;
      orders.submit(
          SubmitOrder.builder()
              .account(account)
              .clientOrderId(coid)
              .symbol(crypto ? "BTC/USD" : "AAPL")
              .side(random.nextBoolean() ? OrderSide.BUY : OrderSide.SELL)
              .type(dev.speedtrade.broker.OrderType.LIMIT)
              .timeInForce(crypto ? TimeInForce.GTC : TimeInForce.DAY)
              .qty(new BigDecimal(1 + random.nextInt(5)))
              .limitPrice(new BigDecimal(90 + random.nextInt(20)))
              .build());
      known.add(coid);
    } else if (choice < 35) {
      venue.venueAccept(account, existing);
    } else if (choice < 65) {
      venue.fill(
          account,
          existing,
          "x" + name,
          new BigDecimal(1 + random.nextInt(3)),
          new BigDecimal(85 + random.nextInt(30) + ".25"));
    } else if (choice < 73) {
      orders.cancel(account, existing);
    } else if (choice < 79) {
      venue.cancelAck(account, existing);
    } else if (choice < 85) {
      String coid = "r" + name;
      OrderResult result =
          orders.replace(
              ReplaceOrder.builder(account, existing, coid)
                  .limitPrice(new BigDecimal(90 + random.nextInt(20)))
                  .build());
      if (result.isOk()) {
        known.add(coid);
      }
    } else if (choice < 92) {
      venue.replaceAck(account, existing);
    } else if (choice < 96) {
      venue.replaceReject(account, existing);
    } else if (choice < 99) {
      venue.cancelReject(account, existing);
    } else {
      venue.expire(account, existing);
    }
  }

  // ---------------------------------------------------------------- fixture

  private void open(String account, String cash) {
    orders.openAccount(account);
    deposit(account, cash);
  }

  private void deposit(String account, String cash) {
    ledgerOk(
        Transfer.single(
            "deposit-" + deposits.incrementAndGet(),
            ClientLedgerAccounts.PSP,
            ClientLedgerAccounts.cash(account),
            ClientCash.cents(new BigDecimal(cash)),
            "deposit"));
  }

  private void ledgerOk(Transfer transfer) {
    assertThat(ledger.createTransfers(List.of(transfer))).containsExactly(TransferResult.OK);
  }

  /** Rewrites order {@code coid} in the store, as a write behind the service would. */
  private void plantOrder(String account, String coid, Consumer<ClientOrder.Draft> change) {
    store.inAccount(
        account,
        (AccountBook book) -> {
          ClientOrder.Draft d = book.order(coid).orElseThrow().draft();
          change.accept(d);
          book.putOrder(d.build());
          return Boolean.TRUE;
        });
  }

  private static Discrepancy single(Reconciliation report) {
    return single(report.discrepancies());
  }

  private static Discrepancy single(List<Discrepancy> found) {
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static void ok(OrderResult result) {
    assertThat(result.code()).isEqualTo("OK");
  }

  private static BigDecimal money(String value) {
    return new BigDecimal(value);
  }

  private static SubmitOrder limit(
      String account, String coid, OrderSide side, String qty, String limitPrice) {
    return SubmitOrder.builder()
        .account(account)
        .clientOrderId(coid)
        .symbol("AAPL")
        .side(side)
        .type(dev.speedtrade.broker.OrderType.LIMIT)
        .timeInForce(TimeInForce.DAY)
        .qty(new BigDecimal(qty))
        .limitPrice(new BigDecimal(limitPrice))
        .build();
  }

  /** The ledger, refusing every linked chain while {@link #ledgerDown} is set. */
  private Ledger failingWhenDown(Ledger delegate) {
    return (Ledger)
        Proxy.newProxyInstance(
            Ledger.class.getClassLoader(),
            new Class<?>[] {Ledger.class},
            (proxy, m, args) -> {
              if (ledgerDown.get() && m.getName().equals("createLinkedTransfers")) {
                throw new SpeedTradeException(ErrorCode.STORE_UNAVAILABLE, "ledger down");
              }
              try {
                return m.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
