package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ADMIN_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/admin/deposits/{id}/refund} over HTTP. */
class AdminRefundTest {
  private static final String PATH = "/v1/admin/deposits/dep-r/refund";

  private final ServeFixture f = new ServeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void refundsPartOfACompletedDepositOnceAndTakesItOutOfTheClientsCash() {
    f.fund("alice", "dep-r", "1000.00");

    Answer refund = f.call("POST", PATH, ADMIN_TOKEN, "{\"id\":\"ref-1\",\"amount\":\"300.00\"}");

    assertThat(refund.status()).as(refund.body()).isEqualTo(201);
    JsonNode body = refund.json();
    assertThat(body.get("code").asText()).isEqualTo("OK");
    assertThat(body.get("id").asText()).isEqualTo("ref-1");
    assertThat(body.get("depositId").asText()).isEqualTo("dep-r");
    assertThat(body.get("user").asText()).isEqualTo("alice");
    assertThat(body.get("amount").asText()).isEqualTo("300.00");
    assertThat(body.get("ref").asText()).startsWith("sim_re_");
    assertThat(body.get("providerStatus").asText()).isEqualTo("SUCCEEDED");
    assertThat(body.get("balances").get("cash").asText()).isEqualTo("700.00");
    assertThat(f.gateway.refunds()).hasSize(1);

    Answer again = f.call("POST", PATH, ADMIN_TOKEN, "{\"id\":\"ref-1\",\"amount\":\"300.00\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("code").asText()).isEqualTo("EXISTS");
    assertThat(again.json().get("ref").asText()).isEqualTo(body.get("ref").asText());
    assertThat(f.gateway.refunds()).hasSize(1);
    assertThat(f.call("GET", "/balances", ALICE_TOKEN, null).json().get("cash").asText())
        .isEqualTo("700.00");
  }

  @Test
  void refusesMoreThanTheDepositLeftAnUnknownDepositAndBadInputWritingNothing() {
    f.fund("alice", "dep-r", "1000.00");
    f.call("POST", PATH, ADMIN_TOKEN, "{\"id\":\"ref-1\",\"amount\":\"300.00\"}");

    Answer over = f.call("POST", PATH, ADMIN_TOKEN, "{\"id\":\"ref-2\",\"amount\":\"700.01\"}");
    assertThat(over.status()).isEqualTo(422);
    assertThat(over.json().get("code").asText()).isEqualTo("REFUND_EXCEEDS_DEPOSIT");

    Answer unknown =
        f.call(
            "POST",
            "/v1/admin/deposits/dep-none/refund",
            ADMIN_TOKEN,
            "{\"id\":\"ref-3\",\"amount\":\"1.00\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("code").asText()).isEqualTo("DEPOSIT_NOT_FOUND");

    Answer bad = f.call("POST", PATH, ADMIN_TOKEN, "{\"id\":\"ref-4\",\"amount\":\"ten\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("code").asText()).isEqualTo("INVALID_AMOUNT");
    assertThat(bad.json().get("message").asText()).contains("ten");

    assertThat(f.gateway.refunds()).hasSize(1);
    assertThat(f.call("GET", "/balances", ALICE_TOKEN, null).json().get("cash").asText())
        .isEqualTo("700.00");
  }

  @Test
  void isForAdminsOnly() {
    f.fund("alice", "dep-r", "1000.00");
    String body = "{\"id\":\"ref-1\",\"amount\":\"300.00\"}";
    assertThat(f.call("POST", PATH, null, body).status()).isEqualTo(401);
    Answer client = f.call("POST", PATH, ALICE_TOKEN, body);
    assertThat(client.status()).isEqualTo(403);
    assertThat(client.json().get("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(f.gateway.refunds()).isEmpty();
  }
}
