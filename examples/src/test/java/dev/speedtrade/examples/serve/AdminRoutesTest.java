package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ADMIN_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.funding.DepositRequest;
import dev.speedtrade.funding.DepositSession;
import dev.speedtrade.funding.SignedWebhook;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.Discrepancy;
import dev.speedtrade.oms.DiscrepancyKind;
import dev.speedtrade.oms.Reconciliation;
import dev.speedtrade.oms.Remedy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admins' reconciliation routes over HTTP, and their JSON. */
class AdminRoutesTest {
  private static final String PATH = "/admin/reconcile/internal";

  private final ServeFixture f = new ServeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void refusesAnonymousCallersAndClients() {
    Answer anonymous = f.call("GET", PATH, null, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    Answer client = f.call("GET", PATH, ALICE_TOKEN, null);
    assertThat(client.status()).isEqualTo(403);
    assertThat(client.json().get("code").asText()).isEqualTo("FORBIDDEN");
  }

  @Test
  void refusesAnonymousCallersAndClientsTheVenueReconciliation() {
    String venue = "/admin/reconcile/venue";
    assertThat(f.call("GET", venue, null, null).status()).isEqualTo(401);
    Answer client = f.call("GET", venue, ALICE_TOKEN, null);
    assertThat(client.status()).isEqualTo(403);
    assertThat(client.json().get("code").asText()).isEqualTo("FORBIDDEN");
  }

  @Test
  void answersOkWhenTheBooksAgreeWithTheVenue() {
    f.fund("alice", "dep-v", "1000.00");
    assertThat(
            f.call(
                    "POST",
                    "/orders",
                    ALICE_TOKEN,
                    "{\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"MARKET\",\"qty\":\"1\"}")
                .status())
        .isEqualTo(201);
    Answer resting =
        f.call(
            "POST",
            "/orders",
            ALICE_TOKEN,
            "{\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"qty\":\"2\","
                + "\"price\":\"1.00\",\"timeInForce\":\"GTC\"}");
    assertThat(resting.status()).as(resting.body()).isEqualTo(201);

    Answer answer = f.call("GET", "/admin/reconcile/venue", ADMIN_TOKEN, null);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.get("ok").asBoolean()).isTrue();
    assertThat(body.get("clean").asBoolean()).isTrue();
    assertThat(body.get("discrepancies")).isEmpty();
    assertThat(body.get("at").asText()).isEqualTo("2026-11-24T15:30:00Z");
  }

  @Test
  void reportsAnOrderPlacedAtTheVenueBehindTheOrderServicesBack() {
    BrokerOrder outside =
        f.venue.submitOrder(
            OrderRequest.builder()
                .symbol("SPY")
                .side(OrderSide.BUY)
                .type(OrderType.LIMIT)
                .timeInForce(TimeInForce.DAY)
                .qty(Quantity.of("2"))
                .limitPrice(Price.of("1.00"))
                .clientOrderId("placed-by-hand")
                .build());

    Answer answer = f.call("GET", "/admin/reconcile/venue", ADMIN_TOKEN, null);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.get("ok").asBoolean()).isFalse();
    assertThat(body.get("discrepancies")).hasSize(1);
    JsonNode d = body.get("discrepancies").get(0);
    assertThat(d.get("kind").asText()).isEqualTo("UNKNOWN_VENUE_ORDER");
    assertThat(d.get("account").isNull()).isTrue();
    assertThat(d.get("symbol").asText()).isEqualTo("SPY");
    assertThat(d.get("reference").asText()).isEqualTo(outside.id());
    assertThat(d.get("actual").asText()).isEqualTo("2");
    assertThat(d.get("remedy").asText()).isEqualTo("CANCEL_OR_ADOPT");
    assertThat(d.get("message").asText()).contains("placed-by-hand");
  }

  @Test
  void listsTheVerifiedWebhooksAboutADepositOrApplicantThePlatformDoesNotKnow() {
    String unmatched = "/v1/admin/webhooks/unmatched";
    assertThat(f.call("GET", unmatched, null, null).status()).isEqualTo(401);
    assertThat(f.call("GET", unmatched, ALICE_TOKEN, null).status()).isEqualTo(403);
    Answer none = f.call("GET", unmatched, ADMIN_TOKEN, null);
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().get("payments")).isEmpty();
    assertThat(none.json().get("kyc")).isEmpty();
    f.fund("alice", "dep-known", "100.00");

    // a deposit started at the provider, not through the platform: its webhook is acknowledged
    DepositSession stray =
        f.gateway.startDeposit(
            new DepositRequest("dep-elsewhere", "alice", new java.math.BigDecimal("25.00")));
    SignedWebhook paid = f.gateway.completeDeposit(stray.providerReference());
    Answer payment = f.postWebhook("/v1/stripe/webhook", paid.body(), paid.headers());
    assertThat(payment.status()).isEqualTo(200);
    assertThat(payment.json().get("code").asText()).isEqualTo("DEPOSIT_NOT_FOUND");
    // an applicant made at the provider by hand, whom the platform never started
    String applicant = f.identity.createApplicant("walk-in").applicantId();
    KycWebhookDelivery green = f.identity.approve(applicant);
    Answer review = f.postWebhook("/v1/kyc/webhook", green.body(), green.headers());
    assertThat(review.status()).isEqualTo(200);
    assertThat(review.json().get("code").asText()).isEqualTo("UNKNOWN_APPLICANT");

    JsonNode listed = f.call("GET", unmatched, ADMIN_TOKEN, null).json();
    assertThat(listed.get("payments")).hasSize(1);
    JsonNode event = listed.get("payments").get(0);
    assertThat(event.get("subject").asText()).isEqualTo("DEPOSIT");
    assertThat(event.get("subjectId").asText()).isEqualTo("dep-elsewhere");
    assertThat(event.get("amount").asText()).isEqualTo("25.00");
    assertThat(event.get("receivedAt").asText()).isEqualTo("2026-11-24T15:30:00Z");
    assertThat(listed.get("kyc")).hasSize(1);
    JsonNode webhook = listed.get("kyc").get(0);
    assertThat(webhook.get("applicantId").asText()).isEqualTo(applicant);
    assertThat(webhook.get("type").asText()).isEqualTo("applicantReviewed");
    assertThat(listed.toString()).doesNotContain("dep-known");

    // once the platform starts that applicant's user, the webhook is no longer unmatched
    assertThat(f.platform.kyc().start("walk-in").verification().applicantId()).isEqualTo(applicant);
    assertThat(f.call("GET", unmatched, ADMIN_TOKEN, null).json().get("kyc")).isEmpty();
  }

  @Test
  void answersOkWithNoDiscrepancyOnAPlatformWhoseBooksAgree() {
    f.fund("alice", "dep-r", "1000.00");
    Answer order =
        f.call(
            "POST",
            "/orders",
            ALICE_TOKEN,
            "{\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"MARKET\",\"qty\":\"1\"}");
    assertThat(order.status()).as(order.body()).isEqualTo(201);

    Answer answer = f.call("GET", PATH, ADMIN_TOKEN, null);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.get("ok").asBoolean()).isTrue();
    assertThat(body.get("clean").asBoolean()).isTrue();
    assertThat(body.get("discrepancies")).isEmpty();
    assertThat(body.get("accounts").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(body.get("at").asText()).isEqualTo("2026-11-24T15:30:00Z");
  }

  @Test
  void reportsABuyWrittenToTheLedgerBehindTheOrderServicesBack() {
    f.fund("alice", "dep-s", "100.00");
    assertThat(
            f.platform
                .ledger()
                .submit(
                    Transfer.single(
                        "stray-buy",
                        ClientLedgerAccounts.cash("alice"),
                        ClientLedgerAccounts.BROKER,
                        2500,
                        "buy"))
                .result())
        .isEqualTo(TransferResult.OK);

    Answer answer = f.call("GET", PATH, ADMIN_TOKEN, null);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.get("ok").asBoolean()).isFalse();
    assertThat(body.get("discrepancies")).hasSize(1);
    JsonNode d = body.get("discrepancies").get(0);
    assertThat(d.get("kind").asText()).isEqualTo("LEDGER_BUYS_MISMATCH");
    assertThat(d.get("account").asText()).isEqualTo("alice");
    assertThat(d.get("symbol").isNull()).isTrue();
    assertThat(d.get("pendingWork").asBoolean()).isFalse();
    assertThat(d.get("expected").asText()).isEqualTo("0.00");
    assertThat(d.get("actual").asText()).isEqualTo("25.00");
    assertThat(d.get("remedy").asText()).isEqualTo("INVESTIGATE");
    assertThat(d.get("message").asText()).isNotBlank();
    assertThat(d.get("suggestion").asText()).isNotBlank();
  }

  @Test
  void writesPendingWorkAsOkButNotCleanWithEveryFieldOfADiscrepancy() {
    Reconciliation report =
        new Reconciliation(
            Instant.parse("2026-11-24T15:30:00Z"),
            2,
            List.of(
                new Discrepancy(
                    DiscrepancyKind.OUTBOX_PENDING,
                    "bob",
                    "o-7",
                    "SPY",
                    "outbox-3",
                    null,
                    null,
                    Remedy.AWAIT_OUTBOX,
                    "the send of o-7 is queued",
                    "run recover()")));

    Map<String, Object> body = AdminRoutes.reconciliation(report);

    assertThat(body).containsEntry("ok", true).containsEntry("clean", false);
    assertThat(body).containsEntry("accounts", 2).containsEntry("at", "2026-11-24T15:30:00Z");
    @SuppressWarnings("unchecked")
    Map<String, Object> d = ((List<Map<String, Object>>) body.get("discrepancies")).get(0);
    assertThat(d)
        .containsEntry("kind", "OUTBOX_PENDING")
        .containsEntry("pendingWork", true)
        .containsEntry("account", "bob")
        .containsEntry("clientOrderId", "o-7")
        .containsEntry("symbol", "SPY")
        .containsEntry("reference", "outbox-3")
        .containsEntry("expected", null)
        .containsEntry("actual", null)
        .containsEntry("remedy", "AWAIT_OUTBOX")
        .containsEntry("message", "the send of o-7 is queued")
        .containsEntry("suggestion", "run recover()");
  }
}
