package dev.speedtrade.sumsub;

import static dev.speedtrade.sumsub.Fixtures.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycEventType;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycReview;
import dev.speedtrade.kyc.KycWebhookEvent;
import dev.speedtrade.secret.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sumsub's webhooks (the docs' payloads, see the fixtures' README) verified with each digest
 * algorithm and read; forged, altered and incompletely signed ones refused.
 */
class SumsubWebhookTest {
  private final SumsubKycProvider sumsub =
      SumsubKycProvider.create(
          SumsubConfig.builder()
              .appToken(Secret.of(Fixtures.APP_TOKEN))
              .secretKey(Secret.of(Fixtures.SECRET_KEY))
              .webhookSecretKey(Secret.of(WEBHOOK_SECRET))
              .levelName(Fixtures.LEVEL)
              .build());

  private static Map<String, List<String>> headers(String algorithm, String digest) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put("X-Payload-Digest", List.of(digest));
    headers.put("X-Payload-Digest-Alg", List.of(algorithm));
    return headers;
  }

  private static String javaName(String algorithm) {
    return switch (algorithm) {
      case "HMAC_SHA1_HEX" -> "HmacSHA1";
      case "HMAC_SHA256_HEX" -> "HmacSHA256";
      default -> "HmacSHA512";
    };
  }

  /** Signs as Sumsub does, with code apart from the adapter's. */
  private static Map<String, List<String>> signed(String algorithm, String secret, byte[] body) {
    return headers(algorithm, Fixtures.hmacHex(javaName(algorithm), secret, body));
  }

  private KycWebhookEvent verify(String fixture, String algorithm) {
    byte[] body = Fixtures.bytes(fixture);
    return sumsub.verifyWebhook(body, signed(algorithm, WEBHOOK_SECRET, body));
  }

  private static void assertRefused(String because, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
              assertThat(e.getMessage()).contains(because);
            });
  }

  @ParameterizedTest
  @CsvSource({"HMAC_SHA1_HEX", "HMAC_SHA256_HEX", "HMAC_SHA512_HEX"})
  void anApprovalVerifiesWithEachDigestAlgorithm(String algorithm) {
    KycWebhookEvent event = verify("webhook-applicant-reviewed-green.json", algorithm);

    assertThat(event)
        .isEqualTo(
            new KycWebhookEvent(
                "sumsub:applicantReviewed:5cb56e8e0a975a35f333cb83:"
                    + "req-a260b669-4f14-4bb5-a4c5-ac0218acb9a4",
                KycEventType.REVIEWED,
                "applicantReviewed",
                "5cb56e8e0a975a35f333cb83",
                "externalUserId",
                KycReview.approved()));
  }

  @ParameterizedTest
  @CsvSource({
    "HMAC_SHA1_HEX, 27e766c9aeccc8310225cfd9fd5a5dae25d445a0",
    "HMAC_SHA256_HEX, 7a6370b68e3d74ed68be49b67b83ec123817a0caeb02f4b9b39cbd504c2a7cd8",
    "HMAC_SHA512_HEX, 08bfea3d67f543d60593e824a60b0324c3bc959f8c1eb12c9092b89fcb69af744dc22dfd"
        + "4819f330213a3a67becf9c42fdcdbc591c09ea2bbdd9776b511c5d31"
  })
  void digestsComputedElsewhereVerify(String algorithm, String digest) {
    // Expected digests computed with Python's hmac module.
    byte[] body =
        Fixtures.utf8(
            "{\"applicantId\":\"5cb56e8e0a975a35f333cb83\",\"type\":\"applicantReviewed\","
                + "\"correlationId\":\"req-1\"}");
    SumsubKycProvider other =
        SumsubKycProvider.create(
            SumsubConfig.builder()
                .appToken(Secret.of("a"))
                .secretKey(Secret.of("b"))
                .webhookSecretKey(Secret.of("SoMe_WeBhOoK_sEcReT"))
                .levelName("l")
                .build());

    KycWebhookEvent event = other.verifyWebhook(body, headers(algorithm, digest));

    assertThat(event.eventKey())
        .isEqualTo("sumsub:applicantReviewed:5cb56e8e0a975a35f333cb83:req-1");
    assertThat(event.review()).isNull();
    assertThat(SumsubWebhooks.sign(algorithm, Secret.of("SoMe_WeBhOoK_sEcReT"), body))
        .isEqualTo(digest);
  }

  @Test
  void aRejectionTheUserMayRetry() {
    KycWebhookEvent event = verify("webhook-applicant-reviewed-red-retry.json", "HMAC_SHA256_HEX");

    assertThat(event.type()).isEqualTo(KycEventType.REVIEWED);
    assertThat(event.review())
        .isEqualTo(
            KycReview.rejected(
                KycRejectType.RETRY, List.of("UNSATISFACTORY_PHOTOS", "SCREENSHOTS")));
  }

  @Test
  void aFinalRejection() {
    KycWebhookEvent event = verify("webhook-applicant-reviewed-red-final.json", "HMAC_SHA512_HEX");

    assertThat(event.applicantId()).isEqualTo("5cb744200a975a67ed1798a4");
    assertThat(event.review())
        .isEqualTo(
            KycReview.rejected(
                KycRejectType.FINAL,
                List.of("UNSATISFACTORY_PHOTOS", "GRAPHIC_EDITOR", "FORGERY")));
  }

  @Test
  void aSubmissionAndACreationArePendingEvents() {
    KycWebhookEvent pending = verify("webhook-applicant-pending.json", "HMAC_SHA256_HEX");
    KycWebhookEvent created = verify("webhook-applicant-created.json", "HMAC_SHA1_HEX");

    assertThat(pending.type()).isEqualTo(KycEventType.PENDING);
    assertThat(pending.userId()).isEqualTo("12672");
    assertThat(pending.review()).isEqualTo(KycReview.pending());
    assertThat(created.type()).isEqualTo(KycEventType.CREATED);
    assertThat(created.eventKey())
        .isEqualTo(
            "sumsub:applicantCreated:5c9e177b0a975a6eeccf5960:req-63f92830-4d68-4eee-98d5-875d53a12258");
    assertThat(created.review()).isEqualTo(KycReview.pending());
  }

  @Test
  void anotherTypeIsOtherWithSumsubsName() {
    byte[] body =
        Fixtures.utf8(
            "{\"applicantId\":\"5cb56e8e0a975a35f333cb83\",\"type\":\"applicantTagsChanged\"}");

    KycWebhookEvent event =
        sumsub.verifyWebhook(body, signed("HMAC_SHA256_HEX", WEBHOOK_SECRET, body));

    assertThat(event.type()).isEqualTo(KycEventType.OTHER);
    assertThat(event.providerType()).isEqualTo("applicantTagsChanged");
    assertThat(event.userId()).isNull();
    assertThat(event.review()).isNull();
    assertThat(event.eventKey())
        .startsWith("sumsub:applicantTagsChanged:5cb56e8e0a975a35f333cb83:sha256-")
        .hasSize("sumsub:applicantTagsChanged:5cb56e8e0a975a35f333cb83:sha256-".length() + 64);
  }

  @Test
  void aForgedDigestIsRefused() {
    byte[] body = Fixtures.bytes("webhook-applicant-reviewed-green.json");

    assertRefused(
        "does not match",
        () -> sumsub.verifyWebhook(body, signed("HMAC_SHA256_HEX", "guessed-secret", body)));
    assertRefused(
        "does not match",
        () -> sumsub.verifyWebhook(body, headers("HMAC_SHA256_HEX", "00".repeat(32))));
    assertRefused(
        "not hexadecimal",
        () -> sumsub.verifyWebhook(body, headers("HMAC_SHA256_HEX", "zz".repeat(32))));
  }

  @Test
  void anAlteredBodyIsRefused() {
    byte[] body = Fixtures.bytes("webhook-applicant-reviewed-red-final.json");
    Map<String, List<String>> headers = signed("HMAC_SHA256_HEX", WEBHOOK_SECRET, body);
    byte[] approved =
        Fixtures.utf8(
            Fixtures.text("webhook-applicant-reviewed-red-final.json")
                .replace("\"RED\"", "\"GREEN\""));

    assertRefused("does not match", () -> sumsub.verifyWebhook(approved, headers));
  }

  @Test
  void aMissingDigestOrAlgorithmHeaderIsRefused() {
    byte[] body = Fixtures.bytes("webhook-applicant-reviewed-green.json");
    Map<String, List<String>> noDigest = signed("HMAC_SHA256_HEX", WEBHOOK_SECRET, body);
    noDigest.remove("X-Payload-Digest");
    Map<String, List<String>> noAlgorithm = signed("HMAC_SHA256_HEX", WEBHOOK_SECRET, body);
    noAlgorithm.remove("X-Payload-Digest-Alg");
    Map<String, List<String>> emptyDigest = signed("HMAC_SHA256_HEX", WEBHOOK_SECRET, body);
    emptyDigest.put("X-Payload-Digest", List.of());

    assertRefused("no X-Payload-Digest header", () -> sumsub.verifyWebhook(body, noDigest));
    assertRefused("no X-Payload-Digest-Alg header", () -> sumsub.verifyWebhook(body, noAlgorithm));
    assertRefused("no X-Payload-Digest header", () -> sumsub.verifyWebhook(body, emptyDigest));
    assertRefused("no X-Payload-Digest header", () -> sumsub.verifyWebhook(body, Map.of()));
  }

  @Test
  void anUnknownAlgorithmIsRefused() {
    byte[] body = Fixtures.bytes("webhook-applicant-reviewed-green.json");
    String md5 = Fixtures.hmacHex("HmacMD5", WEBHOOK_SECRET, body);

    assertRefused(
        "unknown digest algorithm 'HMAC_MD5_HEX'",
        () -> sumsub.verifyWebhook(body, headers("HMAC_MD5_HEX", md5)));
    assertRefused(
        "unknown digest algorithm 'hmac_sha256_hex'",
        () ->
            sumsub.verifyWebhook(
                body,
                headers("hmac_sha256_hex", Fixtures.hmacHex("HmacSHA256", WEBHOOK_SECRET, body))));
  }

  @Test
  void aHeaderGivenTwiceIsRefused() {
    byte[] body = Fixtures.bytes("webhook-applicant-reviewed-green.json");
    Map<String, List<String>> headers = signed("HMAC_SHA256_HEX", WEBHOOK_SECRET, body);
    headers.put("x-payload-digest", List.of("00"));

    assertRefused("2 X-Payload-Digest headers", () -> sumsub.verifyWebhook(body, headers));
  }

  @Test
  void headerNamesInAnyCaseAndAnUpperCaseDigestVerify() {
    byte[] body = Fixtures.bytes("webhook-applicant-reviewed-green.json");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put(
        "x-payload-digest",
        List.of(Fixtures.hmacHex("HmacSHA256", WEBHOOK_SECRET, body).toUpperCase(Locale.ROOT)));
    headers.put("X-PAYLOAD-DIGEST-ALG", List.of("HMAC_SHA256_HEX"));

    assertThat(sumsub.verifyWebhook(body, headers).review()).isEqualTo(KycReview.approved());
  }

  @Test
  void theRefusalNeverQuotesTheExpectedDigest() {
    byte[] body = Fixtures.bytes("webhook-applicant-reviewed-green.json");
    String expected = Fixtures.hmacHex("HmacSHA256", WEBHOOK_SECRET, body);

    assertThatThrownBy(() -> sumsub.verifyWebhook(body, headers("HMAC_SHA256_HEX", "ab")))
        .satisfies(
            e -> assertThat(e.toString()).doesNotContain(expected).doesNotContain(WEBHOOK_SECRET));
  }

  @Test
  void aSignedBodyThatIsNoApplicantEventIsBadInput() {
    for (String text :
        List.of(
            "not json", "[1,2]", "{\"type\":\"applicantReviewed\"}", "{\"applicantId\":\"x\"}")) {
      byte[] body = Fixtures.utf8(text);
      assertThatThrownBy(
              () -> sumsub.verifyWebhook(body, signed("HMAC_SHA256_HEX", WEBHOOK_SECRET, body)))
          .as(text)
          .isInstanceOfSatisfying(
              SpeedTradeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
  }
}
