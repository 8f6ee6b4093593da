package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PaymentGateway} in memory, for tests and demos: nothing leaves the JVM, and the same
 * calls give the same references, event ids and webhooks (given the same clock readings).
 *
 * <p>A started deposit is {@code PENDING} until a test moves it with {@link #processDeposit},
 * {@link #completeDeposit(String, BigDecimal)}, {@link #failDeposit}, {@link #expireDeposit} or
 * {@link #cancelDeposit}; a payout is pending until {@link #markPayoutPaid} or {@link
 * #markPayoutFailed}. Each command returns the signed webhook the provider would send, for the test
 * or demo to hand to {@link #parseWebhook} (or to the platform's endpoint) as a host would. A
 * completed deposit and a paid or failed payout are final; a failed, expired or canceled deposit
 * may still complete, as a late payment would.
 *
 * <p>A refund ({@link #refund}) of a completed deposit succeeds at once, up to the deposit's
 * confirmed amount less what was refunded of it, and sends no webhook: the platform's {@link
 * ProviderEvent} has no refund event yet, so a {@code refund.*} webhook would only parse to an
 * {@link ProviderEvent.IgnoredEvent} ({@link #otherEvent} makes one).
 *
 * <p>Ids: deposits are {@code sim_dep_1, sim_dep_2, ...}, payouts {@code sim_po_1, ...}, refunds
 * {@code sim_re_1, ...}, saved destinations {@code sim_dest_1, ...} (one per user and account),
 * events {@code evt_1, evt_2, ...} in the order this gateway made them, each unique within it. A
 * deposit is paid at {@code https://checkout.simulated.invalid/pay/<reference>} (the {@code
 * .invalid} domain never resolves).
 *
 * <p>Webhooks: the body is a JSON object whose members are all strings:
 *
 * <pre>{@code
 * {"id":"evt_1","type":"deposit.completed","deposit_id":"d1","reference":"sim_dep_1","amount":"95.00"}
 * {"id":"evt_2","type":"payout.paid","withdrawal_id":"w1","reference":"sim_po_1"}
 * }</pre>
 *
 * The types are {@code deposit.processing}, {@code deposit.completed} (the only one with {@code
 * amount}: USD, digits, a point and 2 decimals), {@code deposit.failed}, {@code deposit.expired},
 * {@code deposit.canceled}, {@code payout.paid} and {@code payout.failed}, each with exactly the
 * members shown; any other type carries at least {@code id} and {@code type} and is read as a
 * {@link ProviderEvent.IgnoredEvent}. Bodies are read strictly: UTF-8, one object, string values,
 * no duplicate or unexpected member.
 *
 * <p>Signature: the header {@code X-Speedtrade-Signature: t=<epoch seconds>,v1=<hex>}, where {@code
 * <hex>} is the lower-case hex HMAC-SHA256, keyed with the webhook secret's UTF-8 bytes, of the
 * timestamp's ASCII digits, a {@code .} and the raw body. Verifying accepts a header with several
 * {@code v1} when one matches (as while a secret is rotated), compares in constant time, ignores
 * keys other than {@code t} and {@code v1}, matches the header name ignoring case, and refuses a
 * timestamp further than the tolerance (default 5 minutes) from the clock's now, either way.
 * Webhooks also carry {@code Content-Type: application/json}.
 *
 * <p>Thread-safe: commands and starts are serialized; parsing reads no state. {@link #toString()}
 * never shows the secret.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {
  private static final String CHECKOUT = "https://checkout.simulated.invalid/pay/";

  private final WebhookSignature signature;
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, SimDeposit> depositsById = new HashMap<>();
  private final Map<String, SimDeposit> depositsByReference = new HashMap<>();
  private final Map<String, SimPayout> payoutsById = new LinkedHashMap<>();
  private final Map<String, SimPayout> payoutsByReference = new HashMap<>();
  private final Map<String, Destination> destinationsByToken = new HashMap<>();
  private final Map<String, String> tokensByFingerprint = new HashMap<>();
  private final Map<String, SimRefund> refundsById = new LinkedHashMap<>();
  private long events;

  private SimulatedPaymentGateway(Builder b) {
    this.clock = b.clock;
    this.signature =
        new WebhookSignature(
            PaymentArguments.present(b.webhookSecret, "webhookSecret"), clock, b.tolerance);
  }

  /** Returns a builder; the webhook secret is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The session's reference is {@code sim_dep_<n>}; the deposit is {@code PENDING}.
   */
  @Override
  public DepositSession startDeposit(DepositRequest request) {
    PaymentArguments.present(request, "request");
    synchronized (lock) {
      SimDeposit existing = depositsById.get(request.depositId());
      if (existing != null) {
        DepositRequest first = existing.request;
        if (!first.user().equals(request.user())
            || first.amount().compareTo(request.amount()) != 0) {
          throw new SpeedTradeException(
              ErrorCode.INVALID_ARGUMENT,
              "deposit "
                  + request.depositId()
                  + " was started for user "
                  + first.user()
                  + " and "
                  + first.amount()
                  + ", not for user "
                  + request.user()
                  + " and "
                  + request.amount());
        }
        return existing.session;
      }
      String reference = "sim_dep_" + (depositsById.size() + 1);
      SimDeposit deposit =
          new SimDeposit(request, new DepositSession(reference, URI.create(CHECKOUT + reference)));
      depositsById.put(request.depositId(), deposit);
      depositsByReference.put(reference, deposit);
      return deposit.session;
    }
  }

  @Override
  public Optional<ProviderDepositStatus> depositStatus(String providerReference) {
    PaymentArguments.text(providerReference, "providerReference");
    synchronized (lock) {
      SimDeposit deposit = depositsByReference.get(providerReference);
      return deposit == null ? Optional.empty() : Optional.of(deposit.status);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The token is {@code sim_dest_<n>}; the same user's same account gets the same token.
   */
  @Override
  public String saveDestination(String user, Destination destination) {
    PaymentArguments.text(user, "user");
    PaymentArguments.present(destination, "destination");
    if (destination instanceof Destination.Saved) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "destination " + destination + " is saved already");
    }
    if (destination instanceof Destination.Bank bank && !Destination.isValidClabe(bank.clabe())) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "destination " + destination + " has no valid CLABE");
    }
    synchronized (lock) {
      String fingerprint = destination.fingerprint(user);
      String token = tokensByFingerprint.get(fingerprint);
      if (token == null) {
        token = "sim_dest_" + (destinationsByToken.size() + 1);
        tokensByFingerprint.put(fingerprint, token);
        destinationsByToken.put(token, destination);
      }
      return token;
    }
  }

  /**
   * Returns the whole destination a token this gateway gave stands for, as the provider would pay
   * it, or empty for a token it never gave. For tests that check where a payout went.
   */
  public Optional<Destination> savedDestination(String token) {
    PaymentArguments.text(token, "token");
    synchronized (lock) {
      return Optional.ofNullable(destinationsByToken.get(token));
    }
  }

  /**
   * Returns the request each payout was started with, in the order they were started: one per
   * withdrawal however often it was started. For tests that count payouts.
   */
  public List<PayoutRequest> payouts() {
    synchronized (lock) {
      return payoutsById.values().stream().map(p -> p.request).toList();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The receipt's reference is {@code sim_po_<n>}; the payout is pending.
   */
  @Override
  public PayoutReceipt startPayout(PayoutRequest request) {
    PaymentArguments.present(request, "request");
    synchronized (lock) {
      if (request.destination() instanceof Destination.Saved saved
          && (saved.token() == null || !destinationsByToken.containsKey(saved.token()))) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "destination " + saved + " was not saved with this gateway");
      }
      SimPayout existing = payoutsById.get(request.withdrawalId());
      if (existing != null) {
        PayoutRequest first = existing.request;
        if (first.amount().compareTo(request.amount()) != 0
            || !first.destination().equals(request.destination())) {
          throw new SpeedTradeException(
              ErrorCode.INVALID_ARGUMENT,
              "payout of withdrawal "
                  + request.withdrawalId()
                  + " was started for "
                  + first.amount()
                  + " to "
                  + first.destination()
                  + ", not for "
                  + request.amount()
                  + " to "
                  + request.destination());
        }
        return existing.receipt;
      }
      String reference = "sim_po_" + (payoutsById.size() + 1);
      SimPayout payout = new SimPayout(request, new PayoutReceipt(reference));
      payoutsById.put(request.withdrawalId(), payout);
      payoutsByReference.put(reference, payout);
      return payout.receipt;
    }
  }

  /**
   * Returns the request each refund was made with, in the order they were made: one per refund id
   * however often it was asked. For tests that count refunds.
   */
  public List<RefundRequest> refunds() {
    synchronized (lock) {
      return refundsById.values().stream().map(r -> r.request).toList();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The receipt's reference is {@code sim_re_<n>}; the refund is {@link
   * RefundReceipt.Status#SUCCEEDED} at once and sends no webhook. The same refund id asked again
   * with equal fields (reason included) answers the first receipt, even once the deposit is wholly
   * refunded; with other fields it is refused. What is left to refund of a deposit is its confirmed
   * amount less every refund made of it.
   */
  @Override
  public RefundReceipt refund(RefundRequest request) {
    PaymentArguments.present(request, "request");
    synchronized (lock) {
      SimRefund existing = refundsById.get(request.refundId());
      if (existing != null) {
        if (!existing.request.equals(request)) {
          throw new SpeedTradeException(
              ErrorCode.INVALID_ARGUMENT,
              "refund "
                  + request.refundId()
                  + " was made as "
                  + existing.request
                  + ", not as "
                  + request);
        }
        return existing.receipt;
      }
      SimDeposit deposit = depositsByReference.get(request.depositReference());
      if (deposit == null) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "no deposit has the reference " + request.depositReference() + " to refund");
      }
      if (!deposit.request.user().equals(request.user())) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "deposit "
                + request.depositReference()
                + " was paid by user "
                + deposit.request.user()
                + ", not by "
                + request.user());
      }
      if (deposit.status.state() != ProviderDepositStatus.State.COMPLETED) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "deposit "
                + request.depositReference()
                + " is "
                + deposit.status.state()
                + " at the provider; only a paid deposit is refunded");
      }
      long paid = Amounts.cents(Objects.requireNonNull(deposit.status.confirmedAmount()));
      long left = paid - deposit.refundedCents;
      if (request.amount().minorUnits() > left) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_AMOUNT,
            "refund "
                + request.refundId()
                + " asks "
                + request.amount()
                + " of deposit "
                + request.depositReference()
                + ", which has "
                + Amounts.usd(left)
                + " USD left to refund of "
                + Amounts.usd(paid)
                + " USD paid");
      }
      deposit.refundedCents += request.amount().minorUnits();
      RefundReceipt receipt =
          new RefundReceipt(
              "sim_re_" + (refundsById.size() + 1),
              request.amount(),
              RefundReceipt.Status.SUCCEEDED);
      refundsById.put(request.refundId(), new SimRefund(request, receipt));
      return receipt;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The signature and body are those this class's Javadoc describes.
   */
  @Override
  public ProviderEvent parseWebhook(byte[] body, Map<String, List<String>> headers) {
    PaymentArguments.present(body, "body");
    PaymentArguments.present(headers, "headers");
    signature.verify(body, headers);
    return SimulatedEventFormat.read(body);
  }

  /**
   * Moves a pending deposit to {@code PROCESSING} and returns its {@code deposit.processing}
   * webhook.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for an unknown reference or a
   *     completed deposit
   */
  public SignedWebhook processDeposit(String providerReference) {
    return moveDeposit(providerReference, DepositEventType.PROCESSING, null);
  }

  /**
   * Completes a deposit for the amount it asked for and returns its {@code deposit.completed}
   * webhook.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for an unknown reference or a
   *     completed deposit
   */
  public SignedWebhook completeDeposit(String providerReference) {
    return moveDeposit(providerReference, DepositEventType.COMPLETED, null);
  }

  /**
   * Completes a deposit for {@code confirmedAmount}, which may differ from what it asked for (the
   * user paid less, or a fee was taken), and returns its {@code deposit.completed} webhook.
   *
   * @param providerReference the deposit's reference
   * @param confirmedAmount what the provider collected, USD, above 0 with at most 2 decimals
   * @throws SpeedTradeException {@link ErrorCode#INVALID_AMOUNT} for an amount out of range; {@link
   *     ErrorCode#INVALID_ARGUMENT} for an unknown reference or a completed deposit
   */
  public SignedWebhook completeDeposit(String providerReference, BigDecimal confirmedAmount) {
    return moveDeposit(
        providerReference,
        DepositEventType.COMPLETED,
        PaymentArguments.amount(confirmedAmount, "confirmedAmount"));
  }

  /**
   * Fails a deposit and returns its {@code deposit.failed} webhook.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for an unknown reference or a
   *     completed deposit
   */
  public SignedWebhook failDeposit(String providerReference) {
    return moveDeposit(providerReference, DepositEventType.FAILED, null);
  }

  /**
   * Expires a deposit and returns its {@code deposit.expired} webhook.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for an unknown reference or a
   *     completed deposit
   */
  public SignedWebhook expireDeposit(String providerReference) {
    return moveDeposit(providerReference, DepositEventType.EXPIRED, null);
  }

  /**
   * Cancels a deposit and returns its {@code deposit.canceled} webhook.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for an unknown reference or a
   *     completed deposit
   */
  public SignedWebhook cancelDeposit(String providerReference) {
    return moveDeposit(providerReference, DepositEventType.CANCELED, null);
  }

  /**
   * Marks a pending payout paid and returns its {@code payout.paid} webhook.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for an unknown reference or a
   *     payout already paid or failed
   */
  public SignedWebhook markPayoutPaid(String providerReference) {
    return movePayout(providerReference, PayoutEventType.PAID);
  }

  /**
   * Marks a pending payout failed and returns its {@code payout.failed} webhook.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for an unknown reference or a
   *     payout already paid or failed
   */
  public SignedWebhook markPayoutFailed(String providerReference) {
    return movePayout(providerReference, PayoutEventType.FAILED);
  }

  /**
   * Returns the signed webhook of an event of {@code providerType} that the platform does not act
   * on ({@code customer.updated}, say): it parses to a {@link ProviderEvent.IgnoredEvent}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank type, or a
   *     deposit or payout type, which the other commands send
   */
  public SignedWebhook otherEvent(String providerType) {
    PaymentArguments.text(providerType, "providerType");
    if (SimulatedEventFormat.isActedOn(providerType)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          providerType + " is a type the platform acts on; use the deposit or payout commands");
    }
    synchronized (lock) {
      return signed(SimulatedEventFormat.other(nextEventId(), providerType));
    }
  }

  /**
   * Returns how many deposits, payouts and refunds were made, and the tolerance; never the secret.
   */
  @Override
  public String toString() {
    synchronized (lock) {
      return "SimulatedPaymentGateway[deposits="
          + depositsById.size()
          + ", payouts="
          + payoutsById.size()
          + ", refunds="
          + refundsById.size()
          + ", tolerance="
          + signature.tolerance()
          + "]";
    }
  }

  private SignedWebhook moveDeposit(
      String providerReference, DepositEventType type, @Nullable BigDecimal confirmedAmount) {
    PaymentArguments.text(providerReference, "providerReference");
    synchronized (lock) {
      SimDeposit deposit = depositsByReference.get(providerReference);
      if (deposit == null) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "no deposit has the reference " + providerReference);
      }
      if (deposit.status.state() == ProviderDepositStatus.State.COMPLETED) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "deposit " + providerReference + " is COMPLETED at the provider and moves no more");
      }
      BigDecimal confirmed =
          type == DepositEventType.COMPLETED
              ? Amounts.money(confirmedAmount != null ? confirmedAmount : deposit.request.amount())
              : null;
      deposit.status =
          switch (type) {
            case PROCESSING -> ProviderDepositStatus.of(ProviderDepositStatus.State.PROCESSING);
            case COMPLETED -> ProviderDepositStatus.completed(Objects.requireNonNull(confirmed));
            case FAILED -> ProviderDepositStatus.of(ProviderDepositStatus.State.FAILED);
            case EXPIRED -> ProviderDepositStatus.of(ProviderDepositStatus.State.EXPIRED);
            case CANCELED -> ProviderDepositStatus.of(ProviderDepositStatus.State.CANCELED);
          };
      return signed(
          SimulatedEventFormat.deposit(
              nextEventId(), type, deposit.request.depositId(), providerReference, confirmed));
    }
  }

  private SignedWebhook movePayout(String providerReference, PayoutEventType type) {
    PaymentArguments.text(providerReference, "providerReference");
    synchronized (lock) {
      SimPayout payout = payoutsByReference.get(providerReference);
      if (payout == null) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "no payout has the reference " + providerReference);
      }
      if (payout.outcome != null) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "payout " + providerReference + " is " + payout.outcome + " and moves no more");
      }
      payout.outcome = type;
      return signed(
          SimulatedEventFormat.payout(
              nextEventId(), type, payout.request.withdrawalId(), providerReference));
    }
  }

  private String nextEventId() {
    events++;
    return "evt_" + events;
  }

  private SignedWebhook signed(byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put(
        WebhookSignature.HEADER, List.of(signature.sign(clock.instant().getEpochSecond(), body)));
    return new SignedWebhook(body, headers);
  }

  /**
   * A started deposit; its status and what was refunded of it are guarded by the gateway's lock.
   */
  private static final class SimDeposit {
    final DepositRequest request;
    final DepositSession session;
    ProviderDepositStatus status = ProviderDepositStatus.of(ProviderDepositStatus.State.PENDING);
    long refundedCents;

    SimDeposit(DepositRequest request, DepositSession session) {
      this.request = request;
      this.session = session;
    }
  }

  /** A started payout; its outcome, null while pending, is guarded by the gateway's lock. */
  private static final class SimPayout {
    final PayoutRequest request;
    final PayoutReceipt receipt;
    @Nullable PayoutEventType outcome;

    SimPayout(PayoutRequest request, PayoutReceipt receipt) {
      this.request = request;
      this.receipt = receipt;
    }
  }

  /** A refund made, as first asked and answered. */
  private record SimRefund(RefundRequest request, RefundReceipt receipt) {}

  /** Builds a {@link SimulatedPaymentGateway}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Secret webhookSecret;
    private Clock clock = Clock.systemUTC();
    private Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;

    private Builder() {}

    /** Sets the secret webhooks are signed and verified with (required). */
    public Builder webhookSecret(Secret value) {
      webhookSecret = PaymentArguments.present(value, "webhookSecret");
      return this;
    }

    /** Sets the clock webhooks are signed at and verified against (default UTC system clock). */
    public Builder clock(Clock value) {
      clock = PaymentArguments.present(value, "clock");
      return this;
    }

    /**
     * Sets how far a webhook's timestamp may be from the clock's now, either way, for it to be
     * accepted (default 5 minutes); whole seconds count.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or negative
     *     tolerance
     */
    public Builder tolerance(Duration value) {
      if (PaymentArguments.present(value, "tolerance").isNegative()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "tolerance must not be negative, got " + value);
      }
      tolerance = value;
      return this;
    }

    /**
     * Returns the gateway.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when the webhook secret is
     *     missing
     */
    public SimulatedPaymentGateway build() {
      return new SimulatedPaymentGateway(this);
    }
  }
}
