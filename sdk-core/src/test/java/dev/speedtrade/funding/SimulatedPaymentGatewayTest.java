package dev.speedtrade.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The simulated gateway's own promises: its ids, its body format, its commands, its secret. */
class SimulatedPaymentGatewayTest {
  private static final String SECRET = "whsec_simulated_unit_test";
  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  private static final Destination BANK = Destination.bank("032180000118359719");

  private final MutableClock clock = new MutableClock(NOW);
  private final SimulatedPaymentGateway gateway = gateway(SECRET);

  private SimulatedPaymentGateway gateway(String secret) {
    return SimulatedPaymentGateway.builder().webhookSecret(Secret.of(secret)).clock(clock).build();
  }

  @Test
  void toStringNeverShowsTheSecret() {
    DepositSession session = gateway.startDeposit(new DepositRequest("d1", "alice", d("100")));
    gateway.completeDeposit(session.providerReference());

    assertThat(gateway.toString())
        .doesNotContain(SECRET)
        .isEqualTo("SimulatedPaymentGateway[deposits=1, payouts=0, refunds=0, tolerance=PT5M]");
  }

  @Test
  void referencesUrlsAndEventIdsAreNumberedInOrder() {
    DepositSession first = gateway.startDeposit(new DepositRequest("d1", "alice", d("100")));
    DepositSession second = gateway.startDeposit(new DepositRequest("d2", "bob", d("20.50")));
    PayoutReceipt payout = gateway.startPayout(new PayoutRequest("w1", d("10.00"), BANK));

    assertThat(first)
        .isEqualTo(
            new DepositSession(
                "sim_dep_1", URI.create("https://checkout.simulated.invalid/pay/sim_dep_1")));
    assertThat(second.providerReference()).isEqualTo("sim_dep_2");
    assertThat(payout.providerReference()).isEqualTo("sim_po_1");
    assertThat(gateway.failDeposit("sim_dep_2").bodyText()).contains("\"id\":\"evt_1\"");
    assertThat(gateway.markPayoutPaid("sim_po_1").bodyText()).contains("\"id\":\"evt_2\"");
  }

  @Test
  void webhookBodiesAndHeadersAreTheDocumentedOnes() {
    gateway.startDeposit(new DepositRequest("d1", "alice", d("100")));
    gateway.startPayout(new PayoutRequest("w1", d("49.5"), Destination.card("4242")));

    SignedWebhook completed = gateway.completeDeposit("sim_dep_1", d("95"));
    SignedWebhook paid = gateway.markPayoutPaid("sim_po_1");
    SignedWebhook other = gateway.otherEvent("customer.updated");

    assertThat(completed.bodyText())
        .isEqualTo(
            "{\"id\":\"evt_1\",\"type\":\"deposit.completed\",\"deposit_id\":\"d1\","
                + "\"reference\":\"sim_dep_1\",\"amount\":\"95.00\"}");
    assertThat(paid.bodyText())
        .isEqualTo(
            "{\"id\":\"evt_2\",\"type\":\"payout.paid\",\"withdrawal_id\":\"w1\","
                + "\"reference\":\"sim_po_1\"}");
    assertThat(other.bodyText()).isEqualTo("{\"id\":\"evt_3\",\"type\":\"customer.updated\"}");
    assertThat(completed.headers()).containsOnlyKeys("Content-Type", "X-Speedtrade-Signature");
    assertThat(completed.headers().get("Content-Type")).containsExactly("application/json");
    assertThat(completed.headers().get("X-Speedtrade-Signature"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .matches("t=" + NOW.getEpochSecond() + ",v1=[0-9a-f]{64}");
  }

  @Test
  void theSignatureShownInDocsPaymentsIsGenuine() {
    SimulatedPaymentGateway demo =
        SimulatedPaymentGateway.builder()
            .webhookSecret(Secret.of("whsec_demo"))
            .clock(Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC))
            .build();
    demo.startDeposit(new DepositRequest("d1", "alice", d("100.00")));

    assertThat(demo.completeDeposit("sim_dep_1", d("95.00")).headers())
        .containsEntry(
            "X-Speedtrade-Signature",
            List.of(
                "t=1772463600,"
                    + "v1=5552c9f2f6231679cd4b13c5e0c2b82dbfa703adff0912569ced16af0c515136"));
  }

  @Test
  void everyDepositCommandSendsItsType() {
    gateway.startDeposit(new DepositRequest("d1", "alice", d("100")));
    gateway.startPayout(new PayoutRequest("w1", d("10"), BANK));
    gateway.startPayout(new PayoutRequest("w2", d("10"), BANK));

    assertThat(
            List.of(
                gateway.processDeposit("sim_dep_1"),
                gateway.failDeposit("sim_dep_1"),
                gateway.expireDeposit("sim_dep_1"),
                gateway.cancelDeposit("sim_dep_1"),
                gateway.completeDeposit("sim_dep_1"),
                gateway.markPayoutPaid("sim_po_1"),
                gateway.markPayoutFailed("sim_po_2")))
        .extracting(webhook -> gateway.parseWebhook(webhook.body(), webhook.headers()))
        .containsExactly(
            new ProviderEvent.DepositEvent("evt_1", "d1", DepositEventType.PROCESSING, null),
            new ProviderEvent.DepositEvent("evt_2", "d1", DepositEventType.FAILED, null),
            new ProviderEvent.DepositEvent("evt_3", "d1", DepositEventType.EXPIRED, null),
            new ProviderEvent.DepositEvent("evt_4", "d1", DepositEventType.CANCELED, null),
            new ProviderEvent.DepositEvent(
                "evt_5", "d1", DepositEventType.COMPLETED, new BigDecimal("100.00")),
            new ProviderEvent.PayoutEvent("evt_6", "w1", PayoutEventType.PAID),
            new ProviderEvent.PayoutEvent("evt_7", "w2", PayoutEventType.FAILED));
  }

  @Test
  void theSameCallsGiveTheSameWebhooks() {
    SimulatedPaymentGateway other = gateway(SECRET);
    for (SimulatedPaymentGateway g : List.of(gateway, other)) {
      g.startDeposit(new DepositRequest("d1", "alice", d("100")));
    }

    assertThat(gateway.completeDeposit("sim_dep_1")).isEqualTo(other.completeDeposit("sim_dep_1"));
  }

  @Test
  void aFailedExpiredOrCanceledDepositMayStillCompleteButACompletedOneMovesNoMore() {
    gateway.startDeposit(new DepositRequest("d1", "alice", d("100")));

    gateway.processDeposit("sim_dep_1");
    gateway.failDeposit("sim_dep_1");
    gateway.expireDeposit("sim_dep_1");
    gateway.cancelDeposit("sim_dep_1");
    assertThat(gateway.depositStatus("sim_dep_1"))
        .contains(ProviderDepositStatus.of(ProviderDepositStatus.State.CANCELED));
    SignedWebhook late = gateway.completeDeposit("sim_dep_1");

    assertThat(gateway.parseWebhook(late.body(), late.headers()))
        .isEqualTo(
            new ProviderEvent.DepositEvent(
                "evt_5", "d1", DepositEventType.COMPLETED, new BigDecimal("100.00")));
    assertThat(gateway.depositStatus("sim_dep_1"))
        .contains(ProviderDepositStatus.completed(new BigDecimal("100.00")));
    for (ThrowingCallable command :
        List.<ThrowingCallable>of(
            () -> gateway.completeDeposit("sim_dep_1"),
            () -> gateway.failDeposit("sim_dep_1"),
            () -> gateway.expireDeposit("sim_dep_1"),
            () -> gateway.processDeposit("sim_dep_1"))) {
      refused(command, ErrorCode.INVALID_ARGUMENT, "COMPLETED at the provider");
    }
  }

  @Test
  void aPayoutIsPaidOrFailedOnce() {
    gateway.startPayout(new PayoutRequest("w1", d("10"), BANK));
    gateway.markPayoutFailed("sim_po_1");

    refused(() -> gateway.markPayoutPaid("sim_po_1"), ErrorCode.INVALID_ARGUMENT, "is FAILED");
    refused(() -> gateway.markPayoutFailed("sim_po_1"), ErrorCode.INVALID_ARGUMENT, "is FAILED");
  }

  @Test
  void refundsAreNumberedSucceedAtOnceAndAreCountedOncePerRefundId() {
    DepositSession session = gateway.startDeposit(new DepositRequest("d1", "alice", d("100")));
    gateway.completeDeposit(session.providerReference(), d("95.00"));
    RefundRequest first =
        new RefundRequest(
            "r1",
            session.providerReference(),
            dev.speedtrade.money.Money.of("40.00", "USD"),
            "alice",
            RefundRequest.Reason.DUPLICATE);

    RefundReceipt receipt = gateway.refund(first);
    gateway.refund(first);
    RefundReceipt second =
        gateway.refund(
            new RefundRequest(
                "r2",
                session.providerReference(),
                dev.speedtrade.money.Money.of("55.00", "USD"),
                "alice"));

    assertThat(receipt)
        .isEqualTo(
            new RefundReceipt(
                "sim_re_1",
                dev.speedtrade.money.Money.of("40.00", "USD"),
                RefundReceipt.Status.SUCCEEDED));
    assertThat(second.providerReference()).isEqualTo("sim_re_2");
    assertThat(gateway.refunds()).extracting(RefundRequest::refundId).containsExactly("r1", "r2");
    refused(
        () ->
            gateway.refund(
                new RefundRequest(
                    "r3",
                    session.providerReference(),
                    dev.speedtrade.money.Money.of("0.01", "USD"),
                    "alice")),
        ErrorCode.INVALID_AMOUNT,
        "0.00 USD left to refund of 95.00 USD paid");
    refused(
        () ->
            gateway.refund(
                new RefundRequest(
                    "r1",
                    session.providerReference(),
                    dev.speedtrade.money.Money.of("40.00", "USD"),
                    "alice")),
        ErrorCode.INVALID_ARGUMENT,
        "refund r1 was made as");
  }

  @Test
  void commandsOnUnknownReferencesAndBadAmountsAreRefused() {
    gateway.startDeposit(new DepositRequest("d1", "alice", d("100")));

    refused(() -> gateway.completeDeposit("sim_dep_9"), ErrorCode.INVALID_ARGUMENT, "sim_dep_9");
    refused(() -> gateway.markPayoutPaid("sim_po_1"), ErrorCode.INVALID_ARGUMENT, "sim_po_1");
    refused(() -> gateway.completeDeposit("sim_dep_1", d("0")), ErrorCode.INVALID_AMOUNT, "0");
    refused(
        () -> gateway.completeDeposit("sim_dep_1", d("1.005")), ErrorCode.INVALID_AMOUNT, "1.005");
    refused(() -> gateway.otherEvent("payout.paid"), ErrorCode.INVALID_ARGUMENT, "payout.paid");
    refused(() -> gateway.otherEvent(" "), ErrorCode.INVALID_ARGUMENT, "providerType");
    refused(() -> gateway.depositStatus(""), ErrorCode.INVALID_ARGUMENT, "providerReference");
  }

  @Test
  void requestsCheckTheirFieldsAndDeriveTheirIdempotencyKeysFromTheirIds() {
    DepositRequest deposit = new DepositRequest("d1", "alice", d("100"));
    PayoutRequest payout = new PayoutRequest("w1", d("10"), BANK);

    assertThat(deposit.idempotencyKey())
        .isEqualTo(new DepositRequest("d1", "bob", d("5")).idempotencyKey())
        .isNotEqualTo(new DepositRequest("d2", "alice", d("100")).idempotencyKey())
        .isNotEqualTo(payout.idempotencyKey());
    assertThat(new DepositRequest("d".repeat(300), "alice", d("1")).idempotencyKey())
        .hasSizeLessThanOrEqualTo(128);
    assertThat(payout.toString()).doesNotContain("032180000118359719").contains("****9719");
    refused(
        () -> new DepositRequest(" ", "alice", d("1")), ErrorCode.INVALID_ARGUMENT, "depositId");
    refused(() -> new DepositRequest("d1", "alice", d("1.001")), ErrorCode.INVALID_AMOUNT, "1.001");
    refused(() -> new DepositRequest("d1", "alice", d("-1")), ErrorCode.INVALID_AMOUNT, "-1");
    refused(() -> new PayoutRequest("w1", d("0.00"), BANK), ErrorCode.INVALID_AMOUNT, "0.00");
    refused(() -> new PayoutRequest("w1", d("1"), null), ErrorCode.INVALID_ARGUMENT, "destination");
    refused(
        () -> new ProviderDepositStatus(ProviderDepositStatus.State.FAILED, d("1")),
        ErrorCode.INVALID_ARGUMENT,
        "FAILED");
    refused(
        () -> ProviderDepositStatus.of(ProviderDepositStatus.State.COMPLETED),
        ErrorCode.INVALID_AMOUNT,
        "confirmedAmount");
  }

  @Test
  void aConfiguredToleranceIsKept() {
    SimulatedPaymentGateway strict =
        SimulatedPaymentGateway.builder()
            .webhookSecret(Secret.of(SECRET))
            .clock(clock)
            .tolerance(Duration.ofSeconds(30))
            .build();
    SignedWebhook webhook = strict.otherEvent("customer.updated");

    clock.advance(Duration.ofSeconds(31));

    refused(
        () -> strict.parseWebhook(webhook.body(), webhook.headers()),
        ErrorCode.INVALID_SIGNATURE,
        "PT30S");
  }

  @Test
  void theBuilderNeedsASecretAndANonNegativeTolerance() {
    refused(
        () -> SimulatedPaymentGateway.builder().build(),
        ErrorCode.INVALID_ARGUMENT,
        "webhookSecret");
    refused(
        () -> SimulatedPaymentGateway.builder().tolerance(Duration.ofSeconds(-1)),
        ErrorCode.INVALID_ARGUMENT,
        "tolerance");
  }

  @Test
  void nullBodyOrHeadersAreRefusedAsArguments() {
    refused(() -> gateway.parseWebhook(null, Map.of()), ErrorCode.INVALID_ARGUMENT, "body");
    refused(() -> gateway.parseWebhook(new byte[0], null), ErrorCode.INVALID_ARGUMENT, "headers");
  }

  @Test
  void theSignatureIsCheckedBeforeTheBodyIsRead() {
    refused(
        () -> gateway.parseWebhook("not json".getBytes(StandardCharsets.UTF_8), Map.of()),
        ErrorCode.INVALID_SIGNATURE,
        "no X-Speedtrade-Signature");
  }

  @Test
  void aGenuineButUnreadableBodyIsAnInvalidArgument() {
    String completed =
        "\"id\":\"evt_1\",\"type\":\"deposit.completed\",\"deposit_id\":\"d1\",\"reference\":\"r\"";
    Map<String, String> bodies =
        Map.ofEntries(
            Map.entry("", "ends too early"),
            Map.entry("not json", "expected '{'"),
            Map.entry("[]", "expected '{'"),
            Map.entry("{\"id\":\"evt_1\"}", "'type' is missing"),
            Map.entry("{\"id\":\"evt_1\",\"type\":\" \"}", "'type' is blank"),
            Map.entry("{\"id\":1,\"type\":\"x\"}", "value of 'id' is not a string"),
            Map.entry("{\"id\":\"a\",\"id\":\"b\",\"type\":\"x\"}", "'id' appears twice"),
            Map.entry("{\"id\":\"evt_1\",\"type\":\"x\",}", "expected '\"'"),
            Map.entry("{\"id\":\"evt_1\",\"type\":\"x\"} {}", "text after the object"),
            Map.entry("{\"id\":\"evt_1\" \"type\":\"x\"}", "expected ',' or '}'"),
            Map.entry("{\"id\":\"evt\n1\",\"type\":\"x\"}", "control character"),
            Map.entry("{\"id\":\"evt\\q\",\"type\":\"x\"}", "bad escape"),
            Map.entry("{\"id\":\"evt\\u12\",\"type\":\"x\"}", "bad \\u escape"),
            Map.entry("{" + completed + "}", "'amount' is missing"),
            Map.entry("{" + completed + ",\"amount\":\"95\"}", "2 decimals"),
            Map.entry("{" + completed + ",\"amount\":\"95.001\"}", "2 decimals"),
            Map.entry("{" + completed + ",\"amount\":\"-1.00\"}", "2 decimals"),
            Map.entry("{" + completed + ",\"amount\":\"1e2\"}", "2 decimals"),
            Map.entry("{" + completed + ",\"amount\":\"007.00\"}", "2 decimals"),
            Map.entry("{" + completed + ",\"amount\":\"0.00\"}", "above 0"),
            Map.entry("{" + completed + ",\"amount\":\"1.00\",\"fee\":\"0.10\"}", "'fee'"),
            Map.entry(
                "{\"id\":\"e\",\"type\":\"deposit.failed\",\"deposit_id\":\"d1\","
                    + "\"reference\":\"r\",\"amount\":\"1.00\"}",
                "'amount' is not one of a deposit.failed event"),
            Map.entry(
                "{\"id\":\"e\",\"type\":\"payout.paid\",\"withdrawal_id\":\"w1\"}",
                "'reference' is missing"));
    WebhookSignature signer =
        new WebhookSignature(Secret.of(SECRET), clock, WebhookSignature.DEFAULT_TOLERANCE);

    for (Map.Entry<String, String> body : bodies.entrySet()) {
      byte[] bytes = body.getKey().getBytes(StandardCharsets.UTF_8);
      Map<String, List<String>> headers =
          Map.of("X-Speedtrade-Signature", List.of(signer.sign(NOW.getEpochSecond(), bytes)));
      assertThatThrownBy(() -> gateway.parseWebhook(bytes, headers))
          .as(body.getKey())
          .isInstanceOfSatisfying(
              SpeedTradeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
          .hasMessageContaining(body.getValue());
    }
    byte[] notUtf8 = {'{', '"', (byte) 0xC3, '"', '}'};
    assertThatThrownBy(
            () ->
                gateway.parseWebhook(
                    notUtf8,
                    Map.of(
                        "X-Speedtrade-Signature",
                        List.of(signer.sign(NOW.getEpochSecond(), notUtf8)))))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void idsWithQuotesEscapesAndNonAsciiComeBackAsTheyWere() {
    String id = "dép \"1\" \\ / \t ✓";
    gateway.startDeposit(new DepositRequest(id, "alice", d("100")));
    SignedWebhook webhook = gateway.failDeposit("sim_dep_1");

    assertThat(gateway.parseWebhook(webhook.body(), webhook.headers()))
        .isEqualTo(new ProviderEvent.DepositEvent("evt_1", id, DepositEventType.FAILED, null));
  }

  @Test
  void anUnknownTypeIsReadWhateverElseItCarries() {
    byte[] body =
        "{ \"id\" : \"evt_9\" , \"type\" : \"charge.dispute.created\", \"dispute\" : \"dp_1\" }"
            .getBytes(StandardCharsets.UTF_8);
    WebhookSignature signer =
        new WebhookSignature(Secret.of(SECRET), clock, WebhookSignature.DEFAULT_TOLERANCE);

    assertThat(
            gateway.parseWebhook(
                body,
                Map.of("x-speedtrade-signature", List.of(signer.sign(NOW.getEpochSecond(), body)))))
        .isEqualTo(new ProviderEvent.IgnoredEvent("evt_9", "charge.dispute.created"));
  }

  @Test
  void aSignedWebhookIsCopiedInAndOut() {
    byte[] body = {'{', '}'};
    SignedWebhook webhook = new SignedWebhook(body, Map.of("A", List.of("1")));
    body[0] = 'x';
    webhook.body()[1] = 'y';

    assertThat(webhook.bodyText()).isEqualTo("{}");
    assertThat(webhook)
        .isEqualTo(
            new SignedWebhook("{}".getBytes(StandardCharsets.UTF_8), Map.of("A", List.of("1"))));
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static void refused(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }
}
