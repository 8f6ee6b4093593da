package dev.speedtrade.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.funding.SimulatedPaymentGateway;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.kyc.MockKycProvider;
import dev.speedtrade.money.Money;
import dev.speedtrade.secret.Secret;
import dev.speedtrade.testkit.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * An omnibus platform at 10:30 New York time on a trading day (a clock a test may move), with alice
 * and bob approved, a simulated venue filling on the caller's thread, and a {@link HostService} on
 * a free port; an OkHttp client to call it.
 */
final class ServeFixture implements AutoCloseable {
  static final String ALICE_TOKEN = "alice-token-0123456789abcdef";
  static final String BOB_TOKEN = "bob-token-0123456789abcdef";
  static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
  static final String PAYMENT_SECRET = "whsec_serve_test_secret";
  static final String KYC_SECRET = "kyc_serve_test_secret";
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** 10:30 New York time on a trading day until a test moves it. */
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T15:30:00Z"));

  final SimulatedBroker venue;
  final SimulatedPaymentGateway gateway;
  final MockKycProvider identity;
  final SpeedTrade platform;
  final HostService service;
  final OkHttpClient http =
      new OkHttpClient.Builder()
          .callTimeout(10, TimeUnit.SECONDS)
          .retryOnConnectionFailure(false)
          .build();

  ServeFixture() {
    this(TradingMode.PAPER, null);
  }

  /** A platform whose omnibus venue account trades in {@code venueMode}. */
  ServeFixture(TradingMode venueMode) {
    this(venueMode, null);
  }

  /** With {@code metrics}: the order service's meters and the HTTP timer there, and /metrics. */
  ServeFixture(io.micrometer.prometheusmetrics.@Nullable PrometheusMeterRegistry metrics) {
    this(TradingMode.PAPER, metrics);
  }

  private ServeFixture(
      TradingMode venueMode,
      io.micrometer.prometheusmetrics.@Nullable PrometheusMeterRegistry metrics) {
    venue =
        SimulatedBroker.builder()
            .clock(clock)
            .seed(7)
            .demoListings()
            .cash(Money.of("1000000.00", "USD"))
            .build();
    gateway =
        SimulatedPaymentGateway.builder()
            .webhookSecret(Secret.of(PAYMENT_SECRET))
            .clock(clock)
            .build();
    identity = MockKycProvider.builder().webhookSecret(Secret.of(KYC_SECRET)).clock(clock).build();
    SpeedTrade.Builder builder =
        SpeedTrade.builder()
            .omnibus(new Brokerage(venueMode, venue, venue.marketData(), venue.marketClock()))
            .clock(clock)
            .orderExecutor(Runnable::run)
            .payments(gateway)
            .kyc(identity)
            .allocations(DemoBots.allocations());
    if (metrics != null) {
      builder.orderMetrics(dev.speedtrade.oms.MicrometerOrderMetrics.of(metrics));
    }
    platform = builder.build();
    for (String user : new String[] {"alice", "bob"}) {
      platform.funding().openUser(user, KycStatus.PENDING, null);
      KycWebhookDelivery green =
          identity.approve(platform.kyc().start(user).verification().applicantId());
      platform.kyc().handleWebhook(green.body(), green.headers());
    }
    HostService.Builder host =
        HostService.builder()
            .platform(platform)
            .authenticator(
                BearerTokens.builder()
                    .client("alice", Secret.of(ALICE_TOKEN))
                    .client("bob", Secret.of(BOB_TOKEN))
                    .admin("ops", Secret.of(ADMIN_TOKEN))
                    .build())
            .payments(gateway)
            .bots(DemoBots.bots());
    if (metrics != null) {
      host.metrics(metrics);
    }
    service = host.build().start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + service.port() + path;
  }

  /** Calls the service; {@code token} null for no Authorization header, body null for none. */
  Answer call(String method, String path, String token, String body) {
    Request.Builder request = new Request.Builder().url(url(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    RequestBody content =
        body == null
            ? ("GET".equals(method) ? null : RequestBody.create(new byte[0], JSON))
            : RequestBody.create(body, JSON);
    request.method(method, content);
    return send(request.build());
  }

  /**
   * Posts a provider's webhook to {@code path} as the provider would: its body and headers
   * (Content-Type set by the request).
   */
  Answer postWebhook(String path, byte[] body, Map<String, List<String>> headers) {
    Request.Builder request =
        new Request.Builder().url(url(path)).post(RequestBody.create(body, JSON));
    headers.forEach(
        (name, values) -> {
          if (!name.equalsIgnoreCase("Content-Type")) {
            values.forEach(value -> request.addHeader(name, value));
          }
        });
    return send(request.build());
  }

  /**
   * Funds alice or bob over HTTP: a deposit of {@code amount} (under {@code id}, or a generated one
   * when null), completed by the payment provider's signed webhook.
   */
  void fund(String user, @Nullable String id, String amount) {
    String token = user.equals("alice") ? ALICE_TOKEN : BOB_TOKEN;
    String body =
        "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"amount\":\"" + amount + "\"}";
    Answer created = call("POST", "/deposit", token, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    dev.speedtrade.funding.SignedWebhook paid =
        gateway.completeDeposit(created.json().get("ref").asText());
    Answer applied = postWebhook("/v1/stripe/webhook", paid.body(), paid.headers());
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    assertThat(applied.json().get("code").asText()).isEqualTo("OK");
  }

  Answer send(Request request) {
    try (Response response = http.newCall(request).execute()) {
      return new Answer(response.code(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    http.connectionPool().evictAll();
    service.close();
    platform.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** A status and a body. */
  record Answer(int status, String body) {
    com.fasterxml.jackson.databind.JsonNode json() {
      try {
        return dev.speedtrade.examples.serve.RequestBody.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
