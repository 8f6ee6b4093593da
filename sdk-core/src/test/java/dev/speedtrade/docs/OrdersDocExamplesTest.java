package dev.speedtrade.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.Storage;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.money.Money;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientOrderStatus;
import dev.speedtrade.oms.Discrepancy;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.oms.MicrometerOrderMetrics;
import dev.speedtrade.oms.OrderCode;
import dev.speedtrade.oms.OrderEvent;
import dev.speedtrade.oms.OrderResult;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.Portfolio;
import dev.speedtrade.oms.Reconciliation;
import dev.speedtrade.oms.ReplaceOrder;
import dev.speedtrade.oms.SubmitOrder;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RateLimit;
import dev.speedtrade.risk.RiskCode;
import dev.speedtrade.risk.RiskControls;
import dev.speedtrade.risk.RiskLimits;
import dev.speedtrade.risk.TradingState;
import dev.speedtrade.risk.TradingWindow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The code samples of {@code docs/orders.md} and {@code docs/risk.md}, compiled and run: each test
 * is one sample as the page shows it, with the numbers the page states checked.
 */
class OrdersDocExamplesTest {
  /** 2026-01-05 10:00 in New York: a Monday, the market open. */
  private static final Clock MONDAY =
      Clock.fixed(Instant.parse("2026-01-05T15:00:00Z"), ZoneOffset.UTC);

  /** 2026-11-24 10:30 in New York: a Tuesday, the simulated NYSE open. */
  private static final Clock TUESDAY =
      Clock.fixed(Instant.parse("2026-11-24T15:30:00Z"), ZoneOffset.UTC);

  private static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }

  /** Polls {@code condition} for at most 5 seconds, then asserts it. */
  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  /** docs/orders.md, "Building an omnibus platform". */
  @Test
  void anOmnibusPlatformTakesAClientsOrderAndTheVenueFillsIt() throws Exception {
    ExecutorService orderThreads = Executors.newFixedThreadPool(4);
    MeterRegistry registry = new SimpleMeterRegistry();
    // --- sample
    SimulatedBroker venue =
        SimulatedBroker.builder()
            .clock(TUESDAY)
            .demoListings()
            .cash(Money.of("1000000.00", "USD"))
            .build();
    try (SpeedTrade platform =
        SpeedTrade.builder()
            .omnibus(
                new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
            .clock(TUESDAY) // the venue's clock
            .storage(Storage.inMemory()) // or JdbcStorage.on(pool)
            .orderExecutor(orderThreads) // optional: a pool of its own by default
            .orderMetrics(MicrometerOrderMetrics.of(registry)) // optional
            .build()) {
      OrderService orders = platform.orders();
      orders.openAccount("alice");
      platform
          .ledger()
          .submit(
              Transfer.single(
                  "deposit:alice:1",
                  ClientLedgerAccounts.PSP,
                  ClientLedgerAccounts.cash("alice"),
                  Money.of("10000.00", "USD"),
                  "deposit"));

      OrderResult result =
          orders.submit(
              SubmitOrder.builder()
                  .account("alice")
                  .clientOrderId("c1")
                  .symbol("SPY")
                  .side(OrderSide.BUY)
                  .type(OrderType.MARKET)
                  .timeInForce(TimeInForce.DAY)
                  .qty("2")
                  .build());
      // result.code() is "OK", result.status() PENDING_NEW: risk passed, the reserve is held,
      // and the order goes to the venue on the order executor.
      // --- end of sample
      assertThat(result.code()).isEqualTo("OK");
      assertThat(result.status()).isEqualTo(ClientOrderStatus.PENDING_NEW);
      await(
          "the venue's fill reaches the books",
          () -> orders.order("alice", "c1").orElseThrow().status() == ClientOrderStatus.FILLED);
      assertThat(orders.positions("alice")).singleElement().extracting(p -> p.qty()).isNotNull();
      assertThat(registry.find("speedtrade.orders.commands").timers()).isNotEmpty();

      // --- sample: the same books as a Broker
      Broker alice = platform.accounts().brokerage("alice", TradingMode.PAPER).broker();
      // alice.account().cash() equals orders.portfolio("alice").cash()
      // --- end of sample
      assertThat(alice.account().cash().amount())
          .isEqualByComparingTo(orders.portfolio("alice").cash());
    } finally {
      orderThreads.shutdown();
    }
  }

  /** docs/orders.md, "An order service of your own" and the worked example of "Cash". */
  @Test
  void theWorkedExampleOfCashHoldsFillsADebitBalanceAndItsRepayment() {
    // --- sample: an order service of your own
    InMemoryLedger ledger = new InMemoryLedger(MONDAY);
    InMemoryMarket market = new InMemoryMarket(true); // the us_equity market is open
    market.put(Instrument.of("AAPL", AssetClass.US_EQUITY, new BigDecimal("100.00")));
    OrderService orders =
        OrderService.builder()
            .ledger(ledger)
            .market(market)
            .riskControls(RiskControls.inMemory(MONDAY))
            .clock(MONDAY)
            .build(); // no venue: apply the venue's answers yourself, through orders.venue()
    // --- end of sample
    try {
      orders.openAccount("alice");
      ledger.submit(
          Transfer.single(
              "deposit:alice:1",
              ClientLedgerAccounts.PSP,
              ClientLedgerAccounts.cash("alice"),
              Money.of("1000.00", "USD"),
              "deposit"));

      // 1. A limit buy of 5 at 100.00 holds 500.00.
      OrderResult b1 =
          orders.submit(
              SubmitOrder.builder()
                  .account("alice")
                  .clientOrderId("b1")
                  .symbol("AAPL")
                  .side(OrderSide.BUY)
                  .type(OrderType.LIMIT)
                  .timeInForce(TimeInForce.DAY)
                  .qty("5")
                  .limitPrice("100.00")
                  .build());
      assertThat(b1.isOk()).isTrue();
      expect(orders, "1000.00", "500.00");
      assertThat(ledger.transfer("oms:alice:b1:hold:1:cash").orElseThrow().amount())
          .isEqualTo(500_00);

      // 2. Accepted, then 2 fill at 99.50: 199.00 posted, 300.00 held as generation 2.
      orders.venue().venueAccept("alice", "b1");
      orders.venue().fill("alice", "b1", "e1", new BigDecimal("2"), new BigDecimal("99.50"));
      expect(orders, "801.00", "501.00");
      assertThat(ledger.transfer("oms:alice:b1:hold:1:cash:post").orElseThrow().amount())
          .isEqualTo(199_00);
      assertThat(ledger.transfer("oms:alice:b1:hold:2:cash").orElseThrow().amount())
          .isEqualTo(300_00);

      // 3. Canceled: generation 2 is voided.
      assertThat(orders.cancel("alice", "b1").status()).isEqualTo(ClientOrderStatus.PENDING_CANCEL);
      expect(orders, "801.00", "501.00");
      orders.venue().cancelAck("alice", "b1");
      expect(orders, "801.00", "801.00");
      assertThat(ledger.transfer("oms:alice:b1:hold:2:cash:void")).isPresent();

      // 4. A market buy of 7 at a mark of 100.00 holds 7 x 105.00 = 735.00 ...
      OrderResult m1 =
          orders.submit(
              SubmitOrder.builder()
                  .account("alice")
                  .clientOrderId("m1")
                  .symbol("AAPL")
                  .side(OrderSide.BUY)
                  .type(OrderType.MARKET)
                  .timeInForce(TimeInForce.DAY)
                  .qty("7")
                  .build());
      assertThat(m1.isOk()).isTrue();
      expect(orders, "801.00", "66.00");
      // ... and fills at 120.00: 840.00, 105.00 above the hold.
      orders.venue().fill("alice", "m1", "e2", new BigDecimal("7"), new BigDecimal("120.00"));
      expect(orders, "-39.00", "-39.00");
      assertThat(ledger.transfer("oms:alice:m1:hold:1:cash:post").orElseThrow().amount())
          .isEqualTo(735_00);
      assertThat(ledger.transfer("oms:alice:m1:fill:e2:cash").orElseThrow().amount())
          .isEqualTo(66_00);
      assertThat(ledger.transfer("oms:alice:m1:fill:e2:debit").orElseThrow().amount())
          .isEqualTo(39_00);
      assertThat(ledger.balances(ClientLedgerAccounts.debit("alice")).orElseThrow().debitBalance())
          .isEqualTo(39_00);

      // 5. A new buy is denied while buying power is below zero.
      OrderResult denied =
          orders.submit(
              SubmitOrder.builder()
                  .account("alice")
                  .clientOrderId("b2")
                  .symbol("AAPL")
                  .side(OrderSide.BUY)
                  .type(OrderType.LIMIT)
                  .timeInForce(TimeInForce.DAY)
                  .qty("1")
                  .limitPrice("1.00")
                  .build());
      assertThat(denied.outcome()).isEqualTo(OrderCode.DENIED);
      assertThat(denied.denial()).isEqualTo(RiskCode.INSUFFICIENT_BUYING_POWER);
      assertThat(denied.code()).isEqualTo("INSUFFICIENT_BUYING_POWER");

      // 6. A deposit of 50.00, then a sale of 1 at 110.00: unsettled proceeds, the debit repaid.
      ledger.submit(
          Transfer.single(
              "deposit:alice:2",
              ClientLedgerAccounts.PSP,
              ClientLedgerAccounts.cash("alice"),
              Money.of("50.00", "USD"),
              "deposit"));
      expect(orders, "11.00", "11.00");
      orders.submit(
          SubmitOrder.builder()
              .account("alice")
              .clientOrderId("s1")
              .symbol("AAPL")
              .side(OrderSide.SELL)
              .type(OrderType.MARKET)
              .timeInForce(TimeInForce.DAY)
              .qty("1")
              .build());
      orders.venue().venueAccept("alice", "s1");
      orders.venue().fill("alice", "s1", "e3", new BigDecimal("1"), new BigDecimal("110.00"));
      expect(orders, "121.00", "121.00");
      assertThat(ledger.transfer("oms:alice:s1:fill:e3:sell").orElseThrow().amount())
          .isEqualTo(110_00);
      assertThat(ledger.transfer("oms:alice:s1:fill:e3:debit_repay").orElseThrow().amount())
          .isEqualTo(39_00);
      assertThat(ledger.balances(ClientLedgerAccounts.cash("alice")).orElseThrow().creditBalance())
          .isEqualTo(11_00);
      assertThat(
              ledger
                  .balances(ClientLedgerAccounts.unsettled("alice"))
                  .orElseThrow()
                  .creditBalance())
          .isEqualTo(110_00);
      assertThat(ledger.balances(ClientLedgerAccounts.debit("alice")).orElseThrow().debitBalance())
          .isZero();

      Portfolio p = orders.portfolio("alice");
      assertThat(p.positions())
          .singleElement()
          .satisfies(pos -> assertThat(pos.qty()).isEqualByComparingTo("8"));

      // --- sample: reconciliation
      Reconciliation report = orders.reconcileInternal();
      for (Discrepancy d : report.problems()) {
        System.out.println(d.kind() + ": " + d.message() + " (" + d.suggestion() + ")");
      }
      // --- end of sample
      assertThat(report.isClean()).as(report.toString()).isTrue();
    } finally {
      orders.close();
    }
  }

  private static void expect(OrderService orders, String cash, String buyingPower) {
    Portfolio p = orders.portfolio("alice");
    assertThat(p.cash()).isEqualByComparingTo(usd(cash));
    assertThat(p.buyingPower()).isEqualByComparingTo(usd(buyingPower));
  }

  /** docs/orders.md, "Submit, cancel, replace". */
  @Test
  void submitCancelAndReplaceAnswerWithCodes() {
    InMemoryLedger ledger = new InMemoryLedger(MONDAY);
    InMemoryMarket market = new InMemoryMarket(true);
    market.put(Instrument.of("AAPL", AssetClass.US_EQUITY, new BigDecimal("100.00")));
    OrderService orders =
        OrderService.builder()
            .ledger(ledger)
            .market(market)
            .riskControls(RiskControls.inMemory(MONDAY))
            .clock(MONDAY)
            .build();
    try {
      orders.openAccount("alice");
      ledger.submit(
          Transfer.single(
              "deposit:alice:1",
              ClientLedgerAccounts.PSP,
              ClientLedgerAccounts.cash("alice"),
              Money.of("1000.00", "USD"),
              "deposit"));
      // --- sample
      SubmitOrder buy =
          SubmitOrder.builder()
              .account("alice")
              .clientOrderId("b1")
              .symbol("AAPL")
              .side(OrderSide.BUY)
              .type(OrderType.LIMIT)
              .timeInForce(TimeInForce.DAY)
              .qty("5")
              .limitPrice("100.00")
              .build();
      OrderResult submitted = orders.submit(buy);
      switch (submitted.outcome()) {
        case OK, EXISTS -> System.out.println("working: " + submitted.status());
        case DENIED -> System.out.println("refused by risk: " + submitted.denial());
        default -> System.out.println("refused: " + submitted.code());
      }
      OrderResult again = orders.submit(buy); // EXISTS: the same order, nothing changed

      orders.venue().venueAccept("alice", "b1"); // a venue would do this
      OrderResult replaced =
          orders.replace(
              ReplaceOrder.builder("alice", "b1", "b1-v2")
                  .qty(new BigDecimal("4"))
                  .limitPrice(new BigDecimal("101.00"))
                  .build());
      // replaced.status() is PENDING_REPLACE; "b1-v2" exists once the venue acknowledges it.
      OrderResult canceled = orders.cancel("alice", "b1"); // INVALID_TRANSITION while replacing
      // --- end of sample
      assertThat(submitted.code()).isEqualTo("OK");
      assertThat(again.outcome()).isEqualTo(OrderCode.EXISTS);
      assertThat(replaced.status()).isEqualTo(ClientOrderStatus.PENDING_REPLACE);
      assertThat(canceled.outcome()).isEqualTo(OrderCode.INVALID_TRANSITION);
      assertThat(orders.order("alice", "b1-v2")).isEmpty();
      // The larger of the two reserves is held: max(500.00, 4 x 101.00).
      assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("500.00");
      orders.venue().replaceAck("alice", "b1");
      assertThat(orders.order("alice", "b1-v2").orElseThrow().status())
          .isEqualTo(ClientOrderStatus.ACCEPTED);
      assertThat(orders.portfolio("alice").buyingPower()).isEqualByComparingTo("596.00");
    } finally {
      orders.close();
    }
  }

  /** docs/orders.md, "Events". */
  @Test
  void eventsOfOneClientArriveInTheOrderOfItsChanges() throws Exception {
    InMemoryLedger ledger = new InMemoryLedger(MONDAY);
    InMemoryMarket market = new InMemoryMarket(true);
    market.put(Instrument.of("AAPL", AssetClass.US_EQUITY, new BigDecimal("100.00")));
    OrderService orders =
        OrderService.builder()
            .ledger(ledger)
            .market(market)
            .riskControls(RiskControls.inMemory(MONDAY))
            .clock(MONDAY)
            .build();
    List<String> seen = new CopyOnWriteArrayList<>();
    try {
      orders.openAccount("alice");
      // --- sample
      Subscription all =
          orders.subscribe(
              event ->
                  System.out.println(
                      event.type() + " " + event.account() + "/" + event.clientOrderId()));
      Subscription alices =
          orders.subscribe(
              "alice",
              (OrderEvent event) -> {
                if (event.fill() != null) {
                  seen.add(event.type() + " " + event.fill().qty() + " @ " + event.fill().price());
                } else {
                  seen.add(event.type().name());
                }
              });
      // ...
      // --- end of sample
      orders.submit(
          SubmitOrder.builder()
              .account("alice")
              .clientOrderId("s1")
              .symbol("AAPL")
              .side(OrderSide.SELL)
              .type(OrderType.MARKET)
              .timeInForce(TimeInForce.DAY)
              .qty("1")
              .build());
      orders.openAccount("bob");
      await("the denial is reported", () -> seen.size() == 1);
      assertThat(seen).containsExactly("DENIED");
      alices.close();
      all.close();
    } finally {
      orders.close();
    }
  }

  /** docs/risk.md, "Limits" and "Trading states and the kill switch". */
  @Test
  void limitsAndTheKillSwitch() {
    RiskControls risk = RiskControls.inMemory(MONDAY);
    // --- sample: limits
    risk.setLimits(
        "alice",
        RiskLimits.builder()
            .maxOrderQty(new BigDecimal("500"))
            .maxOrderNotional(new BigDecimal("25000"))
            .maxPositionQty(new BigDecimal("1000")) // per symbol, long or short
            .blockedSymbols(Set.of("GME"))
            .tradingWindow(TradingWindow.parse("09:30-16:00")) // New York time
            .rateLimit(new RateLimit(5, 1)) // 5 submits a second
            .build());
    // --- sample: the kill switch
    risk.setTradingState(TradingState.HALTED, "ops@example.com", "incident 42"); // everyone
    risk.setTradingState("alice", TradingState.REDUCING, "risk-desk", "margin review");
    TradingState alice = risk.effectiveState("alice"); // HALTED: the stricter of the two
    risk.setTradingState(TradingState.ACTIVE, "ops@example.com", "incident 42 closed");
    // risk.effectiveState("alice") is now REDUCING
    // --- end of sample
    assertThat(alice).isEqualTo(TradingState.HALTED);
    assertThat(risk.effectiveState("alice")).isEqualTo(TradingState.REDUCING);
    assertThat(risk.history()).hasSize(3);
    assertThat(risk.history().get(1).account()).isEqualTo("alice");
    assertThat(risk.history().get(0).isPlatformWide()).isTrue();
    assertThat(risk.limits("alice").rateLimit()).isEqualTo(new RateLimit(5, 1));
    assertThat(risk.limits("bob")).isEqualTo(RiskLimits.NONE);
  }
}
