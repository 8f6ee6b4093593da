package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycChangeCause;
import dev.speedtrade.kyc.KycEventType;
import dev.speedtrade.kyc.KycReceivedWebhook;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycReview;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.kyc.KycStatusChange;
import dev.speedtrade.kyc.KycUpdateCode;
import dev.speedtrade.kyc.KycVerification;
import dev.speedtrade.kyc.KycWebhookEvent;
import dev.speedtrade.kyc.spi.KycBook;
import dev.speedtrade.kyc.spi.KycStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link KycStore} and the {@link KycBook} it hands out, as JUnit 5 tests. An
 * implementation extends this class and returns a fresh, empty store from {@link #newStore()};
 * every test gets a new one.
 *
 * <pre>{@code
 * class MyKycStoreTest extends KycStoreContract {
 *   protected KycStore newStore() { return new MyKycStore(freshDatabase()); }
 * }
 * }</pre>
 *
 * <p>What every store keeps: every field of what it is given, exactly ({@link Instant}s to the
 * nanosecond, reject labels in order whatever characters they hold, webhook bodies byte for byte
 * whether or not they are UTF-8, absent values absent); the orders the SPI's Javadoc promises
 * (history as appended, webhooks as added); its invariants (one user per applicant, a change only
 * for a user with a verification, one webhook per event key), each refused with {@link
 * ErrorCode#INVALID_ARGUMENT} and the first record kept; reads that see what was committed and
 * write nothing; calls of {@code inTransaction} serialized (no lost update from 16 threads, one
 * webhook kept of 16 threads adding the same key). A store that runs each call in a transaction
 * ({@link #discardsWritesOfAFailedWork()}) keeps none of the writes of a work that throws.
 */
public abstract class KycStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-02T15:00:00.123456789Z");
  private static final Instant T1 = Instant.parse("2026-03-03T09:30:00.000000001Z");
  private static final List<String> ODD_LABELS =
      List.of("12:UNSATISFACTORY_PHOTOS", "a:b:", "ÜNSCHARF €", "3", "x,y;z\\", "日本");

  /** Creates the contract; subclasses supply the store. */
  protected KycStoreContract() {}

  /** Returns an empty store. */
  protected abstract KycStore newStore();

  /**
   * Returns true when the store keeps none of the writes of a work that throws; false for one that
   * keeps them, as {@link dev.speedtrade.kyc.spi.InMemoryKycStore} documents. True unless
   * overridden.
   */
  protected boolean discardsWritesOfAFailedWork() {
    return true;
  }

  private static void write(KycStore store, Consumer<KycBook> work) {
    store.inTransaction(
        book -> {
          work.accept(book);
          return Boolean.TRUE;
        });
  }

  private static Optional<KycVerification> verificationOf(KycStore store, String user) {
    return store.read(book -> book.verification(user));
  }

  private static Optional<KycVerification> ofApplicant(KycStore store, String applicantId) {
    return store.read(book -> book.verificationOfApplicant(applicantId));
  }

  private static List<KycStatusChange> historyOf(KycStore store, String user) {
    return store.read(book -> book.history(user));
  }

  private static Optional<KycReceivedWebhook> webhookOf(KycStore store, String eventKey) {
    return store.read(book -> book.webhook(eventKey));
  }

  private static List<KycReceivedWebhook> webhooksOf(KycStore store, String applicantId) {
    return store.read(book -> book.webhooks(applicantId));
  }

  private static void assertCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(SpeedTradeException.class)
        .satisfies(e -> assertThat(((SpeedTradeException) e).code()).isEqualTo(code));
  }

  private static KycVerification verification(String user, String applicant, KycReview review) {
    return new KycVerification(user, applicant, review, 1, T0, T0);
  }

  private static KycStatusChange change(
      String user, String applicant, KycStatus from, KycReview review, String eventKey) {
    return new KycStatusChange(
        user, applicant, from, review, 1, KycChangeCause.WEBHOOK, eventKey, T1);
  }

  private static KycReceivedWebhook webhook(String key, String applicant, byte[] body) {
    return new KycReceivedWebhook(
        new KycWebhookEvent(
            key, KycEventType.REVIEWED, "applicantReviewed", applicant, "u", KycReview.approved()),
        body,
        T1,
        KycUpdateCode.APPLIED);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void verificationsKeepEveryFieldAndAreFoundByUserAndByApplicant() {
    KycStore store = newStore();
    KycVerification alice =
        new KycVerification(
            "alice", "applicant-a", KycReview.rejected(KycRejectType.RETRY, ODD_LABELS), 3, T0, T1);
    KycVerification bob = verification("bob", "applicant-b", KycReview.pending());

    write(
        store,
        book -> {
          book.putVerification(alice);
          book.putVerification(bob);
        });

    assertThat(verificationOf(store, "alice")).contains(alice);
    assertThat(ofApplicant(store, "applicant-a")).contains(alice);
    assertThat(verificationOf(store, "alice").orElseThrow().createdAt()).isEqualTo(T0);
    assertThat(verificationOf(store, "alice").orElseThrow().review().rejectLabels())
        .containsExactlyElementsOf(ODD_LABELS);
    assertThat(ofApplicant(store, "applicant-b")).contains(bob);
    assertThat(verificationOf(store, "nobody")).isEmpty();
    assertThat(ofApplicant(store, "nobody")).isEmpty();
  }

  @Test
  void aPutReplacesTheUsersVerification() {
    KycStore store = newStore();
    write(store, book -> book.putVerification(verification("alice", "a1", KycReview.pending())));
    KycVerification approved = new KycVerification("alice", "a1", KycReview.approved(), 2, T0, T1);

    write(store, book -> book.putVerification(approved));

    assertThat(verificationOf(store, "alice")).contains(approved);
    assertThat(ofApplicant(store, "a1")).contains(approved);
  }

  @Test
  void anApplicantBelongsToOneUser() {
    KycStore store = newStore();
    KycVerification alice = verification("alice", "a1", KycReview.pending());
    write(store, book -> book.putVerification(alice));

    assertCode(
        ErrorCode.INVALID_ARGUMENT,
        () ->
            write(
                store,
                book -> book.putVerification(verification("bob", "a1", KycReview.pending()))));

    assertThat(ofApplicant(store, "a1")).contains(alice);
    assertThat(verificationOf(store, "bob")).isEmpty();
  }

  @Test
  void theHistoryIsKeptPerUserInTheOrderAppended() {
    KycStore store = newStore();
    KycStatusChange opened =
        new KycStatusChange(
            "alice", "a1", null, KycReview.pending(), 1, KycChangeCause.START, null, T0);
    KycStatusChange rejected =
        change(
            "alice",
            "a1",
            KycStatus.PENDING,
            KycReview.rejected(KycRejectType.RETRY, ODD_LABELS),
            "mock:applicantReviewed:a1:1");
    KycStatusChange reopened =
        new KycStatusChange(
            "alice",
            "a1",
            KycStatus.REJECTED,
            KycReview.pending(),
            2,
            KycChangeCause.START,
            null,
            T1.plusNanos(1));
    KycStatusChange refreshed =
        new KycStatusChange(
            "alice",
            "a1",
            KycStatus.PENDING,
            KycReview.approved(),
            2,
            KycChangeCause.REFRESH,
            null,
            T1.plusNanos(1));
    KycStatusChange bobs =
        new KycStatusChange(
            "bob", "b1", null, KycReview.pending(), 1, KycChangeCause.START, null, T0);

    write(
        store,
        book -> {
          book.putVerification(verification("alice", "a1", KycReview.pending()));
          book.putVerification(verification("bob", "b1", KycReview.pending()));
          book.appendChange(opened);
          book.appendChange(bobs);
          book.appendChange(rejected);
        });
    write(
        store,
        book -> {
          book.appendChange(reopened);
          book.appendChange(refreshed);
        });

    assertThat(historyOf(store, "alice")).containsExactly(opened, rejected, reopened, refreshed);
    assertThat(historyOf(store, "bob")).containsExactly(bobs);
    assertThat(historyOf(store, "nobody")).isEmpty();
  }

  @Test
  void aChangeOfAUserWithoutAVerificationIsRefused() {
    KycStore store = newStore();

    assertCode(
        ErrorCode.INVALID_ARGUMENT,
        () ->
            write(
                store,
                book ->
                    book.appendChange(
                        change("ghost", "g1", KycStatus.PENDING, KycReview.approved(), "k"))));

    assertThat(historyOf(store, "ghost")).isEmpty();
  }

  @Test
  void webhooksKeepTheirRawBodyByteForByteAndEveryField() {
    KycStore store = newStore();
    byte[] notUtf8 = {0x00, (byte) 0xff, (byte) 0xc3, 0x28, '{', '}', (byte) 0x80, 0x0a};
    KycReceivedWebhook odd =
        new KycReceivedWebhook(
            new KycWebhookEvent(
                "sumsub:applicantReviewed:a1:sha256-00ff",
                KycEventType.REVIEWED,
                "applicantReviewed",
                "a1",
                null,
                KycReview.rejected(KycRejectType.FINAL, ODD_LABELS)),
            notUtf8,
            T1,
            KycUpdateCode.STALE);
    KycReceivedWebhook noReview =
        new KycReceivedWebhook(
            new KycWebhookEvent(
                "sumsub:applicantPersonalInfoChanged:a1:req-1",
                KycEventType.OTHER,
                "applicantPersonalInfoChanged",
                "a1",
                "alice",
                null),
            new byte[0],
            T0,
            KycUpdateCode.IGNORED);
    KycReceivedWebhook unknown =
        new KycReceivedWebhook(
            new KycWebhookEvent(
                "sumsub:applicantPending:zz:req-2",
                KycEventType.PENDING,
                "applicantPending",
                "zz",
                "mallory",
                KycReview.pending()),
            utf8("{\"type\":\"applicantPending\",\"note\":\"Grüße €\"}"),
            T0,
            KycUpdateCode.UNKNOWN_APPLICANT);
    byte[] large = new byte[256 * 1024];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) (i * 31 + 7);
    }
    KycReceivedWebhook big = webhook("mock:applicantReviewed:a1:big", "a1", large);

    write(
        store,
        book -> {
          book.addWebhook(odd);
          book.addWebhook(unknown);
          book.addWebhook(noReview);
        });
    write(store, book -> book.addWebhook(big));

    assertThat(webhookOf(store, odd.eventKey())).contains(odd);
    assertThat(webhookOf(store, odd.eventKey()).orElseThrow().body()).isEqualTo(notUtf8);
    assertThat(webhookOf(store, noReview.eventKey())).contains(noReview);
    assertThat(webhookOf(store, unknown.eventKey())).contains(unknown);
    assertThat(webhookOf(store, big.eventKey()).orElseThrow().body()).isEqualTo(large);
    assertThat(webhooksOf(store, "a1")).containsExactly(odd, noReview, big);
    assertThat(webhooksOf(store, "zz")).containsExactly(unknown);
    assertThat(webhooksOf(store, "nobody")).isEmpty();
    assertThat(webhookOf(store, "no such key")).isEmpty();
  }

  @Test
  void listsTheWebhooksOfAnOutcomeAcrossApplicantsInTheOrderAdded() {
    KycStore store = newStore();
    KycReceivedWebhook first = outcome("k1", "zz", KycUpdateCode.UNKNOWN_APPLICANT);
    KycReceivedWebhook applied = outcome("k2", "a1", KycUpdateCode.APPLIED);
    KycReceivedWebhook second = outcome("k3", "yy", KycUpdateCode.UNKNOWN_APPLICANT);
    KycReceivedWebhook third = outcome("k0", "zz", KycUpdateCode.UNKNOWN_APPLICANT);
    write(
        store,
        book -> {
          book.addWebhook(first);
          book.addWebhook(applied);
        });
    write(store, book -> book.addWebhook(second));
    write(store, book -> book.addWebhook(third));

    assertThat(withOutcome(store, KycUpdateCode.UNKNOWN_APPLICANT))
        .containsExactly(first, second, third);
    assertThat(withOutcome(store, KycUpdateCode.APPLIED)).containsExactly(applied);
    assertThat(withOutcome(store, KycUpdateCode.STALE)).isEmpty();
  }

  private static List<KycReceivedWebhook> withOutcome(KycStore store, KycUpdateCode outcome) {
    return store.read(book -> book.webhooksWithOutcome(outcome));
  }

  private static KycReceivedWebhook outcome(String key, String applicant, KycUpdateCode outcome) {
    return new KycReceivedWebhook(
        new KycWebhookEvent(
            key, KycEventType.PENDING, "applicantPending", applicant, null, KycReview.pending()),
        utf8("{\"key\":\"" + key + "\"}"),
        T0,
        outcome);
  }

  @Test
  void aSecondWebhookWithTheSameEventKeyIsRefusedAndTheFirstStays() {
    KycStore store = newStore();
    KycReceivedWebhook first = webhook("k1", "a1", utf8("first"));
    write(store, book -> book.addWebhook(first));

    assertCode(
        ErrorCode.INVALID_ARGUMENT,
        () -> write(store, book -> book.addWebhook(webhook("k1", "a1", utf8("second")))));

    assertThat(webhookOf(store, "k1")).contains(first);
    assertThat(webhooksOf(store, "a1")).containsExactly(first);
  }

  @Test
  void eventKeysAreCaseSensitive() {
    KycStore store = newStore();

    write(
        store,
        book -> {
          book.addWebhook(webhook("key-a", "a1", utf8("lower")));
          book.addWebhook(webhook("KEY-A", "a1", utf8("upper")));
        });

    assertThat(webhooksOf(store, "a1")).hasSize(2);
  }

  @Test
  void aWorkSeesItsOwnWritesAndItsResultIsReturned() {
    KycStore store = newStore();

    Optional<KycVerification> seen =
        store.inTransaction(
            book -> {
              book.putVerification(verification("alice", "a1", KycReview.pending()));
              return book.verificationOfApplicant("a1");
            });

    assertThat(seen).isPresent();
  }

  @Test
  void aReadSeesWhatWasCommittedAndRefusesEveryWrite() {
    KycStore store = newStore();
    KycVerification alice = verification("alice", "a1", KycReview.pending());
    write(store, book -> book.putVerification(alice));

    assertThatThrownBy(
            () ->
                store.read(
                    book -> {
                      book.putVerification(verification("bob", "b1", KycReview.pending()));
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                store.read(
                    book -> {
                      book.appendChange(
                          change("alice", "a1", KycStatus.PENDING, KycReview.approved(), "k"));
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                store.read(
                    book -> {
                      book.addWebhook(webhook("k", "a1", utf8("x")));
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(verificationOf(store, "alice")).contains(alice);
    assertThat(verificationOf(store, "bob")).isEmpty();
    assertThat(historyOf(store, "alice")).isEmpty();
    assertThat(webhookOf(store, "k")).isEmpty();
  }

  @Test
  void sixteenThreadsAddingTheSameEventKeyKeepOne() throws Exception {
    KycStore store = newStore();

    List<Boolean> added =
        onThreads(
            16,
            () ->
                store.inTransaction(
                    book -> {
                      if (book.webhook("k1").isPresent()) {
                        return false;
                      }
                      book.addWebhook(webhook("k1", "a1", utf8("once")));
                      return true;
                    }));

    assertThat(added).filteredOn(Boolean::booleanValue).hasSize(1);
    assertThat(webhooksOf(store, "a1")).hasSize(1);
  }

  @Test
  void sixteenThreadsUpdatingOneVerificationLoseNoUpdate() throws Exception {
    KycStore store = newStore();
    write(store, book -> book.putVerification(verification("alice", "a1", KycReview.pending())));
    int threads = 16;
    int rounds = 25;

    onThreads(
        threads,
        () -> {
          for (int i = 0; i < rounds; i++) {
            write(
                store,
                book -> {
                  KycVerification v = book.verification("alice").orElseThrow();
                  book.putVerification(
                      new KycVerification(
                          "alice",
                          "a1",
                          v.review(),
                          v.attempt() + 1,
                          v.createdAt(),
                          v.updatedAt()));
                });
          }
          return null;
        });

    assertThat(verificationOf(store, "alice").orElseThrow().attempt())
        .isEqualTo(1 + threads * rounds);
  }

  @Test
  void aWorkThatThrowsKeepsNothingWhenTheStoreCanDiscard() {
    KycStore store = newStore();

    assertThatThrownBy(
            () ->
                write(
                    store,
                    book -> {
                      book.putVerification(verification("alice", "a1", KycReview.pending()));
                      book.addWebhook(webhook("k1", "a1", utf8("kept?")));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessageContaining("boom");

    if (discardsWritesOfAFailedWork()) {
      assertThat(verificationOf(store, "alice")).isEmpty();
      assertThat(webhookOf(store, "k1")).isEmpty();
    } else {
      assertThat(verificationOf(store, "alice")).isPresent();
      assertThat(webhookOf(store, "k1")).isPresent();
    }
  }

  /** Runs {@code call} on {@code threads} threads released together; returns every result. */
  private static <T> List<T> onThreads(int threads, java.util.concurrent.Callable<T> call)
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
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
