package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link ExecutionStore} in the JVM's memory, for tests, demos and single-process hosts. One
 * lock guards it; a claim is held until it is closed. Refuses bad arguments as {@link
 * ExecutionStore} says. Thread-safe.
 */
public final class InMemoryExecutionStore implements ExecutionStore {
  private final Object lock = new Object();
  private final Map<ExecutionKey, ExecutionRecord> executions = new HashMap<>();
  private final Set<ExecutionKey> held = new HashSet<>();
  private final Map<ExecutionKey, List<ExecutionEvent>> histories = new HashMap<>();

  /** Creates an empty store. */
  public InMemoryExecutionStore() {}

  @Override
  public Optional<ExecutionClaim> claim(ExecutionKey key, Instant now) {
    RebalanceArguments.required(key, "key");
    RebalanceArguments.required(now, "now");
    synchronized (lock) {
      ExecutionRecord existing = executions.get(key);
      if (held.contains(key) || (existing != null && existing.status().isFinal())) {
        return Optional.empty();
      }
      ExecutionRecord claimed =
          existing == null
              ? new ExecutionRecord(
                  key.executionId(),
                  key,
                  ExecutionStatus.RUNNING,
                  1,
                  now,
                  null,
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of())
              : new ExecutionRecord(
                  existing.id(),
                  key,
                  ExecutionStatus.RUNNING,
                  existing.attempt() + 1,
                  existing.startedAt(),
                  null,
                  existing.targets(),
                  existing.warnings(),
                  existing.errors(),
                  existing.orders());
      executions.put(key, claimed);
      held.add(key);
      record(
          key,
          new ExecutionEvent(
              claimed.id(),
              now,
              claimed.attempt(),
              ExecutionEvent.Kind.CLAIMED,
              ExecutionEvent.SYSTEM,
              ""));
      return Optional.of(new Claim(key, claimed));
    }
  }

  @Override
  public ExecutionRecord reopen(ExecutionKey key, String operator, String reason, Instant now) {
    RebalanceArguments.required(key, "key");
    RebalanceArguments.required(now, "now");
    // The operator and the reason are checked before the execution is looked up, as every argument
    // is.
    ExecutionEvent.reopened(key.executionId(), now, 0, operator, reason);
    synchronized (lock) {
      ExecutionRecord existing = executions.get(key);
      if (existing == null) {
        throw new SpeedTradeException(ErrorCode.EXECUTION_NOT_FOUND, "no execution " + key);
      }
      ExecutionEvent event =
          ExecutionEvent.reopened(existing.id(), now, existing.attempt(), operator, reason);
      if (existing.status() != ExecutionStatus.FAILED) {
        throw new SpeedTradeException(
            ErrorCode.EXECUTION_NOT_REOPENABLE,
            "execution "
                + key
                + " is "
                + existing.status()
                + "; only a FAILED one can be re-opened");
      }
      ExecutionRecord reopened =
          existing.withStatus(ExecutionStatus.PENDING, existing.finishedAt());
      executions.put(key, reopened);
      record(key, event);
      return reopened;
    }
  }

  @Override
  public List<ExecutionEvent> history(ExecutionKey key) {
    RebalanceArguments.required(key, "key");
    synchronized (lock) {
      return List.copyOf(histories.getOrDefault(key, List.of()));
    }
  }

  private void record(ExecutionKey key, ExecutionEvent event) {
    histories.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
  }

  @Override
  public Optional<ExecutionRecord> find(ExecutionKey key) {
    RebalanceArguments.required(key, "key");
    synchronized (lock) {
      return Optional.ofNullable(executions.get(key));
    }
  }

  @Override
  public List<ExecutionRecord> list(String userId, TradingMode mode, LocalDate from, LocalDate to) {
    RebalanceArguments.userId(userId);
    RebalanceArguments.mode(mode);
    RebalanceArguments.required(from, "from");
    RebalanceArguments.required(to, "to");
    synchronized (lock) {
      List<ExecutionRecord> found = new ArrayList<>();
      for (ExecutionRecord record : executions.values()) {
        ExecutionKey key = record.key();
        if (key.userId().equals(userId)
            && key.mode() == mode
            && !key.marketDate().isBefore(from)
            && !key.marketDate().isAfter(to)) {
          found.add(record);
        }
      }
      found.sort(Comparator.comparing(record -> record.key().marketDate()));
      return found;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "InMemoryExecutionStore{executions="
          + executions.size()
          + ", held="
          + held.size()
          + "}";
    }
  }

  private final class Claim implements ExecutionClaim {
    private final ExecutionKey key;
    private final ExecutionRecord claimed;
    private boolean closed;

    Claim(ExecutionKey key, ExecutionRecord claimed) {
      this.key = key;
      this.claimed = claimed;
    }

    @Override
    public ExecutionRecord execution() {
      return claimed;
    }

    @Override
    public Optional<ExecutionOrder> order(String clientOrderId) {
      RebalanceArguments.required(clientOrderId, "clientOrderId");
      synchronized (lock) {
        return current().order(clientOrderId);
      }
    }

    @Override
    public void saveOrder(ExecutionOrder order) {
      RebalanceArguments.required(order, "order");
      synchronized (lock) {
        ExecutionRecord record = current();
        Map<String, ExecutionOrder> orders = new LinkedHashMap<>();
        record.orders().forEach(known -> orders.put(known.clientOrderId(), known));
        orders.put(order.clientOrderId(), order);
        executions.put(
            key,
            new ExecutionRecord(
                record.id(),
                key,
                record.status(),
                record.attempt(),
                record.startedAt(),
                record.finishedAt(),
                record.targets(),
                record.warnings(),
                record.errors(),
                List.copyOf(orders.values())));
      }
    }

    @Override
    public void finish(
        ExecutionStatus status,
        List<PlanTarget> targets,
        List<PlanWarning> warnings,
        List<String> errors,
        Instant finishedAt) {
      RebalanceArguments.outcome(status, targets, warnings, errors, finishedAt);
      synchronized (lock) {
        ExecutionRecord record = current();
        executions.put(
            key,
            new ExecutionRecord(
                record.id(),
                key,
                status,
                record.attempt(),
                record.startedAt(),
                finishedAt,
                targets,
                warnings,
                errors,
                record.orders()));
        record(
            key,
            new ExecutionEvent(
                record.id(),
                finishedAt,
                record.attempt(),
                ExecutionEvent.Kind.FINISHED,
                ExecutionEvent.SYSTEM,
                status.name()));
      }
    }

    @Override
    public void release(List<String> errors, Instant at) {
      RebalanceArguments.required(errors, "errors");
      RebalanceArguments.required(at, "at");
      synchronized (lock) {
        ExecutionRecord record = current();
        if (!record.orders().isEmpty()) {
          throw new IllegalStateException(
              "execution " + key + " has orders and cannot be given back");
        }
        executions.put(
            key,
            new ExecutionRecord(
                record.id(),
                key,
                ExecutionStatus.PENDING,
                record.attempt(),
                record.startedAt(),
                at,
                List.of(),
                List.of(),
                errors,
                List.of()));
        record(
            key,
            new ExecutionEvent(
                record.id(),
                at,
                record.attempt(),
                ExecutionEvent.Kind.RELEASED,
                ExecutionEvent.SYSTEM,
                String.join("; ", errors)));
      }
    }

    @Override
    public void close() {
      synchronized (lock) {
        if (!closed) {
          closed = true;
          held.remove(key);
        }
      }
    }

    private ExecutionRecord current() {
      if (closed) {
        throw new IllegalStateException("the claim on " + key + " is closed");
      }
      // The record is put before the claim is handed out, and records are never removed.
      return Objects.requireNonNull(executions.get(key), "the claimed execution's record");
    }
  }
}
