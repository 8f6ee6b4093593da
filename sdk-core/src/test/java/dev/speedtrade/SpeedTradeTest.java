package dev.speedtrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.SimulatedAccounts;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.broker.StartingPosition;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionEvent;
import dev.speedtrade.rebalance.ExecutionOutcome;
import dev.speedtrade.rebalance.ExecutionResult;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.InvestmentStore;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.rebalance.TradingSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SpeedTradeTest {
  private static final Clock MARKET_OPEN =
      Clock.fixed(Instant.parse("2026-11-24T15:30:00Z"), ZoneOffset.UTC);
  private static final Instant BEFORE_CLOSE = Instant.parse("2026-11-24T20:50:00Z");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final Money CASH = Money.of("10000.00", "USD");

  private static StaticAllocationSource bots() {
    return new StaticAllocationSource()
        .put("index", Allocation.of(Map.of("SPY", new BigDecimal("0.9"))))
        .put("tech", Allocation.of(Map.of("QQQ", new BigDecimal("0.9"))));
  }

  private static void assertCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  @Test
  void embeddedPlatformTradesTheDemoUsersPaperAccount() {
    try (SpeedTrade platform = SpeedTrade.embedded(MARKET_OPEN)) {
      assertThat(platform.marketClock().isOpen()).isTrue();
      assertThat(platform.clock()).isSameAs(MARKET_OPEN);
      Brokerage demo = platform.accounts().brokerage(SpeedTrade.DEMO_USER, TradingMode.PAPER);
      var order =
          demo.broker()
              .submitOrder(
                  OrderRequest.builder()
                      .symbol("SPY")
                      .side(OrderSide.BUY)
                      .qty(Quantity.of(1))
                      .build());
      assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
      assertThat(demo.broker().account().cash()).isEqualTo(Money.of("99409.75", "USD"));
      assertThat(demo.marketData().snapshots(List.of("SPY"))).containsKey("SPY");
      assertThat(platform.ledger().toString()).contains("InMemoryLedger");
      assertCode(
          ErrorCode.ACCOUNT_NOT_FOUND,
          () -> platform.accounts().brokerage("alice", TradingMode.PAPER));
      assertCode(
          ErrorCode.ACCOUNT_NOT_FOUND,
          () -> platform.accounts().brokerage(SpeedTrade.DEMO_USER, TradingMode.LIVE));
    }
  }

  @Test
  void buildNeedsTheAccounts() {
    assertThatThrownBy(() -> SpeedTrade.builder().build())
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MISSING_ADAPTER);
              assertThat(e.getMessage()).contains("accounts(");
            });
  }

  @Test
  void aSimulatedMarketAndThePlatformRunOnOneClock() {
    SimulatedAccounts accounts =
        SimulatedAccounts.on(SimulatedMarket.builder().clock(MARKET_OPEN).build());
    try (SpeedTrade platform = SpeedTrade.builder().accounts(accounts).build()) {
      assertThat(platform.clock()).isSameAs(MARKET_OPEN);
    }
    assertCode(
        ErrorCode.INVALID_ARGUMENT,
        () -> SpeedTrade.builder().accounts(accounts).clock(Clock.systemUTC()).build());
  }

  @Test
  void builderSettersRefuseNull() {
    SpeedTrade.Builder builder = SpeedTrade.builder();
    assertThatThrownBy(() -> builder.accounts(nullOf())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.storage(nullOf())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.allocations(nullOf()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.clock(nullOf())).isInstanceOf(NullPointerException.class);
  }

  @SuppressWarnings({"unchecked", "NullAway", "TypeParameterUnusedInFormals"})
  private static <T> T nullOf() {
    return (T) null;
  }

  // ------------------------------------------------------------------ one user never touches
  // another

  /** Alice holds SPY and invests in it; bob holds QQQ and invests in it; both on one market. */
  private static SimulatedAccounts aliceAndBob(Clock clock) {
    SimulatedAccounts accounts =
        SimulatedAccounts.on(SimulatedMarket.builder().clock(clock).demoListings().build());
    accounts.open(
        "alice",
        TradingMode.PAPER,
        CASH,
        List.of(new StartingPosition("SPY", Quantity.of(10), Price.of("500"))));
    accounts.open(
        "bob",
        TradingMode.PAPER,
        CASH,
        List.of(new StartingPosition("QQQ", Quantity.of(10), Price.of("400"))));
    return accounts;
  }

  private static Map<String, String> holdings(SimulatedBroker account) {
    Map<String, String> held = new java.util.TreeMap<>();
    for (Position position : account.positions()) {
      held.put(position.symbol(), position.qty().value().stripTrailingZeros().toPlainString());
    }
    return held;
  }

  @Test
  void executingOneUserNeverTouchesAnotherUsersAccount() {
    Clock clock = Clock.fixed(BEFORE_CLOSE, ZoneOffset.UTC);
    SimulatedAccounts accounts = aliceAndBob(clock);
    SimulatedBroker alice = accounts.account("alice", TradingMode.PAPER).orElseThrow();
    SimulatedBroker bob = accounts.account("bob", TradingMode.PAPER).orElseThrow();
    try (SpeedTrade platform =
        SpeedTrade.builder().accounts(accounts).allocations(bots()).build()) {
      RebalanceService rebalance = platform.rebalance();
      rebalance
          .investments()
          .put("alice", TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("100")));
      rebalance
          .investments()
          .put("bob", TradingMode.PAPER, BotInvestment.percent("tech", new BigDecimal("100")));
      Map<String, String> aliceBefore = holdings(alice);
      Money aliceCash = alice.account().cash();

      ExecutionResult bobs = rebalance.executeNow("bob", TradingMode.PAPER, false);

      assertThat(bobs.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(holdings(alice)).isEqualTo(aliceBefore);
      assertThat(alice.account().cash()).isEqualTo(aliceCash);
      assertThat(alice.openOrders()).isEmpty();
      assertThat(holdings(bob)).containsOnlyKeys("QQQ");
      assertThat(bob.account().cash()).isLessThan(CASH);

      Map<String, String> bobAfter = holdings(bob);
      ExecutionResult alices = rebalance.executeNow("alice", TradingMode.PAPER, false);

      assertThat(alices.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(holdings(bob)).isEqualTo(bobAfter);
      assertThat(holdings(alice)).containsOnlyKeys("SPY");
      assertThat(new BigDecimal(holdings(alice).get("SPY")))
          .isGreaterThan(new BigDecimal(aliceBefore.get("SPY")));
    }
  }

  @Test
  void aUserWithNoAccountOrNothingEnrolledIsRefusedAndNothingIsTradedOrRecorded() {
    Clock clock = Clock.fixed(BEFORE_CLOSE, ZoneOffset.UTC);
    SimulatedAccounts accounts = aliceAndBob(clock);
    SimulatedBroker alice = accounts.account("alice", TradingMode.PAPER).orElseThrow();
    try (SpeedTrade platform =
        SpeedTrade.builder().accounts(accounts).allocations(bots()).build()) {
      RebalanceService rebalance = platform.rebalance();

      assertCode(
          ErrorCode.NOT_ENROLLED, () -> rebalance.executeNow("alice", TradingMode.PAPER, false));
      assertCode(
          ErrorCode.NOT_ENROLLED, () -> rebalance.executeNow("alcie", TradingMode.PAPER, false));
      rebalance
          .investments()
          .put("mallory", TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("100")));
      assertCode(
          ErrorCode.ACCOUNT_NOT_FOUND,
          () -> rebalance.executeNow("mallory", TradingMode.PAPER, false));
      assertCode(
          ErrorCode.ACCOUNT_NOT_FOUND,
          () -> rebalance.executeNow("mallory", TradingMode.PAPER, true));
      rebalance.settings().put("alice", TradingMode.LIVE, TradingSettings.defaults());
      assertCode(
          ErrorCode.ACCOUNT_NOT_FOUND,
          () -> rebalance.executeNow("alice", TradingMode.LIVE, false));
      assertCode(
          ErrorCode.INVALID_ARGUMENT, () -> rebalance.executeNow(" ", TradingMode.PAPER, false));

      assertThat(holdings(alice)).containsExactly(Map.entry("SPY", "10"));
      assertThat(alice.openOrders()).isEmpty();
      for (String user : List.of("alice", "alcie", "mallory")) {
        for (TradingMode mode : TradingMode.values()) {
          assertThat(rebalance.executions().list(user, mode, DAY, DAY))
              .as(user + " " + mode)
              .isEmpty();
        }
      }
    }
  }

  @Test
  void aLiveRequestThatReachesAPaperAccountIsRefusedBeforeAnyCall() {
    Clock clock = Clock.fixed(BEFORE_CLOSE, ZoneOffset.UTC);
    SimulatedAccounts simulated = aliceAndBob(clock);
    AtomicInteger calls = new AtomicInteger();
    Brokerage paper = simulated.brokerage("alice", TradingMode.PAPER);
    TradingAccounts misrouted =
        (userId, mode) -> {
          calls.incrementAndGet();
          return paper;
        };
    SimulatedBroker alice = simulated.account("alice", TradingMode.PAPER).orElseThrow();
    try (SpeedTrade platform =
        SpeedTrade.builder().accounts(misrouted).clock(clock).allocations(bots()).build()) {
      RebalanceService rebalance = platform.rebalance();
      rebalance
          .investments()
          .put("alice", TradingMode.LIVE, BotInvestment.percent("index", new BigDecimal("100")));

      assertCode(
          ErrorCode.MODE_MISMATCH, () -> rebalance.executeNow("alice", TradingMode.LIVE, false));
      assertCode(
          ErrorCode.MODE_MISMATCH, () -> platform.accounts().brokerage("alice", TradingMode.LIVE));

      assertThat(calls).hasValue(2);
      assertThat(holdings(alice)).containsExactly(Map.entry("SPY", "10"));
      assertThat(rebalance.executions().list("alice", TradingMode.LIVE, DAY, DAY)).isEmpty();
    }
  }

  // ------------------------------------------------------------------ a failure does not burn the
  // day

  @Test
  void aRunThatFailedBeforeAnyOrderIsPostponedAndTheNextRunExecutesTheDay() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T13:00:00Z"));
    SimulatedAccounts accounts = aliceAndBob(clock);
    try (SpeedTrade platform =
        SpeedTrade.builder().accounts(accounts).allocations(bots()).build()) {
      RebalanceService rebalance = platform.rebalance();
      rebalance
          .investments()
          .put("alice", TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("100")));

      ExecutionResult early = rebalance.executeNow("alice", TradingMode.PAPER, false);

      assertThat(early.outcome()).isEqualTo(ExecutionOutcome.POSTPONED);
      assertThat(early.record().status()).isEqualTo(ExecutionStatus.PENDING);
      assertThat(early.record().errors()).singleElement().asString().startsWith("MARKET_CLOSED");

      clock.set(BEFORE_CLOSE);
      ExecutionResult later = rebalance.executeNow("alice", TradingMode.PAPER, false);

      assertThat(later.outcome()).isEqualTo(ExecutionOutcome.EXECUTED);
      assertThat(later.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(later.record().attempt()).isEqualTo(2);
      assertThat(rebalance.executeNow("alice", TradingMode.PAPER, false).outcome())
          .isEqualTo(ExecutionOutcome.ALREADY_FINISHED);
      assertThat(rebalance.history("alice", TradingMode.PAPER, DAY))
          .extracting(ExecutionEvent::kind)
          .containsExactly(
              ExecutionEvent.Kind.CLAIMED,
              ExecutionEvent.Kind.RELEASED,
              ExecutionEvent.Kind.CLAIMED,
              ExecutionEvent.Kind.FINISHED);
    }
  }

  @Test
  void anOperatorReopensAFailedDayAndTheNextRunResumesIt() {
    Clock clock = Clock.fixed(BEFORE_CLOSE, ZoneOffset.UTC);
    SimulatedAccounts simulated = aliceAndBob(clock);
    Brokerage real = simulated.brokerage("alice", TradingMode.PAPER);
    AtomicInteger failBuys = new AtomicInteger(1);
    Broker failingBuys = new FailingBuys(real.broker(), failBuys);
    TradingAccounts accounts =
        (userId, mode) -> new Brokerage(mode, failingBuys, real.marketData(), real.marketClock());
    try (SpeedTrade platform =
        SpeedTrade.builder().accounts(accounts).clock(clock).allocations(bots()).build()) {
      RebalanceService rebalance = platform.rebalance();
      rebalance
          .investments()
          .put("alice", TradingMode.PAPER, BotInvestment.percent("tech", new BigDecimal("100")));

      ExecutionResult failed = rebalance.executeNow("alice", TradingMode.PAPER, false);
      assertThat(failed.record().status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(failed.record().orders()).isNotEmpty();
      assertThat(rebalance.executeNow("alice", TradingMode.PAPER, false).outcome())
          .isEqualTo(ExecutionOutcome.ALREADY_FINISHED);

      assertThat(
              rebalance
                  .reopen("alice", TradingMode.PAPER, DAY, "ops@example.com", "broker is back")
                  .status())
          .isEqualTo(ExecutionStatus.PENDING);
      ExecutionResult resumed = rebalance.executeNow("alice", TradingMode.PAPER, false);

      assertThat(resumed.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(resumed.record().attempt()).isEqualTo(2);
      assertThat(simulated.account("alice", TradingMode.PAPER).orElseThrow().positions())
          .extracting(Position::symbol)
          .containsExactly("QQQ");
      assertThat(rebalance.history("alice", TradingMode.PAPER, DAY))
          .filteredOn(event -> event.kind() == ExecutionEvent.Kind.REOPENED)
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.actor()).isEqualTo("ops@example.com");
                assertThat(event.detail()).isEqualTo("broker is back");
              });
      assertCode(
          ErrorCode.EXECUTION_NOT_REOPENABLE,
          () -> rebalance.reopen("alice", TradingMode.PAPER, DAY, "ops", "again"));
    }
  }

  /** A broker whose first buy submissions fail as an outage would; sells go through. */
  private static final class FailingBuys extends ForwardingBroker {
    private final AtomicInteger failures;

    FailingBuys(Broker delegate, AtomicInteger failures) {
      super(delegate);
      this.failures = failures;
    }

    @Override
    public dev.speedtrade.broker.BrokerOrder submitOrder(OrderRequest request) {
      if (request.side() == OrderSide.BUY && failures.getAndDecrement() > 0) {
        throw new IllegalStateException("connection reset while buying");
      }
      return super.submitOrder(request);
    }
  }

  // ------------------------------------------------------------------ closed means closed

  @Test
  void afterCloseEveryServiceStoreAndAccountKeptFromBeforeRefusesAndARebalanceRecordsNothing() {
    Clock clock = Clock.fixed(BEFORE_CLOSE, ZoneOffset.UTC);
    SimulatedAccounts accounts = aliceAndBob(clock);
    SpeedTrade platform = SpeedTrade.builder().accounts(accounts).allocations(bots()).build();
    RebalanceService rebalance = platform.rebalance();
    InvestmentStore investments = rebalance.investments();
    investments.put(
        "alice", TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("100")));
    Ledger ledger = platform.ledger();
    TradingAccounts kept = platform.accounts();
    Broker alice = kept.brokerage("alice", TradingMode.PAPER).broker();

    platform.close();
    platform.close();

    assertThat(platform.isClosed()).isTrue();
    assertCode(ErrorCode.CLOSED, platform::rebalance);
    assertCode(ErrorCode.CLOSED, platform::ledger);
    assertCode(ErrorCode.CLOSED, platform::accounts);
    assertCode(ErrorCode.CLOSED, () -> rebalance.executeNow("alice", TradingMode.PAPER, false));
    assertCode(ErrorCode.CLOSED, () -> rebalance.executeNow("alice", TradingMode.PAPER, true));
    assertCode(
        ErrorCode.CLOSED, () -> rebalance.executions().list("alice", TradingMode.PAPER, DAY, DAY));
    assertCode(ErrorCode.CLOSED, () -> investments.list("alice", TradingMode.PAPER));
    assertCode(ErrorCode.CLOSED, () -> ledger.account("x"));
    assertCode(ErrorCode.CLOSED, () -> kept.brokerage("alice", TradingMode.PAPER));
    assertCode(ErrorCode.CLOSED, alice::positions);
    assertCode(
        ErrorCode.CLOSED,
        () ->
            alice.submitOrder(
                OrderRequest.builder()
                    .symbol("SPY")
                    .side(OrderSide.BUY)
                    .qty(Quantity.of(1))
                    .build()));
    assertThat(accounts.account("alice", TradingMode.PAPER).orElseThrow().openOrders()).isEmpty();
    assertThat(holdings(accounts.account("alice", TradingMode.PAPER).orElseThrow()))
        .containsExactly(Map.entry("SPY", "10"));
  }

  @Test
  void closeClosesEachCloseablePartOnceAndAFailingOneDoesNotStopTheOthers() {
    List<String> closed = new ArrayList<>();
    SimulatedAccounts simulated = aliceAndBob(MARKET_OPEN);
    TradingAccounts failingAccounts = new ClosingAccounts(simulated, closed, true);
    Storage storage =
        Storage.of(
            "recorded",
            clock ->
                new Stores(
                    new InMemoryLedger(clock),
                    new dev.speedtrade.rebalance.InMemoryInvestmentStore(),
                    new dev.speedtrade.rebalance.InMemorySettingsStore(),
                    new dev.speedtrade.rebalance.InMemoryExecutionStore(),
                    new dev.speedtrade.oms.spi.InMemoryOrderStore(),
                    new dev.speedtrade.risk.InMemoryRiskStore(),
                    new dev.speedtrade.funding.spi.InMemoryFundingStore(),
                    new dev.speedtrade.kyc.spi.InMemoryKycStore(),
                    () -> closed.add("storage")));
    SpeedTrade platform =
        SpeedTrade.builder().accounts(failingAccounts).storage(storage).clock(MARKET_OPEN).build();

    platform.close();
    platform.close();

    assertThat(closed).containsExactly("accounts", "storage");
  }

  /** Accounts that record their close, and may fail it. */
  private static final class ClosingAccounts implements TradingAccounts, AutoCloseable {
    private final TradingAccounts delegate;
    private final List<String> closed;
    private final boolean fail;

    ClosingAccounts(TradingAccounts delegate, List<String> closed, boolean fail) {
      this.delegate = delegate;
      this.closed = closed;
      this.fail = fail;
    }

    @Override
    public Brokerage brokerage(String userId, TradingMode mode) {
      return delegate.brokerage(userId, mode);
    }

    @Override
    public void close() {
      closed.add("accounts");
      if (fail) {
        throw new IllegalStateException("cannot close");
      }
    }
  }

  @Test
  void exceptionKeepsCodeMessageAndProviderCode() {
    SpeedTradeException e =
        new SpeedTradeException(
            ErrorCode.INSUFFICIENT_BUYING_POWER,
            "buy of 10 SPY costs 5902.50 USD",
            "40310000",
            null);

    assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_BUYING_POWER);
    assertThat(e.providerCode()).contains("40310000");
    assertThat(e)
        .hasToString(
            "dev.speedtrade.error.SpeedTradeException: [INSUFFICIENT_BUYING_POWER] "
                + "buy of 10 SPY costs 5902.50 USD (provider code 40310000)");
    assertThat(new SpeedTradeException(ErrorCode.CLOSED, "closed").providerCode()).isEmpty();
  }

  @Test
  void everyErrorCodeHasACategoryAndOnlyOutagesAndRateLimitsAreRetryable() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.category()).as(code.name()).isNotNull();
      assertThat(code.isRetryable())
          .as(code.name())
          .isEqualTo(
              code == ErrorCode.RATE_LIMITED
                  || code == ErrorCode.PROVIDER_UNAVAILABLE
                  || code == ErrorCode.STORE_UNAVAILABLE);
    }
    assertThat(ErrorCode.INVALID_AMOUNT.category()).isEqualTo(ErrorCode.Category.BAD_INPUT);
    assertThat(ErrorCode.ACCOUNT_NOT_FOUND.category()).isEqualTo(ErrorCode.Category.NOT_FOUND);
    assertThat(ErrorCode.STORE_UNAVAILABLE.category()).isEqualTo(ErrorCode.Category.STORE);
    assertThat(ErrorCode.RATE_LIMITED.category()).isEqualTo(ErrorCode.Category.PROVIDER);
    assertThat(ErrorCode.CLOSED.category()).isEqualTo(ErrorCode.Category.STATE);
  }
}
