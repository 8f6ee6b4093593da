package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostServiceFailureTest {
  private final ServeFixture f = new ServeFixture();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final PrintStream stderr = System.err;

  @AfterEach
  void close() {
    System.setErr(stderr);
    f.close();
  }

  @Test
  void answersAnUnexpectedFailureWith500AndLogsItWithoutTheCredentials() {
    try (HostService service =
        HostService.builder()
            .platform(f.platform)
            .authenticator(BearerTokens.builder().client("alice", Secret.of(ALICE_TOKEN)).build())
            .route(
                Route.of(
                    "POST",
                    "/boom",
                    Route.Access.CLIENT,
                    call -> {
                      throw new IllegalStateException("boom");
                    }))
            .build()
            .start()) {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      Answer answer =
          f.send(
              new Request.Builder()
                  .url("http://127.0.0.1:" + service.port() + "/boom")
                  .header("Authorization", "Bearer " + ALICE_TOKEN)
                  .post(
                      okhttp3.RequestBody.create(
                          "{\"card\":\"4242424242424242\"}", ServeFixture.JSON))
                  .build());
      System.setErr(stderr);
      assertThat(answer.status()).isEqualTo(500);
      assertThat(answer.body())
          .isEqualTo(
              "{\"code\":\"INTERNAL\",\"message\":\"the request failed; see the service's log\"}");
      String logged = log.toString(StandardCharsets.UTF_8);
      assertThat(logged).contains("POST /boom failed").contains("boom");
      assertThat(logged).doesNotContain(ALICE_TOKEN).doesNotContain("4242424242424242");
    }
  }

  @Test
  void refusesEveryoneWhenTheAuthenticatorFailsAndLogsNoCredential() {
    try (HostService service =
        HostService.builder()
            .platform(f.platform)
            .authenticator(
                headers -> {
                  throw new IllegalStateException("failed on " + headers.get("Authorization"));
                })
            .build()
            .start()) {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      Answer answer =
          f.send(
              new Request.Builder()
                  .url("http://127.0.0.1:" + service.port() + "/balances")
                  .header("Authorization", "Bearer " + ALICE_TOKEN)
                  .build());
      System.setErr(stderr);
      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.body()).doesNotContain(ALICE_TOKEN);
      assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(ALICE_TOKEN);
    }
  }

  @Test
  void neverLogsOrAnswersTheTokenOfARefusedRequest() {
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    Answer bad = f.call("POST", "/deposit", ALICE_TOKEN, "{\"amount\":1e400}");
    Answer forged = f.call("POST", "/v1/stripe/webhook", ALICE_TOKEN, "{\"id\":\"evt\"}");
    System.setErr(stderr);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(forged.status()).isEqualTo(400);
    String logged = log.toString(StandardCharsets.UTF_8);
    for (String secret :
        List.of(ALICE_TOKEN, ServeFixture.PAYMENT_SECRET, ServeFixture.KYC_SECRET)) {
      assertThat(bad.body()).doesNotContain(secret);
      assertThat(forged.body()).doesNotContain(secret);
      assertThat(logged).doesNotContain(secret);
    }
  }

  @Test
  void namesNoTokenInTheAuthenticatorsToString() {
    BearerTokens tokens =
        BearerTokens.builder()
            .client("alice", Secret.of(ALICE_TOKEN))
            .admin("ops", Secret.of("admin-secret-token"))
            .build();
    assertThat(tokens.toString())
        .isEqualTo("BearerTokens[alice, ops (admin)]")
        .doesNotContain(ALICE_TOKEN);
    assertThat(tokens.authenticate(Map.of("authorization", List.of("bearer " + ALICE_TOKEN))))
        .contains(new Principal("alice", false));
    assertThat(tokens.authenticate(Map.of("Authorization", List.of("Bearer admin-secret-token"))))
        .contains(new Principal("ops", true));
    assertThat(
            tokens.authenticate(
                Map.of("Authorization", List.of("Bearer " + ALICE_TOKEN, "Bearer " + ALICE_TOKEN))))
        .isEmpty();
    assertThat(tokens.authenticate(Map.of("Authorization", List.of("Bearer ")))).isEmpty();
    assertThat(tokens.authenticate(Map.of())).isEqualTo(Optional.empty());
  }

  @Test
  void refusesOneTokenForTwoPrincipalsAndABuildWithoutAnAuthenticator() {
    assertThatThrownBy(
            () ->
                BearerTokens.builder()
                    .client("alice", Secret.of("same-token"))
                    .client("bob", Secret.of("same-token")))
        .isInstanceOf(SpeedTradeException.class)
        .hasMessageNotContaining("same-token");
    assertThatThrownBy(() -> HostService.builder().platform(f.platform).build())
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_ADAPTER));
  }
}
