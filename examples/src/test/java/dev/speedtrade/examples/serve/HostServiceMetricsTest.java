package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ADMIN_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.funding.SignedWebhook;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostServiceMetricsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ServeFixture f = new ServeFixture(registry);

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void letsOnlyAnAdminReadTheMetrics() {
    assertThat(f.call("GET", "/metrics", null, null).status()).isEqualTo(401);
    assertThat(f.call("GET", "/metrics", ALICE_TOKEN + "x", null).status()).isEqualTo(401);
    Answer client = f.call("GET", "/metrics", ALICE_TOKEN, null);
    assertThat(client.status()).isEqualTo(403);
    assertThat(client.json().get("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(client.body()).doesNotContain("http_server_requests");
  }

  @Test
  void servesTheOrderCountersAndTheRequestTimerByRoutePatternNotPath() throws IOException {
    Answer deposit =
        f.call("POST", "/deposit", ALICE_TOKEN, "{\"id\":\"dep-m\",\"amount\":\"10000.00\"}");
    SignedWebhook paid = f.gateway.completeDeposit(deposit.json().get("ref").asText());
    f.platform.funding().apply(f.gateway.parseWebhook(paid.body(), paid.headers()));
    Answer order =
        f.call(
            "POST",
            "/orders",
            ALICE_TOKEN,
            "{\"id\":\"o-metered\",\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"LIMIT\","
                + "\"qty\":1,\"price\":\"1.00\",\"timeInForce\":\"GTC\"}");
    assertThat(order.status()).as(order.body()).isEqualTo(201);
    assertThat(f.call("GET", "/orders/o-metered", ALICE_TOKEN, null).status()).isEqualTo(200);
    assertThat(f.call("GET", "/orders/o-none", ALICE_TOKEN, null).status()).isEqualTo(404);
    f.call("GET", "/nowhere/at/all", ALICE_TOKEN, null);

    Request request =
        new Request.Builder()
            .url(f.url("/metrics"))
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .build();
    String text;
    try (Response response = f.http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().contentType().type()).isEqualTo("text");
      assertThat(response.header("Content-Type")).contains("version=0.0.4");
      text = response.body().string();
    }
    assertThat(text)
        .contains("speedtrade_orders_commands_seconds_count{command=\"submit\",outcome=\"OK\"} 1")
        .contains(
            "http_server_requests_seconds_count{method=\"POST\",route=\"/orders\",status=\"201\"}"
                + " 1")
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/orders/{id}\","
                + "status=\"200\"} 1")
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/orders/{id}\","
                + "status=\"404\"} 1")
        .contains("route=\"UNMATCHED\",status=\"404\"")
        .doesNotContain("o-metered")
        .doesNotContain("o-none")
        .doesNotContain("nowhere");
  }

  @Test
  void answers404ForMetricsWhenTheServiceHasNone() {
    try (ServeFixture plain = new ServeFixture()) {
      assertThat(plain.call("GET", "/metrics", ADMIN_TOKEN, null).status()).isEqualTo(404);
    }
  }
}
