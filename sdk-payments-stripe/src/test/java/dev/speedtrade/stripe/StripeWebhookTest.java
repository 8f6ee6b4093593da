package dev.speedtrade.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.DepositEventType;
import dev.speedtrade.funding.PayoutEventType;
import dev.speedtrade.funding.ProviderEvent;
import dev.speedtrade.funding.SignedWebhook;
import dev.speedtrade.secret.Secret;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Webhooks signed as Stripe signs them ({@code t=<ts>,v1=<HMAC-SHA256 of "<ts>.<body>">}) with a
 * test secret, in the event shapes of the fixtures: the mapping of each type, and every refusal.
 */
class StripeWebhookTest {
  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  private static final long T = NOW.getEpochSecond();

  private final StripePaymentGateway gateway =
      StripePaymentGateway.create(
          StripeConfig.builder()
              .apiKey(Secret.of(Fixtures.API_KEY))
              .webhookSecret(Secret.of(Fixtures.WEBHOOK_SECRET))
              .payoutAccount(Fixtures.PAYOUT_ACCOUNT)
              .successUrl(URI.create("https://app.example.com/done"))
              .cancelUrl(URI.create("https://app.example.com/back"))
              .apiBase(URI.create("http://localhost:1"))
              .clock(Clock.fixed(NOW, ZoneOffset.UTC))
              .build());

  private static String event(String type, JsonObject object) {
    JsonObject event = Fixtures.json("event.json");
    event.addProperty("id", "evt_test_1");
    event.addProperty("type", type);
    event.getAsJsonObject("data").add("object", object);
    return event.toString();
  }

  private static JsonObject session(String status, String paymentStatus, long amountTotal) {
    JsonObject session = Fixtures.json("checkout-session.json");
    session.addProperty("status", status);
    session.addProperty("payment_status", paymentStatus);
    session.addProperty("amount_total", amountTotal);
    session.addProperty("client_reference_id", "d1");
    JsonObject metadata = new JsonObject();
    metadata.addProperty("deposit_id", "d1");
    session.add("metadata", metadata);
    return session;
  }

  private static JsonObject payout(String status) {
    JsonObject payout = Fixtures.json("payout.json");
    payout.addProperty("status", status);
    JsonObject metadata = new JsonObject();
    metadata.addProperty("withdrawal_id", "w1");
    payout.add("metadata", metadata);
    return payout;
  }

  private ProviderEvent parse(String body) {
    SignedWebhook webhook = FakeStripe.sign(body, T, Fixtures.WEBHOOK_SECRET);
    return gateway.parseWebhook(webhook.body(), webhook.headers());
  }

  // ------------------------------------------------------------------ mapping

  @Test
  void refundEventsAreAcknowledgedAndIgnored() {
    JsonObject refund = Fixtures.json("refund.json");
    JsonObject metadata = new JsonObject();
    metadata.addProperty("refund_id", "r1");
    metadata.addProperty("deposit_id", "d1");
    refund.add("metadata", metadata);
    JsonObject charge = new JsonObject();
    charge.addProperty("id", "ch_1NirD82eZvKYlo2CIvbtLWuY");
    charge.addProperty("object", "charge");
    charge.addProperty("amount_refunded", 1000);
    charge.addProperty("refunded", true);

    for (String type : List.of("refund.created", "refund.updated", "refund.failed")) {
      assertThat(parse(event(type, refund)))
          .isEqualTo(new ProviderEvent.IgnoredEvent("evt_test_1", type));
    }
    assertThat(parse(event("charge.refunded", charge)))
        .isEqualTo(new ProviderEvent.IgnoredEvent("evt_test_1", "charge.refunded"));
  }

  @Test
  void aPaidCompletedSessionIsACompletedDepositOfItsAmountTotal() {
    assertThat(parse(event("checkout.session.completed", session("complete", "paid", 9550))))
        .isEqualTo(
            new ProviderEvent.DepositEvent(
                "evt_test_1", "d1", DepositEventType.COMPLETED, new BigDecimal("95.50")));
  }

  @Test
  void anUnpaidCompletedSessionIsProcessingUntilItsAsyncPaymentSettles() {
    assertThat(parse(event("checkout.session.completed", session("complete", "unpaid", 10000))))
        .isEqualTo(
            new ProviderEvent.DepositEvent("evt_test_1", "d1", DepositEventType.PROCESSING, null));
    assertThat(
            parse(
                event(
                    "checkout.session.async_payment_succeeded",
                    session("complete", "paid", 10000))))
        .isEqualTo(
            new ProviderEvent.DepositEvent(
                "evt_test_1", "d1", DepositEventType.COMPLETED, new BigDecimal("100.00")));
    assertThat(
            parse(
                event(
                    "checkout.session.async_payment_failed", session("complete", "unpaid", 10000))))
        .isEqualTo(
            new ProviderEvent.DepositEvent("evt_test_1", "d1", DepositEventType.FAILED, null));
  }

  @Test
  void anExpiredSessionAndAFailedPaymentIntentNameTheDeposit() {
    JsonObject intent = Fixtures.json("payment-intent.json");
    JsonObject metadata = new JsonObject();
    metadata.addProperty("deposit_id", "d1");
    intent.add("metadata", metadata);
    intent.add("last_payment_error", Fixtures.json("last-payment-error-card-declined.json"));

    assertThat(parse(event("checkout.session.expired", session("expired", "unpaid", 10000))))
        .isEqualTo(
            new ProviderEvent.DepositEvent("evt_test_1", "d1", DepositEventType.EXPIRED, null));
    assertThat(parse(event("payment_intent.payment_failed", intent)))
        .isEqualTo(
            new ProviderEvent.DepositEvent("evt_test_1", "d1", DepositEventType.FAILED, null));
  }

  @Test
  void payoutsArePaidOrFailedAndACanceledPayoutIsFailed() {
    assertThat(parse(event("payout.paid", payout("paid"))))
        .isEqualTo(new ProviderEvent.PayoutEvent("evt_test_1", "w1", PayoutEventType.PAID));
    assertThat(parse(event("payout.failed", payout("failed"))))
        .isEqualTo(new ProviderEvent.PayoutEvent("evt_test_1", "w1", PayoutEventType.FAILED));
    assertThat(parse(event("payout.canceled", payout("canceled"))))
        .isEqualTo(new ProviderEvent.PayoutEvent("evt_test_1", "w1", PayoutEventType.FAILED));
  }

  @Test
  void otherTypesAndObjectsTheGatewayDidNotCreateAreIgnored() {
    JsonObject foreign = Fixtures.json("checkout-session.json");

    assertThat(parse(event("payout.created", payout("pending"))))
        .isEqualTo(new ProviderEvent.IgnoredEvent("evt_test_1", "payout.created"));
    assertThat(parse(event("customer.updated", new JsonObject())))
        .isEqualTo(new ProviderEvent.IgnoredEvent("evt_test_1", "customer.updated"));
    assertThat(parse(event("checkout.session.completed", foreign)))
        .isEqualTo(new ProviderEvent.IgnoredEvent("evt_test_1", "checkout.session.completed"));
    assertThat(parse(event("payout.paid", Fixtures.json("payout.json"))))
        .isEqualTo(new ProviderEvent.IgnoredEvent("evt_test_1", "payout.paid"));
  }

  // ------------------------------------------------------------------ signatures

  @Test
  void aWebhookSignedWithAnotherSecretIsRefused() {
    String body = event("payout.paid", payout("paid"));
    SignedWebhook forged = FakeStripe.sign(body, T, "whsec_forger");

    refused(forged.body(), forged.headers(), ErrorCode.INVALID_SIGNATURE);
  }

  @Test
  void aWebhookOutsideTheToleranceIsRefusedEitherWay() {
    String body = event("payout.paid", payout("paid"));
    SignedWebhook late = FakeStripe.sign(body, T - 301, Fixtures.WEBHOOK_SECRET);
    SignedWebhook early = FakeStripe.sign(body, T + 301, Fixtures.WEBHOOK_SECRET);
    SignedWebhook edge = FakeStripe.sign(body, T - 300, Fixtures.WEBHOOK_SECRET);

    refused(late.body(), late.headers(), ErrorCode.INVALID_SIGNATURE);
    refused(early.body(), early.headers(), ErrorCode.INVALID_SIGNATURE);
    assertThat(gateway.parseWebhook(edge.body(), edge.headers()))
        .isInstanceOf(ProviderEvent.PayoutEvent.class);
  }

  @Test
  void anAlteredBodyIsRefused() {
    String body = event("checkout.session.completed", session("complete", "paid", 100));
    SignedWebhook genuine = FakeStripe.sign(body, T, Fixtures.WEBHOOK_SECRET);
    byte[] altered =
        body.replace("\"amount_total\":100", "\"amount_total\":900000")
            .getBytes(StandardCharsets.UTF_8);

    refused(altered, genuine.headers(), ErrorCode.INVALID_SIGNATURE);
    refused(new byte[] {(byte) 0xff}, genuine.headers(), ErrorCode.INVALID_SIGNATURE);
  }

  @Test
  void oneMatchingSignatureAmongSeveralIsEnough() {
    String body = event("payout.paid", payout("paid"));
    String good = FakeStripe.hmac(Fixtures.WEBHOOK_SECRET, T + "." + body);
    String other = FakeStripe.hmac("whsec_old", T + "." + body);
    Map<String, List<String>> headers =
        Map.of(
            "stripe-signature",
            List.of("t=" + T + ",v1=" + other + ",v1=" + good + ",v0=" + other));

    assertThat(gateway.parseWebhook(body.getBytes(StandardCharsets.UTF_8), headers))
        .isEqualTo(new ProviderEvent.PayoutEvent("evt_test_1", "w1", PayoutEventType.PAID));
    refused(
        body.getBytes(StandardCharsets.UTF_8),
        Map.of("Stripe-Signature", List.of("t=" + T + ",v1=" + other + ",v0=" + good)),
        ErrorCode.INVALID_SIGNATURE);
  }

  @Test
  void aMissingMalformedOrRepeatedHeaderIsRefused() {
    String body = event("payout.paid", payout("paid"));
    SignedWebhook genuine = FakeStripe.sign(body, T, Fixtures.WEBHOOK_SECRET);
    String value = genuine.headers().get("Stripe-Signature").get(0);
    byte[] bytes = genuine.body();

    refused(bytes, Map.of(), ErrorCode.INVALID_SIGNATURE);
    refused(bytes, Map.of("Stripe-Signature", List.of("garbage")), ErrorCode.INVALID_SIGNATURE);
    refused(bytes, Map.of("Stripe-Signature", List.of("t=" + T)), ErrorCode.INVALID_SIGNATURE);
    refused(bytes, Map.of("Stripe-Signature", List.of(value, value)), ErrorCode.INVALID_SIGNATURE);
  }

  @Test
  void aGenuineBodyThatIsNotAnEventIsAnInvalidArgument() {
    for (String body :
        List.of("not json", "[1,2]", "{\"id\":\"evt_1\",\"type\":\"payout.paid\"}")) {
      SignedWebhook webhook = FakeStripe.sign(body, T, Fixtures.WEBHOOK_SECRET);
      refused(webhook.body(), webhook.headers(), ErrorCode.INVALID_ARGUMENT);
    }
  }

  private void refused(byte[] body, Map<String, List<String>> headers, ErrorCode code) {
    assertThatThrownBy(() -> gateway.parseWebhook(body, headers))
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
