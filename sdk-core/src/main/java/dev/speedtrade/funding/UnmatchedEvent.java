package dev.speedtrade.funding;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A verified provider event about a deposit or withdrawal the platform does not know (a deposit
 * started at the provider by hand, a payout of another system, a reference mistyped), kept for
 * reconciliation instead of being lost; {@link FundingService#unmatchedEvents()} lists those not
 * applied since.
 *
 * @param eventId the provider's event id
 * @param subject whether it names a deposit or a withdrawal
 * @param subjectId the deposit or withdrawal id it names
 * @param type the event's type: a {@link DepositEventType} or {@link PayoutEventType} name
 * @param amount the confirmed amount it carries, or null
 * @param receivedAt when the platform received it
 */
public record UnmatchedEvent(
    String eventId,
    Subject subject,
    String subjectId,
    String type,
    @Nullable BigDecimal amount,
    Instant receivedAt) {

  /** Checks that every field but the amount is present. */
  public UnmatchedEvent {
    PaymentArguments.text(eventId, "eventId");
    Objects.requireNonNull(subject, "subject");
    PaymentArguments.text(subjectId, "subjectId");
    PaymentArguments.text(type, "type");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** What an unmatched event names. */
  public enum Subject {
    /** A deposit id. */
    DEPOSIT,
    /** A withdrawal id. */
    WITHDRAWAL
  }
}
