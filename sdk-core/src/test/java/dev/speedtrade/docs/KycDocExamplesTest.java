package dev.speedtrade.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycAccessToken;
import dev.speedtrade.kyc.KycChangeCause;
import dev.speedtrade.kyc.KycReceivedWebhook;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycService;
import dev.speedtrade.kyc.KycStart;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.kyc.KycStatusChange;
import dev.speedtrade.kyc.KycUpdate;
import dev.speedtrade.kyc.KycUpdateCode;
import dev.speedtrade.kyc.KycVerification;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.kyc.MockKycProvider;
import dev.speedtrade.kyc.spi.InMemoryKycStore;
import dev.speedtrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The code samples of {@code docs/kyc.md}'s "The KYC service", compiled and run. */
class KycDocExamplesTest {
  private final MockKycProvider provider =
      MockKycProvider.builder().webhookSecret(Secret.of("any-test-secret")).build();

  // --- sample: building the service
  KycService kyc =
      KycService.builder()
          .provider(provider) // required: MockKycProvider, SumsubKycProvider, ...
          .store(new InMemoryKycStore()) // the default; a database store for many hosts
          .clock(Clock.systemUTC()) // the default
          .build();

  // --- end of sample

  // --- sample: the webhook endpoint
  int kycWebhook(byte[] body, Map<String, List<String>> headers) {
    try {
      kyc.handleWebhook(body, headers); // the raw bytes and headers, as received
      return 200; // every KycUpdateCode, DUPLICATE and UNKNOWN_APPLICANT included
    } catch (SpeedTradeException e) {
      if (e.code() == ErrorCode.INVALID_SIGNATURE) {
        return 401; // forged or altered: nothing was written
      }
      return e.code().isRetryable() ? 503 : 400; // 503: the provider delivers again later
    }
  }

  // --- end of sample

  @Test
  void startingVerificationHandlingItsWebhooksAndReadingWhereTheUserStands() {
    List<KycStatusChange> changes = new ArrayList<>();
    // --- sample: starting verification
    KycStart start = kyc.start("alice");
    KycVerification verification = start.verification(); // PENDING, attempt 1
    KycAccessToken token = start.accessToken(); // null when there is nothing to submit
    // hand token.token().reveal() to the provider's web SDK in alice's browser, and nothing else
    // --- end of sample
    assertThat(verification.status()).isEqualTo(KycStatus.PENDING);
    assertThat(verification.attempt()).isEqualTo(1);
    assertThat(token).isNotNull();

    kyc.onStatusChange(changes::add);
    KycWebhookDelivery rejection =
        provider.reject(
            verification.applicantId(), KycRejectType.RETRY, List.of("UNSATISFACTORY_PHOTOS"));
    assertThat(kycWebhook(rejection.body(), rejection.headers())).isEqualTo(200);
    assertThat(kycWebhook(rejection.body(), rejection.headers())).isEqualTo(200); // a replay
    assertThat(kyc.start("alice").verification().attempt()).isEqualTo(2);
    KycWebhookDelivery approval = provider.approve(verification.applicantId());
    KycUpdate update = kyc.handleWebhook(approval.body(), approval.headers());
    byte[] forged =
        approval.bodyText().replace("alice", "mallory").getBytes(StandardCharsets.UTF_8);
    assertThat(kycWebhook(forged, approval.headers())).isEqualTo(401);

    // --- sample: reading where a user stands
    KycStatus status = kyc.status("alice"); // PENDING for a user who never started
    Optional<KycVerification> current = kyc.verification("alice");
    List<KycStatusChange> history = kyc.history("alice"); // oldest first
    List<KycReceivedWebhook> received = kyc.webhooks("alice"); // raw bodies and outcomes
    // --- end of sample
    assertThat(update.code()).isEqualTo(KycUpdateCode.APPLIED);
    assertThat(status).isEqualTo(KycStatus.APPROVED);
    assertThat(current.orElseThrow().attempt()).isEqualTo(2);
    assertThat(history)
        .extracting(KycStatusChange::cause)
        .containsExactly(
            KycChangeCause.START,
            KycChangeCause.WEBHOOK,
            KycChangeCause.START,
            KycChangeCause.WEBHOOK);
    assertThat(received)
        .extracting(KycReceivedWebhook::outcome)
        .containsExactly(KycUpdateCode.APPLIED, KycUpdateCode.APPLIED);
    assertThat(changes).isEqualTo(history.subList(1, 4));
    assertThat(kyc.status("bob")).isEqualTo(KycStatus.PENDING);
  }
}
