package dev.speedtrade.rebalance;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link AllocationSource} that answers from a table the host fills: the same allocation every
 * day until it is replaced. A bot that is not in the table fails with {@code "no allocation"}. For
 * tests, demos and hosts that compute weights elsewhere. Thread-safe.
 */
public final class StaticAllocationSource implements AllocationSource {
  private final Map<String, Allocation> allocations = new ConcurrentHashMap<>();

  /** Creates an empty table. */
  public StaticAllocationSource() {}

  /** Sets {@code botId}'s allocation, replacing any before it; returns this source. */
  public StaticAllocationSource put(String botId, Allocation allocation) {
    allocations.put(botId, allocation);
    return this;
  }

  /** Removes {@code botId}'s allocation. */
  public void remove(String botId) {
    allocations.remove(botId);
  }

  @Override
  public Allocation allocation(String botId, LocalDate marketDate) {
    Allocation allocation = allocations.get(botId);
    return allocation == null ? Allocation.failed("no allocation") : allocation;
  }
}
