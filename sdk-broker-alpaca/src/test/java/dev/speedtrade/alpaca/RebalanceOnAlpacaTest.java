package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionOrder;
import dev.speedtrade.rebalance.ExecutionResult;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.InMemoryExecutionStore;
import dev.speedtrade.rebalance.OrderPhase;
import dev.speedtrade.rebalance.RebalanceExecutor;
import dev.speedtrade.rebalance.RebalanceRequest;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.rebalance.TradingSettings;
import dev.speedtrade.testkit.ManualClock;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One full daily rebalance (cancel, sells, wait, buys) through the Alpaca adapter over HTTP to a
 * fake Alpaca, against the same rebalance run directly on an identical simulated account: same
 * orders, same end state, and the HTTP calls it took, counted.
 */
class RebalanceOnAlpacaTest {
  /** 15:50 New York on a regular Tuesday: ten minutes before the close. */
  private static final Instant AT = Instant.parse("2026-11-24T20:50:00Z");

  /** Ten symbols: five held, five new; some held ones are cut, some grown. */
  private static final Map<String, BigDecimal> WEIGHTS =
      weights(
          "SPY", "0.20", "QQQ", "0.15", "TLT", "0.05", "BIL", "0.05", "SH", "0.05", "AAPL", "0.10",
          "MSFT", "0.10", "NVDA", "0.10", "IWM", "0.10", "SGOV", "0.10");

  private static Map<String, BigDecimal> weights(String... pairs) {
    Map<String, BigDecimal> weights = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      weights.put(pairs[i], new BigDecimal(pairs[i + 1]));
    }
    return weights;
  }

  private static SimulatedBroker account(Clock clock) {
    return SimulatedBroker.builder()
        .clock(clock)
        .demoListings()
        .listing(Asset.usEquity("NVDA", "NVIDIA Corporation"), Price.of("140.15"))
        .listing(Asset.usEquity("IWM", "iShares Russell 2000 ETF"), Price.of("235.40"))
        .cash(Money.of("20000.00", "USD"))
        .position("SPY", Quantity.of(40), Price.of("560.00"))
        .position("QQQ", Quantity.of(20), Price.of("480.00"))
        .position("TLT", Quantity.of(150), Price.of("95.00"))
        .position("BIL", Quantity.of(100), Price.of("91.50"))
        .position("SH", Quantity.of(200), Price.of("41.00"))
        .build();
  }

  private static ExecutionResult rebalance(
      Broker broker, MarketData marketData, MarketClock marketClock, Clock clock) {
    StaticAllocationSource allocations =
        new StaticAllocationSource().put("core", Allocation.of(WEIGHTS));
    try (RebalanceExecutor executor =
        RebalanceExecutor.builder()
            .accounts((userId, mode) -> new Brokerage(mode, broker, marketData, marketClock))
            .store(new InMemoryExecutionStore())
            .allocations(allocations)
            .clock(clock)
            .sellWait(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(200))
            .build()) {
      return executor.execute(
          new RebalanceRequest(
              "user-10",
              TradingMode.PAPER,
              TradingSettings.defaults(),
              List.of(BotInvestment.percent("core", new BigDecimal("95"))),
              false));
    }
  }

  private static Map<String, BigDecimal> holdings(Broker broker) {
    return broker.positions().stream()
        .collect(
            Collectors.toMap(
                Position::symbol,
                p -> p.qty().value().stripTrailingZeros(),
                (a, b) -> a,
                TreeMap::new));
  }

  @Test
  void aFullRebalanceOverHttpEndsWhereTheDirectRunEndsAndCountsItsCalls() {
    ManualClock directClock = new ManualClock(AT);
    SimulatedBroker direct = account(directClock);
    ExecutionResult reference =
        rebalance(direct, direct.marketData(), direct.marketClock(), directClock);

    ManualClock clock = new ManualClock(AT);
    SimulatedBroker simulated = account(clock);
    ExecutionResult result;
    FakeAlpaca fake = FakeAlpaca.start(simulated, Fixtures.KEY, Fixtures.SECRET);
    try (Alpaca alpaca =
        Alpaca.builder(
                AlpacaConfig.paper(AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET))
                    .withBaseUrl(URI.create(fake.baseUrl()))
                    .withDataUrl(URI.create(fake.baseUrl()))
                    .withRequestsPerMinute(60_000))
            .pollInterval(Duration.ofMillis(100))
            .build()) {
      result = rebalance(alpaca.broker(), alpaca.marketData(), alpaca.marketClock(), clock);
    } finally {
      fake.close();
    }

    assertThat(reference.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(result.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
    List<ExecutionOrder> orders = result.record().orders();
    assertThat(orders)
        .extracting(ExecutionOrder::clientOrderId)
        .containsExactlyElementsOf(
            reference.record().orders().stream().map(ExecutionOrder::clientOrderId).toList());
    assertThat(orders).extracting(ExecutionOrder::phase).contains(OrderPhase.SELL, OrderPhase.BUY);
    assertThat(holdings(simulated)).isEqualTo(holdings(direct)).hasSize(10);
    assertThat(simulated.account().cash()).isEqualTo(direct.account().cash());

    List<String> calls = fake.calls();
    Map<String, Long> byEndpoint =
        calls.stream()
            .map(RebalanceOnAlpacaTest::endpoint)
            .collect(Collectors.groupingBy(call -> call, TreeMap::new, Collectors.counting()));
    long sells = orders.stream().filter(o -> o.phase() == OrderPhase.SELL).count();
    long buys = orders.stream().filter(o -> o.phase() == OrderPhase.BUY).count();
    System.out.println(
        "HTTP calls for one rebalance of a 10-symbol account ("
            + sells
            + " sells, "
            + buys
            + " buys): "
            + calls.size()
            + " "
            + byEndpoint);
    assertThat(byEndpoint.get("POST /v2/orders")).isEqualTo(sells + buys);
    assertThat(byEndpoint.get("DELETE /v2/orders")).isEqualTo(1);
    assertThat(byEndpoint.get("GET /v2/stocks/snapshots")).isEqualTo(2);
    assertThat(calls.stream().filter(c -> c.startsWith("POST")).count()).isEqualTo(orders.size());
  }

  /** "GET /v2/orders/abc-123?nested=false" as "GET /v2/orders/{id}". */
  private static String endpoint(String call) {
    String withoutQuery = call.contains("?") ? call.substring(0, call.indexOf('?')) : call;
    return withoutQuery.replaceAll("/v2/orders/[0-9a-fA-F-]{8,}", "/v2/orders/{id}");
  }
}
