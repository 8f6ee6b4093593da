package dev.speedtrade.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.DepositRequest;
import dev.speedtrade.funding.DepositSession;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.PayoutReceipt;
import dev.speedtrade.funding.PayoutRequest;
import dev.speedtrade.funding.ProviderDepositStatus;
import dev.speedtrade.funding.RefundReceipt;
import dev.speedtrade.funding.RefundRequest;
import dev.speedtrade.money.Money;
import dev.speedtrade.secret.Secret;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the gateway sends Stripe, how it reads Stripe's answers, and how it maps Stripe's errors.
 */
class StripePaymentGatewayTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC);
  private static final Destination BANK = Destination.bank("032180000118359719");

  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private StripePaymentGateway gateway(int retries) {
    return gateway(retries, java.time.Duration.ofSeconds(10));
  }

  private StripePaymentGateway gateway(int retries, java.time.Duration timeout) {
    return StripePaymentGateway.create(
        StripeConfig.builder()
            .apiKey(Secret.of(Fixtures.API_KEY))
            .webhookSecret(Secret.of(Fixtures.WEBHOOK_SECRET))
            .payoutAccount(Fixtures.PAYOUT_ACCOUNT)
            .successUrl(URI.create("https://app.example.com/done"))
            .cancelUrl(URI.create("https://app.example.com/back"))
            .apiBase(URI.create(server.url("/").toString()))
            .maxNetworkRetries(retries)
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .clock(CLOCK)
            .build());
  }

  private FakeStripe fake() {
    FakeStripe stripe =
        new FakeStripe(Fixtures.API_KEY, Fixtures.WEBHOOK_SECRET, Fixtures.PAYOUT_ACCOUNT, CLOCK);
    server.setDispatcher(stripe);
    return stripe;
  }

  // ------------------------------------------------------------------ what is sent

  @Test
  void aDepositIsACheckoutSessionOfItsAmountInCents() throws Exception {
    fake();
    DepositSession session =
        gateway(0).startDeposit(new DepositRequest("d-7", "alice", new BigDecimal("1234.5")));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/checkout/sessions");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Fixtures.API_KEY);
    assertThat(request.getHeader("Idempotency-Key"))
        .isEqualTo(new DepositRequest("d-7", "alice", BigDecimal.ONE).idempotencyKey());
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    SortedMap<String, String> params = FakeStripe.form(request.getBody().readUtf8());
    assertThat(params)
        .containsEntry("mode", "payment")
        .containsEntry("line_items[0][price_data][currency]", "usd")
        .containsEntry("line_items[0][price_data][unit_amount]", "123450")
        .containsEntry("line_items[0][quantity]", "1")
        .containsEntry("client_reference_id", "d-7")
        .containsEntry("metadata[deposit_id]", "d-7")
        .containsEntry("metadata[user]", "alice")
        .containsEntry("payment_intent_data[metadata][deposit_id]", "d-7")
        .containsEntry("success_url", "https://app.example.com/done")
        .containsEntry("cancel_url", "https://app.example.com/back");
    assertThat(session.providerReference()).startsWith("cs_test_");
    assertThat(session.paymentUrl())
        .isEqualTo(URI.create("https://checkout.stripe.com/c/pay/" + session.providerReference()));
  }

  @Test
  void centsAreExactAndAnAmountWithMoreThanTwoDecimalsIsRefused() {
    assertThat(StripePaymentGateway.cents(new BigDecimal("0.01"))).isEqualTo(1L);
    assertThat(StripePaymentGateway.cents(new BigDecimal("100"))).isEqualTo(10_000L);
    assertThat(StripePaymentGateway.cents(new BigDecimal("19.990"))).isEqualTo(1_999L);
    assertThat(StripePaymentGateway.cents(new BigDecimal("999999.99"))).isEqualTo(99_999_999L);
    refused(() -> StripePaymentGateway.cents(new BigDecimal("0.001")), ErrorCode.INVALID_AMOUNT);
    refused(() -> StripePaymentGateway.cents(new BigDecimal("1.005")), ErrorCode.INVALID_AMOUNT);
    refused(
        () -> StripePaymentGateway.cents(new BigDecimal("1000000.00")), ErrorCode.INVALID_AMOUNT);
  }

  @Test
  void aBankAccountIsSavedAsAnExternalAccountOfThePayoutAccount() throws Exception {
    fake();
    StripePaymentGateway gateway = gateway(0);

    String token = gateway.saveDestination("amy", BANK);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getPath())
        .isEqualTo("/v1/accounts/" + Fixtures.PAYOUT_ACCOUNT + "/external_accounts");
    assertThat(request.getHeader("Idempotency-Key"))
        .isEqualTo("destination:" + BANK.fingerprint("amy"));
    assertThat(FakeStripe.form(request.getBody().readUtf8()))
        .containsEntry("external_account[object]", "bank_account")
        .containsEntry("external_account[country]", "MX")
        .containsEntry("external_account[currency]", "mxn")
        .containsEntry("external_account[account_number]", "032180000118359719")
        .containsEntry("metadata[user]", "amy");
    assertThat(token).startsWith("ba_test_");
    assertThat(gateway.saveDestination("amy", BANK)).isEqualTo(token);
  }

  @Test
  void aCardIsFoundByItsLastFourDigitsAmongThePayoutAccountsCards() throws Exception {
    fake();
    StripePaymentGateway gateway = gateway(0);

    assertThat(gateway.saveDestination("amy", Destination.card("4242")))
        .isEqualTo("card_1NAinb2eZvKYlo2C1SB4NpVu");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getRequestUrl().encodedPath())
        .isEqualTo("/v1/accounts/" + Fixtures.PAYOUT_ACCOUNT + "/external_accounts");
    assertThat(request.getRequestUrl().queryParameter("object")).isEqualTo("card");
    refused(
        () -> gateway.saveDestination("amy", Destination.card("1881")), ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void aPayoutIsMadeOnThePayoutAccountInCentsToTheToken() throws Exception {
    fake();
    StripePaymentGateway gateway = gateway(0);
    Destination bank = Destination.Saved.of("amy", BANK, gateway.saveDestination("amy", BANK));
    Destination card =
        Destination.Saved.of(
            "amy",
            Destination.card("4242"),
            gateway.saveDestination("amy", Destination.card("4242")));
    server.takeRequest();
    server.takeRequest();

    PayoutReceipt toBank =
        gateway.startPayout(new PayoutRequest("w-1", new BigDecimal("95.5"), bank));
    PayoutReceipt toCard =
        gateway.startPayout(new PayoutRequest("w-2", new BigDecimal("10"), card));

    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(first.getPath()).isEqualTo("/v1/payouts");
    assertThat(first.getHeader("Stripe-Account")).isEqualTo(Fixtures.PAYOUT_ACCOUNT);
    assertThat(first.getHeader("Idempotency-Key"))
        .isEqualTo(new PayoutRequest("w-1", BigDecimal.ONE, bank).idempotencyKey());
    assertThat(FakeStripe.form(first.getBody().readUtf8()))
        .containsEntry("amount", "9550")
        .containsEntry("currency", "usd")
        .containsEntry("destination", ((Destination.Saved) bank).token())
        .containsEntry("method", "standard")
        .containsEntry("metadata[withdrawal_id]", "w-1");
    RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(FakeStripe.form(second.getBody().readUtf8()))
        .containsEntry("amount", "1000")
        .containsEntry("destination", "card_1NAinb2eZvKYlo2C1SB4NpVu")
        .containsEntry("method", "instant");
    assertThat(toBank.providerReference()).startsWith("po_test_");
    assertThat(toCard.providerReference()).isNotEqualTo(toBank.providerReference());
  }

  @Test
  void aPayoutToADestinationNotSavedIsRefusedBeforeAnyCall() {
    StripePaymentGateway gateway = gateway(0);

    refused(
        () -> gateway.startPayout(new PayoutRequest("w1", BigDecimal.TEN, BANK)),
        ErrorCode.INVALID_ARGUMENT);
    refused(
        () ->
            gateway.startPayout(
                new PayoutRequest("w1", BigDecimal.TEN, Destination.Saved.of("amy", BANK, null))),
        ErrorCode.INVALID_ARGUMENT);
    assertThat(server.getRequestCount()).isZero();
  }

  // ------------------------------------------------------------------ refunds

  /** A deposit of alice's, d-7, that Stripe collected {@code amount} of; its session's id. */
  private static String paidDeposit(
      FakeStripe stripe, StripePaymentGateway gateway, String amount) {
    String reference =
        gateway
            .startDeposit(new DepositRequest("d-7", "alice", new BigDecimal(amount)))
            .providerReference();
    stripe.completeDeposit(reference, new BigDecimal(amount));
    return reference;
  }

  private static Money usd(String amount) {
    return Money.of(amount, "USD");
  }

  /** The next request the server took of {@code method} on a path starting with {@code path}. */
  private RecordedRequest next(String method, String path) throws InterruptedException {
    for (RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        request != null;
        request = server.takeRequest(5, TimeUnit.SECONDS)) {
      if (method.equals(request.getMethod()) && request.getPath().startsWith(path)) {
        return request;
      }
    }
    throw new AssertionError("no " + method + " " + path);
  }

  @Test
  void aRefundIsARefundOfTheSessionsPaymentIntentInCentsWithItsIdempotencyKey() throws Exception {
    FakeStripe stripe = fake();
    StripePaymentGateway gateway = gateway(0);
    String reference = paidDeposit(stripe, gateway, "100.00");

    RefundReceipt receipt =
        gateway.refund(
            new RefundRequest(
                "r-1",
                reference,
                usd("12.34"),
                "alice",
                RefundRequest.Reason.REQUESTED_BY_CUSTOMER));

    RecordedRequest read = next("GET", "/v1/checkout/sessions/" + reference);
    assertThat(read.getRequestUrl().queryParameterValues("expand[0]")).contains("payment_intent");
    RecordedRequest request = next("POST", "/v1/refunds");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Fixtures.API_KEY);
    assertThat(request.getHeader("Idempotency-Key")).isEqualTo("fund:refund:r-1");
    assertThat(request.getHeader("Stripe-Account")).isNull();
    SortedMap<String, String> params = FakeStripe.form(request.getBody().readUtf8());
    assertThat(params)
        .containsEntry("amount", "1234")
        .containsEntry("reason", "requested_by_customer")
        .containsEntry("metadata[refund_id]", "r-1")
        .containsEntry("metadata[deposit_id]", "d-7")
        .containsEntry("metadata[user]", "alice")
        .containsOnlyKeys(
            "payment_intent",
            "amount",
            "reason",
            "metadata[refund_id]",
            "metadata[deposit_id]",
            "metadata[user]");
    assertThat(params.get("payment_intent")).startsWith("pi_test_");
    assertThat(receipt.providerReference()).startsWith("re_test_");
    assertThat(receipt.amount()).isEqualTo(usd("12.34"));
    assertThat(receipt.status()).isEqualTo(RefundReceipt.Status.SUCCEEDED);
  }

  @Test
  void aRefundWithoutAReasonSendsNone() throws Exception {
    FakeStripe stripe = fake();
    StripePaymentGateway gateway = gateway(0);
    String reference = paidDeposit(stripe, gateway, "100.00");

    gateway.refund(new RefundRequest("r-1", reference, usd("100.00"), "alice"));

    assertThat(FakeStripe.form(next("POST", "/v1/refunds").getBody().readUtf8()))
        .doesNotContainKey("reason")
        .containsEntry("amount", "10000");
  }

  @Test
  void stripesRefundStatusesAreMapped() {
    FakeStripe stripe = fake();
    StripePaymentGateway gateway = gateway(0);
    String reference = paidDeposit(stripe, gateway, "100.00");
    Map<String, RefundReceipt.Status> statuses =
        new java.util.LinkedHashMap<>(
            Map.of(
                "pending", RefundReceipt.Status.PENDING,
                "requires_action", RefundReceipt.Status.REQUIRES_ACTION,
                "succeeded", RefundReceipt.Status.SUCCEEDED,
                "failed", RefundReceipt.Status.FAILED,
                "canceled", RefundReceipt.Status.CANCELED,
                "some_future_status", RefundReceipt.Status.PENDING));
    int n = 0;
    for (Map.Entry<String, RefundReceipt.Status> status : statuses.entrySet()) {
      stripe.refundStatus(status.getKey());
      RefundReceipt receipt =
          gateway.refund(new RefundRequest("r-" + (++n), reference, usd("1.00"), "alice"));
      assertThat(receipt.status()).as(status.getKey()).isEqualTo(status.getValue());
    }
    assertThat(StripePaymentGateway.refundStatus(null)).isEqualTo(RefundReceipt.Status.PENDING);
  }

  @Test
  void aRefundAboveWhatIsLeftIsStripesAmountTooLargeAndAnInvalidAmount() {
    FakeStripe stripe = fake();
    StripePaymentGateway gateway = gateway(0);
    String reference = paidDeposit(stripe, gateway, "95.00");

    assertThatThrownBy(
            () -> gateway.refund(new RefundRequest("r-1", reference, usd("95.01"), "alice")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_AMOUNT);
              assertThat(e.providerCode()).contains("amount_too_large");
              assertThat(e.getMessage())
                  .contains("refund r-1")
                  .contains("greater than unrefunded amount on charge ($95.00)")
                  .contains("HTTP 400")
                  .contains("[request req_test_fake]");
            });
    gateway.refund(new RefundRequest("r-2", reference, usd("95.00"), "alice"));
    assertThatThrownBy(
            () -> gateway.refund(new RefundRequest("r-3", reference, usd("0.01"), "alice")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_AMOUNT);
              assertThat(e.providerCode()).contains("charge_already_refunded");
            });
  }

  @Test
  void aRefundOfADepositNotPaidOrOfAnotherUserIsRefusedBeforeAnythingIsRefunded() {
    FakeStripe stripe = fake();
    StripePaymentGateway gateway = gateway(0);
    String pending =
        gateway
            .startDeposit(new DepositRequest("d-1", "alice", BigDecimal.TEN))
            .providerReference();
    String paid = paidDeposit(stripe, gateway, "10.00");

    assertThatThrownBy(
            () -> gateway.refund(new RefundRequest("r-1", pending, usd("1.00"), "alice")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("is open and unpaid");
            });
    refused(
        () -> gateway.refund(new RefundRequest("r-2", paid, usd("1.00"), "bob")),
        ErrorCode.INVALID_ARGUMENT);
    assertThatThrownBy(
            () -> gateway.refund(new RefundRequest("r-3", "cs_test_missing", usd("1.00"), "alice")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.providerCode()).contains("resource_missing");
            });
    assertThat(stripe.requests()).noneMatch(r -> r.getPath().startsWith("/v1/refunds"));
  }

  @Test
  void aRefundIdRefundedWithOtherFieldsIsStripesIdempotencyError() {
    FakeStripe stripe = fake();
    StripePaymentGateway gateway = gateway(0);
    String reference = paidDeposit(stripe, gateway, "100.00");
    RefundReceipt first =
        gateway.refund(new RefundRequest("r-1", reference, usd("10.00"), "alice"));

    assertThat(gateway.refund(new RefundRequest("r-1", reference, usd("10.00"), "alice")))
        .isEqualTo(first);
    assertThatThrownBy(
            () -> gateway.refund(new RefundRequest("r-1", reference, usd("11.00"), "alice")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.providerCode()).contains("idempotency_error");
            });
  }

  @Test
  void aRefundRefusesAnAmountStripeCannotSendBeforeAnyCall() {
    fake();
    StripePaymentGateway gateway = gateway(0);

    refused(
        () -> gateway.refund(new RefundRequest("r-1", "cs_x", usd("1000000.00"), "alice")),
        ErrorCode.INVALID_AMOUNT);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aRateLimitedRefundIsRetryable() {
    FakeStripe stripe = fake();
    StripePaymentGateway gateway = gateway(0);
    String reference = paidDeposit(stripe, gateway, "100.00");
    okhttp3.mockwebserver.Dispatcher fake = server.getDispatcher();
    server.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (request.getPath().startsWith("/v1/refunds")) {
              return error(429, "error-rate-limit.json");
            }
            return fake.dispatch(request);
          }
        });

    assertThatThrownBy(
            () -> gateway.refund(new RefundRequest("r-1", reference, usd("1.00"), "alice")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
              assertThat(e.code().isRetryable()).isTrue();
            });
  }

  // ------------------------------------------------------------------ status

  @Test
  void theStatusFollowsTheSessionAndItsPaymentIntent() throws Exception {
    FakeStripe stripe = fake();
    StripePaymentGateway gateway = gateway(0);
    String pending = start(gateway, "d1");
    String paid = start(gateway, "d2");
    String async = start(gateway, "d3");
    String failed = start(gateway, "d4");
    String expired = start(gateway, "d5");
    stripe.completeDeposit(paid, new BigDecimal("99.99"));
    stripe.completeDepositUnpaid(async);
    stripe.failDeposit(failed);
    stripe.expireDeposit(expired);

    assertThat(gateway.depositStatus(pending))
        .contains(ProviderDepositStatus.of(ProviderDepositStatus.State.PENDING));
    assertThat(gateway.depositStatus(paid))
        .contains(ProviderDepositStatus.completed(new BigDecimal("99.99")));
    assertThat(gateway.depositStatus(async))
        .contains(ProviderDepositStatus.of(ProviderDepositStatus.State.PROCESSING));
    assertThat(gateway.depositStatus(failed))
        .contains(ProviderDepositStatus.of(ProviderDepositStatus.State.FAILED));
    assertThat(gateway.depositStatus(expired))
        .contains(ProviderDepositStatus.of(ProviderDepositStatus.State.EXPIRED));
    stripe.asyncPayment(async, true);
    assertThat(gateway.depositStatus(async))
        .contains(ProviderDepositStatus.completed(new BigDecimal("100.00")));
    assertThat(gateway.depositStatus("cs_test_unknown")).isEmpty();
    RecordedRequest last = null;
    for (int i = server.getRequestCount(); i > 0; i--) {
      last = server.takeRequest();
    }
    assertThat(last.getRequestUrl().encodedPath())
        .isEqualTo("/v1/checkout/sessions/cs_test_unknown");
    assertThat(last.getRequestUrl().queryParameter("expand[0]")).isEqualTo("payment_intent");
  }

  private static String start(StripePaymentGateway gateway, String id) {
    return gateway
        .startDeposit(new DepositRequest(id, "alice", new BigDecimal("100.00")))
        .providerReference();
  }

  // ------------------------------------------------------------------ errors

  @Test
  void stripesErrorsMapToErrorCodesKeepingStripesCodeAndRequestId() {
    StripePaymentGateway gateway = gateway(0);
    DepositRequest request = new DepositRequest("d1", "alice", BigDecimal.TEN);

    Map<MockResponse, ErrorCode> cases =
        Map.of(
            error(429, "error-rate-limit.json"), ErrorCode.RATE_LIMITED,
            error(401, "error-authentication.json"), ErrorCode.FORBIDDEN,
            error(400, "error-idempotency.json"), ErrorCode.INVALID_ARGUMENT,
            error(404, "error-resource-missing.json"), ErrorCode.INVALID_ARGUMENT,
            error(402, "error-card-declined.json"), ErrorCode.ORDER_REJECTED,
            error(500, "error-api.json"), ErrorCode.PROVIDER_UNAVAILABLE,
            error(403, "error-authentication.json"), ErrorCode.FORBIDDEN);
    for (Map.Entry<MockResponse, ErrorCode> each : cases.entrySet()) {
      server.enqueue(each.getKey());
      assertThatThrownBy(() -> gateway.startDeposit(request))
          .isInstanceOfSatisfying(
              SpeedTradeException.class,
              e -> {
                assertThat(e.code()).isEqualTo(each.getValue());
                assertThat(e.getMessage()).contains("req_test_42").doesNotContain(Fixtures.API_KEY);
              });
    }
    server.enqueue(error(429, "error-rate-limit.json"));
    assertThatThrownBy(() -> gateway.startDeposit(request))
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.providerCode()).contains("rate_limit"));
    server.enqueue(error(402, "error-card-declined.json"));
    assertThatThrownBy(() -> gateway.startDeposit(request))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.providerCode()).contains("insufficient_funds"));
  }

  @Test
  void aWholeAccountNumberInStripesMessageIsMasked() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .addHeader("Content-Type", "application/json")
            .setBody(
                "{\"error\":{\"code\":\"account_number_invalid\",\"message\":\"The account"
                    + " number 032180000118359719 is invalid.\",\"param\":"
                    + "\"external_account[account_number]\",\"type\":\"invalid_request_error\"}}"));

    assertThatThrownBy(() -> gateway(0).saveDestination("amy", BANK))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.providerCode()).contains("account_number_invalid");
              assertThat(e.getMessage()).doesNotContain("0321800001183").contains("****9719");
              assertThat(e.getCause()).isNull();
            });
  }

  @Test
  void aDroppedConnectionOrATimeoutIsProviderUnavailable() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    StripePaymentGateway gateway = gateway(0, java.time.Duration.ofMillis(500));
    DepositRequest request = new DepositRequest("d1", "alice", BigDecimal.TEN);

    refused(() -> gateway.startDeposit(request), ErrorCode.PROVIDER_UNAVAILABLE);
    refused(() -> gateway.startDeposit(request), ErrorCode.PROVIDER_UNAVAILABLE);
  }

  @Test
  void aRetryAfterAFailureSendsTheSameIdempotencyKey() throws Exception {
    server.enqueue(error(503, "error-api.json").addHeader("Stripe-Should-Retry", "true"));
    server.enqueue(
        new MockResponse()
            .setResponseCode(200)
            .addHeader("Content-Type", "application/json")
            .setBody(Fixtures.text("checkout-session.json")));

    DepositSession session =
        gateway(2).startDeposit(new DepositRequest("d1", "alice", BigDecimal.TEN));

    assertThat(session.providerReference()).startsWith("cs_test_a11YY");
    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(second.getHeader("Idempotency-Key"))
        .isEqualTo(first.getHeader("Idempotency-Key"))
        .isEqualTo(new DepositRequest("d1", "alice", BigDecimal.TEN).idempotencyKey());
    assertThat(second.getBody().readUtf8()).isEqualTo(first.getBody().readUtf8());
  }

  @Test
  void anUnknownSessionHasNoStatusButAnotherErrorIsThrown() {
    server.enqueue(error(404, "error-resource-missing.json"));
    server.enqueue(error(401, "error-authentication.json"));
    StripePaymentGateway gateway = gateway(0);

    assertThat(gateway.depositStatus("cs_test_missing")).isEmpty();
    refused(() -> gateway.depositStatus("cs_test_missing"), ErrorCode.FORBIDDEN);
  }

  @Test
  void theGatewayNeverShowsItsSecrets() {
    String text = gateway(0).toString();

    assertThat(text).doesNotContain(Fixtures.API_KEY).doesNotContain(Fixtures.WEBHOOK_SECRET);
    assertThat(text).contains(Fixtures.PAYOUT_ACCOUNT);
  }

  private static MockResponse error(int status, String fixture) {
    return new MockResponse()
        .setResponseCode(status)
        .addHeader("Content-Type", "application/json")
        .addHeader("Request-Id", "req_test_42")
        .setBody(Fixtures.text(fixture));
  }

  private static void refused(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
