package dev.speedtrade.rebalance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An execution as the audit log keeps it.
 *
 * @param id the execution's id ({@link ExecutionKey#executionId()})
 * @param key whose execution on which day
 * @param status where it stands
 * @param attempt how many runs have claimed it: 1, or more after resumptions
 * @param startedAt when the first run claimed it
 * @param finishedAt when it finished; null while running
 * @param targets the plan's line per symbol (of the buy phase's plan once there is one)
 * @param warnings the plans' warnings
 * @param errors what went wrong, one line each
 * @param orders its orders, in the order they were recorded
 */
public record ExecutionRecord(
    String id,
    ExecutionKey key,
    ExecutionStatus status,
    int attempt,
    Instant startedAt,
    @Nullable Instant finishedAt,
    List<PlanTarget> targets,
    List<PlanWarning> warnings,
    List<String> errors,
    List<ExecutionOrder> orders) {

  /** Copies the lists. */
  public ExecutionRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    targets = List.copyOf(targets);
    warnings = List.copyOf(warnings);
    errors = List.copyOf(errors);
    orders = List.copyOf(orders);
  }

  /** Returns this record with another status and finish time. */
  public ExecutionRecord withStatus(ExecutionStatus newStatus, @Nullable Instant newFinishedAt) {
    return new ExecutionRecord(
        id, key, newStatus, attempt, startedAt, newFinishedAt, targets, warnings, errors, orders);
  }

  /** Returns the order with {@code clientOrderId}, if recorded. */
  public Optional<ExecutionOrder> order(String clientOrderId) {
    return orders.stream().filter(order -> order.clientOrderId().equals(clientOrderId)).findFirst();
  }
}
