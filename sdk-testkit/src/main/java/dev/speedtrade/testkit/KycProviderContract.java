package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.Applicant;
import dev.speedtrade.kyc.KycAccessToken;
import dev.speedtrade.kyc.KycEventType;
import dev.speedtrade.kyc.KycProvider;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycReview;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.kyc.KycWebhookEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link KycProvider} as JUnit tests: idempotent applicants (under concurrent calls
 * too), pending until decided, approvals and both kinds of rejection read from the provider's
 * signed webhooks and from {@link KycProvider#review}, webhooks refused when their signature is
 * missing or their body altered, header names matched ignoring case, a replayed webhook read again
 * with the same event key (remembering keys is the platform's job), access tokens that expire and
 * never print, and the error codes of bad arguments and unknown applicants.
 *
 * <p>An implementation proves it keeps the contract by extending this class and driving its
 * provider (or a fake of the provider's service) through the hooks:
 *
 * <pre>{@code
 * class MockKycProviderContractTest extends KycProviderContract {
 *   private MockKycProvider mock;
 *
 *   protected KycProvider provider(Clock clock) {
 *     mock = MockKycProvider.builder().webhookSecret(Secret.of("whsec")).clock(clock).build();
 *     return mock;
 *   }
 *
 *   protected KycWebhookDelivery approve(Applicant applicant) {
 *     return mock.approve(applicant.applicantId());
 *   }
 *   // reject(...), markPending(...) alike
 * }
 * }</pre>
 */
public abstract class KycProviderContract {
  /** Where the clock given to {@link #provider(Clock)} stands when each test starts. */
  protected static final Instant START = Instant.parse("2026-03-02T14:30:00Z");

  private @Nullable KycProvider provider;
  private final ManualClock clock = new ManualClock(START);

  /**
   * Returns a provider with no applicants yet, whose times (an access token's expiry) come from
   * {@code clock}, and which verifies the webhooks the hooks below return. Called before each test.
   */
  protected abstract KycProvider provider(Clock clock);

  /**
   * Has the provider approve the applicant, and returns the signed webhook it sends about it, as
   * the platform would receive it.
   */
  protected abstract KycWebhookDelivery approve(Applicant applicant);

  /**
   * Has the provider reject the applicant with {@code rejectType} and {@code rejectLabels}, and
   * returns the signed webhook it sends about it.
   */
  protected abstract KycWebhookDelivery reject(
      Applicant applicant, KycRejectType rejectType, List<String> rejectLabels);

  /**
   * Has the provider move the applicant to review (the user submitted), and returns the signed
   * webhook it sends about it.
   */
  protected abstract KycWebhookDelivery markPending(Applicant applicant);

  /** Releases what {@link #provider(Clock)} opened; does nothing unless overridden. */
  protected void closeProvider(KycProvider provider) {}

  @BeforeEach
  void open() {
    provider = provider(clock);
  }

  @AfterEach
  void close() {
    KycProvider opened = provider;
    if (opened != null) {
      closeProvider(opened);
    }
  }

  private KycProvider kyc() {
    KycProvider opened = provider;
    assertThat(opened).as("provider(clock)").isNotNull();
    return Objects.requireNonNull(opened);
  }

  private static void assertCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(SpeedTradeException.class)
        .satisfies(e -> assertThat(((SpeedTradeException) e).code()).isEqualTo(code));
  }

  private KycWebhookEvent verify(KycWebhookDelivery delivery) {
    return kyc().verifyWebhook(delivery.body(), delivery.headers());
  }

  @Test
  void creatingTheApplicantAgainReturnsTheSameOne() {
    Applicant first = kyc().createApplicant("alice");
    Applicant again = kyc().createApplicant("alice");

    assertThat(first.userId()).isEqualTo("alice");
    assertThat(again).isEqualTo(first);
  }

  @Test
  void eachUserHasTheirOwnApplicant() {
    Applicant alice = kyc().createApplicant("alice");
    Applicant bob = kyc().createApplicant("bob");

    assertThat(bob.applicantId()).isNotEqualTo(alice.applicantId());
    assertThat(bob.userId()).isEqualTo("bob");
  }

  @Test
  void concurrentCreatesOfOneUserAllReturnOneApplicant() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Applicant>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return kyc().createApplicant("carol");
                }));
      }
      start.countDown();
      Set<Applicant> distinct = ConcurrentHashMap.newKeySet();
      for (Future<Applicant> result : results) {
        distinct.add(result.get(10, TimeUnit.SECONDS));
      }
      assertThat(distinct).hasSize(1);
      assertThat(kyc().createApplicant("carol")).isEqualTo(distinct.iterator().next());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNewApplicantIsPending() {
    Applicant alice = kyc().createApplicant("alice");

    KycReview review = kyc().review(alice.applicantId());

    assertThat(review).isEqualTo(KycReview.pending());
    assertThat(review.rejectType()).isNull();
    assertThat(review.rejectLabels()).isEmpty();
  }

  @Test
  void anApprovalArrivesAsAVerifiedReviewedEventAndTheReviewFollows() {
    Applicant alice = kyc().createApplicant("alice");

    KycWebhookEvent event = verify(approve(alice));

    assertThat(event.type()).isEqualTo(KycEventType.REVIEWED);
    assertThat(event.applicantId()).isEqualTo(alice.applicantId());
    assertThat(event.userId()).isEqualTo("alice");
    assertThat(event.review()).isEqualTo(KycReview.approved());
    assertThat(kyc().review(alice.applicantId())).isEqualTo(KycReview.approved());
  }

  @Test
  void aRejectionTheUserMayRetryCarriesItsLabels() {
    Applicant alice = kyc().createApplicant("alice");

    KycWebhookEvent event =
        verify(reject(alice, KycRejectType.RETRY, List.of("UNSATISFACTORY_PHOTOS", "SCREENSHOTS")));

    KycReview expected =
        KycReview.rejected(KycRejectType.RETRY, List.of("UNSATISFACTORY_PHOTOS", "SCREENSHOTS"));
    assertThat(event.type()).isEqualTo(KycEventType.REVIEWED);
    assertThat(event.review()).isEqualTo(expected);
    assertThat(Objects.requireNonNull(event.review()).mayRetry()).isTrue();
    assertThat(kyc().review(alice.applicantId())).isEqualTo(expected);
  }

  @Test
  void aFinalRejectionCarriesItsLabels() {
    Applicant alice = kyc().createApplicant("alice");

    KycWebhookEvent event = verify(reject(alice, KycRejectType.FINAL, List.of("FORGERY")));

    KycReview expected = KycReview.rejected(KycRejectType.FINAL, List.of("FORGERY"));
    assertThat(event.review()).isEqualTo(expected);
    assertThat(kyc().review(alice.applicantId())).isEqualTo(expected);
    assertThat(kyc().review(alice.applicantId()).status()).isEqualTo(KycStatus.REJECTED);
  }

  @Test
  void aSubmissionIsAPendingEvent() {
    Applicant alice = kyc().createApplicant("alice");

    KycWebhookEvent event = verify(markPending(alice));

    assertThat(event.type()).isEqualTo(KycEventType.PENDING);
    assertThat(event.applicantId()).isEqualTo(alice.applicantId());
    assertThat(event.review()).isEqualTo(KycReview.pending());
    assertThat(kyc().review(alice.applicantId())).isEqualTo(KycReview.pending());
  }

  @Test
  void aLaterDecisionReplacesAnEarlierOne() {
    Applicant alice = kyc().createApplicant("alice");
    verify(approve(alice));

    verify(reject(alice, KycRejectType.FINAL, List.of("FRAUDULENT_PATTERNS")));

    assertThat(kyc().review(alice.applicantId()))
        .isEqualTo(KycReview.rejected(KycRejectType.FINAL, List.of("FRAUDULENT_PATTERNS")));
  }

  @Test
  void aReplayedWebhookVerifiesAgainWithTheSameEventKey() {
    Applicant alice = kyc().createApplicant("alice");
    KycWebhookDelivery delivery = approve(alice);

    KycWebhookEvent first = verify(delivery);
    KycWebhookEvent replayed = verify(delivery);
    KycWebhookEvent another = verify(approve(alice));

    assertThat(replayed).isEqualTo(first);
    assertThat(replayed.eventKey()).isEqualTo(first.eventKey());
    assertThat(another.eventKey()).isNotEqualTo(first.eventKey());
  }

  @Test
  void aWebhookWithAnAlteredBodyIsRefused() {
    Applicant alice = kyc().createApplicant("alice");
    KycWebhookDelivery delivery = reject(alice, KycRejectType.FINAL, List.of("FORGERY"));

    byte[] flipped = delivery.body();
    flipped[flipped.length / 2] ^= 0x01;
    assertCode(ErrorCode.INVALID_SIGNATURE, () -> kyc().verifyWebhook(flipped, delivery.headers()));

    byte[] body = delivery.body();
    byte[] longer = Arrays.copyOf(body, body.length + 1);
    longer[body.length] = ' ';
    assertCode(ErrorCode.INVALID_SIGNATURE, () -> kyc().verifyWebhook(longer, delivery.headers()));

    assertCode(
        ErrorCode.INVALID_SIGNATURE, () -> kyc().verifyWebhook(new byte[0], delivery.headers()));
  }

  @Test
  void aWebhookWithoutItsSignatureIsRefused() {
    KycWebhookDelivery delivery = approve(kyc().createApplicant("alice"));

    assertCode(ErrorCode.INVALID_SIGNATURE, () -> kyc().verifyWebhook(delivery.body(), Map.of()));
    Map<String, List<String>> contentTypeOnly = new LinkedHashMap<>();
    contentTypeOnly.put("Content-Type", List.of("application/json"));
    assertCode(
        ErrorCode.INVALID_SIGNATURE, () -> kyc().verifyWebhook(delivery.body(), contentTypeOnly));
  }

  @Test
  void headerNamesAreMatchedIgnoringCase() {
    KycWebhookDelivery delivery = approve(kyc().createApplicant("alice"));
    Map<String, List<String>> lower = new LinkedHashMap<>();
    Map<String, List<String>> upper = new LinkedHashMap<>();
    delivery
        .headers()
        .forEach(
            (name, values) -> {
              lower.put(name.toLowerCase(Locale.ROOT), values);
              upper.put(name.toUpperCase(Locale.ROOT), values);
            });

    assertThat(kyc().verifyWebhook(delivery.body(), lower)).isEqualTo(verify(delivery));
    assertThat(kyc().verifyWebhook(delivery.body(), upper)).isEqualTo(verify(delivery));
  }

  @Test
  void anAccessTokenIsForTheUserExpiresLaterAndNeverPrints() {
    kyc().createApplicant("alice");

    KycAccessToken token = kyc().accessToken("alice");

    assertThat(token.userId()).isEqualTo("alice");
    assertThat(token.token().reveal()).isNotBlank();
    assertThat(token.expiresAt()).isAfter(START);
    assertThat(token.toString()).doesNotContain(token.token().reveal());
  }

  @Test
  void anUnknownApplicantIsNotFound() {
    assertCode(ErrorCode.APPLICANT_NOT_FOUND, () -> kyc().review("000000000000000000000000"));
  }

  @Test
  @SuppressWarnings("NullAway")
  void nullOrBlankArgumentsAreInvalidArgument() {
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc().createApplicant(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc().createApplicant(" "));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc().accessToken(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc().accessToken(""));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc().review(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc().review("\t"));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc().verifyWebhook(null, Map.of()));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc().verifyWebhook(new byte[0], null));
  }
}
