package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import org.jspecify.annotations.Nullable;

/**
 * What the platform asks a {@link PaymentGateway} to give back of a completed deposit's payment: a
 * full or partial refund to the means the user paid with.
 *
 * @param refundId the refund's id on the platform; the gateway's idempotency key derives from it
 * @param depositReference the provider's reference of the deposit, as its {@link DepositSession}
 *     gave it
 * @param amount what is given back, USD, greater than 0; at most what the provider collected for
 *     the deposit less what was refunded of it before
 * @param user the id of the user who paid the deposit
 * @param reason why, when the platform says; the provider may use it (Stripe's fraud lists take
 *     {@link Reason#FRAUDULENT}); null when not given
 */
public record RefundRequest(
    String refundId, String depositReference, Money amount, String user, @Nullable Reason reason) {

  /** Why a payment is refunded, in the terms payment providers take. */
  public enum Reason {
    /** The user paid the same deposit twice. */
    DUPLICATE,
    /** The payment was not made by the card's or account's holder. */
    FRAUDULENT,
    /** The user asked for the money back. */
    REQUESTED_BY_CUSTOMER
  }

  /**
   * Checks every field.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id,
   *     reference or user, or a null amount; {@link ErrorCode#CURRENCY_MISMATCH} for an amount that
   *     is not USD; {@link ErrorCode#INVALID_AMOUNT} for an amount not above 0
   */
  public RefundRequest {
    PaymentArguments.text(refundId, "refundId");
    PaymentArguments.text(depositReference, "depositReference");
    PaymentArguments.usd(amount, "amount");
    PaymentArguments.text(user, "user");
  }

  /**
   * A refund without a reason.
   *
   * @throws SpeedTradeException as the canonical constructor does
   */
  public RefundRequest(String refundId, String depositReference, Money amount, String user) {
    this(refundId, depositReference, amount, user, null);
  }

  /**
   * Returns the key a gateway sends its provider so that a retried refund gives back nothing more:
   * {@code fund:refund:<refundId>} (or a hash of it when long), the same for every request of this
   * refund id, different for every other refund id, and at most 128 characters of {@code
   * [A-Za-z0-9:._-]}.
   */
  public String idempotencyKey() {
    return FundingIds.of("refund", refundId);
  }
}
