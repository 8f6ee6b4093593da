package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ADMIN_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
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

/** {@code GET /admin/reconcile/internal} over HTTP, and its JSON. */
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
