package dev.speedtrade.testkit;

import dev.speedtrade.kyc.Applicant;
import dev.speedtrade.kyc.KycProvider;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.kyc.MockKycProvider;
import dev.speedtrade.secret.Secret;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

class MockKycProviderContractTest extends KycProviderContract {
  private @Nullable MockKycProvider mock;

  @Override
  protected KycProvider provider(Clock clock) {
    mock =
        MockKycProvider.builder()
            .webhookSecret(Secret.of("mock-contract-webhook-secret"))
            .clock(clock)
            .build();
    return mock;
  }

  private MockKycProvider mock() {
    return Objects.requireNonNull(mock);
  }

  @Override
  protected KycWebhookDelivery approve(Applicant applicant) {
    return mock().approve(applicant.applicantId());
  }

  @Override
  protected KycWebhookDelivery reject(
      Applicant applicant, KycRejectType rejectType, List<String> rejectLabels) {
    return mock().reject(applicant.applicantId(), rejectType, rejectLabels);
  }

  @Override
  protected KycWebhookDelivery markPending(Applicant applicant) {
    return mock().markPending(applicant.applicantId());
  }
}
