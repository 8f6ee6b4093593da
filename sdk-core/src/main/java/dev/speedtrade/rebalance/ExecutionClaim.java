package dev.speedtrade.rebalance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The exclusive right to run one execution, from {@link ExecutionStore#claim}. While it is open no
 * other claim on the same key is granted, in this process or (for a shared store) in any other; a
 * claim whose holder dies is released by the store (its connection or lock goes with it), so that a
 * later run can resume. Used by one thread.
 */
public interface ExecutionClaim extends AutoCloseable {

  /** Returns the execution as it stood when claimed, with this claim's attempt number. */
  ExecutionRecord execution();

  /** Returns the order recorded under {@code clientOrderId}, as last saved. */
  Optional<ExecutionOrder> order(String clientOrderId);

  /** Inserts or replaces (by client order id) one order of the execution. */
  void saveOrder(ExecutionOrder order);

  /**
   * Records the execution's outcome and a {@link ExecutionEvent.Kind#FINISHED} event; the execution
   * is final afterwards.
   */
  void finish(
      ExecutionStatus status,
      List<PlanTarget> targets,
      List<PlanWarning> warnings,
      List<String> errors,
      Instant finishedAt);

  /**
   * Gives the execution back, {@link ExecutionStatus#PENDING}, because the run stopped before it
   * placed any order: records {@code errors} on the execution and a {@link
   * ExecutionEvent.Kind#RELEASED} event, so that the next claim runs the day again. The execution
   * must have no orders.
   *
   * @throws IllegalStateException when the execution has orders
   */
  void release(List<String> errors, Instant at);

  /**
   * Releases the claim; an unfinished execution stays {@link ExecutionStatus#RUNNING}, to be
   * resumed.
   */
  @Override
  void close();
}
