package dev.speedtrade.sumsub;

import static dev.speedtrade.sumsub.Fixtures.APP_TOKEN;
import static dev.speedtrade.sumsub.Fixtures.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.Applicant;
import dev.speedtrade.kyc.KycAccessToken;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycReview;
import dev.speedtrade.secret.Secret;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adapter's calls against a MockWebServer answering with Sumsub's documented shapes (see the
 * fixtures' README): the signature, each endpoint, the review mapping, and every error.
 */
class SumsubKycProviderTest {
  private static final Instant NOW = Instant.parse("2026-03-02T14:30:00Z");
  private static final String APPLICANT_ID = "5b594ade0a975a36c9349e66";

  private final MockWebServer server = new MockWebServer();
  private SumsubKycProvider sumsub;

  @BeforeEach
  void start() throws IOException {
    server.start();
    sumsub = provider(Fixtures.LEVEL);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private SumsubKycProvider provider(String level) {
    return SumsubKycProvider.create(
        SumsubConfig.builder()
            .appToken(Secret.of(APP_TOKEN))
            .secretKey(Secret.of(SECRET_KEY))
            .webhookSecretKey(Secret.of(Fixtures.WEBHOOK_SECRET))
            .levelName(level)
            .baseUrl(server.url("/").toString())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .timeout(Duration.ofMillis(700))
            .build());
  }

  private void answer(int code, String fixture) {
    server.enqueue(
        new MockResponse()
            .setResponseCode(code)
            .setHeader("Content-Type", "application/json")
            .setBody(Fixtures.text(fixture)));
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  /** Recomputes the request's signature from what the server received, as Sumsub does. */
  private static void assertSigned(RecordedRequest request) {
    String ts = request.getHeader("X-App-Access-Ts");
    byte[] body = request.getBody().readByteArray();
    assertThat(request.getHeader("X-App-Token")).isEqualTo(APP_TOKEN);
    assertThat(ts).isEqualTo(Long.toString(NOW.getEpochSecond())).isEqualTo("1772461800");
    assertThat(request.getHeader("X-App-Access-Sig"))
        .isEqualTo(
            Fixtures.hmacHex(
                "HmacSHA256",
                SECRET_KEY,
                Fixtures.utf8(ts + request.getMethod() + request.getPath()),
                body))
        .matches("[0-9a-f]{64}");
  }

  private static void assertCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(SpeedTradeException.class)
        .satisfies(e -> assertThat(((SpeedTradeException) e).code()).isEqualTo(code));
  }

  @Test
  void theSignatureMatchesAnIndependentlyComputedOneForTheDocumentedExample() {
    // The signing string of the example in Sumsub's authentication guide, under the example secret
    // key of Sumsub's Java sample; the expected value was computed with Python's hmac module.
    assertThat(
            SumsubHttp.signature(
                Secret.of("Hej2ch71kG2kTd1iIUDZFNsO5C1lh5Gq"),
                1607551635L,
                "POST",
                "/resources/accessTokens?userId=cfd20712-24a2-4c7d-9ab0-146f3c142335"
                    + "&levelName=basic-kyc-level&ttlInSecs=600",
                new byte[0]))
        .isEqualTo("1e1856be1c1e1ff113e5664acac6b423ffefe04ad42ff36567622ef56f62c4b1");
  }

  @Test
  void createsTheApplicantAtTheLevelWithTheUserAsExternalUserIdSigned() throws Exception {
    answer(201, "applicant.json");

    Applicant applicant = sumsub.createApplicant("alice");

    assertThat(applicant).isEqualTo(new Applicant(APPLICANT_ID, "alice"));
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/resources/applicants?levelName=basic-kyc-level");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().clone().readUtf8()).isEqualTo("{\"externalUserId\":\"alice\"}");
    assertSigned(request);
  }

  @Test
  void aLevelWithReservedCharactersIsSignedExactlyAsSent() throws Exception {
    answer(201, "applicant.json");

    provider("kyc level+1&x").createApplicant("alice");

    RecordedRequest request = taken();
    assertThat(request.getPath()).isEqualTo("/resources/applicants?levelName=kyc%20level%2B1%26x");
    assertSigned(request);
  }

  @Test
  void aConflictOnCreateReadsTheExistingApplicantByExternalUserId() throws Exception {
    answer(409, "error-applicant-exists.json");
    answer(200, "applicant.json");

    Applicant applicant = sumsub.createApplicant("alice");

    assertThat(applicant).isEqualTo(new Applicant(APPLICANT_ID, "alice"));
    assertSigned(taken());
    RecordedRequest lookup = taken();
    assertThat(lookup.getMethod()).isEqualTo("GET");
    assertThat(lookup.getPath()).isEqualTo("/resources/applicants/-;externalUserId=alice/one");
    assertThat(lookup.getBodySize()).isZero();
    assertSigned(lookup);
  }

  @Test
  void theExternalUserIdOfTheLookupIsPercentEncoded() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(409).setBody("{}"));
    server.enqueue(
        new MockResponse()
            .setBody(Fixtures.text("applicant.json").replace("\"alice\"", "\"a/b c;d\"")));

    assertThat(sumsub.createApplicant("a/b c;d").userId()).isEqualTo("a/b c;d");

    taken();
    RecordedRequest lookup = taken();
    assertThat(lookup.getPath())
        .isEqualTo("/resources/applicants/-;externalUserId=a%2Fb%20c%3Bd/one");
    assertSigned(lookup);
  }

  @Test
  void anApplicantOfAnotherUserOrWithoutAnIdIsAnUnreadableAnswer() {
    answer(201, "applicant.json");
    assertCode(ErrorCode.PROVIDER_UNAVAILABLE, () -> sumsub.createApplicant("bob"));
    server.enqueue(new MockResponse().setResponseCode(201).setBody("{\"externalUserId\":\"bob\"}"));
    assertCode(ErrorCode.PROVIDER_UNAVAILABLE, () -> sumsub.createApplicant("bob"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "status-green.json, APPROVED, , ",
    "status-red-retry.json, REJECTED, RETRY, UNSATISFACTORY_PHOTOS SCREENSHOTS",
    "status-red-final.json, REJECTED, FINAL, UNSATISFACTORY_PHOTOS GRAPHIC_EDITOR FORGERY",
    "status-pending.json, PENDING, , ",
    "status-init.json, PENDING, , ",
    "status-on-hold-earlier-red.json, PENDING, , "
  })
  void theReviewStatusMapsGreenRedRetryRedFinalAndNoAnswer(
      String fixture, String status, String rejectType, String labels) throws Exception {
    answer(200, fixture);

    KycReview review = sumsub.review(APPLICANT_ID);

    KycReview expected =
        switch (status) {
          case "APPROVED" -> KycReview.approved();
          case "PENDING" -> KycReview.pending();
          default ->
              KycReview.rejected(KycRejectType.valueOf(rejectType), List.of(labels.split(" ")));
        };
    assertThat(review).isEqualTo(expected);
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/resources/applicants/" + APPLICANT_ID + "/status");
    assertSigned(request);
  }

  @Test
  void aRedAnswerWithoutARejectTypeIsReadAsFinal() {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"reviewStatus\":\"completed\",\"reviewResult\":{\"reviewAnswer\":\"RED\"}}"));

    assertThat(sumsub.review(APPLICANT_ID))
        .isEqualTo(KycReview.rejected(KycRejectType.FINAL, List.of()));
  }

  @Test
  void issuesAnAccessTokenForTheUserAndLevelThatExpiresAfterItsTimeToLive() throws Exception {
    answer(200, "access-token.json");

    KycAccessToken token = sumsub.accessToken("johndoeID");

    assertThat(token.userId()).isEqualTo("johndoeID");
    assertThat(token.token().reveal()).isEqualTo("_act-b8ebfb63-5f24-4b89-9c08-000000000000");
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    assertThat(token.toString()).doesNotContain("_act-b8ebfb63");
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/resources/accessTokens/sdk");
    assertThat(request.getBody().clone().readUtf8())
        .isEqualTo(
            "{\"userId\":\"johndoeID\",\"levelName\":\"basic-kyc-level\",\"ttlInSecs\":600}");
    assertSigned(request);
  }

  @Test
  void anAnswerWithoutATokenIsUnreadable() {
    server.enqueue(new MockResponse().setBody("{\"userId\":\"johndoeID\"}"));
    assertCode(ErrorCode.PROVIDER_UNAVAILABLE, () -> sumsub.accessToken("johndoeID"));
  }

  @Test
  void unauthorizedAndForbiddenAreForbiddenWithSumsubsErrorCode() {
    answer(401, "error-unauthorized.json");
    assertThatThrownBy(() -> sumsub.review(APPLICANT_ID))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
              assertThat(e.providerCode()).contains("4003");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Sumsub refused reading the review of applicant "
                          + APPLICANT_ID
                          + ": Invalid signature (HTTP 401, correlationId"
                          + " req-7c2d9a40-3b6e-4f1a-8e5d-0a4b6c8d2e13)");
            });
    server.enqueue(new MockResponse().setResponseCode(403));
    assertThatThrownBy(() -> sumsub.createApplicant("alice"))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
              assertThat(e.providerCode()).contains("HTTP 403");
            });
  }

  @Test
  void anUnknownApplicantIsNotFound() {
    answer(404, "error-not-found.json");
    assertCode(ErrorCode.APPLICANT_NOT_FOUND, () -> sumsub.review("000000000000000000000000"));
    answer(409, "error-applicant-exists.json");
    answer(404, "error-not-found.json");
    assertCode(ErrorCode.APPLICANT_NOT_FOUND, () -> sumsub.createApplicant("alice"));
  }

  @Test
  void aBadRequestIsInvalidArgument() {
    answer(400, "error-bad-request.json");
    assertThatThrownBy(() -> sumsub.createApplicant("alice"))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("Level 'no-such-level' not found");
            });
  }

  @Test
  void tooManyRequestsIsRateLimitedAndNotRetriedHere() {
    answer(429, "error-rate-limit.json");

    assertThatThrownBy(() -> sumsub.accessToken("alice"))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
              assertThat(e.code().isRetryable()).isTrue();
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aServerErrorADroppedConnectionATimeoutAndGarbageAreProviderUnavailable() {
    server.enqueue(new MockResponse().setResponseCode(503).setBody("<html>down</html>"));
    assertCode(ErrorCode.PROVIDER_UNAVAILABLE, () -> sumsub.review(APPLICANT_ID));

    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    assertCode(ErrorCode.PROVIDER_UNAVAILABLE, () -> sumsub.createApplicant("alice"));

    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    assertCode(ErrorCode.PROVIDER_UNAVAILABLE, () -> sumsub.accessToken("alice"));

    server.enqueue(new MockResponse().setBody("not json"));
    assertCode(ErrorCode.PROVIDER_UNAVAILABLE, () -> sumsub.review(APPLICANT_ID));

    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  @SuppressWarnings("NullAway")
  void nullOrBlankArgumentsAreRefusedBeforeAnyCall() {
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> sumsub.createApplicant(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> sumsub.accessToken(" "));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> sumsub.review(""));
    assertThat(server.getRequestCount()).isZero();
  }
}
