package dev.speedtrade.stripe;

import dev.speedtrade.funding.SignedWebhook;
import dev.speedtrade.secret.Secret;
import dev.speedtrade.testkit.PaymentGatewayContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;

/**
 * The payment gateway contract, kept by the Stripe adapter against {@link FakeStripe} on a
 * MockWebServer: one fake Stripe per gateway, signing webhooks with the gateway's secret.
 */
class StripePaymentGatewayContractTest extends PaymentGatewayContract<StripePaymentGateway> {
  private final List<MockWebServer> servers = new ArrayList<>();
  private final Map<StripePaymentGateway, FakeStripe> fakes = new IdentityHashMap<>();

  @Override
  protected StripePaymentGateway newGateway(Clock clock, Secret webhookSecret) {
    FakeStripe stripe =
        new FakeStripe(Fixtures.API_KEY, webhookSecret.reveal(), Fixtures.PAYOUT_ACCOUNT, clock);
    MockWebServer server = new MockWebServer();
    server.setDispatcher(stripe);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    servers.add(server);
    StripePaymentGateway gateway =
        StripePaymentGateway.create(
            StripeConfig.builder()
                .apiKey(Secret.of(Fixtures.API_KEY))
                .webhookSecret(webhookSecret)
                .payoutAccount(Fixtures.PAYOUT_ACCOUNT)
                .successUrl(URI.create("https://app.example.com/deposits/done"))
                .cancelUrl(URI.create("https://app.example.com/deposits/canceled"))
                .apiBase(URI.create(server.url("/").toString()))
                .clock(clock)
                .build());
    synchronized (fakes) {
      fakes.put(gateway, stripe);
    }
    return gateway;
  }

  @AfterEach
  void stopServers() throws IOException {
    for (MockWebServer server : servers) {
      server.shutdown();
    }
  }

  private FakeStripe stripe(StripePaymentGateway gateway) {
    synchronized (fakes) {
      return fakes.get(gateway);
    }
  }

  @Override
  protected SignedWebhook completeDeposit(
      StripePaymentGateway gateway, String providerReference, BigDecimal confirmedAmount) {
    return stripe(gateway).completeDeposit(providerReference, confirmedAmount);
  }

  @Override
  protected SignedWebhook failDeposit(StripePaymentGateway gateway, String providerReference) {
    return stripe(gateway).failDeposit(providerReference);
  }

  @Override
  protected SignedWebhook expireDeposit(StripePaymentGateway gateway, String providerReference) {
    return stripe(gateway).expireDeposit(providerReference);
  }

  @Override
  protected SignedWebhook markPayoutPaid(StripePaymentGateway gateway, String providerReference) {
    return stripe(gateway).payout(providerReference, "paid");
  }

  @Override
  protected SignedWebhook markPayoutFailed(StripePaymentGateway gateway, String providerReference) {
    return stripe(gateway).payout(providerReference, "failed");
  }

  @Override
  protected SignedWebhook otherEvent(StripePaymentGateway gateway, String providerType) {
    return stripe(gateway).otherEvent(providerType);
  }
}
