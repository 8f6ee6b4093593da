package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;

/**
 * A refund the payment provider accepted, and where it stood when the provider answered.
 *
 * @param providerReference the provider's id of the refund ({@code re_...} at Stripe)
 * @param amount what is given back, USD, greater than 0
 * @param status where the refund stood when the provider answered; a replayed request answers what
 *     the first one answered
 */
public record RefundReceipt(String providerReference, Money amount, Status status) {

  /** Where a refund stands at the provider. */
  public enum Status {
    /** Accepted; the money is on its way back, or will be once the provider processes it. */
    PENDING,
    /**
     * The provider needs something more before it can give the money back (the user's bank details,
     * for a payment method without native refunds); not final.
     */
    REQUIRES_ACTION,
    /** The money was given back. Final. */
    SUCCEEDED,
    /** The provider could not give the money back (the card was closed, say). Final. */
    FAILED,
    /** The refund was canceled before the money went back. Final. */
    CANCELED
  }

  /**
   * Checks every field.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank reference,
   *     or a null amount or status; {@link ErrorCode#CURRENCY_MISMATCH} for an amount that is not
   *     USD; {@link ErrorCode#INVALID_AMOUNT} for an amount not above 0
   */
  public RefundReceipt {
    PaymentArguments.text(providerReference, "providerReference");
    PaymentArguments.usd(amount, "amount");
    PaymentArguments.present(status, "status");
  }
}
