package dev.speedtrade.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.funding.SignedWebhook;
import okhttp3.Request;

/** Funds a fixture client over HTTP: a deposit, then the payment provider's signed webhook. */
final class ServeFunding {
  private ServeFunding() {}

  static void fund(ServeFixture f, String user, String id, String amount) {
    String token = user.equals("alice") ? ServeFixture.ALICE_TOKEN : ServeFixture.BOB_TOKEN;
    Answer created =
        f.call("POST", "/deposit", token, "{\"id\":\"" + id + "\",\"amount\":\"" + amount + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    SignedWebhook paid = f.gateway.completeDeposit(created.json().get("ref").asText());
    Request.Builder hook =
        new Request.Builder()
            .url(f.url("/v1/stripe/webhook"))
            .post(okhttp3.RequestBody.create(paid.body(), ServeFixture.JSON));
    paid.headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> hook.addHeader(name, value));
              }
            });
    assertThat(f.send(hook.build()).status()).isEqualTo(200);
  }
}
