package dev.speedtrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientOrderStatus;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionResult;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.risk.TradingState;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** A platform of omnibus client books on one simulated venue account. */
class OmnibusPlatformTest {
  private static final Clock BEFORE_CLOSE =
      Clock.fixed(Instant.parse("2026-11-24T20:50:00Z"), ZoneOffset.UTC);

  private static SpeedTrade platform(Clock clock) {
    SimulatedBroker venue =
        SimulatedBroker.builder()
            .clock(clock)
            .demoListings()
            .cash(Money.of("1000000.00", "USD"))
            .build();
    SpeedTrade platform =
        SpeedTrade.builder()
            .omnibus(
                new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
            .clock(clock)
            .orderExecutor(Runnable::run)
            .allocations(
                new StaticAllocationSource()
                    .put("index", Allocation.of(Map.of("SPY", new BigDecimal("0.9")))))
            .build();
    open(platform, "alice", 10_000_00);
    open(platform, "bob", 5_000_00);
    return platform;
  }

  private static void open(SpeedTrade platform, String client, long cents) {
    platform.orders().openAccount(client);
    platform
        .ledger()
        .submit(
            Transfer.single(
                "deposit:" + client,
                ClientLedgerAccounts.PSP,
                ClientLedgerAccounts.cash(client),
                cents,
                "deposit"));
  }

  private static OrderRequest marketBuy(String symbol, String qty, String coid) {
    return OrderRequest.builder()
        .symbol(symbol)
        .side(OrderSide.BUY)
        .type(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY)
        .qty(Quantity.of(qty))
        .clientOrderId(coid)
        .build();
  }

  private static void assertCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  @Test
  void eachClientTradesItsOwnBooksThroughTheBrokerSpiOnOneVenue() {
    try (SpeedTrade platform = platform(BEFORE_CLOSE)) {
      Broker alice = platform.accounts().brokerage("alice", TradingMode.PAPER).broker();
      Broker bob = platform.accounts().brokerage("bob", TradingMode.PAPER).broker();

      BrokerOrder order = alice.submitOrder(marketBuy("SPY", "2", "c1"));
      bob.submitOrder(marketBuy("SPY", "1", "c1"));

      assertThat(alice.order(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
      assertThat(bob.order(order.id())).isEmpty();
      assertThat(alice.positions())
          .singleElement()
          .satisfies(p -> assertThat(p.qty()).isEqualTo(Quantity.of("2")));
      assertThat(bob.positions())
          .singleElement()
          .satisfies(p -> assertThat(p.qty()).isEqualTo(Quantity.of("1")));
      assertThat(alice.account().cash().amount())
          .isEqualByComparingTo(platform.orders().portfolio("alice").cash());
      assertThat(alice.account().cash().amount()).isLessThan(new BigDecimal("10000.00"));
      assertCode(
          ErrorCode.DUPLICATE_CLIENT_ORDER_ID,
          () -> alice.submitOrder(marketBuy("SPY", "2", "c1")));
    }
  }

  @Test
  void theKillSwitchAndTheRiskLimitsStopAClientsBrokerOrders() {
    try (SpeedTrade platform = platform(BEFORE_CLOSE)) {
      Broker alice = platform.accounts().brokerage("alice", TradingMode.PAPER).broker();

      assertCode(
          ErrorCode.INSUFFICIENT_BUYING_POWER,
          () -> alice.submitOrder(marketBuy("SPY", "1000", "big")));
      platform.risk().setTradingState(TradingState.HALTED, "ops", "incident 42");
      assertCode(
          ErrorCode.ORDER_REJECTED, () -> alice.submitOrder(marketBuy("SPY", "1", "halted")));
      assertThat(alice.account().tradingBlocked()).isTrue();

      assertThat(platform.orders().order("alice", "halted").orElseThrow().reason())
          .isEqualTo("TRADING_HALTED");
      assertThat(platform.risk().history())
          .singleElement()
          .satisfies(
              change -> {
                assertThat(change.operator()).isEqualTo("ops");
                assertThat(change.reason()).isEqualTo("incident 42");
              });
    }
  }

  @Test
  void theDailyRebalanceTradesAnOmnibusClientThroughTheOrderService() {
    try (SpeedTrade platform = platform(BEFORE_CLOSE)) {
      platform
          .rebalance()
          .investments()
          .put("alice", TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("100")));

      ExecutionResult result = platform.rebalance().executeNow("alice", TradingMode.PAPER, false);

      assertThat(result.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
      OrderService orders = platform.orders();
      assertThat(orders.orders("alice"))
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.symbol()).isEqualTo("SPY");
                assertThat(o.status()).isEqualTo(ClientOrderStatus.FILLED);
              });
      assertThat(orders.positions("alice"))
          .singleElement()
          .satisfies(p -> assertThat(p.symbol()).isEqualTo("SPY"));
      assertThat(orders.orders("bob")).isEmpty();
    }
  }

  @Test
  void aHaltedClientsRebalanceOrdersAreDeniedLikeManualOnes() {
    try (SpeedTrade platform = platform(BEFORE_CLOSE)) {
      platform
          .rebalance()
          .investments()
          .put("alice", TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("100")));
      platform.risk().setTradingState("alice", TradingState.HALTED, "ops", "review");

      ExecutionResult result = platform.rebalance().executeNow("alice", TradingMode.PAPER, false);

      assertThat(result.record().status()).isNotEqualTo(ExecutionStatus.SUCCESS);
      assertThat(platform.orders().orders("alice"))
          .isNotEmpty()
          .allSatisfy(
              o -> {
                assertThat(o.status()).isEqualTo(ClientOrderStatus.DENIED);
                assertThat(o.reason()).isEqualTo("TRADING_HALTED");
              });
      assertThat(platform.orders().positions("alice")).isEmpty();
    }
  }

  @Test
  void aClientHasAnAccountInTheVenuesModeOnly() {
    try (SpeedTrade platform = platform(BEFORE_CLOSE)) {
      assertCode(
          ErrorCode.ACCOUNT_NOT_FOUND,
          () -> platform.accounts().brokerage("alice", TradingMode.LIVE));
      assertCode(
          ErrorCode.ACCOUNT_NOT_FOUND,
          () -> platform.accounts().brokerage("mallory", TradingMode.PAPER));
    }
  }

  @Test
  void accountsAndOmnibusAreOneOrTheOther() {
    SimulatedMarket market = SimulatedMarket.builder().clock(BEFORE_CLOSE).demoListings().build();
    SimulatedBroker venue = SimulatedBroker.builder().clock(BEFORE_CLOSE).demoListings().build();
    assertCode(
        ErrorCode.INVALID_ARGUMENT,
        () ->
            SpeedTrade.builder()
                .accounts(dev.speedtrade.broker.SimulatedAccounts.on(market))
                .omnibus(
                    new Brokerage(
                        TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
                .build());
    try (SpeedTrade perUser =
        SpeedTrade.builder().accounts(dev.speedtrade.broker.SimulatedAccounts.on(market)).build()) {
      assertCode(ErrorCode.MISSING_ADAPTER, perUser::orders);
      assertCode(ErrorCode.MISSING_ADAPTER, perUser::risk);
    }
  }

  @Test
  void anOmnibusPlatformOnASimulatedVenueRunsOnTheVenuesClock() {
    SimulatedBroker venue = SimulatedBroker.builder().clock(BEFORE_CLOSE).demoListings().build();
    Brokerage brokerage =
        new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock());

    try (SpeedTrade platform = SpeedTrade.builder().omnibus(brokerage).build()) {
      assertThat(platform.clock()).isSameAs(venue.market().clock());
    }
    assertCode(
        ErrorCode.INVALID_ARGUMENT,
        () -> SpeedTrade.builder().omnibus(brokerage).clock(Clock.systemUTC()).build());
  }

  @Test
  void afterCloseTheOrderServiceAndItsReferencesRefuse() {
    SpeedTrade platform = platform(BEFORE_CLOSE);
    OrderService orders = platform.orders();
    Broker alice = platform.accounts().brokerage("alice", TradingMode.PAPER).broker();

    platform.close();

    assertCode(ErrorCode.CLOSED, platform::orders);
    assertCode(ErrorCode.CLOSED, () -> orders.orders("alice"));
    assertCode(ErrorCode.CLOSED, () -> alice.submitOrder(marketBuy("SPY", "1", "late")));
    assertCode(ErrorCode.CLOSED, () -> platform.risk());
  }

  @Test
  void aClientOrderIsHeldInTheLedgerUntilItFillsOrEnds() {
    try (SpeedTrade platform = platform(BEFORE_CLOSE)) {
      Broker alice = platform.accounts().brokerage("alice", TradingMode.PAPER).broker();
      BrokerOrder resting =
          alice.submitOrder(
              OrderRequest.builder()
                  .symbol("SPY")
                  .side(OrderSide.BUY)
                  .type(OrderType.LIMIT)
                  .timeInForce(TimeInForce.DAY)
                  .qty(Quantity.of("10"))
                  .limitPrice(dev.speedtrade.money.Price.of("1.00"))
                  .clientOrderId("low")
                  .build());
      long held =
          platform
              .ledger()
              .balances(ClientLedgerAccounts.cash("alice"))
              .orElseThrow()
              .debitsPending();

      alice.cancelOrder(resting.id());

      ClientOrder canceled = platform.orders().order("alice", "low").orElseThrow();
      assertThat(held).isEqualTo(10_00);
      assertThat(canceled.status()).isEqualTo(ClientOrderStatus.CANCELED);
      assertThat(
              platform
                  .ledger()
                  .balances(ClientLedgerAccounts.cash("alice"))
                  .orElseThrow()
                  .debitsPending())
          .isZero();
    }
  }
}
