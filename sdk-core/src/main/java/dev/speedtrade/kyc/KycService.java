package dev.speedtrade.kyc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.EventFanOut;
import dev.speedtrade.event.EventListener;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.kyc.spi.InMemoryKycStore;
import dev.speedtrade.kyc.spi.KycBook;
import dev.speedtrade.kyc.spi.KycStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's identity verification of its users: one verification per user at a {@link
 * KycProvider}, its history, and the provider's webhooks kept and applied once. The services that
 * gate money and trading read it as a {@link KycGate}.
 *
 * <pre>{@code
 * KycService kyc = KycService.builder()
 *     .provider(provider)            // required: MockKycProvider, SumsubKycProvider, ...
 *     .store(store)                  // a new InMemoryKycStore by default
 *     .clock(clock)                  // the system UTC clock by default
 *     .build();
 * KycStart start = kyc.start("alice");          // hand start.accessToken() to the provider's SDK
 * KycUpdate update = kyc.handleWebhook(body, headers);   // the webhook endpoint
 * KycStatus status = kyc.status("alice");
 * }</pre>
 *
 * <p><b>States.</b> A verification is {@code PENDING} from {@link #start} until the provider
 * decides, then {@code APPROVED} or {@code REJECTED} ({@code RETRY}: the user may start again,
 * which reopens it as {@code PENDING} with the same applicant; {@code FINAL}: it stays rejected).
 * Which decision may replace which is the ordering rule below.
 *
 * <p><b>Webhooks</b> ({@link #handleWebhook}): the provider verifies the signature first; a forged
 * or altered webhook throws and nothing is written. Then, in one store transaction: an event key
 * received before is {@link KycUpdateCode#DUPLICATE} (nothing changes: the provider's signature
 * covers no timestamp, so replays are refused by remembering the keys); otherwise the webhook is
 * kept with its raw body and applied to the verification of the event's applicant (the user id the
 * event names is kept with it, not compared).
 *
 * <p><b>Ordering.</b> Deliveries arrive in any order and carry no time to order them by, so a
 * review replaces the one in force only when it can follow it: from {@code PENDING} any decision;
 * from {@code REJECTED RETRY} a decision (approved or rejected for good), not a pending review;
 * from {@code APPROVED} only a final rejection (the provider revoking an approval); from {@code
 * REJECTED FINAL} nothing; an applicant reset ({@link KycEventType#RESET}) reopens any decided
 * verification. A review that may not replace the one in force is {@link KycUpdateCode#STALE}, one
 * equal to it in status and reject type (or an event without a review) {@link
 * KycUpdateCode#IGNORED}; both are kept, neither changes anything. {@link #refresh} applies the
 * provider's current review under the same rule.
 *
 * <p><b>Listeners</b> ({@link #onStatusChange}) receive each change once, after it is stored, on
 * the thread that made it. Changes made on different threads at the same time may reach them in
 * another order than the history's; {@link #history} is the order they were made in.
 *
 * <p><b>Thread-safety:</b> thread-safe; the state lives in the store, whose transactions serialize
 * the changes (on a shared database, across hosts). Provider calls ({@code createApplicant}, {@code
 * accessToken}, {@code review}) are made outside the store's transactions.
 *
 * <p><b>Errors:</b> {@link SpeedTradeException}: {@link ErrorCode#INVALID_ARGUMENT} for a null,
 * blank or over-long (more than {@value #MAX_ID_LENGTH} characters) user id, before any call; the
 * provider's codes ({@link ErrorCode#INVALID_SIGNATURE}, {@link ErrorCode#PROVIDER_UNAVAILABLE},
 * ...) as it throws them; {@link ErrorCode#STORE_UNAVAILABLE} from the store.
 */
public final class KycService implements KycGate {
  /** The longest user id the service takes (the JDBC store's column). */
  public static final int MAX_ID_LENGTH = 128;

  private static final Logger log = LoggerFactory.getLogger(KycService.class);

  private final KycProvider provider;
  private final KycStore store;
  private final Clock clock;
  private final EventFanOut<KycStatusChange> changes = new EventFanOut<>();

  private KycService(Builder builder) {
    this.provider = KycValues.requireNonNull(builder.provider, "provider");
    this.store = builder.store;
    this.clock = builder.clock;
  }

  /** Returns a builder; the provider is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts {@code user}'s verification, or goes on with the one there is, and returns it with an
   * access token for the provider's SDK.
   *
   * <ul>
   *   <li>No verification yet: the provider's applicant is created ({@link
   *       KycProvider#createApplicant}) and a {@code PENDING} verification opened (attempt 1).
   *   <li>{@code PENDING}: the same verification, and a fresh token (how a host renews an expired
   *       one); no applicant is created.
   *   <li>{@code REJECTED} with {@code RETRY}: reopened as {@code PENDING} with the same applicant,
   *       attempt one more, and a token.
   *   <li>{@code APPROVED}, or {@code REJECTED} with {@code FINAL}: returned as it is, without a
   *       token: there is nothing for the user to submit (a final rejection is lifted only by the
   *       provider resetting the applicant, which arrives as a {@link KycEventType#RESET} webhook).
   * </ul>
   *
   * Two threads or hosts starting the same user at once open one verification: the provider's
   * {@code createApplicant} returns the same applicant to both, and the store keeps the first.
   *
   * @param user the platform's user id (the provider's external user id)
   * @return the verification, and the token while it is open
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a bad user id; the
   *     provider's codes; {@link ErrorCode#STORE_UNAVAILABLE}
   */
  public KycStart start(String user) {
    userId(user);
    KycVerification known = store.read(book -> book.verification(user)).orElse(null);
    if (known != null && !known.isOpen()) {
      return new KycStart(known, null);
    }
    String applicantId =
        known != null ? known.applicantId() : provider.createApplicant(user).applicantId();
    KycAccessToken token = provider.accessToken(user);
    Instant now = clock.instant();
    Started started =
        store.inTransaction(
            book -> {
              KycVerification current = book.verification(user).orElse(null);
              if (current == null) {
                KycVerification opened =
                    new KycVerification(user, applicantId, KycReview.pending(), 1, now, now);
                return new Started(opened, record(book, opened, null, KycChangeCause.START, null));
              }
              if (current.review().mayRetry()) {
                KycVerification reopened =
                    new KycVerification(
                        user,
                        current.applicantId(),
                        KycReview.pending(),
                        current.attempt() + 1,
                        current.createdAt(),
                        notBefore(now, current.createdAt()));
                return new Started(
                    reopened, record(book, reopened, current.status(), KycChangeCause.START, null));
              }
              return new Started(current, null);
            });
    publish(started.change());
    KycVerification verification = started.verification();
    return new KycStart(verification, verification.isOpen() ? token : null);
  }

  /**
   * Returns where {@code user}'s verification stands, from the store (no provider call): {@link
   * KycStatus#PENDING} for a user who never started one.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a bad user id; {@link
   *     ErrorCode#STORE_UNAVAILABLE}
   */
  @Override
  public KycStatus status(String user) {
    return verification(user).map(KycVerification::status).orElse(KycStatus.PENDING);
  }

  /**
   * Returns {@code user}'s verification, if they ever started one.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a bad user id; {@link
   *     ErrorCode#STORE_UNAVAILABLE}
   */
  public Optional<KycVerification> verification(String user) {
    userId(user);
    return store.read(book -> book.verification(user));
  }

  /**
   * Returns {@code user}'s changes, oldest first: the start that opened the verification, then
   * every change a start, webhook or refresh made (empty for a user who never started).
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a bad user id; {@link
   *     ErrorCode#STORE_UNAVAILABLE}
   */
  public List<KycStatusChange> history(String user) {
    userId(user);
    return store.read(book -> book.history(user));
  }

  /**
   * Returns the webhooks kept about {@code user}'s applicant, in the order they were received, each
   * with its raw body and what was done with it (empty for a user who never started; webhooks about
   * an applicant the platform did not know are found by {@link #webhook}).
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a bad user id; {@link
   *     ErrorCode#STORE_UNAVAILABLE}
   */
  public List<KycReceivedWebhook> webhooks(String user) {
    userId(user);
    return store.read(
        book -> book.verification(user).map(v -> book.webhooks(v.applicantId())).orElse(List.of()));
  }

  /**
   * Returns the webhook kept under {@code eventKey}, if one was received.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null key; {@link
   *     ErrorCode#STORE_UNAVAILABLE}
   */
  public Optional<KycReceivedWebhook> webhook(String eventKey) {
    KycValues.requireNonNull(eventKey, "event key");
    return store.read(book -> book.webhook(eventKey));
  }

  /**
   * Returns the verified webhooks about an applicant the platform had no verification for when they
   * arrived ({@link KycUpdateCode#UNKNOWN_APPLICANT}: acknowledged and kept, not applied) and still
   * has none, in the order received: for an operator to reconcile (an applicant made at the
   * provider by hand, another system's, a test event).
   *
   * @throws SpeedTradeException {@link ErrorCode#STORE_UNAVAILABLE}
   */
  public List<KycReceivedWebhook> unmatchedWebhooks() {
    return store.read(
        book ->
            book.webhooksWithOutcome(KycUpdateCode.UNKNOWN_APPLICANT).stream()
                .filter(w -> book.verificationOfApplicant(w.event().applicantId()).isEmpty())
                .toList());
  }

  /**
   * Handles a webhook of the provider, as it arrived over HTTP: verifies it, then keeps and applies
   * it once (see the class description for the ordering rule).
   *
   * <p>Answer the provider with a success status for every result, {@link KycUpdateCode#DUPLICATE}
   * and {@link KycUpdateCode#UNKNOWN_APPLICANT} included (it would otherwise deliver again); answer
   * an {@link ErrorCode#INVALID_SIGNATURE} with a client error, and a retryable code ({@link
   * ErrorCode#STORE_UNAVAILABLE}) with a server error so that it delivers again.
   *
   * @param body the request body, byte for byte as received (do not parse and re-serialize it)
   * @param headers the request headers; names are matched ignoring case
   * @return what was done, and the verification after it
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SIGNATURE} for a missing, forged or
   *     altered signature (nothing is written); {@link ErrorCode#INVALID_ARGUMENT} for a null body
   *     or headers, or a signed body the provider cannot read; {@link ErrorCode#STORE_UNAVAILABLE}
   */
  public KycUpdate handleWebhook(byte[] body, Map<String, List<String>> headers) {
    KycValues.requireNonNull(body, "body");
    KycValues.requireNonNull(headers, "headers");
    // The bytes verified are the bytes kept, whatever the caller does with its array meanwhile.
    byte[] raw = body.clone();
    KycWebhookEvent event = provider.verifyWebhook(raw, headers);
    Instant now = clock.instant();
    KycUpdate update =
        store.inTransaction(
            book -> {
              Optional<KycVerification> current = book.verificationOfApplicant(event.applicantId());
              if (book.webhook(event.eventKey()).isPresent()) {
                return new KycUpdate(KycUpdateCode.DUPLICATE, current.orElse(null), null);
              }
              KycUpdate result =
                  current.isEmpty()
                      ? new KycUpdate(KycUpdateCode.UNKNOWN_APPLICANT, null, null)
                      : apply(
                          book,
                          current.get(),
                          event.type() == KycEventType.RESET ? KycReview.pending() : event.review(),
                          event.type() == KycEventType.RESET,
                          KycChangeCause.WEBHOOK,
                          event.eventKey(),
                          now);
              book.addWebhook(new KycReceivedWebhook(event, raw, now, result.code()));
              return result;
            });
    log.debug("KYC webhook {} ({}): {}", event.eventKey(), event.providerType(), update.code());
    publish(update.change());
    return update;
  }

  /**
   * Reads the provider's current review of {@code user}'s applicant ({@link KycProvider#review})
   * and applies it as a webhook's would be, under the same ordering rule; a change it makes is
   * recorded with cause {@link KycChangeCause#REFRESH}. A fallback for a webhook that never came.
   *
   * @return what was done: {@link KycUpdateCode#UNKNOWN_APPLICANT} for a user who never started
   *     (the provider is not called), else {@code APPLIED}, {@code STALE} or {@code IGNORED}
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a bad user id; the
   *     provider's codes ({@link ErrorCode#APPLICANT_NOT_FOUND} when it lost the applicant); {@link
   *     ErrorCode#STORE_UNAVAILABLE}
   */
  public KycUpdate refresh(String user) {
    userId(user);
    KycVerification known = store.read(book -> book.verification(user)).orElse(null);
    if (known == null) {
      return new KycUpdate(KycUpdateCode.UNKNOWN_APPLICANT, null, null);
    }
    KycReview review = provider.review(known.applicantId());
    Instant now = clock.instant();
    KycUpdate update =
        store.inTransaction(
            book ->
                apply(
                    book,
                    book.verification(user).orElse(known),
                    review,
                    false,
                    KycChangeCause.REFRESH,
                    null,
                    now));
    publish(update.change());
    return update;
  }

  /**
   * Registers {@code listener} for every change of any user's verification made after this call,
   * until the returned subscription is closed. Each change is delivered once, after it is stored,
   * on the thread that made it; a listener that throws is logged and the others still receive the
   * change.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null listener
   */
  public Subscription onStatusChange(EventListener<? super KycStatusChange> listener) {
    KycValues.requireNonNull(listener, "listener");
    return changes.subscribe(listener);
  }

  /** Applies {@code incoming} to {@code current} if the ordering rule lets it. */
  private static KycUpdate apply(
      KycBook book,
      KycVerification current,
      @Nullable KycReview incoming,
      boolean reset,
      KycChangeCause cause,
      @Nullable String eventKey,
      Instant now) {
    KycUpdateCode code = KycOrdering.judge(current.review(), incoming, reset);
    if (code != KycUpdateCode.APPLIED || incoming == null) {
      return new KycUpdate(code, current, null);
    }
    KycVerification next =
        new KycVerification(
            current.user(),
            current.applicantId(),
            incoming,
            current.attempt(),
            current.createdAt(),
            notBefore(now, current.createdAt()));
    return new KycUpdate(
        KycUpdateCode.APPLIED, next, record(book, next, current.status(), cause, eventKey));
  }

  /** Stores {@code verification} and appends the change that led to it. */
  private static KycStatusChange record(
      KycBook book,
      KycVerification verification,
      @Nullable KycStatus from,
      KycChangeCause cause,
      @Nullable String eventKey) {
    KycStatusChange change =
        new KycStatusChange(
            verification.user(),
            verification.applicantId(),
            from,
            verification.review(),
            verification.attempt(),
            cause,
            eventKey,
            verification.updatedAt());
    book.putVerification(verification);
    book.appendChange(change);
    return change;
  }

  private void publish(@Nullable KycStatusChange change) {
    if (change != null) {
      changes.queue(change);
      changes.deliver();
    }
  }

  /** A clock set back must not date a change before the verification it changes. */
  private static Instant notBefore(Instant now, Instant earliest) {
    return now.isBefore(earliest) ? earliest : now;
  }

  private static void userId(@Nullable String user) {
    String id = KycValues.requireText(user, "user id");
    if (id.length() > MAX_ID_LENGTH) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "user id must be at most "
              + MAX_ID_LENGTH
              + " characters, got "
              + id.length()
              + ": "
              + id.substring(0, 32)
              + "...");
    }
  }

  /** What a start found or made, and the change it made (null when none). */
  private record Started(KycVerification verification, @Nullable KycStatusChange change) {}

  /** Builds a {@link KycService}. Not thread-safe. */
  public static final class Builder {
    private @Nullable KycProvider provider;
    private KycStore store = new InMemoryKycStore();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the KYC provider (required).
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for null
     */
    public Builder provider(KycProvider provider) {
      this.provider = KycValues.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Sets where verifications, history and webhooks are kept (a new {@link InMemoryKycStore} by
     * default).
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for null
     */
    public Builder store(KycStore store) {
      this.store = KycValues.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the clock of the verifications' times, the changes' and the webhooks' receipt (the
     * system UTC clock by default).
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for null
     */
    public Builder clock(Clock clock) {
      this.clock = KycValues.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the service.
     *
     * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} when no provider was set
     */
    public KycService build() {
      if (provider == null) {
        throw new SpeedTradeException(
            ErrorCode.MISSING_ADAPTER,
            "KycService needs a KYC provider: call KycService.builder().provider(...)");
      }
      return new KycService(this);
    }
  }
}
