package dev.speedtrade.rebalance;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.PositionSide;
import dev.speedtrade.broker.Snapshot;
import dev.speedtrade.broker.Subscription;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one user's daily rebalance on a broker, in the order of the contract: market-open check, read
 * the account and positions, ask each bot's {@link AllocationSource} (in parallel, each bounded by a
 * timeout), plan, cancel open orders, submit the sells, wait for them (trade updates, with polling as
 * the fallback), read again and plan the buys, submit them, and record the outcome.
 *
 * <p><b>Exactly once.</b> Each (user, mode, market date) is claimed in the {@link ExecutionStore}
 * first; a finished execution is never run again, and a run that crashed is resumed by the next
 * claim. Every order carries a client order id derived from the execution id, the symbol, the side,
 * the phase and a generation number, and is recorded in the store before it is submitted. A resumed
 * run looks up at the broker, by client order id, every order the store says was about to be sent,
 * and adopts what it finds instead of placing it again; it places a new generation only for an order
 * that ended without filling. A fresh run makes no such lookups: one broker call per order.
 *
 * <p>A dry run plans from the same reads and touches neither the broker's orders nor the store.
 * Thread-safe: any number of users may be executed at once.
 */
public final class RebalanceExecutor implements AutoCloseable {
  /** Market dates are New York dates. */
  public static final ZoneId MARKET_ZONE = ZoneId.of("America/New_York");
  /** The longest client order id produced: the bound older Alpaca accounts still enforce. */
  public static final int MAX_CLIENT_ORDER_ID_LENGTH = 48;
  private static final int MAX_GENERATIONS = 10;
  private static final Logger log = LoggerFactory.getLogger(RebalanceExecutor.class);

  private final Broker broker;
  private final MarketData marketData;
  private final MarketClock marketClock;
  private final ExecutionStore store;
  private final AllocationSource allocations;
  private final Clock clock;
  private final Duration allocationTimeout;
  private final Duration sellWait;
  private final Duration pollInterval;
  private final ExecutorService allocationThreads;

  private RebalanceExecutor(Builder builder) {
    this.broker = Objects.requireNonNull(builder.broker, "broker");
    this.marketData = Objects.requireNonNull(builder.marketData, "marketData");
    this.marketClock = Objects.requireNonNull(builder.marketClock, "marketClock");
    this.store = Objects.requireNonNull(builder.store, "store");
    this.allocations = Objects.requireNonNull(builder.allocations, "allocations");
    this.clock = builder.clock;
    this.allocationTimeout = builder.allocationTimeout;
    this.sellWait = builder.sellWait;
    this.pollInterval = builder.pollInterval;
    this.allocationThreads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "speedtrade-allocation");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Returns a builder; broker, market data, market clock, store and allocation source are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns today's market date on the executor's clock. */
  public LocalDate marketDate() {
    return LocalDate.ofInstant(clock.instant(), MARKET_ZONE);
  }

  /**
   * Runs (or, for a dry run, plans) {@code request}'s rebalance for today's market date.
   *
   * @throws SpeedTradeException only for a dry run whose reads fail; a real run records its failure
   *     instead and returns it
   */
  public ExecutionResult execute(RebalanceRequest request) {
    ExecutionKey key = new ExecutionKey(request.userId(), request.mode(), marketDate());
    if (request.dryRun()) {
      return new ExecutionResult(key, ExecutionOutcome.DRY_RUN,
          plan(request, fetchAllocations(request, key.marketDate())), null, null);
    }
    Optional<ExecutionClaim> claimed = store.claim(key, clock.instant());
    if (claimed.isEmpty()) {
      ExecutionRecord existing = store.find(key).orElse(null);
      ExecutionOutcome outcome = existing != null && existing.status().isFinal()
          ? ExecutionOutcome.ALREADY_FINISHED : ExecutionOutcome.CLAIMED_ELSEWHERE;
      return new ExecutionResult(key, outcome, null, null, existing);
    }
    try (ExecutionClaim claim = claimed.get()) {
      return new Run(request, key, claim).execute();
    }
  }

  /** Stops the threads that call allocation sources. */
  @Override
  public void close() {
    allocationThreads.shutdownNow();
  }

  /** Returns the client order id of one order: at most 48 characters, the same on every host. */
  static String clientOrderId(String executionId, OrderPhase phase, OrderSide side, String symbol, int generation) {
    String prefix = executionId + "-" + phase.name().charAt(0) + side.name().charAt(0) + generation + "-";
    String id = prefix + symbol;
    if (id.length() <= MAX_CLIENT_ORDER_ID_LENGTH) {
      return id;
    }
    return prefix + ExecutionKey.digest(symbol);
  }

  // ------------------------------------------------------------------ reads and planning

  /** Each invested bot's allocation, asked in parallel; a throw, a timeout or null fails the bot. */
  Map<String, Allocation> fetchAllocations(RebalanceRequest request, LocalDate marketDate) {
    Map<String, Future<Allocation>> pending = new LinkedHashMap<>();
    for (BotInvestment investment : request.investments()) {
      pending.put(investment.botId(), allocationThreads.submit(
          () -> allocations.allocation(investment.botId(), marketDate)));
    }
    long deadline = System.nanoTime() + allocationTimeout.toNanos();
    Map<String, Allocation> answers = new HashMap<>();
    pending.forEach((botId, future) -> {
      Allocation answer;
      try {
        answer = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (answer == null) {
          answer = Allocation.failed("no allocation");
        }
      } catch (TimeoutException e) {
        future.cancel(true);
        answer = Allocation.failed("timed out after " + allocationTimeout.toMillis() + " ms");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        answer = Allocation.failed(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        future.cancel(true);
        answer = Allocation.failed("interrupted");
      }
      answers.put(botId, answer);
    });
    return answers;
  }

  /** Reads the account, positions and prices and plans on them. */
  TradePlan plan(RebalanceRequest request, Map<String, Allocation> answers) {
    return TradePlanner.plan(input(request, answers));
  }

  /** Reads the account, positions and prices as the planner takes them. */
  private PlanInput input(RebalanceRequest request, Map<String, Allocation> answers) {
    Account account = broker.account();
    List<Holding> holdings = new ArrayList<>();
    for (Position position : broker.positions()) {
      BigDecimal qty = position.qty().value();
      holdings.add(new Holding(position.symbol(), position.side() == PositionSide.SHORT ? qty.negate() : qty));
    }
    Set<String> symbols = new LinkedHashSet<>();
    holdings.forEach(holding -> symbols.add(holding.symbol()));
    if (!request.settings().fallsBackToCash()) {
      symbols.add(request.settings().fallbackTicker());
    }
    for (Allocation answer : answers.values()) {
      if (answer instanceof Allocation.Weights weights) {
        for (SymbolWeight weight : weights.weights()) {
          String symbol = PlanSymbols.normalizeOrNull(weight.symbol());
          if (symbol != null && !symbol.equals(PlanSymbols.CASH)) {
            symbols.add(symbol);
          }
        }
      }
    }
    Map<String, ReferencePrices> prices = new HashMap<>();
    if (!symbols.isEmpty()) {
      marketData.snapshots(symbols).forEach((symbol, snapshot) -> prices.put(symbol, prices(snapshot)));
    }
    return PlanInput.builder(account.equity().amount())
        .cash(account.cash().amount())
        .holdings(holdings)
        .settings(request.settings())
        .investments(request.investments())
        .allocations(answers)
        .prices(prices)
        .build();
  }

  private static ReferencePrices prices(Snapshot snapshot) {
    return new ReferencePrices(snapshot.ask().map(Price::value).orElse(null),
        snapshot.lastTradePrice().map(Price::value).orElse(null),
        snapshot.dailyClose().map(Price::value).orElse(null));
  }

  /** One claimed execution, run on one thread. */
  private final class Run {
    private final RebalanceRequest request;
    private final ExecutionKey key;
    private final ExecutionClaim claim;
    private final String executionId;
    private final boolean resumed;
    private final List<String> errors = new ArrayList<>();
    private final Map<String, BrokerOrder> updates = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private long updateCount;

    Run(RebalanceRequest request, ExecutionKey key, ExecutionClaim claim) {
      this.request = request;
      this.key = key;
      this.claim = claim;
      this.executionId = claim.execution().id();
      this.resumed = claim.execution().attempt() > 1;
    }

    ExecutionResult execute() {
      TradePlan first = null;
      TradePlan second = null;
      try {
        if (!marketClock.isOpen()) {
          errors.add(ErrorCode.MARKET_CLOSED + ": the market is closed");
          return finish(ExecutionStatus.FAILED, null, null);
        }
        Map<String, Allocation> answers = fetchAllocations(request, key.marketDate());
        first = plan(request, answers);
        cancelOpenOrders();
        Subscription subscription = broker.subscribe(this::onUpdate);
        try {
          awaitSells(place(OrderPhase.SELL, first.sells()));
        } finally {
          subscription.close();
        }
        second = TradePlanner.planBuys(input(request, answers));
        place(OrderPhase.BUY, second.buys());
        return finish(errors.isEmpty() ? ExecutionStatus.SUCCESS : ExecutionStatus.PARTIAL, first, second);
      } catch (RuntimeException e) {
        log.warn("rebalance {} failed", executionId, e);
        errors.add(describe(e));
        return finish(ExecutionStatus.FAILED, first, second);
      }
    }

    private ExecutionResult finish(ExecutionStatus status, @Nullable TradePlan first, @Nullable TradePlan second) {
      TradePlan last = second != null ? second : first;
      claim.finish(status, last == null ? List.of() : last.targets(), last == null ? List.of() : last.warnings(),
          errors, clock.instant());
      ExecutionRecord record = store.find(key).orElseThrow();
      return new ExecutionResult(key, ExecutionOutcome.EXECUTED, first, second, record);
    }

    /** Cancels every open order and waits, within the sell wait, until the cancels are final. */
    private void cancelOpenOrders() {
      List<String> pending = new ArrayList<>();
      for (CancelOutcome outcome : broker.cancelAllOrders()) {
        if (outcome.succeeded()) {
          pending.add(outcome.orderId());
        } else {
          errors.add("cancel " + outcome.orderId() + ": " + outcome.error() + " " + outcome.message());
        }
      }
      if (!resumed) {
        return;
      }
      // A resumed run re-plans on positions: orders of the crashed run must have stopped filling first.
      long deadline = System.nanoTime() + sellWait.toNanos();
      for (String orderId : pending) {
        while (broker.order(orderId).map(BrokerOrder::isOpen).orElse(false)) {
          if (System.nanoTime() > deadline) {
            throw new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE,
                "order " + orderId + " was not canceled within " + sellWait);
          }
          pause();
        }
      }
    }

    /** Places each planned order of {@code phase}; returns them as recorded. */
    private List<ExecutionOrder> place(OrderPhase phase, List<PlannedOrder> planned) {
      List<ExecutionOrder> placed = new ArrayList<>();
      for (PlannedOrder order : planned) {
        ExecutionOrder result = placeOne(phase, order);
        if (result != null) {
          placed.add(result);
        }
      }
      return placed;
    }

    /**
     * Places one planned order. A fresh run submits at once. A resumed run first asks the store, then
     * the broker, about each generation of the order's client order id: it submits an id the broker
     * never saw, adopts one still open, and moves to the next generation past one that ended.
     */
    private @Nullable ExecutionOrder placeOne(OrderPhase phase, PlannedOrder planned) {
      if (!resumed) {
        return submit(phase, 0, clientOrderId(executionId, phase, planned.side(), planned.symbol(), 0), planned);
      }
      for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
        String id = clientOrderId(executionId, phase, planned.side(), planned.symbol(), generation);
        Optional<ExecutionOrder> saved = claim.order(id);
        if (saved.isEmpty()) {
          return submit(phase, generation, id, planned);
        }
        Optional<BrokerOrder> known = broker.orderByClientOrderId(id);
        if (known.isEmpty()) {
          return submit(phase, generation, id, planned);
        }
        ExecutionOrder adopted = save(saved.get(), known.get());
        if (known.get().isOpen()) {
          return adopted;
        }
      }
      errors.add(planned.side() + " " + planned.symbol() + ": " + MAX_GENERATIONS + " orders ended unfilled");
      return null;
    }

    private @Nullable ExecutionOrder submit(OrderPhase phase, int generation, String id, PlannedOrder planned) {
      BigDecimal price = planned.limitPrice() != null ? planned.limitPrice() : planned.referencePrice();
      ExecutionOrder recorded = new ExecutionOrder(id, phase, generation, planned.side(), planned.symbol(),
          planned.qty(), price, planned.type(), null, BigDecimal.ZERO, null, null);
      claim.saveOrder(recorded);
      OrderRequest.Builder order = OrderRequest.builder()
          .symbol(planned.symbol())
          .side(planned.side())
          .type(planned.type())
          .timeInForce(TimeInForce.DAY)
          .qty(Quantity.of(planned.qty()))
          .clientOrderId(id);
      if (planned.limitPrice() != null) {
        order.limitPrice(Price.of(planned.limitPrice()));
      }
      try {
        return save(recorded, broker.submitOrder(order.build()));
      } catch (SpeedTradeException e) {
        if (e.code() == ErrorCode.DUPLICATE_CLIENT_ORDER_ID) {
          Optional<BrokerOrder> known = broker.orderByClientOrderId(id);
          if (known.isPresent()) {
            return save(recorded, known.get());
          }
        }
        String error = describe(e);
        errors.add(planned.side() + " " + planned.symbol() + ": " + error);
        ExecutionOrder refused = new ExecutionOrder(id, phase, generation, planned.side(), planned.symbol(),
            planned.qty(), price, planned.type(), OrderStatus.REJECTED, BigDecimal.ZERO, null, error);
        claim.saveOrder(refused);
        return null;
      }
    }

    private ExecutionOrder save(ExecutionOrder recorded, BrokerOrder order) {
      ExecutionOrder updated = new ExecutionOrder(recorded.clientOrderId(), recorded.phase(), recorded.generation(),
          recorded.side(), recorded.symbol(), recorded.qty(), recorded.price(), recorded.type(), order.status(),
          order.filledQty().value(), order.id(), order.rejectReason());
      claim.saveOrder(updated);
      return updated;
    }

    private void onUpdate(dev.speedtrade.broker.TradeUpdate update) {
      updates.put(update.order().clientOrderId(), update.order());
      synchronized (signal) {
        updateCount++;
        signal.notifyAll();
      }
    }

    /**
     * Waits until every sell is final or the sell wait passes: woken by trade updates, and polling
     * the broker every poll interval for sells no update has finished.
     */
    private void awaitSells(List<ExecutionOrder> sells) {
      Map<String, ExecutionOrder> open = new LinkedHashMap<>();
      for (ExecutionOrder sell : sells) {
        if (sell.isOpen()) {
          open.put(sell.clientOrderId(), sell);
        }
      }
      long deadline = System.nanoTime() + sellWait.toNanos();
      while (!open.isEmpty()) {
        long seen;
        synchronized (signal) {
          seen = updateCount;
        }
        for (ExecutionOrder sell : List.copyOf(open.values())) {
          BrokerOrder latest = updates.get(sell.clientOrderId());
          if (latest == null || latest.isOpen()) {
            latest = broker.order(Objects.requireNonNull(sell.brokerOrderId())).orElse(latest);
          }
          if (latest != null && !latest.isOpen()) {
            save(sell, latest);
            open.remove(sell.clientOrderId());
          }
        }
        if (open.isEmpty() || System.nanoTime() > deadline) {
          break;
        }
        synchronized (signal) {
          try {
            if (updateCount == seen) {
              signal.wait(Math.max(1, pollInterval.toMillis()));
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      for (ExecutionOrder sell : sells) {
        ExecutionOrder last = claim.order(sell.clientOrderId()).orElse(sell);
        if (last.status() != OrderStatus.FILLED) {
          errors.add("SELL " + sell.symbol() + ": " + (last.isOpen() ? "not filled within " + sellWait
              : "ended " + last.status() + " with " + last.filledQty().toPlainString() + " of "
                  + sell.qty().toPlainString() + " filled"));
        }
      }
    }

    private void pause() {
      try {
        Thread.sleep(Math.max(1, pollInterval.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE, "interrupted while waiting for cancels");
      }
    }
  }

  private static String describe(RuntimeException e) {
    if (e instanceof SpeedTradeException s) {
      return s.code() + ": " + s.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Builds a {@link RebalanceExecutor}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Broker broker;
    private @Nullable MarketData marketData;
    private @Nullable MarketClock marketClock;
    private @Nullable ExecutionStore store;
    private @Nullable AllocationSource allocations;
    private Clock clock = Clock.systemUTC();
    private Duration allocationTimeout = Duration.ofSeconds(10);
    private Duration sellWait = Duration.ofSeconds(60);
    private Duration pollInterval = Duration.ofSeconds(1);

    private Builder() {}

    /** Sets the broker that holds the account (paper or live, matching the requests' mode). */
    public Builder broker(Broker broker) {
      this.broker = broker;
      return this;
    }

    /** Sets where reference prices come from: one batched snapshot read per plan. */
    public Builder marketData(MarketData marketData) {
      this.marketData = marketData;
      return this;
    }

    /** Sets the clock that says whether the market is open. */
    public Builder marketClock(MarketClock marketClock) {
      this.marketClock = marketClock;
      return this;
    }

    /** Sets the store of executions and their orders. */
    public Builder store(ExecutionStore store) {
      this.store = store;
      return this;
    }

    /** Sets where each bot's weights come from. */
    public Builder allocations(AllocationSource allocations) {
      this.allocations = allocations;
      return this;
    }

    /** Sets the clock that gives the market date and the recorded times. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets how long all of one execution's allocation calls may take together (default 10 s). */
    public Builder allocationTimeout(Duration timeout) {
      this.allocationTimeout = positive(timeout, "allocationTimeout");
      return this;
    }

    /** Sets how long to wait for the sells to be final before planning the buys (default 60 s). */
    public Builder sellWait(Duration wait) {
      this.sellWait = positive(wait, "sellWait");
      return this;
    }

    /** Sets how often unfinished sells are polled when no trade update arrives (default 1 s). */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "pollInterval");
      return this;
    }

    /**
     * Returns the executor.
     *
     * @throws NullPointerException naming a missing broker, market data, market clock, store or
     *     allocation source
     */
    public RebalanceExecutor build() {
      return new RebalanceExecutor(this);
    }

    private static Duration positive(Duration duration, String what) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must be positive, got " + duration);
      }
      return duration;
    }
  }
}
