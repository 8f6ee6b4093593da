package dev.speedtrade;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionOutcome;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.broker.TradingMode;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeedTradeTest {
  private static final Clock MARKET_OPEN = Clock.fixed(Instant.parse("2026-11-24T15:30:00Z"), ZoneOffset.UTC);

  @Test
  void embeddedPlatformTradesOnSimulatedParts() {
    try (SpeedTrade platform = SpeedTrade.embedded(MARKET_OPEN)) {
      assertThat(platform.marketClock().isOpen()).isTrue();
      assertThat(platform.clock()).isSameAs(MARKET_OPEN);
      var order = platform.broker().submitOrder(OrderRequest.builder()
          .symbol("SPY").side(OrderSide.BUY).qty(Quantity.of(1)).build());
      assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
      assertThat(platform.broker().account().cash()).isEqualTo(Money.of("99409.75", "USD"));
      assertThat(platform.marketData().snapshots(List.of("SPY"))).containsKey("SPY");
      assertThat(platform.ledger()).isInstanceOf(InMemoryLedger.class);
    }
  }

  @Test
  void buildNamesTheFirstMissingAdapter() {
    SimulatedBroker broker = SimulatedBroker.builder().build();
    assertMissing(SpeedTrade.builder(), "broker");
    assertMissing(SpeedTrade.builder().broker(broker), "marketData");
    assertMissing(SpeedTrade.builder().broker(broker).marketData(broker.marketData()), "marketClock");
    assertMissing(SpeedTrade.builder().simulated(broker), "ledger");
  }

  private static void assertMissing(SpeedTrade.Builder builder, String role) {
    assertThatThrownBy(builder::build).isInstanceOfSatisfying(SpeedTradeException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.MISSING_ADAPTER);
      assertThat(e.getMessage()).contains(role);
    });
  }

  @Test
  void closeClosesEachCloseableAdapterOnceAndLaterUseThrowsClosed() {
    List<String> closed = new ArrayList<>();
    SimulatedBroker simulated = SimulatedBroker.builder().build();
    Object both = Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {MarketData.class, MarketClock.class, AutoCloseable.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            closed.add("market");
            return null;
          }
          return method.invoke(simulated.marketClock(), args);
        });
    CloseableBroker broker = new CloseableBroker(simulated, closed);
    SpeedTrade platform = SpeedTrade.builder()
        .broker(broker).marketData((MarketData) both).marketClock((MarketClock) both)
        .ledger(new InMemoryLedger()).build();

    platform.close();
    platform.close();

    assertThat(closed).containsExactly("market", "broker");
    assertThat(platform.isClosed()).isTrue();
    assertThatThrownBy(platform::broker).isInstanceOfSatisfying(SpeedTradeException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLOSED));
  }

  @Test
  void aFailingAdapterCloseDoesNotStopTheOthers() {
    List<String> closed = new ArrayList<>();
    SimulatedBroker simulated = SimulatedBroker.builder().build();
    CloseableBroker broker = new CloseableBroker(simulated, closed);
    MarketClock failing = (MarketClock) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {MarketClock.class, AutoCloseable.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            throw new IllegalStateException("cannot close");
          }
          return method.invoke(simulated.marketClock(), args);
        });

    SpeedTrade.builder().broker(broker).marketData(simulated.marketData()).marketClock(failing)
        .ledger(new InMemoryLedger()).build().close();

    assertThat(closed).containsExactly("broker");
  }

  @Test
  void exceptionKeepsCodeMessageAndProviderCode() {
    SpeedTradeException e = new SpeedTradeException(
        ErrorCode.INSUFFICIENT_BUYING_POWER, "buy of 10 SPY costs 5902.50 USD", "40310000", null);

    assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_BUYING_POWER);
    assertThat(e.providerCode()).contains("40310000");
    assertThat(e).hasToString("dev.speedtrade.error.SpeedTradeException: [INSUFFICIENT_BUYING_POWER] "
        + "buy of 10 SPY costs 5902.50 USD (provider code 40310000)");
    assertThat(new SpeedTradeException(ErrorCode.CLOSED, "closed").providerCode()).isEmpty();
  }

  /** A broker that records its close; delegates everything else. */
  private static final class CloseableBroker implements Broker, AutoCloseable {
    private final Broker delegate;
    private final List<String> closed;

    CloseableBroker(Broker delegate, List<String> closed) {
      this.delegate = delegate;
      this.closed = closed;
    }

    @Override
    public void close() {
      closed.add("broker");
    }

    @Override
    public dev.speedtrade.broker.Account account() {
      return delegate.account();
    }

    @Override
    public List<dev.speedtrade.broker.Position> positions() {
      return delegate.positions();
    }

    @Override
    public List<dev.speedtrade.broker.BrokerOrder> openOrders() {
      return delegate.openOrders();
    }

    @Override
    public dev.speedtrade.broker.BrokerOrder submitOrder(OrderRequest request) {
      return delegate.submitOrder(request);
    }

    @Override
    public java.util.Optional<dev.speedtrade.broker.BrokerOrder> order(String orderId) {
      return delegate.order(orderId);
    }

    @Override
    public java.util.Optional<dev.speedtrade.broker.BrokerOrder> orderByClientOrderId(String clientOrderId) {
      return delegate.orderByClientOrderId(clientOrderId);
    }

    @Override
    public void cancelOrder(String orderId) {
      delegate.cancelOrder(orderId);
    }

    @Override
    public List<dev.speedtrade.broker.CancelOutcome> cancelAllOrders() {
      return delegate.cancelAllOrders();
    }

    @Override
    public dev.speedtrade.broker.BrokerOrder closePosition(String symbol) {
      return delegate.closePosition(symbol);
    }

    @Override
    public dev.speedtrade.broker.Asset asset(String symbol) {
      return delegate.asset(symbol);
    }

    @Override
    public dev.speedtrade.broker.Subscription subscribe(dev.speedtrade.broker.TradeUpdateListener listener) {
      return delegate.subscribe(listener);
    }
  }

  @Test
  void theRebalanceRunsOnTheStoredInvestmentsOnceADayAndNotAfterClose() {
    Clock beforeClose = Clock.fixed(Instant.parse("2026-11-24T20:50:00Z"), ZoneOffset.UTC);
    SimulatedBroker broker = SimulatedBroker.builder().clock(beforeClose).demoListings().build();
    StaticAllocationSource bots = new StaticAllocationSource()
        .put("index", Allocation.of(Map.of("SPY", new BigDecimal("0.9"))));
    SpeedTrade platform = SpeedTrade.builder().simulated(broker).ledger(new InMemoryLedger(beforeClose))
        .allocationSource(bots).clock(beforeClose).build();
    RebalanceService rebalance = platform.rebalance();
    rebalance.investments().put("u1", TradingMode.PAPER,
        BotInvestment.percent("index", new BigDecimal("100")));

    var preview = rebalance.executeNow("u1", TradingMode.PAPER, true);
    var run = rebalance.executeNow("u1", TradingMode.PAPER, false);
    var again = rebalance.executeNow("u1", TradingMode.PAPER, false);

    assertThat(preview.outcome()).isEqualTo(ExecutionOutcome.DRY_RUN);
    assertThat(preview.plan().buys()).singleElement().satisfies(buy -> assertThat(buy.symbol()).isEqualTo("SPY"));
    assertThat(run.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(again.outcome()).isEqualTo(ExecutionOutcome.ALREADY_FINISHED);
    assertThat(broker.positions()).singleElement().satisfies(position -> assertThat(position.symbol()).isEqualTo("SPY"));
    platform.close();
    assertThatThrownBy(platform::rebalance).isInstanceOfSatisfying(SpeedTradeException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLOSED));
  }
}
