package dev.speedtrade.rebalance;

import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.PositionSide;
import dev.speedtrade.broker.Snapshot;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Price;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one user's daily rebalance on that user's own account, in the order of the contract: find
 * the user's {@link Brokerage} in the {@link TradingAccounts} (refused before anything is recorded
 * when there is none, or when it holds the other mode's money), market-open check, read the account
 * and positions, ask each bot's {@link AllocationSource} (in parallel, each bounded by a timeout),
 * plan, cancel open orders, submit the sells, wait for them (trade updates, with polling as the
 * fallback), read again and plan the buys, submit them, and record the outcome.
 *
 * <p><b>Exactly once.</b> Each (user, mode, market date) is claimed in the {@link ExecutionStore}
 * first; a finished execution is never run again, and a run that crashed is resumed by the next
 * claim. Every order carries a client order id derived from the execution id, the symbol, the side,
 * the phase and a generation number, and is recorded in the store before it is submitted. A resumed
 * run looks up at the broker, by client order id, every order the store says was about to be sent,
 * and adopts what it finds instead of placing it again; it places a new generation only for an
 * order that ended without filling. A fresh run makes no such lookups: one broker call per order.
 *
 * <p><b>A failure does not burn the day.</b> A run that fails before any order of the day was
 * recorded (the market not yet open, the broker unavailable while reading) gives the execution
 * back, {@link ExecutionStatus#PENDING}, and answers {@link ExecutionOutcome#POSTPONED}: the next
 * scheduler tick or manual run executes the day. A run that fails after orders were placed ends
 * {@link ExecutionStatus#FAILED}, which is final until an operator re-opens it ({@link
 * ExecutionStore#reopen}).
 *
 * <p>A dry run plans from the same reads and touches neither the broker's orders nor the store.
 * Thread-safe: any number of users may be executed at once. After {@link #close()} every call
 * throws {@link ErrorCode#CLOSED} and records nothing.
 */
public final class RebalanceExecutor implements AutoCloseable {
  /** Market dates are New York dates. */
  public static final ZoneId MARKET_ZONE = ZoneId.of("America/New_York");

  /** The longest client order id produced: the bound older Alpaca accounts still enforce. */
  public static final int MAX_CLIENT_ORDER_ID_LENGTH = OrderPlacement.MAX_CLIENT_ORDER_ID_LENGTH;

  private static final Logger log = LoggerFactory.getLogger(RebalanceExecutor.class);

  private final TradingAccounts accounts;
  private final ExecutionStore store;
  private final Clock clock;
  private final Duration sellWait;
  private final Duration pollInterval;
  private final AllocationFetcher allocations;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RebalanceExecutor(Builder builder) {
    this.accounts = required(builder.accounts, "accounts");
    this.store = required(builder.store, "store");
    this.clock = builder.clock;
    this.sellWait = builder.sellWait;
    this.pollInterval = builder.pollInterval;
    this.allocations =
        new AllocationFetcher(
            required(builder.allocations, "allocations"), builder.allocationTimeout);
  }

  private static <T> T required(@Nullable T part, String name) {
    if (part == null) {
      throw new SpeedTradeException(
          ErrorCode.MISSING_ADAPTER,
          "a RebalanceExecutor needs "
              + name
              + ": call RebalanceExecutor.builder()."
              + name
              + "(...)");
    }
    return part;
  }

  /** Returns a builder; the accounts, the store and the allocation source are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns today's market date on the executor's clock. */
  public LocalDate marketDate() {
    return LocalDate.ofInstant(clock.instant(), MARKET_ZONE);
  }

  /**
   * Runs (or, for a dry run, plans) {@code request}'s rebalance for today's market date, on the
   * request's user's own account.
   *
   * @throws SpeedTradeException before anything is traded or recorded: {@link
   *     ErrorCode#ACCOUNT_NOT_FOUND} when the user has no account in the request's mode, {@link
   *     ErrorCode#MODE_MISMATCH} when the account holds the other mode's money, {@link
   *     ErrorCode#CLOSED} after {@link #close()}; for a dry run, whatever its reads throw. A real
   *     run records any later failure instead and returns it.
   */
  public ExecutionResult execute(RebalanceRequest request) {
    Objects.requireNonNull(request, "request");
    checkOpen();
    Brokerage brokerage =
        accounts.brokerage(request.userId(), request.mode()).requireMode(request.mode());
    ExecutionKey key = new ExecutionKey(request.userId(), request.mode(), marketDate());
    if (request.dryRun()) {
      return new ExecutionResult(
          key,
          ExecutionOutcome.DRY_RUN,
          plan(brokerage, request, allocations.fetch(request.investments(), key.marketDate())),
          null,
          null);
    }
    Optional<ExecutionClaim> claimed = store.claim(key, clock.instant());
    if (claimed.isEmpty()) {
      ExecutionRecord existing = store.find(key).orElse(null);
      ExecutionOutcome outcome =
          existing != null && existing.status().isFinal()
              ? ExecutionOutcome.ALREADY_FINISHED
              : ExecutionOutcome.CLAIMED_ELSEWHERE;
      return new ExecutionResult(key, outcome, null, null, existing);
    }
    try (ExecutionClaim claim = claimed.get()) {
      return new Run(brokerage, request, key, claim).execute();
    }
  }

  /**
   * Stops the threads that call allocation sources; later calls throw {@link ErrorCode#CLOSED}.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      allocations.close();
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new SpeedTradeException(ErrorCode.CLOSED, "this RebalanceExecutor is closed");
    }
  }

  /** Returns the client order id of one order: at most 48 characters, the same on every host. */
  static String clientOrderId(
      String executionId, OrderPhase phase, OrderSide side, String symbol, int generation) {
    return OrderPlacement.clientOrderId(executionId, phase, side, symbol, generation);
  }

  // ------------------------------------------------------------------ reads and planning

  /** Reads the account, positions and prices and plans on them. */
  static TradePlan plan(
      Brokerage brokerage, RebalanceRequest request, Map<String, Allocation> answers) {
    return TradePlanner.plan(input(brokerage, request, answers));
  }

  /** Reads the account, positions and prices as the planner takes them. */
  private static PlanInput input(
      Brokerage brokerage, RebalanceRequest request, Map<String, Allocation> answers) {
    Account account = brokerage.broker().account();
    List<Holding> holdings = new ArrayList<>();
    for (Position position : brokerage.broker().positions()) {
      BigDecimal qty = position.qty().value();
      holdings.add(
          new Holding(
              position.symbol(), position.side() == PositionSide.SHORT ? qty.negate() : qty));
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
      brokerage
          .marketData()
          .snapshots(symbols)
          .forEach((symbol, snapshot) -> prices.put(symbol, prices(snapshot)));
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
    return new ReferencePrices(
        snapshot.ask().map(Price::value).orElse(null),
        snapshot.lastTradePrice().map(Price::value).orElse(null),
        snapshot.dailyClose().map(Price::value).orElse(null));
  }

  static String describe(RuntimeException e) {
    if (e instanceof SpeedTradeException s) {
      return s.code() + ": " + s.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** One claimed execution, run on one thread. */
  private final class Run {
    private final Brokerage brokerage;
    private final RebalanceRequest request;
    private final ExecutionKey key;
    private final ExecutionClaim claim;
    private final List<String> errors = new ArrayList<>();
    private final OrderPlacement placement;

    Run(Brokerage brokerage, RebalanceRequest request, ExecutionKey key, ExecutionClaim claim) {
      this.brokerage = brokerage;
      this.request = request;
      this.key = key;
      this.claim = claim;
      this.placement = new OrderPlacement(brokerage.broker(), claim, errors);
    }

    ExecutionResult execute() {
      TradePlan first = null;
      TradePlan second = null;
      try {
        if (!brokerage.marketClock().isOpen()) {
          errors.add(ErrorCode.MARKET_CLOSED + ": the market is closed");
          return finish(ExecutionStatus.FAILED, null, null);
        }
        Map<String, Allocation> answers =
            allocations.fetch(request.investments(), key.marketDate());
        first = plan(brokerage, request, answers);
        placement.cancelOpenOrders(sellWait, pollInterval);
        try (SellWatch watch = new SellWatch(brokerage.broker())) {
          watch.await(
              placement.place(OrderPhase.SELL, first.sells()),
              placement,
              claim,
              sellWait,
              pollInterval,
              errors);
        }
        second = TradePlanner.planBuys(input(brokerage, request, answers));
        placement.place(OrderPhase.BUY, second.buys());
        return finish(
            errors.isEmpty() ? ExecutionStatus.SUCCESS : ExecutionStatus.PARTIAL, first, second);
      } catch (RuntimeException e) {
        log.warn("rebalance {} failed", key.executionId(), e);
        errors.add(describe(e));
        return finish(ExecutionStatus.FAILED, first, second);
      }
    }

    private ExecutionResult finish(
        ExecutionStatus status, @Nullable TradePlan first, @Nullable TradePlan second) {
      if (status == ExecutionStatus.FAILED && !placement.placedAny()) {
        claim.release(errors, clock.instant());
        return new ExecutionResult(
            key, ExecutionOutcome.POSTPONED, first, second, store.find(key).orElseThrow());
      }
      TradePlan last = second != null ? second : first;
      claim.finish(
          status,
          last == null ? List.of() : last.targets(),
          last == null ? List.of() : last.warnings(),
          errors,
          clock.instant());
      return new ExecutionResult(
          key, ExecutionOutcome.EXECUTED, first, second, store.find(key).orElseThrow());
    }
  }

  /** Builds a {@link RebalanceExecutor}. Setters refuse null. Not thread-safe. */
  public static final class Builder {
    private @Nullable TradingAccounts accounts;
    private @Nullable ExecutionStore store;
    private @Nullable AllocationSource allocations;
    private Clock clock = Clock.systemUTC();
    private Duration allocationTimeout = Duration.ofSeconds(10);
    private Duration sellWait = Duration.ofSeconds(60);
    private Duration pollInterval = Duration.ofSeconds(1);

    private Builder() {}

    /**
     * Sets where each user's account is found: the broker, market data and market clock that serve
     * it.
     */
    public Builder accounts(TradingAccounts accounts) {
      this.accounts = Objects.requireNonNull(accounts, "accounts");
      return this;
    }

    /** Sets the store of executions and their orders. */
    public Builder store(ExecutionStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Sets where each bot's weights come from. */
    public Builder allocations(AllocationSource allocations) {
      this.allocations = Objects.requireNonNull(allocations, "allocations");
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
     * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} naming a missing part
     *     (accounts, store or allocations)
     */
    public RebalanceExecutor build() {
      return new RebalanceExecutor(this);
    }

    private static Duration positive(Duration duration, String what) {
      Objects.requireNonNull(duration, what);
      if (duration.isNegative() || duration.isZero()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, what + " must be positive, got " + duration);
      }
      return duration;
    }
  }
}
