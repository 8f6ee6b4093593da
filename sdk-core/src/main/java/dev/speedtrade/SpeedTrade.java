package dev.speedtrade;

import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.SimulatedAccounts;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.FundingSettings;
import dev.speedtrade.funding.PaymentGateway;
import dev.speedtrade.kyc.KycProvider;
import dev.speedtrade.kyc.KycService;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.money.Money;
import dev.speedtrade.oms.OrderMetrics;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.rebalance.AllocationSource;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.risk.RiskControls;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * One SpeedTrade platform in the host's JVM, serving many users at once: each user's brokerage
 * accounts, the money ledger, and the services built on them. Build one per process (or per tenant)
 * and share it; it is thread-safe.
 *
 * <pre>{@code
 * SimulatedMarket market = SimulatedMarket.builder().clock(clock).demoListings().build();
 * SimulatedAccounts accounts = SimulatedAccounts.on(market);
 * accounts.open("alice", TradingMode.PAPER, Money.of("10000.00", "USD"));
 * try (SpeedTrade platform = SpeedTrade.builder()
 *     .accounts(accounts)
 *     .storage(JdbcStorage.h2File(Path.of("speedtrade.mv.db")))
 *     .build()) {
 *   Broker alice = platform.accounts().brokerage("alice", TradingMode.PAPER).broker();
 * }
 * }</pre>
 *
 * <p>The builder takes bundles: {@link Builder#accounts(TradingAccounts) accounts} (where each
 * user's money is traded), {@link Builder#storage(Storage) storage} (where everything is persisted;
 * in memory by default), {@link Builder#allocations(AllocationSource) allocations} and {@link
 * Builder#clock(Clock) clock}, given once for every part.
 *
 * <p><b>Closed means closed.</b> The platform owns what it is given: {@link #close()} closes each
 * part that is {@link AutoCloseable}, once, even when one object fills several roles. After {@code
 * close()} every accessor, and every service, store and account obtained from the platform before
 * (references kept included), throws {@link ErrorCode#CLOSED}, and a rebalance records nothing.
 */
public final class SpeedTrade implements AutoCloseable {
  /** The user {@link #embedded(Clock)} opens a paper account for. */
  public static final String DEMO_USER = "demo";

  private final Wiring wiring;

  private SpeedTrade(Wiring wiring) {
    this.wiring = wiring;
  }

  /** Returns a builder; {@link Builder#build()} checks that the accounts were given. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns an in-process platform on a {@link SimulatedMarket} with its {@link
   * SimulatedMarket.Builder#demoListings() demo listings}, where the user {@value #DEMO_USER} holds
   * a paper account of 100,000.00 USD, with storage in memory, on the system clock. Equity orders
   * trade only while the simulated NYSE is open; see {@link #embedded(Clock)} to choose the time.
   */
  public static SpeedTrade embedded() {
    return embedded(Clock.systemUTC());
  }

  /** Returns an in-process platform as {@link #embedded()}, on {@code clock}. */
  public static SpeedTrade embedded(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    SimulatedAccounts accounts =
        SimulatedAccounts.on(SimulatedMarket.builder().clock(clock).demoListings().build());
    accounts.open(DEMO_USER, TradingMode.PAPER, Money.of("100000.00", "USD"));
    return builder().accounts(accounts).build();
  }

  /**
   * Returns each user's brokerage: {@code accounts().brokerage(userId, mode)}. The brokerages it
   * returns refuse a request of the other mode ({@link ErrorCode#MODE_MISMATCH}) and every call
   * after {@link #close()}.
   */
  public TradingAccounts accounts() {
    wiring.guard.check();
    return wiring.accounts;
  }

  /**
   * Returns the order service of an omnibus platform ({@link Builder#omnibus}): submit, cancel and
   * replace client orders, read books, positions and portfolios, subscribe to order events,
   * reconcile.
   *
   * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} on a platform of per-user
   *     accounts, which has no order books
   */
  public OrderService orders() {
    wiring.guard.check();
    return wiring.orders();
  }

  /**
   * Returns the risk controls of an omnibus platform: each client's limits, and the trading state
   * of the platform and of each client (the kill switch), recorded with who and when.
   *
   * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} on a platform of per-user
   *     accounts
   */
  public RiskControls risk() {
    wiring.guard.check();
    return wiring.risk();
  }

  /**
   * Returns the funding service of an omnibus platform: users' deposits and the payment provider's
   * webhooks, instant and reviewed withdrawals, settlement ({@link FundingService#settleAndPay}
   * once each trading day), auto-invest through the order service, the liquidity report.
   *
   * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} on a platform of per-user
   *     accounts, whose cash is at each user's broker
   */
  public FundingService funding() {
    wiring.guard.check();
    return wiring.funding();
  }

  /**
   * Returns the KYC service of a platform built with {@link Builder#kyc}: start a user's
   * verification, handle the provider's webhooks, read statuses and history.
   *
   * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} on a platform without a KYC
   *     provider
   */
  public KycService kyc() {
    wiring.guard.check();
    return wiring.kyc();
  }

  /** Returns the money ledger. */
  public Ledger ledger() {
    wiring.guard.check();
    return wiring.ledger;
  }

  /**
   * Returns the daily rebalance: its stores (investments, settings, the execution audit log),
   * {@link RebalanceService#executeNow} and {@link RebalanceService#reopen}.
   */
  public RebalanceService rebalance() {
    wiring.guard.check();
    return wiring.rebalance;
  }

  /**
   * Returns the US equities calendar the schedulers read: the one given to the builder, a simulated
   * market's, or the SDK's own NYSE calendar (holidays and early closes) on the platform's clock.
   */
  public MarketClock marketClock() {
    wiring.guard.check();
    return wiring.marketClock;
  }

  /** Returns the clock every part of this platform reads. */
  public Clock clock() {
    wiring.guard.check();
    return wiring.clock;
  }

  /** Returns true once {@link #close()} has been called. */
  public boolean isClosed() {
    return wiring.guard.isClosed();
  }

  /**
   * Closes the services, the stores, the accounts and the other parts the platform was given that
   * are {@link AutoCloseable}, once each. Failures are logged and the rest still close. Idempotent.
   */
  @Override
  public void close() {
    wiring.close();
  }

  @Override
  public String toString() {
    return "SpeedTrade{closed=" + isClosed() + "}";
  }

  /** Collects the bundles of a {@link SpeedTrade}. Setters refuse null. Not thread-safe. */
  public static final class Builder {
    private @Nullable TradingAccounts accounts;
    private Storage storage = Storage.inMemory();
    private AllocationSource allocations = new StaticAllocationSource();
    private @Nullable Clock clock;
    private @Nullable MarketClock marketClock;
    private @Nullable Brokerage omnibus;
    private @Nullable Executor orderExecutor;
    private OrderMetrics orderMetrics = OrderMetrics.NONE;
    private @Nullable PaymentGateway payments;
    private FundingSettings fundingSettings = FundingSettings.DEFAULTS;
    private @Nullable KycProvider kyc;

    private Builder() {}

    /**
     * Makes the platform an omnibus one: it keeps each client's orders, fills, positions and cash
     * (in the ledger) itself, and sends every client order, risk-checked, to the one account {@code
     * venue} holds ({@code AlpacaBroker}, a {@link dev.speedtrade.broker.SimulatedBroker}, or a
     * host's own). {@link SpeedTrade#orders()} then takes orders, {@link SpeedTrade#risk()} sets
     * limits and the kill switch, and {@link SpeedTrade#accounts()} gives each client's view of the
     * books as a brokerage (in {@code venue}'s mode only), so the daily rebalance trades omnibus
     * clients through the same risk checks. Instead of {@link #accounts}.
     */
    public Builder omnibus(Brokerage venue) {
      this.omnibus = Objects.requireNonNull(venue, "venue");
      return this;
    }

    /**
     * Sets the payment provider an omnibus platform's {@link SpeedTrade#funding()} collects
     * deposits and pays withdrawals out through: a {@link
     * dev.speedtrade.funding.SimulatedPaymentGateway}, {@code StripePaymentGateway}, or a host's
     * own. Without one, deposits and payouts move only by the events the host applies.
     */
    public Builder payments(PaymentGateway payments) {
      this.payments = Objects.requireNonNull(payments, "payments");
      return this;
    }

    /**
     * Sets the identity provider users are verified with ({@link
     * dev.speedtrade.kyc.MockKycProvider}, {@code SumsubKycProvider}, or a host's own): {@link
     * SpeedTrade#kyc()} then keeps each user's verification, and the platform gates on it: an
     * omnibus client's orders, deposits above the KYC deposit limit, withdrawals, auto-invest and
     * bot rebalances need the user APPROVED ({@code KYC_REQUIRED} otherwise). Without one nothing
     * is gated by KYC.
     */
    public Builder kyc(KycProvider provider) {
      this.kyc = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Sets the funding rules (deposit bounds, instant withdrawal fee and limit, the KYC deposit
     * limit, auto-approval, the liquidity buffer); {@link FundingSettings#DEFAULTS} when not set.
     */
    public Builder funding(FundingSettings settings) {
      this.fundingSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets the executor an omnibus platform sends orders to its venue and delivers order events on;
     * by default the order service keeps a pool of daemon threads of its own.
     */
    public Builder orderExecutor(Executor executor) {
      this.orderExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets where an omnibus platform's order measurements go: {@code
     * MicrometerOrderMetrics.of(registry)} for a Micrometer registry; nothing is measured by
     * default.
     */
    public Builder orderMetrics(OrderMetrics metrics) {
      this.orderMetrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /**
     * Sets where each user's money is traded: {@link SimulatedAccounts}, {@code AlpacaAccounts}
     * from {@code sdk-broker-alpaca}, or a host's own {@link TradingAccounts}. Required.
     */
    public Builder accounts(TradingAccounts accounts) {
      this.accounts = Objects.requireNonNull(accounts, "accounts");
      return this;
    }

    /**
     * Sets where the ledger and every store are kept: {@link Storage#inMemory()} (the default) or
     * {@code JdbcStorage} from {@code sdk-ledger-jdbc}.
     */
    public Builder storage(Storage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /**
     * Sets where each bot's daily weights come from; an empty {@link StaticAllocationSource} when
     * not set.
     */
    public Builder allocations(AllocationSource allocations) {
      this.allocations = Objects.requireNonNull(allocations, "allocations");
      return this;
    }

    /**
     * Sets the clock every part reads. When not set: the clock of the {@link SimulatedAccounts}'
     * market, or the system UTC clock. A clock other than the simulated market's is refused by
     * {@link #build()}.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the US equities calendar the schedulers read (an Alpaca market clock, say); see {@link
     * SpeedTrade#marketClock()} for the default.
     */
    public Builder marketClock(MarketClock marketClock) {
      this.marketClock = Objects.requireNonNull(marketClock, "marketClock");
      return this;
    }

    /**
     * Returns the platform, its storage opened.
     *
     * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} when no accounts were given;
     *     {@link ErrorCode#INVALID_ARGUMENT} for a clock other than the simulated market's
     */
    public SpeedTrade build() {
      return new SpeedTrade(
          new Wiring(
              accounts,
              omnibus,
              storage,
              allocations,
              clock,
              marketClock,
              orderExecutor,
              orderMetrics,
              payments,
              fundingSettings,
              kyc));
    }
  }
}
