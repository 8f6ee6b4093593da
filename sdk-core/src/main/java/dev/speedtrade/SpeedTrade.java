package dev.speedtrade;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.rebalance.AllocationSource;
import dev.speedtrade.rebalance.ExecutionStore;
import dev.speedtrade.rebalance.InMemoryExecutionStore;
import dev.speedtrade.rebalance.InMemoryInvestmentStore;
import dev.speedtrade.rebalance.InMemorySettingsStore;
import dev.speedtrade.rebalance.InvestmentStore;
import dev.speedtrade.rebalance.RebalanceExecutor;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.SettingsStore;
import dev.speedtrade.rebalance.StaticAllocationSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SpeedTrade platform in the host's JVM: the adapters it runs on and, as later releases add them,
 * the services built on those adapters. Build one per process (or per tenant) and share it; it is
 * thread-safe.
 *
 * <pre>{@code
 * try (SpeedTrade platform = SpeedTrade.builder()
 *     .broker(broker).marketData(marketData).marketClock(marketClock)
 *     .ledger(JdbcLedger.h2InMemory())
 *     .build()) {
 *   Account account = platform.broker().account();
 * }
 * }</pre>
 *
 * <p>{@link #embedded()} builds a complete instance on simulated parts, with no network and no
 * database, for demos and tests: the simulated broker and an {@link InMemoryLedger}. (The core module
 * depends on no database driver; a host that wants the embedded H2 ledger passes {@code
 * JdbcLedger.h2InMemory()} or {@code JdbcLedger.h2File(...)} from {@code sdk-ledger-jdbc} to the
 * builder.)
 *
 * <p>The instance owns the adapters it is given: {@link #close()} closes each one that is {@link
 * AutoCloseable}, once, even when one object fills several roles. After {@code close()}, every
 * accessor throws {@link ErrorCode#CLOSED}.
 */
public final class SpeedTrade implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SpeedTrade.class);

  private final Broker broker;
  private final MarketData marketData;
  private final MarketClock marketClock;
  private final Ledger ledger;
  private final Clock clock;
  private final RebalanceExecutor rebalanceExecutor;
  private final RebalanceService rebalance;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SpeedTrade(Builder builder) {
    this.broker = require(builder.broker, "broker");
    this.marketData = require(builder.marketData, "marketData");
    this.marketClock = require(builder.marketClock, "marketClock");
    this.ledger = require(builder.ledger, "ledger");
    this.clock = builder.clock;
    ExecutionStore executions = builder.executionStore != null ? builder.executionStore : new InMemoryExecutionStore();
    this.rebalanceExecutor = RebalanceExecutor.builder()
        .broker(broker)
        .marketData(marketData)
        .marketClock(marketClock)
        .store(executions)
        .allocations(builder.allocationSource)
        .clock(clock)
        .build();
    this.rebalance = new RebalanceService(
        builder.investmentStore != null ? builder.investmentStore : new InMemoryInvestmentStore(),
        builder.settingsStore != null ? builder.settingsStore : new InMemorySettingsStore(),
        executions, rebalanceExecutor);
  }

  /** Returns a builder; {@link Builder#build()} checks that every required adapter was given. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns an in-process platform on a {@link SimulatedBroker} with its {@link
   * SimulatedBroker.Builder#demoListings() demo listings} and 100,000.00 USD of cash, and an empty
   * {@link InMemoryLedger}, on the system clock. Equity orders trade only while the simulated NYSE is open; see {@link
   * #embedded(Clock)} to choose the time.
   */
  public static SpeedTrade embedded() {
    return embedded(Clock.systemUTC());
  }

  /** Returns an in-process platform as {@link #embedded()}, on {@code clock}. */
  public static SpeedTrade embedded(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    SimulatedBroker broker = SimulatedBroker.builder().clock(clock).demoListings().build();
    return builder().simulated(broker).ledger(new InMemoryLedger(clock)).clock(clock).build();
  }

  /** Returns the brokerage account the platform trades. */
  public Broker broker() {
    checkOpen();
    return broker;
  }

  /** Returns the market data source. */
  public MarketData marketData() {
    checkOpen();
    return marketData;
  }

  /** Returns the market clock (US equities hours and calendar). */
  public MarketClock marketClock() {
    checkOpen();
    return marketClock;
  }

  /** Returns the money ledger. */
  public Ledger ledger() {
    checkOpen();
    return ledger;
  }

  /**
   * Returns the daily rebalance: its stores (investments, settings, the execution audit log) and
   * {@link RebalanceService#executeNow}.
   */
  public RebalanceService rebalance() {
    checkOpen();
    return rebalance;
  }

  /** Returns the clock every service of this platform reads. */
  public Clock clock() {
    checkOpen();
    return clock;
  }

  /** Returns true once {@link #close()} has been called. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Closes every {@link AutoCloseable} adapter the platform was given, once each, in reverse order of
   * their roles (ledger, market clock, market data, broker). Failures are logged and the rest still close.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    rebalanceExecutor.close();
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Object> adapters = new ArrayList<>(List.of(ledger, marketClock, marketData, broker));
    for (Object adapter : adapters) {
      if (adapter instanceof AutoCloseable closeable && seen.add(adapter)) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.warn("closing {} failed", adapter.getClass().getName(), e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "SpeedTrade{broker=" + broker.getClass().getSimpleName() + ", closed=" + closed.get() + "}";
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new SpeedTradeException(ErrorCode.CLOSED, "this SpeedTrade instance is closed");
    }
  }

  private static <T> T require(@Nullable T adapter, String role) {
    if (adapter == null) {
      throw new SpeedTradeException(ErrorCode.MISSING_ADAPTER,
          "SpeedTrade needs a " + role + ": call SpeedTrade.builder()." + role + "(...)");
    }
    return adapter;
  }

  /** Collects the adapters of a {@link SpeedTrade}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Broker broker;
    private @Nullable MarketData marketData;
    private @Nullable MarketClock marketClock;
    private @Nullable Ledger ledger;
    private @Nullable InvestmentStore investmentStore;
    private @Nullable SettingsStore settingsStore;
    private @Nullable ExecutionStore executionStore;
    private AllocationSource allocationSource = new StaticAllocationSource();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets the brokerage adapter. Required. */
    public Builder broker(Broker broker) {
      this.broker = Objects.requireNonNull(broker, "broker");
      return this;
    }

    /** Sets the market data adapter. Required. */
    public Builder marketData(MarketData marketData) {
      this.marketData = Objects.requireNonNull(marketData, "marketData");
      return this;
    }

    /** Sets the market clock adapter. Required. */
    public Builder marketClock(MarketClock marketClock) {
      this.marketClock = Objects.requireNonNull(marketClock, "marketClock");
      return this;
    }

    /** Sets the money ledger. Required. */
    public Builder ledger(Ledger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /** Sets broker, market data and market clock to the parts of one simulated broker. */
    public Builder simulated(SimulatedBroker simulated) {
      Objects.requireNonNull(simulated, "simulated");
      return broker(simulated).marketData(simulated.marketData()).marketClock(simulated.marketClock());
    }

    /** Sets where bot investments are kept; in memory when not set. */
    public Builder investmentStore(InvestmentStore store) {
      this.investmentStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Sets where trading settings are kept; in memory when not set. */
    public Builder settingsStore(SettingsStore store) {
      this.settingsStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets where rebalance executions are recorded and claimed; in memory when not set. Hosts that
     * share a database use a shared store, so that each user's day runs once across them.
     */
    public Builder executionStore(ExecutionStore store) {
      this.executionStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Sets where each bot's daily weights come from; an empty {@link StaticAllocationSource} when not set. */
    public Builder allocationSource(AllocationSource source) {
      this.allocationSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Sets the clock every service reads; the system UTC clock when not set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the platform.
     *
     * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} naming the first missing adapter
     */
    public SpeedTrade build() {
      return new SpeedTrade(this);
    }
  }
}
