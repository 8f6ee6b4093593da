package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ADMIN_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.risk.TradingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kill switch over HTTP: the platform's trading state, who set it and why. */
class AdminRiskRoutesTest {
  private static final String PATH = "/v1/admin/trading-state";
  private static final String BUY =
      "{\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"MARKET\",\"qty\":\"1\"}";

  private final ServeFixture f = new ServeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void refusesAnonymousCallersAndClients() {
    String halt = "{\"state\":\"HALTED\",\"reason\":\"x\"}";
    for (String method : new String[] {"GET", "POST"}) {
      String body = method.equals("POST") ? halt : null;
      Answer anonymous = f.call(method, PATH, null, body);
      assertThat(anonymous.status()).as(method).isEqualTo(401);
      assertThat(anonymous.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
      Answer client = f.call(method, PATH, ALICE_TOKEN, body);
      assertThat(client.status()).as(method).isEqualTo(403);
      assertThat(client.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }
    assertThat(f.platform.risk().platformState()).isEqualTo(TradingState.ACTIVE);
  }

  @Test
  void haltsEveryClientsOrdersAndResumesThemRecordingWhoAndWhy() {
    Answer before = f.call("GET", PATH, ADMIN_TOKEN, null);
    assertThat(before.status()).isEqualTo(200);
    assertThat(before.json().get("state").asText()).isEqualTo("ACTIVE");
    assertThat(before.json().get("history")).isEmpty();
    f.fund("alice", "dep-k", "1000.00");

    Answer halted =
        f.call("POST", PATH, ADMIN_TOKEN, "{\"state\":\"halted\",\"reason\":\"incident 42\"}");
    assertThat(halted.status()).as(halted.body()).isEqualTo(200);
    assertThat(halted.json().get("state").asText()).isEqualTo("HALTED");
    JsonNode change = halted.json().get("change");
    assertThat(change.get("account").isNull()).isTrue();
    assertThat(change.get("state").asText()).isEqualTo("HALTED");
    assertThat(change.get("operator").asText()).isEqualTo("ops");
    assertThat(change.get("reason").asText()).isEqualTo("incident 42");
    assertThat(change.get("at").asText()).isEqualTo("2026-11-24T15:30:00Z");

    Answer refused = f.call("POST", "/orders", ALICE_TOKEN, BUY);
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().get("code").asText()).isEqualTo("TRADING_HALTED");

    Answer resumed =
        f.call(
            "POST", PATH, ADMIN_TOKEN, "{\"state\":\"ACTIVE\",\"reason\":\"incident 42 closed\"}");
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.json().get("state").asText()).isEqualTo("ACTIVE");
    Answer accepted = f.call("POST", "/orders", ALICE_TOKEN, BUY);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);

    JsonNode after = f.call("GET", PATH, ADMIN_TOKEN, null).json();
    assertThat(after.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(after.get("history")).hasSize(2);
    assertThat(after.get("history").get(0).get("state").asText()).isEqualTo("HALTED");
    assertThat(after.get("history").get(1).get("reason").asText()).isEqualTo("incident 42 closed");
  }

  @Test
  void aHaltRefusesAnAmendButLetsAClientCancel() {
    f.fund("alice", "dep-c", "1000.00");
    Answer resting =
        f.call(
            "POST",
            "/orders",
            ALICE_TOKEN,
            "{\"id\":\"rest-1\",\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"LIMIT\","
                + "\"qty\":\"2\",\"price\":\"1.00\",\"timeInForce\":\"GTC\"}");
    assertThat(resting.status()).as(resting.body()).isEqualTo(201);
    assertThat(
            f.call("POST", PATH, ADMIN_TOKEN, "{\"state\":\"HALTED\",\"reason\":\"drill\"}")
                .status())
        .isEqualTo(200);

    Answer amend = f.call("PATCH", "/orders/rest-1", ALICE_TOKEN, "{\"price\":\"1.01\"}");
    assertThat(amend.status()).as(amend.body()).isEqualTo(422);
    assertThat(amend.json().get("code").asText()).isEqualTo("TRADING_HALTED");
    Answer cancel = f.call("POST", "/orders/rest-1/cancel", ALICE_TOKEN, null);
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
    assertThat(cancel.json().get("status").asText()).isIn("PENDING_CANCEL", "CANCELED");
  }

  @Test
  void reducingLetsAClientSellButNotBuy() {
    f.fund("alice", "dep-r", "1000.00");
    assertThat(f.call("POST", "/orders", ALICE_TOKEN, BUY).status()).isEqualTo(201);
    assertThat(
            f.call("POST", PATH, ADMIN_TOKEN, "{\"state\":\"REDUCING\",\"reason\":\"review\"}")
                .status())
        .isEqualTo(200);

    Answer buy = f.call("POST", "/orders", ALICE_TOKEN, BUY);
    assertThat(buy.status()).isEqualTo(422);
    assertThat(buy.json().get("code").asText()).isEqualTo("TRADING_REDUCING");
    Answer sell =
        f.call(
            "POST",
            "/orders",
            ALICE_TOKEN,
            "{\"symbol\":\"SPY\",\"side\":\"SELL\",\"type\":\"MARKET\",\"qty\":\"1\"}");
    assertThat(sell.status()).as(sell.body()).isEqualTo(201);
  }

  @Test
  void refusesAnUnknownStateOrAMissingReasonAndChangesNothing() {
    Answer unknown =
        f.call("POST", PATH, ADMIN_TOKEN, "{\"state\":\"PAUSED\",\"reason\":\"incident\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(unknown.json().get("message").asText()).contains("'PAUSED'", "HALTED");
    Answer noState = f.call("POST", PATH, ADMIN_TOKEN, "{\"reason\":\"incident\"}");
    assertThat(noState.status()).isEqualTo(400);
    assertThat(noState.json().get("message").asText()).contains("state");
    Answer noReason = f.call("POST", PATH, ADMIN_TOKEN, "{\"state\":\"HALTED\"}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(noReason.json().get("message").asText()).contains("reason");
    assertThat(
            f.call("POST", PATH, ADMIN_TOKEN, "{\"state\":\"HALTED\",\"reason\":\"  \"}").status())
        .isEqualTo(400);
    assertThat(f.call("POST", PATH, ADMIN_TOKEN, "{\"state\":3,\"reason\":\"x\"}").status())
        .isEqualTo(400);
    assertThat(f.call("POST", PATH, ADMIN_TOKEN, "not json").status()).isEqualTo(400);

    JsonNode state = f.call("GET", PATH, ADMIN_TOKEN, null).json();
    assertThat(state.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(state.get("history")).isEmpty();
  }
}
