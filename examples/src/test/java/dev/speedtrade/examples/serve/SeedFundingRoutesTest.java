package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ADMIN_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seed 003's {@code POST /v1/deposits} and {@code POST /v1/withdrawals}, with its field names. */
class SeedFundingRoutesTest {
  private static final String CLABE = "002010077777777771";

  private final ServeFixture f = new ServeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void createsADepositIntentWithTheSeedsFieldsAndListsIt() {
    Answer created =
        f.call(
            "POST",
            "/v1/deposits",
            ALICE_TOKEN,
            "{\"amount\":250.00,\"currency\":\"usd\",\"payment_method\":\"card\","
                + "\"provider\":\"stripe\",\"metadata\":{\"campaign\":\"x\"}}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode deposit = created.json();
    assertThat(deposit.get("status").asText()).isEqualTo("PENDING");
    assertThat(deposit.get("amount").asText()).isEqualTo("250.00");
    assertThat(deposit.get("payUrl").asText()).startsWith("https://");
    JsonNode listed = f.call("GET", "/v1/deposits", ALICE_TOKEN, null).json().get("deposits");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("id").asText()).isEqualTo(deposit.get("id").asText());
  }

  @Test
  void refusesAnotherCurrencyAndAnotherClientsIdCreatingNothing() {
    Answer mxn =
        f.call("POST", "/v1/deposits", ALICE_TOKEN, "{\"amount\":\"250.00\",\"currency\":\"MXN\"}");
    assertThat(mxn.status()).isEqualTo(400);
    assertThat(mxn.json().get("code").asText()).isEqualTo("CURRENCY_MISMATCH");
    assertThat(mxn.json().get("message").asText()).contains("MXN");

    Answer query =
        f.call("POST", "/v1/deposits?clientId=bob", ALICE_TOKEN, "{\"amount\":\"250.00\"}");
    assertThat(query.status()).isEqualTo(404);
    assertThat(query.json().get("code").asText()).isEqualTo("USER_NOT_FOUND");
    Answer header =
        f.send(
            new Request.Builder()
                .url(f.url("/v1/deposits"))
                .header("Authorization", "Bearer " + ALICE_TOKEN)
                .header("X-Client-Id", "bob")
                .post(okhttp3.RequestBody.create("{\"amount\":\"250.00\"}", ServeFixture.JSON))
                .build());
    assertThat(header.status()).isEqualTo(404);
    Answer own =
        f.call("POST", "/v1/deposits?clientId=alice", ALICE_TOKEN, "{\"amount\":\"5.00\"}");
    assertThat(own.status()).as(own.body()).isEqualTo(201);

    assertThat(f.call("GET", "/v1/deposits", ALICE_TOKEN, null).json().get("deposits")).hasSize(1);
    assertThat(f.platform.funding().deposits()).hasSize(1);
  }

  @Test
  void requestsAReviewedWithdrawalToAClabeKeepingNoneOfTheSeedsOtherBankFields() {
    f.fund("alice", "dep-1", "1000.00");

    Answer created =
        f.call(
            "POST",
            "/v1/withdrawals",
            ALICE_TOKEN,
            "{\"amount\":\"100.00\",\"currency\":\"USD\",\"clabe\":\""
                + CLABE
                + "\",\"bank_name\":\"BANAMEX\",\"account_holder\":\"Alice Example\","
                + "\"email\":\"alice@example.com\",\"concept\":\"rent\"}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode withdrawal = created.json();
    assertThat(withdrawal.get("status").asText()).isEqualTo("PENDING_REVIEW");
    assertThat(withdrawal.get("destination").asText()).endsWith("7771").doesNotContain(CLABE);
    assertThat(created.body()).doesNotContain(CLABE, "BANAMEX", "Alice Example", "alice@");
    String id = withdrawal.get("id").asText();
    Answer approved = f.call("POST", "/v1/admin/withdrawals/" + id + "/approve", ADMIN_TOKEN, null);
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("user").asText()).isEqualTo("alice");
  }

  @Test
  void refusesAMissingOrInvalidClabe() {
    f.fund("alice", "dep-1", "1000.00");
    Answer missing = f.call("POST", "/v1/withdrawals", ALICE_TOKEN, "{\"amount\":\"100.00\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("message").asText()).contains("clabe");
    Answer invalid =
        f.call("POST", "/v1/withdrawals", ALICE_TOKEN, "{\"amount\":\"100.00\",\"clabe\":\"123\"}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("code").asText()).isEqualTo("INVALID_CLABE");
    assertThat(f.call("GET", "/v1/withdrawals", ALICE_TOKEN, null).json().get("withdrawals"))
        .isEmpty();
  }
}
