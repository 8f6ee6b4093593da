package dev.speedtrade.testkit;

import dev.speedtrade.funding.SignedWebhook;
import dev.speedtrade.funding.SimulatedPaymentGateway;
import dev.speedtrade.secret.Secret;
import java.math.BigDecimal;
import java.time.Clock;

class SimulatedPaymentGatewayContractTest extends PaymentGatewayContract<SimulatedPaymentGateway> {

  @Override
  protected SimulatedPaymentGateway newGateway(Clock clock, Secret webhookSecret) {
    return SimulatedPaymentGateway.builder().webhookSecret(webhookSecret).clock(clock).build();
  }

  @Override
  protected SignedWebhook completeDeposit(
      SimulatedPaymentGateway gateway, String providerReference, BigDecimal confirmedAmount) {
    return gateway.completeDeposit(providerReference, confirmedAmount);
  }

  @Override
  protected SignedWebhook failDeposit(SimulatedPaymentGateway gateway, String providerReference) {
    return gateway.failDeposit(providerReference);
  }

  @Override
  protected SignedWebhook expireDeposit(SimulatedPaymentGateway gateway, String providerReference) {
    return gateway.expireDeposit(providerReference);
  }

  @Override
  protected SignedWebhook markPayoutPaid(
      SimulatedPaymentGateway gateway, String providerReference) {
    return gateway.markPayoutPaid(providerReference);
  }

  @Override
  protected SignedWebhook markPayoutFailed(
      SimulatedPaymentGateway gateway, String providerReference) {
    return gateway.markPayoutFailed(providerReference);
  }

  @Override
  protected SignedWebhook otherEvent(SimulatedPaymentGateway gateway, String providerType) {
    return gateway.otherEvent(providerType);
  }
}
