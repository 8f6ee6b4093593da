package dev.speedtrade.funding;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A withdrawal: the amount that leaves the user's cash, the fee the platform keeps and the net paid
 * to the destination.
 *
 * @param id the withdrawal's id, the key of its create
 * @param user the user
 * @param kind instant or reviewed
 * @param amount what leaves the user's cash, USD, as given
 * @param fee the platform's fee (0.00 for a reviewed one)
 * @param net amount - fee, what is paid out
 * @param status where it stands
 * @param destination where it is paid (masked when shown)
 * @param reviewedBy who approved or rejected it, null until then
 * @param reviewedAt when, null until then
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param payoutReference the payment provider's reference of its payout, null until a gateway took
 *     the payout (and always without one)
 */
public record Withdrawal(
    String id,
    String user,
    WithdrawalKind kind,
    BigDecimal amount,
    BigDecimal fee,
    BigDecimal net,
    WithdrawalStatus status,
    Destination destination,
    @Nullable String reviewedBy,
    @Nullable Instant reviewedAt,
    Instant createdAt,
    Instant updatedAt,
    @Nullable String payoutReference) {

  Withdrawal with(WithdrawalStatus next, Instant at) {
    return new Withdrawal(
        id,
        user,
        kind,
        amount,
        fee,
        net,
        next,
        destination,
        reviewedBy,
        reviewedAt,
        createdAt,
        at,
        payoutReference);
  }

  Withdrawal reviewed(String reviewer, Instant at, WithdrawalStatus next) {
    return new Withdrawal(
        id,
        user,
        kind,
        amount,
        fee,
        net,
        next,
        destination,
        reviewer,
        at,
        createdAt,
        at,
        payoutReference);
  }

  Withdrawal paidOutAs(String reference, Instant at) {
    return new Withdrawal(
        id,
        user,
        kind,
        amount,
        fee,
        net,
        status,
        destination,
        reviewedBy,
        reviewedAt,
        createdAt,
        at,
        reference);
  }
}
