package dev.speedtrade.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mock's own behaviour beyond the contract: determinism, its JSON, its digest, its builder. */
class MockKycProviderTest {
  private static final String SECRET = "mock-webhook-SECRET-0123456789";
  private static final Instant NOW = Instant.parse("2026-03-02T14:30:00.125Z");

  private static MockKycProvider provider(String algorithm) {
    return MockKycProvider.builder()
        .webhookSecret(Secret.of(SECRET))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .digestAlgorithm(algorithm)
        .build();
  }

  private static void assertCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(SpeedTradeException.class)
        .satisfies(e -> assertThat(((SpeedTradeException) e).code()).isEqualTo(code));
  }

  @Test
  void anApplicantIdDependsOnTheUserAloneAndLooksLikeSumsubs() {
    Applicant first = provider("HMAC_SHA256_HEX").createApplicant("alice");
    MockKycProvider other = provider("HMAC_SHA256_HEX");
    other.createApplicant("bob");

    assertThat(other.createApplicant("alice")).isEqualTo(first);
    assertThat(first.applicantId()).matches("[0-9a-f]{24}");
  }

  @Test
  void theWebhookBodyHasSumsubsShapeAndTheClocksTime() {
    MockKycProvider mock = provider("HMAC_SHA256_HEX");
    Applicant applicant = mock.createApplicant("al\"ice");

    KycWebhookDelivery delivery =
        mock.reject(
            applicant.applicantId(),
            KycRejectType.RETRY,
            List.of("UNSATISFACTORY_PHOTOS", "SCREENSHOTS"));

    assertThat(delivery.bodyText())
        .isEqualTo(
            "{\"applicantId\":\""
                + applicant.applicantId()
                + "\",\"correlationId\":\"mock-req-00000001\",\"externalUserId\":\"al\\\"ice\","
                + "\"levelName\":\"mock-kyc-level\",\"type\":\"applicantReviewed\","
                + "\"reviewResult\":{\"reviewAnswer\":\"RED\","
                + "\"rejectLabels\":[\"UNSATISFACTORY_PHOTOS\",\"SCREENSHOTS\"],"
                + "\"reviewRejectType\":\"RETRY\"},\"reviewStatus\":\"completed\","
                + "\"createdAtMs\":\"2026-03-02 14:30:00.125\"}");
    assertThat(mock.approve(applicant.applicantId()).bodyText())
        .contains("\"reviewResult\":{\"reviewAnswer\":\"GREEN\"},\"reviewStatus\":\"completed\"");
    assertThat(mock.markPending(applicant.applicantId()).bodyText())
        .contains("\"type\":\"applicantPending\",\"reviewStatus\":\"pending\"")
        .doesNotContain("reviewResult");
  }

  @ParameterizedTest
  @CsvSource({
    "HMAC_SHA1_HEX, HmacSHA1",
    "HMAC_SHA256_HEX, HmacSHA256",
    "HMAC_SHA512_HEX, HmacSHA512"
  })
  void theDigestIsTheHexHmacOfTheBodyUnderTheAlgorithmNamed(String algorithm, String javaName)
      throws Exception {
    MockKycProvider mock = provider(algorithm);
    Applicant applicant = mock.createApplicant("alice");

    KycWebhookDelivery delivery = mock.approve(applicant.applicantId());

    Mac mac = Mac.getInstance(javaName);
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), javaName));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac.doFinal(delivery.body())) {
      hex.append(String.format("%02x", b));
    }
    assertThat(delivery.header("x-payload-digest")).isEqualTo(hex.toString());
    assertThat(delivery.header("X-PAYLOAD-DIGEST-ALG")).isEqualTo(algorithm);
    assertThat(mock.verifyWebhook(delivery.body(), delivery.headers()).review())
        .isEqualTo(KycReview.approved());
  }

  @Test
  void anUpperCaseDigestAndLowerCaseHeaderNamesVerify() {
    MockKycProvider mock = provider("HMAC_SHA256_HEX");
    KycWebhookDelivery delivery = mock.approve(mock.createApplicant("alice").applicantId());
    Map<String, List<String>> headers = new HashMap<>();
    headers.put(
        "x-payload-digest", List.of(delivery.header("X-Payload-Digest").toUpperCase(Locale.ROOT)));
    headers.put("x-payload-digest-alg", List.of("HMAC_SHA256_HEX"));

    assertThat(mock.verifyWebhook(delivery.body(), headers).type())
        .isEqualTo(KycEventType.REVIEWED);
  }

  @Test
  void refusesADigestWithAnotherAlgorithmsNameAnUnknownOneOrATwiceGivenHeader() {
    MockKycProvider mock = provider("HMAC_SHA256_HEX");
    KycWebhookDelivery delivery = mock.approve(mock.createApplicant("alice").applicantId());
    String digest = delivery.header("X-Payload-Digest");

    Map<String, List<String>> otherName = new LinkedHashMap<>();
    otherName.put("X-Payload-Digest", List.of(digest));
    otherName.put("X-Payload-Digest-Alg", List.of("HMAC_SHA512_HEX"));
    assertCode(ErrorCode.INVALID_SIGNATURE, () -> mock.verifyWebhook(delivery.body(), otherName));

    Map<String, List<String>> unknown = new LinkedHashMap<>();
    unknown.put("X-Payload-Digest", List.of(digest));
    unknown.put("X-Payload-Digest-Alg", List.of("HMAC_MD5_HEX"));
    assertThatThrownBy(() -> mock.verifyWebhook(delivery.body(), unknown))
        .hasMessageContaining("unknown digest algorithm 'HMAC_MD5_HEX'");

    Map<String, List<String>> twice = new LinkedHashMap<>();
    twice.put("X-Payload-Digest", List.of(digest));
    twice.put("x-payload-digest", List.of("00"));
    twice.put("X-Payload-Digest-Alg", List.of("HMAC_SHA256_HEX"));
    assertCode(ErrorCode.INVALID_SIGNATURE, () -> mock.verifyWebhook(delivery.body(), twice));

    Map<String, List<String>> noAlgorithm = new LinkedHashMap<>();
    noAlgorithm.put("X-Payload-Digest", List.of(digest));
    assertCode(ErrorCode.INVALID_SIGNATURE, () -> mock.verifyWebhook(delivery.body(), noAlgorithm));
  }

  @Test
  void aCorrectlySignedBodyTheMockDidNotSendIsBadInput() {
    MockKycProvider mock = provider("HMAC_SHA256_HEX");
    byte[] body = "{\"type\":\"applicantReviewed\"}".getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Payload-Digest-Alg", List.of("HMAC_SHA256_HEX"));
    headers.put(
        "X-Payload-Digest",
        List.of(PayloadDigest.sign("HMAC_SHA256_HEX", Secret.of(SECRET), body)));

    assertCode(ErrorCode.INVALID_ARGUMENT, () -> mock.verifyWebhook(body, headers));
  }

  @Test
  void theTokenExpiresAfterItsTimeToLiveAndNeverShows() {
    MockKycProvider mock =
        MockKycProvider.builder()
            .webhookSecret(Secret.of(SECRET))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .accessTokenTtl(Duration.ofMinutes(30))
            .build();

    KycAccessToken token = mock.accessToken("alice");

    assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(token.token().reveal()).startsWith("_act-mock-");
    assertThat(token.toString()).doesNotContain(token.token().reveal()).contains("redacted");
    assertThat(mock.accessToken("alice").token()).isNotEqualTo(token.token());
    assertThat(mock.toString()).doesNotContain(SECRET);
  }

  @Test
  void theBuilderNeedsASecretAndRefusesBadSettings() {
    assertCode(ErrorCode.MISSING_ADAPTER, () -> MockKycProvider.builder().build());
    assertCode(
        ErrorCode.INVALID_ARGUMENT, () -> MockKycProvider.builder().digestAlgorithm("SHA256"));
    assertCode(
        ErrorCode.INVALID_ARGUMENT, () -> MockKycProvider.builder().accessTokenTtl(Duration.ZERO));
    assertThatThrownBy(() -> MockKycProvider.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void commandsOnAnUnknownApplicantAreNotFound() {
    MockKycProvider mock = provider("HMAC_SHA256_HEX");
    assertCode(ErrorCode.APPLICANT_NOT_FOUND, () -> mock.approve("0123456789abcdef01234567"));
    assertCode(
        ErrorCode.APPLICANT_NOT_FOUND,
        () -> mock.reject("0123456789abcdef01234567", KycRejectType.FINAL, List.of()));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> mock.markPending(" "));
  }
}
