package dev.speedtrade.alpaca;

import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.MarketStatus;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.ReplaceRequest;
import dev.speedtrade.broker.Snapshot;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.event.Subscription;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One user's Alpaca account as {@link AlpacaAccounts} hands it out: the broker, market data and
 * market clock of a {@code Brokerage}. It holds no client of its own: each call runs on the
 * account's current client in the cache, which stays there (and open) until the call returns, or
 * until the subscription is closed; so a brokerage kept past an eviction opens the account again on
 * its next call. Null and blank arguments are refused before the account is opened, with the codes
 * the {@code Broker} and {@code MarketData} Javadoc names. Thread-safe.
 */
final class AlpacaAccount implements Broker, MarketData, MarketClock {
  private final AlpacaAccounts accounts;
  private final AlpacaAccounts.AccountKey key;

  AlpacaAccount(AlpacaAccounts accounts, AlpacaAccounts.AccountKey key) {
    this.accounts = accounts;
    this.key = key;
  }

  @Override
  public Account account() {
    return accounts.call(key, alpaca -> alpaca.broker().account());
  }

  @Override
  public List<Position> positions() {
    return accounts.call(key, alpaca -> alpaca.broker().positions());
  }

  @Override
  public List<BrokerOrder> openOrders() {
    return accounts.call(key, alpaca -> alpaca.broker().openOrders());
  }

  @Override
  public BrokerOrder submitOrder(OrderRequest request) {
    AlpacaArguments.request(request);
    return accounts.call(key, alpaca -> alpaca.broker().submitOrder(request));
  }

  @Override
  public Optional<BrokerOrder> order(String orderId) {
    AlpacaArguments.id(orderId, "order id");
    return accounts.call(key, alpaca -> alpaca.broker().order(orderId));
  }

  @Override
  public Optional<BrokerOrder> orderByClientOrderId(String clientOrderId) {
    AlpacaArguments.id(clientOrderId, "client order id");
    return accounts.call(key, alpaca -> alpaca.broker().orderByClientOrderId(clientOrderId));
  }

  @Override
  public void cancelOrder(String orderId) {
    AlpacaArguments.id(orderId, "order id");
    accounts.call(
        key,
        alpaca -> {
          alpaca.broker().cancelOrder(orderId);
          return orderId;
        });
  }

  @Override
  public BrokerOrder replaceOrder(String orderId, ReplaceRequest request) {
    AlpacaArguments.id(orderId, "order id");
    AlpacaArguments.replace(request);
    return accounts.call(key, alpaca -> alpaca.broker().replaceOrder(orderId, request));
  }

  @Override
  public List<CancelOutcome> cancelAllOrders() {
    return accounts.call(key, alpaca -> alpaca.broker().cancelAllOrders());
  }

  @Override
  public BrokerOrder closePosition(String symbol) {
    AlpacaSymbols.normalize(symbol);
    return accounts.call(key, alpaca -> alpaca.broker().closePosition(symbol));
  }

  @Override
  public Asset asset(String symbol) {
    AlpacaSymbols.normalize(symbol);
    return accounts.call(key, alpaca -> alpaca.broker().asset(symbol));
  }

  @Override
  public Subscription subscribe(TradeUpdateListener listener) {
    return accounts.subscribe(key, AlpacaArguments.listener(listener));
  }

  @Override
  public Map<String, Snapshot> snapshots(Collection<String> symbols) {
    AlpacaArguments.symbols(symbols).forEach(AlpacaSymbols::normalize);
    return accounts.call(key, alpaca -> alpaca.marketData().snapshots(symbols));
  }

  @Override
  public MarketStatus status() {
    return accounts.call(key, alpaca -> alpaca.marketClock().status());
  }

  @Override
  public List<TradingDay> calendar(LocalDate from, LocalDate to) {
    return accounts.call(key, alpaca -> alpaca.marketClock().calendar(from, to));
  }

  /** Names the user and mode; never a key. */
  @Override
  public String toString() {
    return "AlpacaAccount{" + key + "}";
  }
}
