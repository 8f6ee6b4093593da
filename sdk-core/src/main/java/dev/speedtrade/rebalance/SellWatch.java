package dev.speedtrade.rebalance;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.event.Subscription;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waits for a run's sells to be final before it plans the buys: woken by the broker's trade updates
 * while subscribed, and polling the broker every poll interval for sells no update has finished.
 * The subscription lives only as long as this watch, so an adapter that opens a stream per
 * subscriber holds it only while a run waits. Used by one run's thread; updates arrive on the
 * broker's.
 */
final class SellWatch implements AutoCloseable {
  private final Broker broker;
  private final Map<String, BrokerOrder> updates = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private final Subscription subscription;
  private long updateCount;

  SellWatch(Broker broker) {
    this.broker = broker;
    this.subscription = broker.subscribe(this::onUpdate);
  }

  private void onUpdate(TradeUpdate update) {
    updates.put(update.order().clientOrderId(), update.order());
    synchronized (signal) {
      updateCount++;
      signal.notifyAll();
    }
  }

  /**
   * Waits until every sell is final or {@code wait} passes, saving each sell's final state through
   * {@code placement}, and adds to {@code errors} a line for each sell that did not fill.
   */
  void await(
      List<ExecutionOrder> sells,
      OrderPlacement placement,
      ExecutionClaim claim,
      Duration wait,
      Duration pollInterval,
      List<String> errors) {
    Map<String, ExecutionOrder> open = new LinkedHashMap<>();
    for (ExecutionOrder sell : sells) {
      if (sell.isOpen()) {
        open.put(sell.clientOrderId(), sell);
      }
    }
    long deadline = System.nanoTime() + wait.toNanos();
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
          placement.save(sell, latest);
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
        errors.add(
            "SELL "
                + sell.symbol()
                + ": "
                + (last.isOpen()
                    ? "not filled within " + wait
                    : "ended "
                        + last.status()
                        + " with "
                        + last.filledQty().toPlainString()
                        + " of "
                        + sell.qty().toPlainString()
                        + " filled"));
      }
    }
  }

  @Override
  public void close() {
    subscription.close();
  }
}
