package dev.speedtrade.sumsub;

import dev.speedtrade.kyc.Applicant;
import dev.speedtrade.kyc.KycProvider;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.secret.Secret;
import dev.speedtrade.testkit.KycProviderContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.MockWebServer;

/** The KYC contract, kept by the Sumsub adapter against {@link FakeSumsub} on a MockWebServer. */
class SumsubKycProviderContractTest extends KycProviderContract {
  private final MockWebServer server = new MockWebServer();
  private final FakeSumsub sumsub =
      new FakeSumsub(Fixtures.APP_TOKEN, Fixtures.SECRET_KEY, Fixtures.WEBHOOK_SECRET);

  @Override
  protected KycProvider provider(Clock clock) {
    server.setDispatcher(sumsub);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return SumsubKycProvider.create(
        SumsubConfig.builder()
            .appToken(Secret.of(Fixtures.APP_TOKEN))
            .secretKey(Secret.of(Fixtures.SECRET_KEY))
            .webhookSecretKey(Secret.of(Fixtures.WEBHOOK_SECRET))
            .levelName(Fixtures.LEVEL)
            .baseUrl(server.url("/").toString())
            .clock(clock)
            .timeout(Duration.ofSeconds(5))
            .build());
  }

  @Override
  protected void closeProvider(KycProvider provider) {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected KycWebhookDelivery approve(Applicant applicant) {
    return sumsub.decide(applicant.applicantId(), "completed", "GREEN", null, List.of());
  }

  @Override
  protected KycWebhookDelivery reject(
      Applicant applicant, KycRejectType rejectType, List<String> rejectLabels) {
    return sumsub.decide(applicant.applicantId(), "completed", "RED", rejectType, rejectLabels);
  }

  @Override
  protected KycWebhookDelivery markPending(Applicant applicant) {
    return sumsub.decide(applicant.applicantId(), "pending", null, null, List.of());
  }
}
