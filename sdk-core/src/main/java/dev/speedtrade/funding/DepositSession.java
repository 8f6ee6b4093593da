package dev.speedtrade.funding;

import java.net.URI;

/**
 * A deposit started at the payment provider.
 *
 * @param providerReference the provider's id of the payment; provider events and {@link
 *     PaymentGateway#depositStatus} name the deposit by it
 * @param paymentUrl where the user goes to pay
 */
public record DepositSession(String providerReference, URI paymentUrl) {

  /**
   * Checks that both fields are present.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank reference or a null
   *     URL
   */
  public DepositSession {
    PaymentArguments.text(providerReference, "providerReference");
    PaymentArguments.present(paymentUrl, "paymentUrl");
  }
}
