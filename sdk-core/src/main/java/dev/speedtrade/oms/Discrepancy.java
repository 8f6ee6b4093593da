package dev.speedtrade.oms;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * One inconsistency a reconciliation found (or one piece of work not done yet: {@link
 * DiscrepancyKind#isPendingWork()}). Immutable.
 *
 * <p>{@code expected} is what the source of truth implies (the fills for the books and the ledger;
 * the books for the venue checks, whose {@code actual} is the venue's), {@code actual} what was
 * found; both exact, compared numerically, and null where the kind compares no number. Money is
 * USD.
 *
 * @param kind what was found
 * @param account the client account; null for what belongs to no client (an order at the venue the
 *     books do not know, the omnibus position)
 * @param clientOrderId the client's order id, when one order is concerned and known; else null
 * @param symbol the instrument, when one is concerned; else null
 * @param reference a further id that locates it: a ledger transfer id, a venue order id, an outbox
 *     entry id or a fill's exec id; else null
 * @param expected the value the source of truth implies; null when no number is compared
 * @param actual the value found; null when no number is compared
 * @param remedy what to do about it, in kind
 * @param message what was found, naming the values, in words
 * @param suggestion what to do about this case, in words
 */
public record Discrepancy(
    DiscrepancyKind kind,
    @Nullable String account,
    @Nullable String clientOrderId,
    @Nullable String symbol,
    @Nullable String reference,
    @Nullable BigDecimal expected,
    @Nullable BigDecimal actual,
    Remedy remedy,
    String message,
    String suggestion) {

  /**
   * Checks that the kind, remedy, message and suggestion are present.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} naming a missing field
   */
  public Discrepancy {
    Args.notNull(kind, "kind");
    Args.notNull(remedy, "remedy");
    Args.notNull(message, "message");
    Args.notNull(suggestion, "suggestion");
  }
}
