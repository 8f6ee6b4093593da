package dev.speedtrade;

import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.SimulatedAccounts;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.FundingSettings;
import dev.speedtrade.funding.PaymentGateway;
import dev.speedtrade.funding.SettlementCalendar;
import dev.speedtrade.kyc.KycProvider;
import dev.speedtrade.kyc.KycService;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.oms.OmnibusAccounts;
import dev.speedtrade.oms.OrderMetrics;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.VenueMarket;
import dev.speedtrade.rebalance.AllocationSource;
import dev.speedtrade.rebalance.RebalanceExecutor;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.risk.RiskControls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a platform's parts from a {@link SpeedTrade.Builder}'s bundles and closes them: one clock
 * for every part, the stores opened once, each service over the stores it owns, and the host-facing
 * views that refuse calls after close.
 */
final class Wiring implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Wiring.class);

  final ClosedGuard guard = new ClosedGuard();
  final Clock clock;
  final TradingAccounts accounts;
  final MarketClock marketClock;
  final Ledger ledger;
  final RebalanceService rebalance;
  private final @Nullable OrderService orders;
  private final @Nullable RiskControls risk;
  private final @Nullable FundingService funding;
  private final @Nullable KycService kyc;
  private final List<Object> owned = new ArrayList<>();

  Wiring(
      @Nullable TradingAccounts accounts,
      @Nullable Brokerage omnibus,
      Storage storage,
      AllocationSource allocations,
      @Nullable Clock clock,
      @Nullable MarketClock marketClock,
      @Nullable Executor orderExecutor,
      OrderMetrics orderMetrics,
      @Nullable PaymentGateway payments,
      FundingSettings fundingSettings,
      @Nullable KycProvider kycProvider) {
    if (accounts == null && omnibus == null) {
      throw new SpeedTradeException(
          ErrorCode.MISSING_ADAPTER,
          "SpeedTrade needs the users' accounts: call SpeedTrade.builder().accounts(...), or"
              + " .omnibus(...) for client books on one venue");
    }
    if (accounts != null && omnibus != null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "SpeedTrade takes accounts(...) or omnibus(...), not both: omnibus client books are"
              + " the platform's accounts");
    }
    this.clock = omnibus != null ? venueClockOf(omnibus, clock) : clockOf(accounts, clock);
    this.marketClock =
        marketClock != null
            ? marketClock
            : omnibus != null ? omnibus.marketClock() : calendarOf(accounts, this.clock);
    Stores stores = storage.open(this.clock);
    this.ledger = guard.ledger(stores.ledger());
    this.kyc =
        kycProvider == null
            ? null
            : KycService.builder()
                .provider(kycProvider)
                .store(guard.kyc(stores.kyc()))
                .clock(this.clock)
                .build();
    if (omnibus != null) {
      this.risk = new RiskControls(guard.risk(stores.risk()), this.clock);
      OrderService.Builder b =
          OrderService.builder()
              .store(guard.orders(stores.orders()))
              .ledger(this.ledger)
              .market(VenueMarket.of(omnibus, this.clock))
              .riskControls(this.risk)
              .clock(this.clock)
              .venue(omnibus.broker())
              .metrics(orderMetrics);
      if (kyc != null) {
        b.kyc(kyc);
      }
      if (orderExecutor != null) {
        b.executor(orderExecutor);
      }
      this.orders = b.build();
      this.orders.recover();
      accounts = OmnibusAccounts.of(this.orders, omnibus);
      FundingService.Builder f =
          FundingService.builder()
              .store(guard.funding(stores.funding()))
              .ledger(this.ledger)
              .market(VenueMarket.of(omnibus, this.clock))
              .calendar(SettlementCalendar.of(this.marketClock))
              .clock(this.clock)
              .settings(fundingSettings)
              .orders(this.orders);
      if (payments != null) {
        f.payments(payments);
      }
      if (kyc != null) {
        f.kyc(kyc);
      }
      this.funding = f.build();
    } else {
      this.risk = null;
      this.orders = null;
      this.funding = null;
    }
    TradingAccounts trading = Objects.requireNonNull(accounts, "accounts");
    RebalanceExecutor executor =
        RebalanceExecutor.builder()
            .accounts(trading)
            .store(stores.executions())
            .allocations(allocations)
            .clock(this.clock)
            .build();
    this.rebalance =
        new RebalanceService(
            guard.investments(stores.investments()),
            guard.settings(stores.settings()),
            guard.executions(stores.executions()),
            executor,
            this.clock,
            kyc);
    this.accounts = guard.accounts(trading);
    List<Object> parts = new ArrayList<>();
    if (this.orders != null) {
      parts.add(this.orders);
    }
    parts.addAll(
        List.of(
            rebalance,
            stores.ledger(),
            stores.investments(),
            stores.settings(),
            stores.executions(),
            stores.orders(),
            stores.risk(),
            stores.funding(),
            stores.kyc(),
            trading,
            this.marketClock,
            allocations));
    if (omnibus != null) {
      parts.add(omnibus.broker());
      parts.add(omnibus.marketData());
    }
    owned.addAll(parts);
    if (stores.resource() != null) {
      owned.add(stores.resource());
    }
  }

  /** The order service of an omnibus platform. */
  OrderService orders() {
    OrderService service = orders;
    if (service == null) {
      throw new SpeedTradeException(
          ErrorCode.MISSING_ADAPTER,
          "this platform has per-user accounts and no order books: build it with"
              + " SpeedTrade.builder().omnibus(venue) for client orders on one venue");
    }
    return service;
  }

  /** The KYC service of a platform built with a KYC provider. */
  KycService kyc() {
    KycService service = kyc;
    if (service == null) {
      throw new SpeedTradeException(
          ErrorCode.MISSING_ADAPTER,
          "this platform has no KYC provider: build it with SpeedTrade.builder().kyc(provider)"
              + " (MockKycProvider, SumsubKycProvider or your own)");
    }
    return service;
  }

  /** The funding service of an omnibus platform. */
  FundingService funding() {
    FundingService service = funding;
    if (service == null) {
      throw new SpeedTradeException(
          ErrorCode.MISSING_ADAPTER,
          "funding keeps each client's cash in the platform's ledger, which only an omnibus"
              + " platform has: build it with SpeedTrade.builder().omnibus(venue)");
    }
    return service;
  }

  /** The risk controls of an omnibus platform. */
  RiskControls risk() {
    RiskControls controls = risk;
    if (controls == null) {
      orders();
    }
    return Objects.requireNonNull(controls, "risk");
  }

  /**
   * The platform's clock: the one given, or a simulated market's. A simulated market runs on its
   * own clock, so a platform over it on another clock would date records and orders by two times.
   */
  private static Clock clockOf(@Nullable TradingAccounts accounts, @Nullable Clock given) {
    if (accounts instanceof SimulatedAccounts simulated) {
      Clock market = simulated.market().clock();
      if (given != null && !given.equals(market)) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "the simulated market runs on "
                + market
                + " but the platform was given "
                + given
                + ": build the market on the platform's clock, or give the platform no clock");
      }
      return market;
    }
    return given != null ? given : Clock.systemUTC();
  }

  /**
   * An omnibus platform's clock: the one given, or a simulated venue's, which must then agree with
   * the one given, for the same reason as {@link #clockOf}.
   */
  private static Clock venueClockOf(Brokerage venue, @Nullable Clock given) {
    if (venue.broker() instanceof SimulatedBroker simulated) {
      Clock market = simulated.market().clock();
      if (given != null && !given.equals(market)) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "the simulated venue runs on "
                + market
                + " but the platform was given "
                + given
                + ": build the venue on the platform's clock, or give the platform no clock");
      }
      return market;
    }
    return given != null ? given : Clock.systemUTC();
  }

  /**
   * The calendar the schedulers read: a simulated market's, or the SDK's NYSE calendar on the
   * clock.
   */
  private static MarketClock calendarOf(@Nullable TradingAccounts accounts, Clock clock) {
    if (accounts instanceof SimulatedAccounts simulated) {
      return simulated.market().marketClock();
    }
    return SimulatedMarket.builder().clock(clock).build().marketClock();
  }

  /**
   * Closes every part that is {@link AutoCloseable}, once each, newest role first; failures are
   * logged.
   */
  @Override
  public void close() {
    if (!guard.close()) {
      return;
    }
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Object part : owned) {
      if (part instanceof AutoCloseable closeable && seen.add(part)) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.warn("closing {} failed", part.getClass().getName(), e);
        }
      }
    }
  }
}
