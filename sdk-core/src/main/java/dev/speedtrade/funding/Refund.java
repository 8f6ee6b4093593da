package dev.speedtrade.funding;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A refund of part or all of a completed deposit: taken out of the user's cash when it was
 * recorded, and given back through the payment provider.
 *
 * @param id the refund's id, the key of its {@link FundingService#refundDeposit} and of the
 *     provider's idempotency key ({@code fund:refund:<id>})
 * @param depositId the deposit it refunds
 * @param user the deposit's user
 * @param amount what is given back, USD, as given
 * @param providerReference the provider's id of the refund once it accepted it; null while it has
 *     not (no gateway, or the provider failed: the same {@code refundDeposit} again asks it again)
 * @param providerStatus where the refund stood when the provider answered; null with the reference
 * @param createdAt when it was recorded
 * @param updatedAt when it last changed
 */
public record Refund(
    String id,
    String depositId,
    String user,
    BigDecimal amount,
    @Nullable String providerReference,
    RefundReceipt.@Nullable Status providerStatus,
    Instant createdAt,
    Instant updatedAt) {

  /** The refund once the provider accepted it as {@code receipt}, at {@code at}. */
  Refund sentAs(RefundReceipt receipt, Instant at) {
    return new Refund(
        id, depositId, user, amount, receipt.providerReference(), receipt.status(), createdAt, at);
  }
}
