package dev.speedtrade.jdbc;

import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.ReplaceRequest;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.event.Subscription;
import java.util.List;
import java.util.Optional;

/** A broker that forwards every call; tests override what they change. */
class ForwardingBroker implements Broker {
  private final Broker delegate;

  ForwardingBroker(Broker delegate) {
    this.delegate = delegate;
  }

  @Override
  public Account account() {
    return delegate.account();
  }

  @Override
  public List<Position> positions() {
    return delegate.positions();
  }

  @Override
  public List<BrokerOrder> openOrders() {
    return delegate.openOrders();
  }

  @Override
  public BrokerOrder submitOrder(OrderRequest request) {
    return delegate.submitOrder(request);
  }

  @Override
  public Optional<BrokerOrder> order(String orderId) {
    return delegate.order(orderId);
  }

  @Override
  public Optional<BrokerOrder> orderByClientOrderId(String clientOrderId) {
    return delegate.orderByClientOrderId(clientOrderId);
  }

  @Override
  public void cancelOrder(String orderId) {
    delegate.cancelOrder(orderId);
  }

  @Override
  public BrokerOrder replaceOrder(String orderId, ReplaceRequest request) {
    return delegate.replaceOrder(orderId, request);
  }

  @Override
  public List<CancelOutcome> cancelAllOrders() {
    return delegate.cancelAllOrders();
  }

  @Override
  public BrokerOrder closePosition(String symbol) {
    return delegate.closePosition(symbol);
  }

  @Override
  public Asset asset(String symbol) {
    return delegate.asset(symbol);
  }

  @Override
  public Subscription subscribe(TradeUpdateListener listener) {
    return delegate.subscribe(listener);
  }
}
