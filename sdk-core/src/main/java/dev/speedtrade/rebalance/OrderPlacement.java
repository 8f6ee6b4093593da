package dev.speedtrade.rebalance;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How one run places its orders on the user's broker: each order is recorded in the claim before it
 * is sent, under a client order id derived from the execution, so that a resumed run finds at the
 * broker what a crashed one sent instead of sending it again. Every order of a rebalance reaches
 * the account through {@link #place}; an order service with pre-trade checks sits behind the {@link
 * Broker} it is given. Used by one thread.
 */
final class OrderPlacement {
  /** The longest client order id produced: the bound older Alpaca accounts still enforce. */
  static final int MAX_CLIENT_ORDER_ID_LENGTH = 48;

  private static final int MAX_GENERATIONS = 10;

  private final Broker broker;
  private final ExecutionClaim claim;
  private final String executionId;
  private final boolean resumed;
  private final List<String> errors;
  private boolean placedAny;

  OrderPlacement(Broker broker, ExecutionClaim claim, List<String> errors) {
    this.broker = broker;
    this.claim = claim;
    this.executionId = claim.execution().id();
    this.resumed = claim.execution().attempt() > 1;
    this.errors = errors;
    this.placedAny = !claim.execution().orders().isEmpty();
  }

  /** Returns the client order id of one order: at most 48 characters, the same on every host. */
  static String clientOrderId(
      String executionId,
      OrderPhase phase,
      dev.speedtrade.broker.OrderSide side,
      String symbol,
      int generation) {
    String prefix =
        executionId + "-" + phase.name().charAt(0) + side.name().charAt(0) + generation + "-";
    String id = prefix + symbol;
    if (id.length() <= MAX_CLIENT_ORDER_ID_LENGTH) {
      return id;
    }
    return prefix + ExecutionKey.digest(symbol);
  }

  /** Returns true once the execution has any order recorded, by this run or an earlier one. */
  boolean placedAny() {
    return placedAny;
  }

  /**
   * Cancels every open order; a resumed run then waits, within {@code wait}, until the cancels are
   * final, because it re-plans on positions that the crashed run's orders must have stopped moving.
   */
  void cancelOpenOrders(Duration wait, Duration pollInterval) {
    List<String> pending = new ArrayList<>();
    for (CancelOutcome outcome : broker.cancelAllOrders()) {
      if (outcome.succeeded()) {
        pending.add(outcome.orderId());
      } else {
        errors.add(
            "cancel " + outcome.orderId() + ": " + outcome.error() + " " + outcome.message());
      }
    }
    if (!resumed) {
      return;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    for (String orderId : pending) {
      while (broker.order(orderId).map(BrokerOrder::isOpen).orElse(false)) {
        if (System.nanoTime() > deadline) {
          throw new SpeedTradeException(
              ErrorCode.PROVIDER_UNAVAILABLE,
              "order " + orderId + " was not canceled within " + wait);
        }
        pause(pollInterval);
      }
    }
  }

  /** Places each planned order of {@code phase}; returns them as recorded. */
  List<ExecutionOrder> place(OrderPhase phase, List<PlannedOrder> planned) {
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
      return submit(
          phase,
          0,
          clientOrderId(executionId, phase, planned.side(), planned.symbol(), 0),
          planned);
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
    errors.add(
        planned.side()
            + " "
            + planned.symbol()
            + ": "
            + MAX_GENERATIONS
            + " orders ended unfilled");
    return null;
  }

  private @Nullable ExecutionOrder submit(
      OrderPhase phase, int generation, String id, PlannedOrder planned) {
    BigDecimal price =
        planned.limitPrice() != null ? planned.limitPrice() : planned.referencePrice();
    ExecutionOrder recorded =
        new ExecutionOrder(
            id,
            phase,
            generation,
            planned.side(),
            planned.symbol(),
            planned.qty(),
            price,
            planned.type(),
            null,
            BigDecimal.ZERO,
            null,
            null);
    claim.saveOrder(recorded);
    placedAny = true;
    OrderRequest.Builder order =
        OrderRequest.builder()
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
      String error = RebalanceExecutor.describe(e);
      errors.add(planned.side() + " " + planned.symbol() + ": " + error);
      claim.saveOrder(
          new ExecutionOrder(
              id,
              phase,
              generation,
              planned.side(),
              planned.symbol(),
              planned.qty(),
              price,
              planned.type(),
              OrderStatus.REJECTED,
              BigDecimal.ZERO,
              null,
              error));
      return null;
    }
  }

  /** Records what the broker says of {@code recorded}. */
  ExecutionOrder save(ExecutionOrder recorded, BrokerOrder order) {
    ExecutionOrder updated =
        new ExecutionOrder(
            recorded.clientOrderId(),
            recorded.phase(),
            recorded.generation(),
            recorded.side(),
            recorded.symbol(),
            recorded.qty(),
            recorded.price(),
            recorded.type(),
            order.status(),
            order.filledQty().value(),
            order.id(),
            order.rejectReason());
    claim.saveOrder(updated);
    return updated;
  }

  static void pause(Duration interval) {
    try {
      Thread.sleep(Math.max(1, interval.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpeedTradeException(
          ErrorCode.PROVIDER_UNAVAILABLE, "interrupted while waiting for the broker");
    }
  }
}
