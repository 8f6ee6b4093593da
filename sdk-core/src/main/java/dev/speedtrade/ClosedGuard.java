package dev.speedtrade;

import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.MarketStatus;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.ReplaceRequest;
import dev.speedtrade.broker.Snapshot;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.funding.spi.FundingBook;
import dev.speedtrade.funding.spi.FundingStore;
import dev.speedtrade.kyc.spi.KycBook;
import dev.speedtrade.kyc.spi.KycStore;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.oms.spi.AccountBook;
import dev.speedtrade.oms.spi.OrderRef;
import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionClaim;
import dev.speedtrade.rebalance.ExecutionEvent;
import dev.speedtrade.rebalance.ExecutionKey;
import dev.speedtrade.rebalance.ExecutionRecord;
import dev.speedtrade.rebalance.ExecutionStore;
import dev.speedtrade.rebalance.InvestmentStore;
import dev.speedtrade.rebalance.ScheduledUser;
import dev.speedtrade.rebalance.SettingsStore;
import dev.speedtrade.rebalance.TradingSettings;
import dev.speedtrade.risk.RiskLimits;
import dev.speedtrade.risk.RiskStore;
import dev.speedtrade.risk.TradingState;
import dev.speedtrade.risk.TradingStateChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Whether a platform is closed, and the views of its parts that the platform hands out: each
 * refuses every call with {@link ErrorCode#CLOSED} once the platform is closed, so that a reference
 * a host kept from before {@code close()} cannot reach a closed store or account. Thread-safe.
 */
final class ClosedGuard {
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Marks the platform closed; returns false when it already was. */
  boolean close() {
    return closed.compareAndSet(false, true);
  }

  boolean isClosed() {
    return closed.get();
  }

  void check() {
    if (closed.get()) {
      throw new SpeedTradeException(ErrorCode.CLOSED, "this SpeedTrade platform is closed");
    }
  }

  Ledger ledger(Ledger ledger) {
    return new GuardedLedger(ledger);
  }

  TradingAccounts accounts(TradingAccounts accounts) {
    return (userId, mode) -> {
      check();
      Brokerage brokerage = accounts.brokerage(userId, mode).requireMode(mode);
      return new Brokerage(
          brokerage.mode(),
          new GuardedBroker(brokerage.broker()),
          new GuardedMarketData(brokerage.marketData()),
          marketClock(brokerage.marketClock()));
    };
  }

  MarketClock marketClock(MarketClock clock) {
    return new GuardedMarketClock(clock);
  }

  InvestmentStore investments(InvestmentStore store) {
    return new GuardedInvestments(store);
  }

  SettingsStore settings(SettingsStore store) {
    return new GuardedSettings(store);
  }

  ExecutionStore executions(ExecutionStore store) {
    return new GuardedExecutions(store);
  }

  OrderStore orders(OrderStore store) {
    return new GuardedOrders(store);
  }

  RiskStore risk(RiskStore store) {
    return new GuardedRisk(store);
  }

  KycStore kyc(KycStore store) {
    return new KycStore() {
      @Override
      public <T> T inTransaction(Function<KycBook, T> work) {
        check();
        return store.inTransaction(work);
      }

      @Override
      public <T> T read(Function<KycBook, T> work) {
        check();
        return store.read(work);
      }

      @Override
      public String toString() {
        return store.toString();
      }
    };
  }

  FundingStore funding(FundingStore store) {
    return new FundingStore() {
      @Override
      public <T> T inTransaction(Function<FundingBook, T> work) {
        check();
        return store.inTransaction(work);
      }

      @Override
      public String toString() {
        return store.toString();
      }
    };
  }

  private final class GuardedOrders implements OrderStore {
    private final OrderStore store;

    GuardedOrders(OrderStore store) {
      this.store = store;
    }

    @Override
    public boolean createAccount(String account) {
      check();
      return store.createAccount(account);
    }

    @Override
    public boolean hasAccount(String account) {
      check();
      return store.hasAccount(account);
    }

    @Override
    public List<String> accounts() {
      check();
      return store.accounts();
    }

    @Override
    public Optional<OrderRef> locate(String orderId) {
      check();
      return store.locate(orderId);
    }

    @Override
    public <T> T inAccount(String account, Function<AccountBook, T> work) {
      check();
      return store.inAccount(account, work);
    }
  }

  private final class GuardedRisk implements RiskStore {
    private final RiskStore store;

    GuardedRisk(RiskStore store) {
      this.store = store;
    }

    @Override
    public RiskLimits limits(String account) {
      check();
      return store.limits(account);
    }

    @Override
    public void setLimits(String account, RiskLimits limits) {
      check();
      store.setLimits(account, limits);
    }

    @Override
    public TradingState platformState() {
      check();
      return store.platformState();
    }

    @Override
    public TradingState accountState(String account) {
      check();
      return store.accountState(account);
    }

    @Override
    public void apply(TradingStateChange change) {
      check();
      store.apply(change);
    }

    @Override
    public List<TradingStateChange> history() {
      check();
      return store.history();
    }
  }

  private final class GuardedLedger implements Ledger {
    private final Ledger ledger;

    GuardedLedger(Ledger ledger) {
      this.ledger = ledger;
    }

    @Override
    public List<AccountResult> createAccounts(List<LedgerAccount> accounts) {
      check();
      return ledger.createAccounts(accounts);
    }

    @Override
    public List<TransferResult> createTransfers(List<Transfer> transfers) {
      check();
      return ledger.createTransfers(transfers);
    }

    @Override
    public List<TransferResult> createLinkedTransfers(List<Transfer> chain) {
      check();
      return ledger.createLinkedTransfers(chain);
    }

    @Override
    public Optional<LedgerAccount> account(String id) {
      check();
      return ledger.account(id);
    }

    @Override
    public Optional<AccountBalances> balances(String accountId) {
      check();
      return ledger.balances(accountId);
    }

    @Override
    public List<Optional<AccountBalances>> balances(List<String> accountIds) {
      check();
      return ledger.balances(accountIds);
    }

    @Override
    public Optional<AccountBalances> balancesAt(String accountId, long timestamp) {
      check();
      return ledger.balancesAt(accountId, timestamp);
    }

    @Override
    public Optional<RecordedTransfer> transfer(String id) {
      check();
      return ledger.transfer(id);
    }

    @Override
    public Optional<PendingStatus> pendingStatus(String pendingId) {
      check();
      return ledger.pendingStatus(pendingId);
    }

    @Override
    public List<RecordedTransfer> transfers(String accountId, long afterTimestamp, int limit) {
      check();
      return ledger.transfers(accountId, afterTimestamp, limit);
    }

    @Override
    public String toString() {
      return ledger.toString();
    }
  }

  private final class GuardedBroker implements Broker {
    private final Broker broker;

    GuardedBroker(Broker broker) {
      this.broker = broker;
    }

    @Override
    public Account account() {
      check();
      return broker.account();
    }

    @Override
    public List<Position> positions() {
      check();
      return broker.positions();
    }

    @Override
    public List<BrokerOrder> openOrders() {
      check();
      return broker.openOrders();
    }

    @Override
    public BrokerOrder submitOrder(OrderRequest request) {
      check();
      return broker.submitOrder(request);
    }

    @Override
    public Optional<BrokerOrder> order(String orderId) {
      check();
      return broker.order(orderId);
    }

    @Override
    public Optional<BrokerOrder> orderByClientOrderId(String clientOrderId) {
      check();
      return broker.orderByClientOrderId(clientOrderId);
    }

    @Override
    public void cancelOrder(String orderId) {
      check();
      broker.cancelOrder(orderId);
    }

    @Override
    public BrokerOrder replaceOrder(String orderId, ReplaceRequest request) {
      check();
      return broker.replaceOrder(orderId, request);
    }

    @Override
    public List<CancelOutcome> cancelAllOrders() {
      check();
      return broker.cancelAllOrders();
    }

    @Override
    public BrokerOrder closePosition(String symbol) {
      check();
      return broker.closePosition(symbol);
    }

    @Override
    public Asset asset(String symbol) {
      check();
      return broker.asset(symbol);
    }

    @Override
    public Subscription subscribe(TradeUpdateListener listener) {
      check();
      return broker.subscribe(listener);
    }

    @Override
    public String toString() {
      return broker.toString();
    }
  }

  private final class GuardedMarketData implements MarketData {
    private final MarketData marketData;

    GuardedMarketData(MarketData marketData) {
      this.marketData = marketData;
    }

    @Override
    public Map<String, Snapshot> snapshots(Collection<String> symbols) {
      check();
      return marketData.snapshots(symbols);
    }
  }

  private final class GuardedMarketClock implements MarketClock {
    private final MarketClock clock;

    GuardedMarketClock(MarketClock clock) {
      this.clock = clock;
    }

    @Override
    public MarketStatus status() {
      check();
      return clock.status();
    }

    @Override
    public List<TradingDay> calendar(LocalDate from, LocalDate to) {
      check();
      return clock.calendar(from, to);
    }

    @Override
    public boolean isOpen() {
      check();
      return clock.isOpen();
    }
  }

  private final class GuardedInvestments implements InvestmentStore {
    private final InvestmentStore store;

    GuardedInvestments(InvestmentStore store) {
      this.store = store;
    }

    @Override
    public void put(String userId, TradingMode mode, BotInvestment investment) {
      check();
      store.put(userId, mode, investment);
    }

    @Override
    public boolean remove(String userId, TradingMode mode, String botId) {
      check();
      return store.remove(userId, mode, botId);
    }

    @Override
    public List<BotInvestment> list(String userId, TradingMode mode) {
      check();
      return store.list(userId, mode);
    }
  }

  private final class GuardedSettings implements SettingsStore {
    private final SettingsStore store;

    GuardedSettings(SettingsStore store) {
      this.store = store;
    }

    @Override
    public void put(String userId, TradingMode mode, TradingSettings settings) {
      check();
      store.put(userId, mode, settings);
    }

    @Override
    public Optional<TradingSettings> get(String userId, TradingMode mode) {
      check();
      return store.get(userId, mode);
    }

    @Override
    public List<ScheduledUser> enabled() {
      check();
      return store.enabled();
    }
  }

  private final class GuardedExecutions implements ExecutionStore {
    private final ExecutionStore store;

    GuardedExecutions(ExecutionStore store) {
      this.store = store;
    }

    @Override
    public Optional<ExecutionClaim> claim(ExecutionKey key, Instant now) {
      check();
      return store.claim(key, now);
    }

    @Override
    public Optional<ExecutionRecord> find(ExecutionKey key) {
      check();
      return store.find(key);
    }

    @Override
    public ExecutionRecord reopen(ExecutionKey key, String operator, String reason, Instant now) {
      check();
      return store.reopen(key, operator, reason, now);
    }

    @Override
    public List<ExecutionEvent> history(ExecutionKey key) {
      check();
      return store.history(key);
    }

    @Override
    public List<ExecutionRecord> list(
        String userId, TradingMode mode, LocalDate from, LocalDate to) {
      check();
      return store.list(userId, mode, from, to);
    }
  }
}
