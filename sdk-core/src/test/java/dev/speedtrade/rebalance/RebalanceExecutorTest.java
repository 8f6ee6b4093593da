package dev.speedtrade.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The execution sequence of the contract on the simulated broker. */
class RebalanceExecutorTest {
  /** Tuesday 2026-11-24, 15:50 in New York: ten minutes before the close. */
  private static final Clock BEFORE_CLOSE =
      Clock.fixed(Instant.parse("2026-11-24T20:50:00Z"), ZoneOffset.UTC);

  /** The same day at 20:00 in New York, after the close. */
  private static final Clock EVENING =
      Clock.fixed(Instant.parse("2026-11-25T01:00:00Z"), ZoneOffset.UTC);

  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final StaticAllocationSource source =
      new StaticAllocationSource()
          .put(
              "growth",
              Allocation.of(Map.of("AAPL", new BigDecimal("0.5"), "TLT", new BigDecimal("0.4"))));
  private RebalanceExecutor executor;

  @AfterEach
  void stop() {
    if (executor != null) {
      executor.close();
    }
  }

  private static SimulatedBroker simulated(Clock clock) {
    return SimulatedBroker.builder()
        .clock(clock)
        .demoListings()
        .cash(Money.of("1000.00", "USD"))
        .position("SPY", Quantity.of(20), Price.of("500"))
        .build();
  }

  private RebalanceExecutor executor(
      SimulatedBroker simulated, ScriptedBroker broker, Clock clock, AllocationSource allocations) {
    if (executor != null) {
      executor.close();
    }
    executor =
        RebalanceExecutor.builder()
            .accounts(OneAccount.of(broker, simulated.marketData(), simulated.marketClock()))
            .store(store)
            .allocations(allocations)
            .clock(clock)
            .allocationTimeout(Duration.ofMillis(300))
            .sellWait(Duration.ofMillis(300))
            .pollInterval(Duration.ofMillis(20))
            .build();
    return executor;
  }

  private static RebalanceRequest request(boolean dryRun) {
    return new RebalanceRequest(
        "user-1",
        TradingMode.PAPER,
        TradingSettings.defaults(),
        List.of(BotInvestment.percent("growth", new BigDecimal("100"))),
        dryRun);
  }

  private static Map<String, BigDecimal> positions(SimulatedBroker broker) {
    Map<String, BigDecimal> positions = new TreeMap<>();
    for (Position position : broker.positions()) {
      positions.put(position.symbol(), position.qty().value().stripTrailingZeros());
    }
    return positions;
  }

  @Test
  void cancelsOpenOrdersFirstThenSellsThenBuysOnTheCashTheSellsFreed() {
    SimulatedBroker simulated = simulated(BEFORE_CLOSE);
    simulated.submitOrder(
        OrderRequest.builder()
            .symbol("MSFT")
            .side(OrderSide.BUY)
            .type(OrderType.LIMIT)
            .timeInForce(TimeInForce.DAY)
            .qty(Quantity.of(1))
            .limitPrice(Price.of("1.00"))
            .build());
    ScriptedBroker broker = new ScriptedBroker(simulated);

    ExecutionResult result =
        executor(simulated, broker, BEFORE_CLOSE, source).execute(request(false));

    assertThat(result.outcome()).isEqualTo(ExecutionOutcome.EXECUTED);
    assertThat(result.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(simulated.openOrders()).isEmpty();
    List<String> calls = broker.calls;
    int cancel = calls.indexOf("cancelAllOrders");
    List<String> submits = broker.submits();
    assertThat(cancel).isLessThan(calls.indexOf(submits.get(0)));
    assertThat(submits)
        .extracting(call -> call.split(" ")[1] + " " + call.split(" ")[2])
        .containsExactly("SELL SPY", "BUY AAPL", "BUY TLT");
    // The buys were planned after the sale: 20 SPY at 590.25 plus $1,000 of cash.
    TradePlan buys = result.buyPlan();
    assertThat(buys.investable()).isEqualByComparingTo("12805.00");
    assertThat(positions(simulated)).containsOnlyKeys("AAPL", "TLT");
    assertThat(result.record().orders())
        .extracting(ExecutionOrder::phase, ExecutionOrder::status)
        .containsOnly(
            org.assertj.core.groups.Tuple.tuple(OrderPhase.SELL, OrderStatus.FILLED),
            org.assertj.core.groups.Tuple.tuple(OrderPhase.BUY, OrderStatus.FILLED));
  }

  @Test
  void aFreshRunMakesTheFewestBrokerCallsTheSequenceAllows() {
    SimulatedBroker simulated = simulated(BEFORE_CLOSE);
    ScriptedBroker broker = new ScriptedBroker(simulated);
    java.util.concurrent.atomic.AtomicInteger snapshotCalls =
        new java.util.concurrent.atomic.AtomicInteger();
    dev.speedtrade.broker.MarketData counted =
        symbols -> {
          snapshotCalls.incrementAndGet();
          return simulated.marketData().snapshots(symbols);
        };
    executor =
        RebalanceExecutor.builder()
            .accounts(OneAccount.of(broker, counted, simulated.marketClock()))
            .store(store)
            .allocations(source)
            .clock(BEFORE_CLOSE)
            .build();

    executor.execute(request(false));

    // Account, positions and one snapshot read per plan; cancel-all; one call per order; no status
    // reads, since the simulated market sells are final when submitted.
    assertThat(broker.calls)
        .extracting(
            call ->
                call.split(" ")[0] + (call.startsWith("submit") ? " " + call.split(" ")[1] : ""))
        .containsExactly(
            "account",
            "positions",
            "cancelAllOrders",
            "subscribe",
            "submit SELL",
            "account",
            "positions",
            "submit BUY",
            "submit BUY");
    assertThat(snapshotCalls).hasValue(2);
  }

  @Test
  void aDryRunPlansAndTouchesNothing() {
    SimulatedBroker simulated = simulated(BEFORE_CLOSE);
    ScriptedBroker broker = new ScriptedBroker(simulated);

    ExecutionResult result =
        executor(simulated, broker, BEFORE_CLOSE, source).execute(request(true));

    assertThat(result.outcome()).isEqualTo(ExecutionOutcome.DRY_RUN);
    assertThat(result.plan().orders()).isNotEmpty();
    assertThat(broker.calls).containsOnly("account", "positions");
    assertThat(store.find(result.key())).isEmpty();
  }

  @Test
  void aDryRunPlansEvenWhenTheMarketIsClosed() {
    SimulatedBroker simulated = simulated(EVENING);

    ExecutionResult result =
        executor(simulated, new ScriptedBroker(simulated), EVENING, source).execute(request(true));

    assertThat(result.plan().sells()).isNotEmpty();
  }

  @Test
  void aClosedMarketPostponesTheExecutionWithoutTrading() {
    SimulatedBroker simulated = simulated(EVENING);
    ScriptedBroker broker = new ScriptedBroker(simulated);

    ExecutionResult result = executor(simulated, broker, EVENING, source).execute(request(false));

    assertThat(result.outcome()).isEqualTo(ExecutionOutcome.POSTPONED);
    assertThat(result.record().status()).isEqualTo(ExecutionStatus.PENDING);
    assertThat(result.record().errors()).singleElement().asString().startsWith("MARKET_CLOSED");
    assertThat(broker.submits()).isEmpty();
    assertThat(positions(simulated)).containsOnlyKeys("SPY");
  }

  @Test
  void aBotThatThrowsAndOneThatHangsFailAloneAndTheirShareGoesToTheFallback()
      throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    AllocationSource flaky =
        (botId, date) -> {
          switch (botId) {
            case "thrower" -> throw new IllegalStateException("backtest crashed");
            case "hanger" -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Allocation.of(Map.of("MSFT", BigDecimal.ONE));
            }
            default -> {
              return Allocation.of(Map.of("AAPL", BigDecimal.ONE));
            }
          }
        };
    SimulatedBroker simulated = simulated(BEFORE_CLOSE);
    RebalanceRequest request =
        new RebalanceRequest(
            "user-1",
            TradingMode.PAPER,
            TradingSettings.defaults(),
            List.of(
                BotInvestment.percent("thrower", new BigDecimal("30")),
                BotInvestment.percent("hanger", new BigDecimal("30")),
                BotInvestment.percent("steady", new BigDecimal("30"))),
            false);

    ExecutionResult result =
        executor(simulated, new ScriptedBroker(simulated), BEFORE_CLOSE, flaky).execute(request);
    release.countDown();

    assertThat(result.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(result.record().warnings())
        .extracting(PlanWarning::detail)
        .containsExactly("thrower: backtest crashed", "hanger: timed out after 300 ms");
    assertThat(result.buyPlan().weights()).containsOnlyKeys("AAPL", "SGOV");
    assertThat(positions(simulated)).containsOnlyKeys("AAPL", "SGOV");
  }

  @Test
  void aSellThatNeverFillsWithinTheWaitMakesThePartialOutcome() {
    SimulatedBroker simulated = simulated(BEFORE_CLOSE);
    ScriptedBroker broker =
        new ScriptedBroker(simulated)
            .rewrite(
                order ->
                    order.side() == OrderSide.SELL
                        ? order.toBuilder()
                            .type(OrderType.LIMIT)
                            .limitPrice(Price.of("5000"))
                            .build()
                        : order);

    ExecutionResult result =
        executor(simulated, broker, BEFORE_CLOSE, source).execute(request(false));

    assertThat(result.record().status()).isEqualTo(ExecutionStatus.PARTIAL);
    assertThat(result.record().errors())
        .as(result.record().errors().toString())
        .singleElement()
        .asString()
        .contains("SELL SPY: not filled within");
    assertThat(broker.calls).contains("order");
    // Buys are planned on the cash there is: the unsold SPY freed none.
    assertThat(result.buyPlan().buys())
        .allSatisfy(buy -> assertThat(buy.symbol()).isIn("AAPL", "TLT"));
    assertThat(simulated.account().cash().amount()).isLessThan(new BigDecimal("1000.00"));
  }

  @Test
  void aSellLeftPartlyFilledAtTheEndOfTheWaitFundsBuysWithWhatItSold() {
    SimulatedBroker simulated =
        SimulatedBroker.builder()
            .clock(BEFORE_CLOSE)
            .seed(3)
            .demoListings()
            .cash(Money.of("1000.00", "USD"))
            .position("SPY", Quantity.of(20), Price.of("500"))
            .partialFillPercent(100)
            .build();
    ScriptedBroker broker = new ScriptedBroker(simulated);

    ExecutionResult result =
        executor(simulated, broker, BEFORE_CLOSE, source).execute(request(false));

    ExecutionOrder sell =
        result.record().orders().stream()
            .filter(order -> order.phase() == OrderPhase.SELL)
            .findFirst()
            .orElseThrow();
    assertThat(sell.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(sell.filledQty()).isStrictlyBetween(BigDecimal.ZERO, new BigDecimal("20"));
    assertThat(result.record().status()).isEqualTo(ExecutionStatus.PARTIAL);
    assertThat(result.record().errors())
        .anySatisfy(error -> assertThat(error).startsWith("SELL SPY: not filled within"));
    assertThat(broker.calls).contains("order");
    // The buy plan reads the cash there is: the $1,000 plus what the partial sale brought in.
    BigDecimal proceeds = sell.filledQty().multiply(new BigDecimal("590.25"));
    assertThat(result.buyPlan().buys()).isNotEmpty();
    assertThat(simulated.account().cash().amount())
        .isLessThan(new BigDecimal("1000.00").add(proceeds));
  }

  @Test
  void aFinishedExecutionIsNotRunAgain() {
    SimulatedBroker simulated = simulated(BEFORE_CLOSE);
    ScriptedBroker broker = new ScriptedBroker(simulated);
    executor(simulated, broker, BEFORE_CLOSE, source).execute(request(false));
    int submitted = broker.submits().size();

    ExecutionResult again = executor.execute(request(false));

    assertThat(again.outcome()).isEqualTo(ExecutionOutcome.ALREADY_FINISHED);
    assertThat(broker.submits()).hasSize(submitted);
  }

  @Test
  void clientOrderIdsAreDeterministicAndAtMost48Characters() {
    String executionId =
        new ExecutionKey("user-1", TradingMode.PAPER, java.time.LocalDate.of(2026, 11, 24))
            .executionId();

    String id =
        RebalanceExecutor.clientOrderId(executionId, OrderPhase.SELL, OrderSide.SELL, "SPY", 0);

    assertThat(id)
        .isEqualTo(
            RebalanceExecutor.clientOrderId(
                executionId, OrderPhase.SELL, OrderSide.SELL, "SPY", 0));
    assertThat(id).startsWith(executionId).endsWith("-SS0-SPY");
    assertThat(
            RebalanceExecutor.clientOrderId(
                executionId, OrderPhase.BUY, OrderSide.BUY, "A".repeat(40), 3))
        .hasSizeLessThanOrEqualTo(48);
    assertThat(executionId)
        .isNotEqualTo(
            new ExecutionKey("user-1", TradingMode.LIVE, java.time.LocalDate.of(2026, 11, 24))
                .executionId());
  }

  /** Where the first run dies: after the call whose log line starts with this. */
  @ParameterizedTest(name = "crash after {0}")
  @ValueSource(
      strings = {
        "account",
        "cancelAllOrders",
        "subscribe",
        "submit SELL",
        "submit BUY AAPL",
        "submit BUY TLT"
      })
  void aRunResumedAfterACrashPlacesNoOrderTwiceAndEndsWhereAnUninterruptedRunEnds(
      String crashPoint) {
    SimulatedBroker reference = simulated(BEFORE_CLOSE);
    try (RebalanceExecutor uninterrupted =
        RebalanceExecutor.builder()
            .accounts(OneAccount.of(reference, reference.marketData(), reference.marketClock()))
            .store(new InMemoryExecutionStore())
            .allocations(source)
            .clock(BEFORE_CLOSE)
            .build()) {
      assertThat(uninterrupted.execute(request(false)).record().status())
          .isEqualTo(ExecutionStatus.SUCCESS);
    }

    SimulatedBroker simulated = simulated(BEFORE_CLOSE);
    Predicate<String> crash = call -> call.startsWith(crashPoint);
    ScriptedBroker broker = new ScriptedBroker(simulated).crashAfter(crash);
    RebalanceExecutor first = executor(simulated, broker, BEFORE_CLOSE, source);
    assertThatThrownBy(() -> first.execute(request(false)))
        .isInstanceOf(ScriptedBroker.Crash.class);
    assertThat(
            store
                .find(new ExecutionKey("user-1", TradingMode.PAPER, first.marketDate()))
                .orElseThrow()
                .status())
        .isEqualTo(ExecutionStatus.RUNNING);

    ExecutionResult resumed =
        executor(simulated, broker, BEFORE_CLOSE, source).execute(request(false));

    assertThat(resumed.outcome()).isEqualTo(ExecutionOutcome.EXECUTED);
    assertThat(resumed.record().attempt()).isEqualTo(2);
    assertThat(resumed.record().status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(broker.submits()).extracting(call -> call.split(" ")[4]).doesNotHaveDuplicates();
    assertThat(broker.submits())
        .extracting(call -> call.split(" ")[1] + " " + call.split(" ")[2])
        .doesNotHaveDuplicates();
    assertThat(positions(simulated)).isEqualTo(positions(reference));
    assertThat(simulated.account().cash()).isEqualTo(reference.account().cash());
  }

  @Test
  void aRunHeldElsewhereIsLeftAlone() {
    SimulatedBroker simulated = simulated(BEFORE_CLOSE);
    ScriptedBroker broker = new ScriptedBroker(simulated);
    RebalanceExecutor run = executor(simulated, broker, BEFORE_CLOSE, source);
    ExecutionKey key = new ExecutionKey("user-1", TradingMode.PAPER, run.marketDate());

    try (ExecutionClaim held = store.claim(key, BEFORE_CLOSE.instant()).orElseThrow()) {
      ExecutionResult result = run.execute(request(false));

      assertThat(result.outcome()).isEqualTo(ExecutionOutcome.CLAIMED_ELSEWHERE);
      assertThat(held.execution().attempt()).isEqualTo(1);
    }
    assertThat(broker.submits()).isEmpty();
  }
}
