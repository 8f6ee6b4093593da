package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.BOB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.secret.Secret;
import java.util.List;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /v1/kyc/start} and {@code GET /v1/kyc/status} over HTTP. Alice and bob are approved
 * by the fixture; carol, served by a second service on the same platform, has never started.
 */
class KycRoutesTest {
  private static final String CAROL_TOKEN = "carol-token-0123456789abcdef";

  private final ServeFixture f = new ServeFixture();
  private final HostService carolService =
      HostService.builder()
          .platform(f.platform)
          .authenticator(BearerTokens.builder().client("carol", Secret.of(CAROL_TOKEN)).build())
          .build()
          .start();

  @AfterEach
  void close() {
    carolService.close();
    f.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"POST, /v1/kyc/start", "GET, /v1/kyc/status"})
  void refusesBothRoutesWithoutCredentials(String method, String path) {
    Answer answer = f.call(method, path, null, null);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(f.call(method, path, ALICE_TOKEN + "x", null).status()).isEqualTo(401);
  }

  @Test
  void answersNotStartedForAUserWhoNeverStarted() {
    Answer status = carol("GET", "/v1/kyc/status");
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().get("status").asText()).isEqualTo("NOT_STARTED");
    assertThat(status.json().get("applicantId").isNull()).isTrue();
    assertThat(status.json().get("updatedAt").isNull()).isTrue();
    assertThat(f.platform.kyc().verification("carol")).isEmpty();
  }

  @Test
  void startsOnceAndReusesTheOpenVerificationWithAFreshToken() {
    Answer first = carol("POST", "/v1/kyc/start");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    JsonNode opened = first.json();
    String applicant = opened.get("applicantId").asText();
    assertThat(opened.get("status").asText()).isEqualTo("PENDING");
    assertThat(opened.get("session_id").asText()).isEqualTo(applicant);
    assertThat(opened.get("attempt").asInt()).isEqualTo(1);
    assertThat(opened.get("canRetry").asBoolean()).isTrue();
    assertThat(opened.get("access_token").asText()).isNotBlank();
    assertThat(opened.get("accessTokenExpiresAt").asText()).isEqualTo("2026-11-24T15:40:00Z");
    assertThat(opened.get("verificationUrl").isNull()).isTrue();

    JsonNode again = carol("POST", "/v1/kyc/start").json();
    assertThat(again.get("applicantId").asText()).isEqualTo(applicant);
    assertThat(again.get("attempt").asInt()).isEqualTo(1);
    assertThat(again.get("access_token").asText()).isNotBlank();
    assertThat(f.platform.kyc().history("carol")).hasSize(1);

    JsonNode status = carol("GET", "/v1/kyc/status").json();
    assertThat(status.get("status").asText()).isEqualTo("PENDING");
    assertThat(status.get("applicantId").asText()).isEqualTo(applicant);
    assertThat(status.get("updatedAt").asText()).isEqualTo("2026-11-24T15:30:00Z");
    assertThat(status.has("access_token")).isFalse();
  }

  @Test
  void answersAnApprovedUserAsItStandsWithoutAToken() {
    String applicant = carol("POST", "/v1/kyc/start").json().get("applicantId").asText();
    apply(f.identity.approve(applicant));

    JsonNode start = carol("POST", "/v1/kyc/start").json();
    assertThat(start.get("status").asText()).isEqualTo("APPROVED");
    assertThat(start.get("canRetry").asBoolean()).isFalse();
    assertThat(start.get("access_token").isNull()).isTrue();
    assertThat(carol("GET", "/v1/kyc/status").json().get("status").asText()).isEqualTo("APPROVED");
  }

  @Test
  void reopensARejectionTheUserMayRetryWithTheSameApplicant() {
    String applicant = carol("POST", "/v1/kyc/start").json().get("applicantId").asText();
    apply(f.identity.reject(applicant, KycRejectType.RETRY, List.of("UNSATISFACTORY_PHOTOS")));

    JsonNode rejected = carol("GET", "/v1/kyc/status").json();
    assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
    assertThat(rejected.get("rejectType").asText()).isEqualTo("RETRY");
    assertThat(rejected.get("reason").asText()).isEqualTo("UNSATISFACTORY_PHOTOS");
    assertThat(rejected.get("canRetry").asBoolean()).isTrue();

    JsonNode restarted = carol("POST", "/v1/kyc/start").json();
    assertThat(restarted.get("status").asText()).isEqualTo("PENDING");
    assertThat(restarted.get("applicantId").asText()).isEqualTo(applicant);
    assertThat(restarted.get("attempt").asInt()).isEqualTo(2);
    assertThat(restarted.get("access_token").asText()).isNotBlank();
  }

  @Test
  void answersAFinalRejectionAsRejectedFinalAndStartsNothing() {
    String applicant = carol("POST", "/v1/kyc/start").json().get("applicantId").asText();
    apply(f.identity.reject(applicant, KycRejectType.FINAL, List.of("FORGERY")));

    Answer start = carol("POST", "/v1/kyc/start");
    assertThat(start.status()).isEqualTo(200);
    JsonNode body = start.json();
    assertThat(body.get("status").asText()).isEqualTo("REJECTED");
    assertThat(body.get("rejectType").asText()).isEqualTo("FINAL");
    assertThat(body.get("rejectLabels").get(0).asText()).isEqualTo("FORGERY");
    assertThat(body.get("canRetry").asBoolean()).isFalse();
    assertThat(body.get("access_token").isNull()).isTrue();
    assertThat(body.get("applicantId").asText()).isEqualTo(applicant);
    assertThat(body.get("attempt").asInt()).isEqualTo(1);
    assertThat(f.platform.kyc().status("carol")).isEqualTo(KycStatus.REJECTED);
  }

  @Test
  void showsEachClientOnlyItsOwnVerification() {
    String alice = f.platform.kyc().verification("alice").orElseThrow().applicantId();
    String bob = f.platform.kyc().verification("bob").orElseThrow().applicantId();
    assertThat(alice).isNotEqualTo(bob);

    Answer bobStatus = f.call("GET", "/v1/kyc/status", BOB_TOKEN, null);
    assertThat(bobStatus.json().get("applicantId").asText()).isEqualTo(bob);
    assertThat(bobStatus.body()).doesNotContain(alice);
    Answer bobStart = f.call("POST", "/v1/kyc/start", BOB_TOKEN, null);
    assertThat(bobStart.json().get("applicantId").asText()).isEqualTo(bob);
    assertThat(bobStart.body()).doesNotContain(alice);
    Answer carolStatus = carol("GET", "/v1/kyc/status");
    assertThat(carolStatus.body()).doesNotContain(alice).doesNotContain(bob);
    assertThat(f.call("GET", "/v1/kyc/status", ALICE_TOKEN, null).json().get("status").asText())
        .isEqualTo("APPROVED");
  }

  private void apply(KycWebhookDelivery delivery) {
    f.platform.kyc().handleWebhook(delivery.body(), delivery.headers());
  }

  private Answer carol(String method, String path) {
    return f.send(
        new Request.Builder()
            .url("http://127.0.0.1:" + carolService.port() + path)
            .header("Authorization", "Bearer " + CAROL_TOKEN)
            .method(
                method, "GET".equals(method) ? null : okhttp3.RequestBody.create(new byte[0], null))
            .build());
  }
}
