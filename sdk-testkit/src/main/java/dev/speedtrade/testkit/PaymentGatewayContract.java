package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.DepositEventType;
import dev.speedtrade.funding.DepositRequest;
import dev.speedtrade.funding.DepositSession;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.PaymentGateway;
import dev.speedtrade.funding.PayoutEventType;
import dev.speedtrade.funding.PayoutReceipt;
import dev.speedtrade.funding.PayoutRequest;
import dev.speedtrade.funding.ProviderDepositStatus;
import dev.speedtrade.funding.ProviderEvent;
import dev.speedtrade.funding.RefundReceipt;
import dev.speedtrade.funding.RefundRequest;
import dev.speedtrade.funding.SignedWebhook;
import dev.speedtrade.money.Money;
import dev.speedtrade.secret.Secret;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PaymentGateway} as JUnit 5 tests: idempotent deposit and payout starts
 * (also from concurrent threads), the deposit's status at the provider, refunds of paid deposits
 * (whole, in parts, replayed, refused beyond what was paid or of a deposit not paid), webhooks of
 * every outcome parsed to the right {@link ProviderEvent}, and the refusals of a webhook that is
 * not genuine (forged, altered, without its signature, replayed late) with {@link
 * ErrorCode#INVALID_SIGNATURE}.
 *
 * <p>An adapter extends this class in its own tests, creating a gateway on a clock and a webhook
 * secret the contract gives, and driving its provider (a fake of it, for a remote one) through the
 * hooks:
 *
 * <pre>{@code
 * class SimulatedPaymentGatewayContractTest
 *     extends PaymentGatewayContract<SimulatedPaymentGateway> {
 *   protected SimulatedPaymentGateway newGateway(Clock clock, Secret webhookSecret) {
 *     return SimulatedPaymentGateway.builder().webhookSecret(webhookSecret).clock(clock).build();
 *   }
 *
 *   protected SignedWebhook completeDeposit(
 *       SimulatedPaymentGateway gateway, String providerReference, BigDecimal confirmedAmount) {
 *     return gateway.completeDeposit(providerReference, confirmedAmount);
 *   }
 *   // ... the other hooks
 * }
 * }</pre>
 *
 * <h2>What the tests assume</h2>
 *
 * <ul>
 *   <li>Each test creates its gateways with {@link #newGateway}: fresh, sharing nothing with any
 *       other test, on a {@link ManualClock} standing at {@link #START}. A test may create a second
 *       gateway with another secret, to forge webhooks; a hook is always given the gateway it acts
 *       on.
 *   <li>A hook makes the provider do what it names to what the gateway started, at once, and
 *       returns the webhook the provider sends about it, signed with the gateway's secret at the
 *       clock's now, exactly as the provider's HTTP request would carry it.
 *   <li>The gateway's tolerance of a webhook's timestamp is at least one minute and less than one
 *       hour (5 minutes is usual).
 *   <li>The tests read no reference, URL or event id beyond checking that it is there and unique;
 *       deposit ids ({@code d1}, ...) and withdrawal ids ({@code w1}, ...) are short ASCII.
 * </ul>
 *
 * @param <G> the gateway under test, as the hooks take it
 */
public abstract class PaymentGatewayContract<G extends PaymentGateway> {
  /** Where each test's clock stands: 2026-03-02T15:00:00Z. */
  public static final Instant START = Instant.parse("2026-03-02T15:00:00Z");

  /** The webhook secret of the gateway under test. */
  protected static final Secret WEBHOOK_SECRET = Secret.of("whsec_contract_5f1b2e7a9c");

  /** The secret of a forger's gateway: its webhooks must be refused by the gateway under test. */
  protected static final Secret FORGER_SECRET = Secret.of("whsec_contract_forger_31d4");

  private static final BigDecimal HUNDRED = new BigDecimal("100.00");
  private static final BigDecimal CONFIRMED = new BigDecimal("95.00");
  private static final Destination BANK = Destination.bank("032180000118359719");
  private static final int THREADS = 8;

  private ManualClock clock = new ManualClock(START);

  /** Creates the contract; subclasses supply the gateway and the hooks. */
  protected PaymentGatewayContract() {}

  /**
   * Returns a fresh gateway: no deposit or payout started, webhooks signed and verified with {@code
   * webhookSecret} against {@code clock}.
   */
  protected abstract G newGateway(Clock clock, Secret webhookSecret);

  /**
   * Makes the provider collect {@code confirmedAmount} for a deposit the gateway started, and
   * returns the signed webhook saying so.
   */
  protected abstract SignedWebhook completeDeposit(
      G gateway, String providerReference, BigDecimal confirmedAmount);

  /** Makes a started deposit's payment fail, and returns the signed webhook saying so. */
  protected abstract SignedWebhook failDeposit(G gateway, String providerReference);

  /** Makes a started deposit's payment window pass, and returns the signed webhook saying so. */
  protected abstract SignedWebhook expireDeposit(G gateway, String providerReference);

  /**
   * Makes the provider pay a payout the gateway started (by its receipt's reference), and returns
   * the signed webhook saying so.
   */
  protected abstract SignedWebhook markPayoutPaid(G gateway, String providerReference);

  /** Makes a started payout fail, and returns the signed webhook saying so. */
  protected abstract SignedWebhook markPayoutFailed(G gateway, String providerReference);

  /**
   * Returns a genuine signed webhook of an event of {@code providerType}, a type the platform does
   * not act on ({@code customer.updated}).
   */
  protected abstract SignedWebhook otherEvent(G gateway, String providerType);

  @BeforeEach
  void standStill() {
    clock = new ManualClock(START);
  }

  private G gateway() {
    return newGateway(clock, WEBHOOK_SECRET);
  }

  /** The contract's bank account, saved with {@code gateway} for user amy. */
  private static Destination bank(PaymentGateway gateway) {
    return Destination.Saved.of("amy", BANK, gateway.saveDestination("amy", BANK));
  }

  /** A card of amy's, saved with {@code gateway}. */
  private static Destination card(PaymentGateway gateway) {
    Destination card = Destination.card("4242");
    return Destination.Saved.of("amy", card, gateway.saveDestination("amy", card));
  }

  // ------------------------------------------------------------------ starting deposits

  @Test
  void startingADepositAgainGivesTheSameSession() {
    G gateway = gateway();
    DepositSession first = gateway.startDeposit(new DepositRequest("d1", "alice", HUNDRED));

    assertThat(first.providerReference()).isNotBlank();
    assertThat(first.paymentUrl().isAbsolute()).isTrue();
    assertThat(gateway.startDeposit(new DepositRequest("d1", "alice", HUNDRED))).isEqualTo(first);
    assertThat(gateway.startDeposit(new DepositRequest("d1", "alice", new BigDecimal("100"))))
        .isEqualTo(first);
  }

  @Test
  void differentDepositsGetDifferentReferences() {
    G gateway = gateway();
    DepositSession alice = gateway.startDeposit(new DepositRequest("d1", "alice", HUNDRED));
    DepositSession bob = gateway.startDeposit(new DepositRequest("d2", "bob", HUNDRED));

    assertThat(bob.providerReference()).isNotEqualTo(alice.providerReference());
  }

  @Test
  void startingADepositIdAgainWithOtherFieldsIsRefused() {
    G gateway = gateway();
    DepositSession first = gateway.startDeposit(new DepositRequest("d1", "alice", HUNDRED));

    refused(
        () -> gateway.startDeposit(new DepositRequest("d1", "alice", new BigDecimal("100.01"))),
        ErrorCode.INVALID_ARGUMENT);
    refused(
        () -> gateway.startDeposit(new DepositRequest("d1", "bob", HUNDRED)),
        ErrorCode.INVALID_ARGUMENT);
    assertThat(gateway.startDeposit(new DepositRequest("d1", "alice", HUNDRED))).isEqualTo(first);
  }

  @Test
  void concurrentStartsOfOneDepositGiveOneSession() throws Exception {
    G gateway = gateway();

    List<DepositSession> sessions =
        race(() -> gateway.startDeposit(new DepositRequest("d1", "alice", HUNDRED)));

    assertThat(sessions).hasSize(THREADS).containsOnly(sessions.get(0));
  }

  // ------------------------------------------------------------------ status at the provider

  @Test
  void aStartedDepositIsPendingAndAnUnknownReferenceHasNoStatus() {
    G gateway = gateway();
    DepositSession session = gateway.startDeposit(new DepositRequest("d1", "alice", HUNDRED));

    assertThat(gateway.depositStatus(session.providerReference()))
        .contains(ProviderDepositStatus.of(ProviderDepositStatus.State.PENDING));
    assertThat(gateway.depositStatus("no-such-reference")).isEmpty();
  }

  @Test
  void aCompletedDepositReportsWhatTheProviderCollected() {
    G gateway = gateway();
    String reference = startDeposit(gateway, "d1");

    completeDeposit(gateway, reference, CONFIRMED);

    Optional<ProviderDepositStatus> status = gateway.depositStatus(reference);
    assertThat(status).isPresent();
    assertThat(status.get().state()).isEqualTo(ProviderDepositStatus.State.COMPLETED);
    assertThat(status.get().confirmedAmount()).isEqualByComparingTo(CONFIRMED);
  }

  @Test
  void failedAndExpiredDepositsSaySo() {
    G gateway = gateway();
    String failed = startDeposit(gateway, "d1");
    String expired = startDeposit(gateway, "d2");

    failDeposit(gateway, failed);
    expireDeposit(gateway, expired);

    assertThat(gateway.depositStatus(failed))
        .contains(ProviderDepositStatus.of(ProviderDepositStatus.State.FAILED));
    assertThat(gateway.depositStatus(expired))
        .contains(ProviderDepositStatus.of(ProviderDepositStatus.State.EXPIRED));
  }

  // ------------------------------------------------------------------ starting payouts

  @Test
  void savingADestinationGivesATokenThatNamesNoWholeNumber() {
    G gateway = gateway();

    String token = gateway.saveDestination("amy", BANK);
    String again = gateway.saveDestination("amy", BANK);
    String card = gateway.saveDestination("amy", Destination.card("4242"));

    assertThat(token).isNotBlank().doesNotContain("18359719");
    assertThat(again).as("the same account, saved again").isNotBlank();
    assertThat(card).isNotEqualTo(token);
  }

  @Test
  void savingAnInvalidClabeOrASavedDestinationIsRefused() {
    G gateway = gateway();
    Destination saved = bank(gateway);

    refused(
        () -> gateway.saveDestination("amy", Destination.bank("032180000118359710")),
        ErrorCode.INVALID_ARGUMENT);
    refused(() -> gateway.saveDestination("amy", saved), ErrorCode.INVALID_ARGUMENT);
    refused(() -> gateway.saveDestination(" ", BANK), ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void aPayoutToATokenTheGatewayNeverGaveIsRefused() {
    G gateway = gateway();
    Destination unknown =
        Destination.Saved.of("amy", BANK, "tok_from_another_provider_" + START.getEpochSecond());

    refused(
        () -> gateway.startPayout(new PayoutRequest("w1", HUNDRED, unknown)),
        ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void startingAPayoutAgainGivesTheSameReceipt() {
    G gateway = gateway();
    PayoutReceipt first = gateway.startPayout(new PayoutRequest("w1", HUNDRED, bank(gateway)));
    PayoutReceipt other = gateway.startPayout(new PayoutRequest("w2", HUNDRED, bank(gateway)));

    assertThat(first.providerReference()).isNotBlank();
    assertThat(gateway.startPayout(new PayoutRequest("w1", HUNDRED, bank(gateway))))
        .isEqualTo(first);
    assertThat(gateway.startPayout(new PayoutRequest("w1", new BigDecimal("100"), bank(gateway))))
        .isEqualTo(first);
    assertThat(other.providerReference()).isNotEqualTo(first.providerReference());
  }

  @Test
  void startingAWithdrawalIdAgainWithOtherFieldsIsRefused() {
    G gateway = gateway();
    PayoutReceipt first = gateway.startPayout(new PayoutRequest("w1", HUNDRED, bank(gateway)));

    refused(
        () -> gateway.startPayout(new PayoutRequest("w1", new BigDecimal("99.99"), bank(gateway))),
        ErrorCode.INVALID_ARGUMENT);
    refused(
        () -> gateway.startPayout(new PayoutRequest("w1", HUNDRED, card(gateway))),
        ErrorCode.INVALID_ARGUMENT);
    assertThat(gateway.startPayout(new PayoutRequest("w1", HUNDRED, bank(gateway))))
        .isEqualTo(first);
  }

  @Test
  void concurrentStartsOfOnePayoutGiveOneReceipt() throws Exception {
    G gateway = gateway();

    List<PayoutReceipt> receipts =
        race(() -> gateway.startPayout(new PayoutRequest("w1", HUNDRED, bank(gateway))));

    assertThat(receipts).hasSize(THREADS).containsOnly(receipts.get(0));
  }

  @Test
  void aPaidPayoutIsNotStartedAgain() {
    G gateway = gateway();
    PayoutReceipt receipt = gateway.startPayout(new PayoutRequest("w1", HUNDRED, bank(gateway)));
    markPayoutPaid(gateway, receipt.providerReference());

    assertThat(gateway.startPayout(new PayoutRequest("w1", HUNDRED, bank(gateway))))
        .isEqualTo(receipt);
  }

  // ------------------------------------------------------------------ refunds

  @Test
  void aPaidDepositIsRefundedWhole() {
    G gateway = gateway();
    String reference = paidDeposit(gateway, "d1", CONFIRMED);

    RefundReceipt receipt =
        gateway.refund(new RefundRequest("r1", reference, usd("95.00"), "alice"));

    assertThat(receipt.providerReference()).isNotBlank().isNotEqualTo(reference);
    assertThat(receipt.amount()).isEqualTo(usd("95.00"));
    assertThat(receipt.status()).isIn(RefundReceipt.Status.PENDING, RefundReceipt.Status.SUCCEEDED);
    refused(
        () -> gateway.refund(new RefundRequest("r2", reference, usd("0.01"), "alice")),
        ErrorCode.INVALID_AMOUNT);
  }

  @Test
  void aPaidDepositIsRefundedInPartsUpToWhatWasCollected() {
    G gateway = gateway();
    String reference = paidDeposit(gateway, "d1", CONFIRMED);

    RefundReceipt first =
        gateway.refund(
            new RefundRequest(
                "r1",
                reference,
                usd("40.00"),
                "alice",
                RefundRequest.Reason.REQUESTED_BY_CUSTOMER));
    RefundReceipt second =
        gateway.refund(new RefundRequest("r2", reference, usd("55.00"), "alice"));

    assertThat(first.amount()).isEqualTo(usd("40.00"));
    assertThat(second.amount()).isEqualTo(usd("55.00"));
    assertThat(second.providerReference()).isNotEqualTo(first.providerReference());
    refused(
        () -> gateway.refund(new RefundRequest("r3", reference, usd("0.01"), "alice")),
        ErrorCode.INVALID_AMOUNT);
  }

  @Test
  void refundingTheSameRefundIdAgainGivesTheSameReceiptAndNothingMore() {
    G gateway = gateway();
    String reference = paidDeposit(gateway, "d1", CONFIRMED);
    RefundRequest request = new RefundRequest("r1", reference, usd("60.00"), "alice");
    RefundReceipt first = gateway.refund(request);

    assertThat(gateway.refund(request)).isEqualTo(first);
    assertThat(gateway.refund(new RefundRequest("r1", reference, usd("60"), "alice")))
        .isEqualTo(first);
    refused(
        () -> gateway.refund(new RefundRequest("r1", reference, usd("59.99"), "alice")),
        ErrorCode.INVALID_ARGUMENT);
    // had the replay refunded again, 60.00 + 60.00 would be above 95.00: only 35.00 is left
    assertThat(gateway.refund(new RefundRequest("r2", reference, usd("35.00"), "alice")).amount())
        .isEqualTo(usd("35.00"));
  }

  @Test
  void concurrentRefundsOfOneRefundIdGiveOneReceipt() throws Exception {
    G gateway = gateway();
    String reference = paidDeposit(gateway, "d1", CONFIRMED);

    List<RefundReceipt> receipts =
        race(() -> gateway.refund(new RefundRequest("r1", reference, usd("95.00"), "alice")));

    assertThat(receipts).hasSize(THREADS).containsOnly(receipts.get(0));
  }

  @Test
  void aRefundAboveWhatWasCollectedIsRefused() {
    G gateway = gateway();
    String reference = paidDeposit(gateway, "d1", CONFIRMED);

    refused(
        () -> gateway.refund(new RefundRequest("r1", reference, usd("95.01"), "alice")),
        ErrorCode.INVALID_AMOUNT);
    refused(
        () -> gateway.refund(new RefundRequest("r2", reference, usd("100.00"), "alice")),
        ErrorCode.INVALID_AMOUNT);
    assertThat(gateway.refund(new RefundRequest("r3", reference, usd("95.00"), "alice")).amount())
        .isEqualTo(usd("95.00"));
  }

  @Test
  void aRefundOfAnUnknownOrUnpaidDepositIsRefused() {
    G gateway = gateway();
    String pending = startDeposit(gateway, "d1");
    String failed = startDeposit(gateway, "d2");
    failDeposit(gateway, failed);
    String paid = paidDeposit(gateway, "d3", CONFIRMED);

    refused(
        () -> gateway.refund(new RefundRequest("r1", "no-such-reference", usd("1.00"), "alice")),
        ErrorCode.INVALID_ARGUMENT);
    refused(
        () -> gateway.refund(new RefundRequest("r2", pending, usd("1.00"), "alice")),
        ErrorCode.INVALID_ARGUMENT);
    refused(
        () -> gateway.refund(new RefundRequest("r3", failed, usd("1.00"), "alice")),
        ErrorCode.INVALID_ARGUMENT);
    refused(
        () -> gateway.refund(new RefundRequest("r4", paid, usd("1.00"), "bob")),
        ErrorCode.INVALID_ARGUMENT);
    refused(() -> gateway.refund(nullValue()), ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void aRefundRequestChecksItsFields() {
    refused(() -> new RefundRequest(" ", "ref", usd("1.00"), "alice"), ErrorCode.INVALID_ARGUMENT);
    refused(() -> new RefundRequest("r1", "ref", usd("1.00"), ""), ErrorCode.INVALID_ARGUMENT);
    refused(
        () -> new RefundRequest("r1", "ref", Money.of("1.00", "EUR"), "alice"),
        ErrorCode.CURRENCY_MISMATCH);
    refused(() -> new RefundRequest("r1", "ref", usd("0.00"), "alice"), ErrorCode.INVALID_AMOUNT);
    refused(() -> new RefundRequest("r1", "ref", usd("-1.00"), "alice"), ErrorCode.INVALID_AMOUNT);
    assertThat(new RefundRequest("r-9", "ref", usd("1.00"), "alice").idempotencyKey())
        .isEqualTo("fund:refund:r-9");
  }

  // ------------------------------------------------------------------ genuine webhooks

  @Test
  void theWebhookOfACompletedDepositCarriesTheConfirmedAmount() {
    G gateway = gateway();
    String reference = startDeposit(gateway, "d1");

    ProviderEvent event = parse(gateway, completeDeposit(gateway, reference, CONFIRMED));

    assertThat(event)
        .isInstanceOfSatisfying(
            ProviderEvent.DepositEvent.class,
            deposit -> {
              assertThat(deposit.eventId()).isNotBlank();
              assertThat(deposit.depositId()).isEqualTo("d1");
              assertThat(deposit.type()).isEqualTo(DepositEventType.COMPLETED);
              assertThat(deposit.confirmedAmount()).isEqualByComparingTo(CONFIRMED);
            });
  }

  @Test
  void theWebhooksOfFailedAndExpiredDepositsParseToTheirTypes() {
    G gateway = gateway();
    String failed = startDeposit(gateway, "d1");
    String expired = startDeposit(gateway, "d2");

    ProviderEvent failure = parse(gateway, failDeposit(gateway, failed));
    ProviderEvent expiry = parse(gateway, expireDeposit(gateway, expired));

    assertThat(failure)
        .isEqualTo(
            new ProviderEvent.DepositEvent(failure.eventId(), "d1", DepositEventType.FAILED, null));
    assertThat(expiry)
        .isEqualTo(
            new ProviderEvent.DepositEvent(expiry.eventId(), "d2", DepositEventType.EXPIRED, null));
  }

  @Test
  void theWebhooksOfPayoutsNameTheWithdrawal() {
    G gateway = gateway();
    PayoutReceipt paid = gateway.startPayout(new PayoutRequest("w1", HUNDRED, bank(gateway)));
    PayoutReceipt failed = gateway.startPayout(new PayoutRequest("w2", HUNDRED, bank(gateway)));

    ProviderEvent payment = parse(gateway, markPayoutPaid(gateway, paid.providerReference()));
    ProviderEvent failure = parse(gateway, markPayoutFailed(gateway, failed.providerReference()));

    assertThat(payment)
        .isEqualTo(new ProviderEvent.PayoutEvent(payment.eventId(), "w1", PayoutEventType.PAID));
    assertThat(failure)
        .isEqualTo(new ProviderEvent.PayoutEvent(failure.eventId(), "w2", PayoutEventType.FAILED));
  }

  @Test
  void anEventTypeThePlatformDoesNotActOnParsesToAnIgnoredEvent() {
    G gateway = gateway();

    ProviderEvent event = parse(gateway, otherEvent(gateway, "customer.updated"));

    assertThat(event)
        .isInstanceOfSatisfying(
            ProviderEvent.IgnoredEvent.class,
            ignored -> {
              assertThat(ignored.eventId()).isNotBlank();
              assertThat(ignored.providerType()).isEqualTo("customer.updated");
            });
  }

  @Test
  void eachEventHasItsOwnIdAndAWebhookParsesTheSameEachTime() {
    G gateway = gateway();
    String first = startDeposit(gateway, "d1");
    String second = startDeposit(gateway, "d2");
    PayoutReceipt payout = gateway.startPayout(new PayoutRequest("w1", HUNDRED, bank(gateway)));
    List<SignedWebhook> webhooks =
        List.of(
            failDeposit(gateway, first),
            completeDeposit(gateway, first, HUNDRED),
            completeDeposit(gateway, second, HUNDRED),
            markPayoutPaid(gateway, payout.providerReference()),
            otherEvent(gateway, "customer.updated"));

    List<ProviderEvent> events = webhooks.stream().map(webhook -> parse(gateway, webhook)).toList();

    assertThat(events).extracting(ProviderEvent::eventId).doesNotHaveDuplicates();
    assertThat(webhooks.stream().map(webhook -> parse(gateway, webhook)).toList())
        .isEqualTo(events);
  }

  @Test
  void headerNamesAreMatchedIgnoringCase() {
    G gateway = gateway();
    String reference = startDeposit(gateway, "d1");
    SignedWebhook webhook = completeDeposit(gateway, reference, CONFIRMED);
    ProviderEvent event = parse(gateway, webhook);

    for (Function<String, String> rename :
        List.<Function<String, String>>of(
            name -> name.toLowerCase(Locale.ROOT), name -> name.toUpperCase(Locale.ROOT))) {
      Map<String, List<String>> renamed = new LinkedHashMap<>();
      webhook.headers().forEach((name, values) -> renamed.put(rename.apply(name), values));
      assertThat(gateway.parseWebhook(webhook.body(), renamed)).isEqualTo(event);
    }
  }

  @Test
  void aWebhookALittleLateIsAccepted() {
    G gateway = gateway();
    SignedWebhook webhook = otherEvent(gateway, "customer.updated");

    clock.advance(Duration.ofMinutes(1));

    assertThat(parse(gateway, webhook)).isInstanceOf(ProviderEvent.IgnoredEvent.class);
  }

  // ------------------------------------------------------------------ webhooks refused

  @Test
  void aWebhookSignedWithAnotherSecretIsRefused() {
    G gateway = gateway();
    G forger = newGateway(clock, FORGER_SECRET);
    startDeposit(gateway, "d1");
    String forgedReference = startDeposit(forger, "d1");

    SignedWebhook forged = completeDeposit(forger, forgedReference, HUNDRED);

    refusedWebhook(gateway, forged.body(), forged.headers());
    assertThat(parse(forger, forged)).isInstanceOf(ProviderEvent.DepositEvent.class);
  }

  @Test
  void aWebhookWhoseBodyWasAlteredIsRefused() {
    G gateway = gateway();
    String reference = startDeposit(gateway, "d1");
    SignedWebhook genuine = completeDeposit(gateway, reference, CONFIRMED);
    byte[] body = genuine.body();

    for (int i = 0; i < body.length; i++) {
      byte[] altered = body.clone();
      altered[i] ^= 0x01;
      refusedWebhook(gateway, altered, genuine.headers());
    }
    byte[] longer = new byte[body.length + 1];
    System.arraycopy(body, 0, longer, 0, body.length);
    longer[body.length] = ' ';
    refusedWebhook(gateway, longer, genuine.headers());
    refusedWebhook(gateway, java.util.Arrays.copyOf(body, body.length - 1), genuine.headers());
    refusedWebhook(gateway, new byte[0], genuine.headers());
  }

  @Test
  void aBodyWithTheSignatureOfAnotherWebhookIsRefused() {
    G gateway = gateway();
    String first = startDeposit(gateway, "d1");
    String second = startDeposit(gateway, "d2");
    SignedWebhook small = completeDeposit(gateway, first, new BigDecimal("1.00"));
    SignedWebhook large = completeDeposit(gateway, second, new BigDecimal("9999.00"));

    refusedWebhook(gateway, large.body(), small.headers());
    refusedWebhook(gateway, small.body(), large.headers());
  }

  @Test
  void aWebhookWithoutItsHeadersIsRefused() {
    G gateway = gateway();
    String reference = startDeposit(gateway, "d1");
    SignedWebhook genuine = completeDeposit(gateway, reference, CONFIRMED);

    refusedWebhook(gateway, genuine.body(), Map.of());
    refusedWebhook(gateway, genuine.body(), Map.of("Content-Type", List.of("application/json")));
  }

  @Test
  void aWebhookReplayedAnHourLaterIsRefused() {
    G gateway = gateway();
    SignedWebhook webhook = otherEvent(gateway, "customer.updated");

    clock.advance(Duration.ofHours(1));

    refusedWebhook(gateway, webhook.body(), webhook.headers());
  }

  @Test
  void aWebhookSignedAnHourAheadIsRefused() {
    G gateway = gateway();
    clock.advance(Duration.ofHours(1));
    SignedWebhook webhook = otherEvent(gateway, "customer.updated");

    clock.set(START);

    refusedWebhook(gateway, webhook.body(), webhook.headers());
  }

  // ------------------------------------------------------------------ bad arguments

  @Test
  void nullArgumentsAreRefused() {
    G gateway = gateway();
    SignedWebhook webhook = otherEvent(gateway, "customer.updated");

    refused(() -> gateway.startDeposit(nullValue()), ErrorCode.INVALID_ARGUMENT);
    refused(() -> gateway.startPayout(nullValue()), ErrorCode.INVALID_ARGUMENT);
    refused(() -> gateway.depositStatus(nullValue()), ErrorCode.INVALID_ARGUMENT);
    refused(() -> gateway.parseWebhook(nullValue(), webhook.headers()), ErrorCode.INVALID_ARGUMENT);
    refused(() -> gateway.parseWebhook(webhook.body(), nullValue()), ErrorCode.INVALID_ARGUMENT);
  }

  // ------------------------------------------------------------------ helpers

  private static String startDeposit(PaymentGateway gateway, String depositId) {
    return gateway
        .startDeposit(new DepositRequest(depositId, "alice", HUNDRED))
        .providerReference();
  }

  /** Starts a deposit of alice's and has the provider collect {@code confirmed} of it. */
  private String paidDeposit(G gateway, String depositId, BigDecimal confirmed) {
    String reference = startDeposit(gateway, depositId);
    completeDeposit(gateway, reference, confirmed);
    return reference;
  }

  private static Money usd(String amount) {
    return Money.of(amount, "USD");
  }

  private static ProviderEvent parse(PaymentGateway gateway, SignedWebhook webhook) {
    return gateway.parseWebhook(webhook.body(), webhook.headers());
  }

  private static void refusedWebhook(
      PaymentGateway gateway, byte[] body, Map<String, List<String>> headers) {
    refused(() -> gateway.parseWebhook(body, headers), ErrorCode.INVALID_SIGNATURE);
  }

  private static void refused(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @SuppressWarnings({"NullAway", "TypeParameterUnusedInFormals"})
  private static <T> T nullValue() {
    return null;
  }

  private static <T> List<T> race(Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return call.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
