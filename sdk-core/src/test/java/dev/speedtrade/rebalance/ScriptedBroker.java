package dev.speedtrade.rebalance;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A {@link Broker} in front of another that logs every call, can rewrite orders before they reach
 * it, and can crash (throw {@link Crash}, an {@link Error} no executor catches, as a dying process
 * would stop) after a chosen call.
 */
final class ScriptedBroker implements Broker {
  /** Thrown to stop a run the way a dead process stops: nothing after it runs. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(String after) {
      super("crashed after " + after);
    }
  }

  private final Broker delegate;
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private Predicate<String> crashAfter = call -> false;
  private UnaryOperator<OrderRequest> rewrite = UnaryOperator.identity();

  ScriptedBroker(Broker delegate) {
    this.delegate = delegate;
  }

  /** Crashes after the first call whose log line {@code when} accepts; then behaves again. */
  ScriptedBroker crashAfter(Predicate<String> when) {
    this.crashAfter = when;
    return this;
  }

  ScriptedBroker rewrite(UnaryOperator<OrderRequest> rewrite) {
    this.rewrite = rewrite;
    return this;
  }

  /** The log lines of submitted orders: {@code submit SELL SPY 10 <clientOrderId>}. */
  List<String> submits() {
    synchronized (calls) {
      return calls.stream().filter(call -> call.startsWith("submit")).toList();
    }
  }

  private <T> T log(String call, T result) {
    calls.add(call);
    if (crashAfter.test(call)) {
      crashAfter = any -> false;
      throw new Crash(call);
    }
    return result;
  }

  @Override
  public Account account() {
    return log("account", delegate.account());
  }

  @Override
  public List<Position> positions() {
    return log("positions", delegate.positions());
  }

  @Override
  public List<BrokerOrder> openOrders() {
    return log("openOrders", delegate.openOrders());
  }

  @Override
  public BrokerOrder submitOrder(OrderRequest request) {
    BrokerOrder order = delegate.submitOrder(rewrite.apply(request));
    return log(
        "submit "
            + request.side()
            + " "
            + request.symbol()
            + " "
            + request.quantity().map(q -> q.value().toPlainString()).orElse("?")
            + " "
            + request.clientOrderId(),
        order);
  }

  @Override
  public Optional<BrokerOrder> order(String orderId) {
    return log("order", delegate.order(orderId));
  }

  @Override
  public Optional<BrokerOrder> orderByClientOrderId(String clientOrderId) {
    return log(
        "orderByClientOrderId " + clientOrderId, delegate.orderByClientOrderId(clientOrderId));
  }

  @Override
  public void cancelOrder(String orderId) {
    delegate.cancelOrder(orderId);
    log("cancelOrder", orderId);
  }

  @Override
  public BrokerOrder replaceOrder(String orderId, ReplaceRequest request) {
    return log("replaceOrder", delegate.replaceOrder(orderId, request));
  }

  @Override
  public List<CancelOutcome> cancelAllOrders() {
    return log("cancelAllOrders", delegate.cancelAllOrders());
  }

  @Override
  public BrokerOrder closePosition(String symbol) {
    return log("closePosition", delegate.closePosition(symbol));
  }

  @Override
  public Asset asset(String symbol) {
    return log("asset", delegate.asset(symbol));
  }

  @Override
  public Subscription subscribe(TradeUpdateListener listener) {
    return log("subscribe", delegate.subscribe(listener));
  }
}
