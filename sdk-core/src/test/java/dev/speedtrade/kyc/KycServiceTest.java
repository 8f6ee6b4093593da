package dev.speedtrade.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.kyc.spi.InMemoryKycStore;
import dev.speedtrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** {@link KycService} on {@link MockKycProvider}'s signed webhooks and the in-memory store. */
class KycServiceTest {
  private static final Instant T0 = Instant.parse("2026-03-02T14:30:00.123456789Z");
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final List<String> PHOTOS = List.of("UNSATISFACTORY_PHOTOS");
  private static final List<String> FORGERY = List.of("FORGERY");

  private final MutableClock clock = new MutableClock(T0);
  private final MockKycProvider mock =
      MockKycProvider.builder().webhookSecret(Secret.of("kyc-service-secret")).clock(clock).build();
  private final CountingKycProvider provider = new CountingKycProvider(mock);
  private final InMemoryKycStore store = new InMemoryKycStore();
  private final KycService kyc =
      KycService.builder().provider(provider).store(store).clock(clock).build();

  private KycUpdate deliver(KycWebhookDelivery delivery) {
    clock.advance(STEP);
    return kyc.handleWebhook(delivery.body(), delivery.headers());
  }

  private String started(String user) {
    return kyc.start(user).verification().applicantId();
  }

  private static String keyOf(MockKycProvider provider, KycWebhookDelivery delivery) {
    return provider.verifyWebhook(delivery.body(), delivery.headers()).eventKey();
  }

  private static void assertCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(SpeedTradeException.class)
        .satisfies(e -> assertThat(((SpeedTradeException) e).code()).isEqualTo(code));
  }

  // ------------------------------------------------------------------ start

  @Test
  void startOpensAPendingVerificationWithTheProvidersApplicantAndAToken() {
    KycStart start = kyc.start("alice");

    KycVerification v = start.verification();
    assertThat(v)
        .isEqualTo(
            new KycVerification(
                "alice",
                mock.createApplicant("alice").applicantId(),
                KycReview.pending(),
                1,
                T0,
                T0));
    assertThat(v.isOpen()).isTrue();
    assertThat(start.accessToken()).isNotNull();
    assertThat(start.accessToken().userId()).isEqualTo("alice");
    assertThat(start.toString()).contains("Secret[redacted]").doesNotContain("_act-mock-");
    assertThat(kyc.status("alice")).isEqualTo(KycStatus.PENDING);
    assertThat(kyc.history("alice"))
        .containsExactly(
            new KycStatusChange(
                "alice",
                v.applicantId(),
                null,
                KycReview.pending(),
                1,
                KycChangeCause.START,
                null,
                T0));
  }

  @Test
  void startingAgainWhilePendingReusesTheVerificationWithAFreshTokenAndNoSecondApplicant() {
    KycStart first = kyc.start("alice");
    clock.advance(STEP);
    KycStart again = kyc.start("alice");

    assertThat(again.verification()).isEqualTo(first.verification());
    assertThat(provider.creates).hasValue(1);
    assertThat(provider.tokens).hasValue(2);
    assertThat(again.accessToken()).isNotNull();
    assertThat(again.accessToken().token()).isNotEqualTo(first.accessToken().token());
    assertThat(kyc.history("alice")).hasSize(1);
  }

  @Test
  void concurrentStartsOfOneUserOpenOneVerification() throws Exception {
    List<KycStart> starts = onThreads(16, () -> kyc.start("alice"));

    assertThat(starts)
        .extracting(KycStart::verification)
        .containsOnly(starts.get(0).verification());
    assertThat(kyc.history("alice")).hasSize(1);
  }

  // ------------------------------------------------------------------ transitions

  @Test
  void anApprovalMovesPendingToApproved() {
    String applicant = started("alice");
    KycWebhookDelivery approval = mock.approve(applicant);

    KycUpdate update = deliver(approval);

    Instant at = T0.plus(STEP);
    KycVerification approved =
        new KycVerification("alice", applicant, KycReview.approved(), 1, T0, at);
    KycStatusChange change =
        new KycStatusChange(
            "alice",
            applicant,
            KycStatus.PENDING,
            KycReview.approved(),
            1,
            KycChangeCause.WEBHOOK,
            keyOf(mock, approval),
            at);
    assertThat(update).isEqualTo(new KycUpdate(KycUpdateCode.APPLIED, approved, change));
    assertThat(kyc.status("alice")).isEqualTo(KycStatus.APPROVED);
    assertThat(kyc.verification("alice")).contains(approved);
    assertThat(kyc.history("alice")).hasSize(2).last().isEqualTo(change);
  }

  @Test
  void aRejectionWithLeaveToRetryThenStartingAgainThenAnApprovalEndsApproved() {
    String applicant = started("alice");

    KycUpdate rejected = deliver(mock.reject(applicant, KycRejectType.RETRY, PHOTOS));
    assertThat(rejected.code()).isEqualTo(KycUpdateCode.APPLIED);
    assertThat(kyc.status("alice")).isEqualTo(KycStatus.REJECTED);
    assertThat(rejected.verification().review().rejectLabels()).isEqualTo(PHOTOS);
    assertThat(rejected.verification().isOpen()).isTrue();

    clock.advance(STEP);
    KycStart again = kyc.start("alice");
    assertThat(again.accessToken()).isNotNull();
    assertThat(again.verification().applicantId()).isEqualTo(applicant);
    assertThat(again.verification().status()).isEqualTo(KycStatus.PENDING);
    assertThat(again.verification().attempt()).isEqualTo(2);
    assertThat(provider.creates).hasValue(1);

    KycUpdate approved = deliver(mock.approve(applicant));
    assertThat(approved.code()).isEqualTo(KycUpdateCode.APPLIED);
    assertThat(kyc.status("alice")).isEqualTo(KycStatus.APPROVED);

    List<KycStatusChange> history = kyc.history("alice");
    assertThat(history)
        .extracting(KycStatusChange::from, KycStatusChange::to, KycStatusChange::cause)
        .containsExactly(
            tuple(null, KycStatus.PENDING, KycChangeCause.START),
            tuple(KycStatus.PENDING, KycStatus.REJECTED, KycChangeCause.WEBHOOK),
            tuple(KycStatus.REJECTED, KycStatus.PENDING, KycChangeCause.START),
            tuple(KycStatus.PENDING, KycStatus.APPROVED, KycChangeCause.WEBHOOK));
    assertThat(history.get(1).review()).isEqualTo(KycReview.rejected(KycRejectType.RETRY, PHOTOS));
    assertThat(history).extracting(KycStatusChange::attempt).containsExactly(1, 1, 2, 2);
    assertThat(history.get(2).eventKey()).isNull();
  }

  @Test
  void aFinalRejectionStandsAndStartingAgainGivesNoTokenAndNoNewApplicant() {
    String applicant = started("alice");
    deliver(mock.reject(applicant, KycRejectType.FINAL, FORGERY));

    KycStart again = kyc.start("alice");

    assertThat(again.accessToken()).isNull();
    assertThat(again.verification().review())
        .isEqualTo(KycReview.rejected(KycRejectType.FINAL, FORGERY));
    assertThat(again.verification().isOpen()).isFalse();
    assertThat(provider.creates).hasValue(1);
    assertThat(provider.tokens).hasValue(1);
    assertThat(kyc.history("alice")).hasSize(2);
  }

  @Test
  void startingAnApprovedUserReturnsTheApprovedVerificationWithoutAToken() {
    String applicant = started("alice");
    KycVerification approved = deliver(mock.approve(applicant)).verification();

    KycStart again = kyc.start("alice");

    assertThat(again.verification()).isEqualTo(approved);
    assertThat(again.accessToken()).isNull();
    assertThat(provider.tokens).hasValue(1);
  }

  @Test
  void anApprovalIsRevokedByAFinalRejection() {
    String applicant = started("alice");
    deliver(mock.approve(applicant));

    KycUpdate revoked = deliver(mock.reject(applicant, KycRejectType.FINAL, FORGERY));

    assertThat(revoked.code()).isEqualTo(KycUpdateCode.APPLIED);
    assertThat(revoked.change().from()).isEqualTo(KycStatus.APPROVED);
    assertThat(kyc.status("alice")).isEqualTo(KycStatus.REJECTED);
  }

  // ------------------------------------------------------------------ refused transitions

  @Test
  void anApprovalIsNotMovedByAPendingEventOrARejectionWithLeaveToRetry() {
    String applicant = started("alice");
    KycVerification approved = deliver(mock.approve(applicant)).verification();

    assertThat(deliver(mock.markPending(applicant)).code()).isEqualTo(KycUpdateCode.STALE);
    assertThat(deliver(mock.reject(applicant, KycRejectType.RETRY, PHOTOS)).code())
        .isEqualTo(KycUpdateCode.STALE);

    assertThat(kyc.verification("alice")).contains(approved);
    assertThat(kyc.history("alice")).hasSize(2);
  }

  @Test
  void aFinalRejectionIsNotMovedByAnyLaterReview() {
    String applicant = started("alice");
    KycVerification rejected =
        deliver(mock.reject(applicant, KycRejectType.FINAL, FORGERY)).verification();

    assertThat(deliver(mock.approve(applicant)).code()).isEqualTo(KycUpdateCode.STALE);
    assertThat(deliver(mock.reject(applicant, KycRejectType.RETRY, PHOTOS)).code())
        .isEqualTo(KycUpdateCode.STALE);
    assertThat(deliver(mock.markPending(applicant)).code()).isEqualTo(KycUpdateCode.STALE);
    assertThat(deliver(mock.reject(applicant, KycRejectType.FINAL, PHOTOS)).code())
        .isEqualTo(KycUpdateCode.IGNORED);

    assertThat(kyc.verification("alice")).contains(rejected);
    assertThat(kyc.history("alice")).hasSize(2);
  }

  @Test
  void aRejectionWithLeaveToRetryIsNotReopenedByAPendingEventOnlyByStartingAgain() {
    String applicant = started("alice");
    KycVerification rejected =
        deliver(mock.reject(applicant, KycRejectType.RETRY, PHOTOS)).verification();

    assertThat(deliver(mock.markPending(applicant)).code()).isEqualTo(KycUpdateCode.STALE);
    assertThat(kyc.verification("alice")).contains(rejected);

    KycUpdate final_ = deliver(mock.reject(applicant, KycRejectType.FINAL, FORGERY));
    assertThat(final_.code()).isEqualTo(KycUpdateCode.APPLIED);
  }

  @Test
  void aSecondPendingEventOrTheSameDecisionAgainIsIgnored() {
    String applicant = started("alice");

    assertThat(deliver(mock.markPending(applicant)).code()).isEqualTo(KycUpdateCode.IGNORED);
    deliver(mock.approve(applicant));
    KycUpdate again = deliver(mock.approve(applicant));

    assertThat(again.code()).isEqualTo(KycUpdateCode.IGNORED);
    assertThat(again.change()).isNull();
    assertThat(kyc.history("alice")).hasSize(2);
    assertThat(kyc.webhooks("alice"))
        .extracting(KycReceivedWebhook::outcome)
        .containsExactly(KycUpdateCode.IGNORED, KycUpdateCode.APPLIED, KycUpdateCode.IGNORED);
  }

  @Test
  void anApplicantResetReopensADecidedVerification() {
    String applicant = started("alice");
    deliver(mock.reject(applicant, KycRejectType.FINAL, FORGERY));
    provider.rewriteEvents(
        e ->
            new KycWebhookEvent(
                e.eventKey(),
                KycEventType.RESET,
                "applicantReset",
                e.applicantId(),
                e.userId(),
                null));

    KycUpdate reset = deliver(mock.markPending(applicant));

    assertThat(reset.code()).isEqualTo(KycUpdateCode.APPLIED);
    assertThat(reset.verification().review()).isEqualTo(KycReview.pending());
    assertThat(kyc.start("alice").accessToken()).isNotNull();
    assertThat(deliver(mock.markPending(applicant)).code()).isEqualTo(KycUpdateCode.IGNORED);
  }

  @Test
  void anEventWithoutAReviewIsKeptAndIgnored() {
    String applicant = started("alice");
    provider.rewriteEvents(
        e ->
            new KycWebhookEvent(
                e.eventKey(),
                KycEventType.OTHER,
                "applicantPersonalInfoChanged",
                e.applicantId(),
                e.userId(),
                null));

    KycUpdate update = deliver(mock.approve(applicant));

    assertThat(update.code()).isEqualTo(KycUpdateCode.IGNORED);
    assertThat(kyc.status("alice")).isEqualTo(KycStatus.PENDING);
    assertThat(kyc.webhooks("alice")).hasSize(1);
  }

  // ------------------------------------------------------------------ replay, reorder, forgery

  @Test
  void aReplayedWebhookIsADuplicateAndChangesNothing() {
    String applicant = started("alice");
    KycWebhookDelivery approval = mock.approve(applicant);
    KycVerification approved = deliver(approval).verification();
    List<KycStatusChange> history = kyc.history("alice");
    List<KycReceivedWebhook> kept = kyc.webhooks("alice");

    KycUpdate replay = deliver(approval);
    KycUpdate again = deliver(approval);

    assertThat(replay).isEqualTo(new KycUpdate(KycUpdateCode.DUPLICATE, approved, null));
    assertThat(again.code()).isEqualTo(KycUpdateCode.DUPLICATE);
    assertThat(kyc.verification("alice")).contains(approved);
    assertThat(kyc.history("alice")).isEqualTo(history);
    assertThat(kyc.webhooks("alice")).isEqualTo(kept).hasSize(1);
  }

  @Test
  void aReplayOfARejectionAfterTheUserStartedAgainIsADuplicate() {
    String applicant = started("alice");
    KycWebhookDelivery rejection = mock.reject(applicant, KycRejectType.RETRY, PHOTOS);
    deliver(rejection);
    kyc.start("alice");

    assertThat(deliver(rejection).code()).isEqualTo(KycUpdateCode.DUPLICATE);
    assertThat(kyc.status("alice")).isEqualTo(KycStatus.PENDING);
  }

  @Test
  void anOlderEventArrivingAfterANewerOneDoesNotMoveTheStateBack() {
    String applicant = started("alice");
    KycWebhookDelivery submitted = mock.markPending(applicant);
    KycWebhookDelivery retry = mock.reject(applicant, KycRejectType.RETRY, PHOTOS);
    KycWebhookDelivery approval = mock.approve(applicant);

    assertThat(deliver(approval).code()).isEqualTo(KycUpdateCode.APPLIED);
    assertThat(deliver(retry).code()).isEqualTo(KycUpdateCode.STALE);
    assertThat(deliver(submitted).code()).isEqualTo(KycUpdateCode.STALE);

    assertThat(kyc.status("alice")).isEqualTo(KycStatus.APPROVED);
    assertThat(kyc.history("alice"))
        .extracting(KycStatusChange::to)
        .containsExactly(KycStatus.PENDING, KycStatus.APPROVED);
    assertThat(kyc.webhooks("alice"))
        .extracting(KycReceivedWebhook::eventKey, KycReceivedWebhook::outcome)
        .containsExactly(
            tuple(keyOf(mock, approval), KycUpdateCode.APPLIED),
            tuple(keyOf(mock, retry), KycUpdateCode.STALE),
            tuple(keyOf(mock, submitted), KycUpdateCode.STALE));
  }

  @Test
  void anApprovalArrivingAfterTheFinalRejectionThatFollowedItDoesNotLiftIt() {
    String applicant = started("alice");
    KycWebhookDelivery approval = mock.approve(applicant);
    KycWebhookDelivery revocation = mock.reject(applicant, KycRejectType.FINAL, FORGERY);

    deliver(revocation);
    assertThat(deliver(approval).code()).isEqualTo(KycUpdateCode.STALE);

    assertThat(kyc.status("alice")).isEqualTo(KycStatus.REJECTED);
  }

  @Test
  void aWebhookWithAnAlteredBodyIsRefusedAndNothingIsKept() {
    String applicant = started("alice");
    KycWebhookDelivery approval = mock.approve(applicant);
    byte[] altered = approval.bodyText().replace("GREEN", "GREEM").getBytes(StandardCharsets.UTF_8);

    assertCode(ErrorCode.INVALID_SIGNATURE, () -> kyc.handleWebhook(altered, approval.headers()));

    assertNothingReceived(applicant, keyOf(mock, approval));
  }

  @Test
  void aWebhookSignedWithAnotherSecretIsRefusedAndNothingIsKept() {
    String applicant = started("alice");
    MockKycProvider forger =
        MockKycProvider.builder().webhookSecret(Secret.of("not-the-secret")).clock(clock).build();
    forger.createApplicant("alice");
    KycWebhookDelivery forged = forger.approve(applicant);

    assertCode(
        ErrorCode.INVALID_SIGNATURE, () -> kyc.handleWebhook(forged.body(), forged.headers()));

    assertNothingReceived(applicant, keyOf(forger, forged));
  }

  @Test
  void aWebhookWithoutItsSignatureIsRefusedAndNothingIsKept() {
    String applicant = started("alice");
    KycWebhookDelivery approval = mock.approve(applicant);
    Map<String, List<String>> unsigned = new HashMap<>(approval.headers());
    unsigned.remove("X-Payload-Digest");

    assertCode(ErrorCode.INVALID_SIGNATURE, () -> kyc.handleWebhook(approval.body(), unsigned));

    assertNothingReceived(applicant, keyOf(mock, approval));
  }

  private void assertNothingReceived(String applicant, String eventKey) {
    assertThat(kyc.status("alice")).isEqualTo(KycStatus.PENDING);
    assertThat(kyc.history("alice")).hasSize(1);
    assertThat(kyc.webhook(eventKey)).isEmpty();
    List<KycReceivedWebhook> ofApplicant = store.read(book -> book.webhooks(applicant));
    Optional<KycReceivedWebhook> byKey = store.read(book -> book.webhook(eventKey));
    assertThat(ofApplicant).isEmpty();
    assertThat(byKey).isEmpty();
  }

  @Test
  void aWebhookAboutAnApplicantThePlatformDoesNotKnowIsKeptNotApplied() {
    String stranger = mock.createApplicant("mallory").applicantId();
    KycWebhookDelivery approval = mock.approve(stranger);

    KycUpdate update = deliver(approval);

    assertThat(update).isEqualTo(new KycUpdate(KycUpdateCode.UNKNOWN_APPLICANT, null, null));
    KycReceivedWebhook kept = kyc.webhook(keyOf(mock, approval)).orElseThrow();
    assertThat(kept.outcome()).isEqualTo(KycUpdateCode.UNKNOWN_APPLICANT);
    assertThat(kept.event().applicantId()).isEqualTo(stranger);
    assertThat(kyc.status("mallory")).isEqualTo(KycStatus.PENDING);
    assertThat(kyc.verification("mallory")).isEmpty();
    assertThat(kyc.history("mallory")).isEmpty();
    assertThat(deliver(approval)).isEqualTo(new KycUpdate(KycUpdateCode.DUPLICATE, null, null));
  }

  @Test
  void theRawPayloadIsKeptByteForByteWithItsReceiptTime() {
    String applicant = started("alice");
    KycWebhookDelivery rejection =
        mock.reject(applicant, KycRejectType.RETRY, List.of("ÜNSCHARF_€", "SELFIE_MISMATCH"));

    deliver(rejection);

    KycReceivedWebhook kept = kyc.webhooks("alice").get(0);
    assertThat(kept.body()).isEqualTo(rejection.body());
    assertThat(kept.bodyText()).isEqualTo(rejection.bodyText()).contains("ÜNSCHARF_€");
    assertThat(kept.receivedAt()).isEqualTo(T0.plus(STEP));
    assertThat(kept.event()).isEqualTo(mock.verifyWebhook(rejection.body(), rejection.headers()));
    assertThat(kept.outcome()).isEqualTo(KycUpdateCode.APPLIED);
    assertThat(kept.toString()).contains(kept.eventKey()).doesNotContain("SELFIE_MISMATCH");
  }

  @Test
  void theCallersArrayChangingAfterwardsDoesNotChangeWhatWasKept() {
    String applicant = started("alice");
    KycWebhookDelivery approval = mock.approve(applicant);
    byte[] body = approval.body();

    kyc.handleWebhook(body, approval.headers());
    body[0] = 'X';

    assertThat(kyc.webhooks("alice").get(0).body()).isEqualTo(approval.body());
  }

  // ------------------------------------------------------------------ refresh

  @Test
  void refreshAppliesTheProvidersReviewWhenTheWebhookNeverCame() {
    String applicant = started("alice");
    mock.approve(applicant); // never delivered
    clock.advance(STEP);

    KycUpdate refreshed = kyc.refresh("alice");

    assertThat(refreshed.code()).isEqualTo(KycUpdateCode.APPLIED);
    assertThat(refreshed.change().cause()).isEqualTo(KycChangeCause.REFRESH);
    assertThat(refreshed.change().eventKey()).isNull();
    assertThat(kyc.status("alice")).isEqualTo(KycStatus.APPROVED);
    assertThat(kyc.refresh("alice").code()).isEqualTo(KycUpdateCode.IGNORED);
    assertThat(provider.reviews).hasValue(2);
  }

  @Test
  void refreshFollowsTheOrderingRule() {
    String applicant = started("alice");
    deliver(mock.approve(applicant));
    mock.markPending(applicant); // the provider's current review goes back to pending

    assertThat(kyc.refresh("alice").code()).isEqualTo(KycUpdateCode.STALE);
    assertThat(kyc.status("alice")).isEqualTo(KycStatus.APPROVED);
  }

  @Test
  void refreshOfAUserWhoNeverStartedAsksNothing() {
    assertThat(kyc.refresh("nobody"))
        .isEqualTo(new KycUpdate(KycUpdateCode.UNKNOWN_APPLICANT, null, null));
    assertThat(provider.reviews).hasValue(0);
  }

  // ------------------------------------------------------------------ listeners

  @Test
  void listenersReceiveEachChangeOnceInTheHistorysOrder() {
    List<KycStatusChange> received = Collections.synchronizedList(new ArrayList<>());
    Subscription subscription = kyc.onStatusChange(received::add);
    String applicant = started("alice");
    KycWebhookDelivery retry = mock.reject(applicant, KycRejectType.RETRY, PHOTOS);
    deliver(retry);
    deliver(retry); // duplicate
    deliver(mock.markPending(applicant)); // stale
    kyc.start("alice");
    kyc.start("alice"); // reuse: no change
    deliver(mock.approve(applicant));

    assertThat(received).isEqualTo(kyc.history("alice")).hasSize(4);

    subscription.close();
    deliver(mock.reject(applicant, KycRejectType.FINAL, FORGERY));
    assertThat(received).hasSize(4);
    assertThat(kyc.history("alice")).hasSize(5);
  }

  @Test
  void aFailingListenerDoesNotFailTheWebhookNorKeepTheChangeFromOthers() {
    List<KycStatusChange> received = new ArrayList<>();
    kyc.onStatusChange(
        change -> {
          throw new IllegalStateException("listener down");
        });
    kyc.onStatusChange(received::add);
    String applicant = started("alice");

    assertThat(deliver(mock.approve(applicant)).code()).isEqualTo(KycUpdateCode.APPLIED);
    assertThat(received).hasSize(2);
  }

  // ------------------------------------------------------------------ concurrency

  @Test
  void sixteenThreadsDeliveringTheSameWebhookApplyItOnce() throws Exception {
    List<KycStatusChange> received = Collections.synchronizedList(new ArrayList<>());
    kyc.onStatusChange(received::add);
    String applicant = started("alice");
    KycWebhookDelivery approval = mock.approve(applicant);

    List<KycUpdate> updates =
        onThreads(16, () -> kyc.handleWebhook(approval.body(), approval.headers()));

    assertThat(updates).filteredOn(KycUpdate::applied).hasSize(1);
    assertThat(updates)
        .filteredOn(u -> u.code() == KycUpdateCode.DUPLICATE)
        .hasSize(15)
        .allSatisfy(u -> assertThat(u.verification().status()).isEqualTo(KycStatus.APPROVED));
    assertThat(kyc.history("alice")).hasSize(2);
    assertThat(kyc.webhooks("alice")).hasSize(1);
    assertThat(received).hasSize(2);
  }

  /** Runs {@code call} on {@code threads} threads released together; returns every result. */
  static <T> List<T> onThreads(int threads, java.util.concurrent.Callable<T> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return call.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ misuse

  @Test
  void aBadUserIdIsRefusedBeforeAnyCall() {
    String tooLong = "u".repeat(KycService.MAX_ID_LENGTH + 1);
    for (String bad : new String[] {null, "", "  ", tooLong}) {
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc.start(bad));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc.status(bad));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc.verification(bad));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc.history(bad));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc.webhooks(bad));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc.refresh(bad));
    }
    assertThat(provider.creates).hasValue(0);
    assertThat(provider.tokens).hasValue(0);
    assertThat(kyc.status("u".repeat(KycService.MAX_ID_LENGTH))).isEqualTo(KycStatus.PENDING);
  }

  @Test
  void aNullBodyHeadersKeyOrListenerIsRefused() {
    KycWebhookDelivery approval = mock.approve(mock.createApplicant("alice").applicantId());

    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc.handleWebhook(null, approval.headers()));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc.handleWebhook(approval.body(), null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc.webhook(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> kyc.onStatusChange(null));
  }

  @Test
  void theBuilderNeedsAProviderAndRefusesNulls() {
    assertCode(ErrorCode.MISSING_ADAPTER, () -> KycService.builder().build());
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KycService.builder().provider(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KycService.builder().store(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KycService.builder().clock(null));
  }

  @Test
  void theServiceIsTheGateTheOtherServicesRead() {
    KycGate gate = kyc;
    String applicant = started("alice");
    deliver(mock.approve(applicant));

    assertThat(gate.status("alice")).isEqualTo(KycStatus.APPROVED);
    assertThat(gate.status("bob")).isEqualTo(KycStatus.PENDING);
  }
}
