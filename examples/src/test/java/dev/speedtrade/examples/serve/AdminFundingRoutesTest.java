package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ADMIN_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.BOB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The review queue and the settlement run over HTTP. */
class AdminFundingRoutesTest {
  private static final String QUEUE = "/v1/admin/withdrawals";
  private static final String SETTLEMENT = "/v1/admin/settlement";

  private final ServeFixture f = new ServeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void refusesAnonymousCallersAndClients() {
    for (String[] route : new String[][] {{"GET", QUEUE}, {"POST", SETTLEMENT}}) {
      Answer anonymous = f.call(route[0], route[1], null, null);
      assertThat(anonymous.status()).as(route[1]).isEqualTo(401);
      assertThat(anonymous.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
      Answer client = f.call(route[0], route[1], ALICE_TOKEN, null);
      assertThat(client.status()).as(route[1]).isEqualTo(403);
      assertThat(client.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }
  }

  @Test
  void listsEveryUsersWithdrawalsOldestFirstFilteredByStatusInAnyCase() {
    f.fund("alice", "dep-a", "1000.00");
    f.fund("bob", "dep-b", "1000.00");
    withdraw(ALICE_TOKEN, "wd-z", "50.00", "reviewed");
    f.clock.advance(Duration.ofMinutes(1));
    withdraw(BOB_TOKEN, "wd-a", "20.00", "reviewed");
    f.clock.advance(Duration.ofMinutes(1));
    withdraw(BOB_TOKEN, "wd-m", "10.00", "instant");
    f.clock.advance(Duration.ofMinutes(1));
    withdraw(ALICE_TOKEN, "wd-b", "30.00", "reviewed");

    Answer all = f.call("GET", QUEUE, ADMIN_TOKEN, null);
    assertThat(all.status()).as(all.body()).isEqualTo(200);
    assertThat(all.json().get("status").isNull()).isTrue();
    // by creation time, not by id
    assertThat(ids(all.json())).containsExactly("wd-z", "wd-a", "wd-m", "wd-b");

    Answer queue = f.call("GET", QUEUE + "?status=pending_review", ADMIN_TOKEN, null);
    assertThat(queue.status()).isEqualTo(200);
    assertThat(queue.json().get("status").asText()).isEqualTo("PENDING_REVIEW");
    assertThat(ids(queue.json())).containsExactly("wd-z", "wd-a", "wd-b");
    JsonNode first = queue.json().get("withdrawals").get(0);
    assertThat(first.get("user").asText()).isEqualTo("alice");
    assertThat(first.get("kind").asText()).isEqualTo("REVIEWED");
    assertThat(first.get("status").asText()).isEqualTo("PENDING_REVIEW");
    assertThat(first.get("amount").asText()).isEqualTo("50.00");
    assertThat(first.get("fee").asText()).isEqualTo("0.00");
    assertThat(first.get("net").asText()).isEqualTo("50.00");
    assertThat(first.get("destination").asText()).isEqualTo("bank:****7771");
    assertThat(first.get("reviewedBy").isNull()).isTrue();
    assertThat(first.get("createdAt").asText()).isEqualTo("2026-11-24T15:30:00Z");
    assertThat(queue.body()).doesNotContain("002010077777777771");
    assertThat(queue.json().get("withdrawals").get(1).get("user").asText()).isEqualTo("bob");

    // reviewed, it leaves the queue
    assertThat(f.call("POST", "/v1/admin/withdrawals/wd-a/reject", ADMIN_TOKEN, null).status())
        .isEqualTo(200);
    assertThat(ids(f.call("GET", QUEUE + "?status=PENDING_REVIEW", ADMIN_TOKEN, null).json()))
        .containsExactly("wd-z", "wd-b");
    JsonNode rejected = f.call("GET", QUEUE + "?status=Rejected", ADMIN_TOKEN, null).json();
    assertThat(ids(rejected)).containsExactly("wd-a");
    assertThat(rejected.get("withdrawals").get(0).get("reviewedBy").asText()).isEqualTo("ops");
    assertThat(ids(f.call("GET", QUEUE + "?status=CANCELED", ADMIN_TOKEN, null).json())).isEmpty();
  }

  @Test
  void refusesAStatusThatIsNotAWithdrawalStatus() {
    Answer unknown = f.call("GET", QUEUE + "?status=WAITING", ADMIN_TOKEN, null);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(unknown.json().get("message").asText()).contains("'WAITING'", "PENDING_REVIEW");
    assertThat(f.call("GET", QUEUE + "?status=", ADMIN_TOKEN, null).status()).isEqualTo(400);
    Answer twice = f.call("GET", QUEUE + "?status=APPROVED&status=REJECTED", ADMIN_TOKEN, null);
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().get("code").asText()).isEqualTo("INVALID_QUERY");
  }

  @Test
  void settlesTheSaleAnApprovedWithdrawalWaitedForAndPaysItOnce() {
    f.fund("alice", "dep-s", "1000.00");
    Answer buy =
        f.call(
            "POST",
            "/orders",
            ALICE_TOKEN,
            "{\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"MARKET\",\"qty\":\"1\"}");
    assertThat(buy.status()).as(buy.body()).isEqualTo(201);
    // more than the cash left: approving it sells SPY, whose proceeds settle the next trading day
    withdraw(ALICE_TOKEN, "wd-big", "500.00", "reviewed");
    Answer approved = f.call("POST", "/v1/admin/withdrawals/wd-big/approve", ADMIN_TOKEN, null);
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");

    Answer today = f.call("POST", SETTLEMENT, ADMIN_TOKEN, null);
    assertThat(today.status()).as(today.body()).isEqualTo(200);
    assertThat(today.json().get("settledSales")).isEmpty();
    assertThat(today.json().get("fundedWithdrawals")).isEmpty();
    assertThat(today.json().get("startedPayouts")).isEmpty();
    assertThat(ids(f.call("GET", QUEUE + "?status=APPROVED", ADMIN_TOKEN, null).json()))
        .containsExactly("wd-big");

    f.clock.set(java.time.Instant.parse("2026-11-25T13:00:00Z")); // Wednesday, 08:00 New York
    Answer due = f.call("POST", SETTLEMENT, ADMIN_TOKEN, null);
    assertThat(due.status()).as(due.body()).isEqualTo(200);
    assertThat(due.json().get("settledSales")).hasSize(1);
    assertThat(due.json().get("fundedWithdrawals").get(0).asText()).isEqualTo("wd-big");
    assertThat(due.json().get("startedPayouts").get(0).asText()).isEqualTo("wd-big");
    JsonNode paying = f.call("GET", "/v1/withdrawals/wd-big", ALICE_TOKEN, null).json();
    assertThat(paying.get("status").asText()).isEqualTo("PROCESSING");
    assertThat(paying.get("ref").asText()).isNotBlank();
    assertThat(f.gateway.payouts()).hasSize(1);
    String balances = f.call("GET", "/balances", ALICE_TOKEN, null).body();

    // a second run finds nothing left to do: no sale settles twice, no payout starts twice
    Answer again = f.call("POST", SETTLEMENT, ADMIN_TOKEN, null);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("settledSales")).isEmpty();
    assertThat(again.json().get("fundedWithdrawals")).isEmpty();
    assertThat(again.json().get("startedPayouts")).isEmpty();
    assertThat(f.gateway.payouts()).hasSize(1);
    assertThat(f.call("GET", "/balances", ALICE_TOKEN, null).body()).isEqualTo(balances);
  }

  private void withdraw(String token, String id, String amount, String mode) {
    Answer answer =
        f.call(
            "POST",
            "/withdraw",
            token,
            "{\"id\":\""
                + id
                + "\",\"amount\":\""
                + amount
                + "\",\"mode\":\""
                + mode
                + "\",\"destination\":{\"type\":\"bank\",\"clabe\":\"002010077777777771\"}}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  private static List<String> ids(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.get("withdrawals").forEach(w -> ids.add(w.get("id").asText()));
    return ids;
  }
}
