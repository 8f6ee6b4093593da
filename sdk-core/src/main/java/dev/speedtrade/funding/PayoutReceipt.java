package dev.speedtrade.funding;

/**
 * A payout the payment provider accepted to make.
 *
 * @param providerReference the provider's id of the payout; provider events name the payout by the
 *     withdrawal id, and the provider's own tools by this reference
 */
public record PayoutReceipt(String providerReference) {

  /**
   * Checks that the reference is present.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank reference
   */
  public PayoutReceipt {
    PaymentArguments.text(providerReference, "providerReference");
  }
}
