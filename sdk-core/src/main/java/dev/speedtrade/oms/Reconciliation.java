package dev.speedtrade.oms;

import java.time.Instant;
import java.util.List;

/**
 * What a reconciliation found: every discrepancy, in the order checked (accounts by code point,
 * then within an account orders, fills, positions, outbox and ledger). Immutable. A reconciliation
 * reports and never repairs.
 *
 * @param at when it ran, on the service's clock
 * @param accounts how many client accounts it read
 * @param discrepancies what it found, pending work included; empty when everything agrees
 */
public record Reconciliation(Instant at, int accounts, List<Discrepancy> discrepancies) {

  /**
   * Checks the fields and copies the list.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null field or element
   */
  public Reconciliation {
    Args.notNull(at, "at");
    Args.notNull(discrepancies, "discrepancies");
    for (Discrepancy d : discrepancies) {
      Args.notNull(d, "discrepancy");
    }
    discrepancies = List.copyOf(discrepancies);
  }

  /** Returns true when nothing was found, not even pending work. */
  public boolean isClean() {
    return discrepancies.isEmpty();
  }

  /**
   * Returns true when nothing but pending work was found ({@link DiscrepancyKind#isPendingWork()}):
   * the books agree once that work is done.
   */
  public boolean isConsistent() {
    return problems().isEmpty();
  }

  /** Returns the discrepancies that are not pending work, in order. */
  public List<Discrepancy> problems() {
    return discrepancies.stream().filter(d -> !d.kind().isPendingWork()).toList();
  }

  /** Returns the pending work found, in order. */
  public List<Discrepancy> pendingWork() {
    return discrepancies.stream().filter(d -> d.kind().isPendingWork()).toList();
  }

  /** Returns the discrepancies of {@code kind}, in order. */
  public List<Discrepancy> of(DiscrepancyKind kind) {
    return discrepancies.stream().filter(d -> d.kind() == kind).toList();
  }
}
