package dev.speedtrade.sumsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.kyc.KycAccessToken;
import dev.speedtrade.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives every path of the adapter, failures included, with recognisable secrets, and checks that
 * none of them (nor an access token) reaches a log line (all levels, slf4j-simple's stderr), an
 * exception's message, stack trace or causes, or a {@code toString()}, even when Sumsub's own error
 * description quotes one back.
 */
class SumsubSecretsTest {
  private static final String ACCESS_TOKEN = "_act-sbx-RECOGNISABLE-ACCESS-TOKEN-0001";

  private final MockWebServer server = new MockWebServer();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final List<Throwable> failures = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();
  private PrintStream stderr;

  @BeforeEach
  void capture() throws IOException {
    stderr = System.err;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    server.start();
  }

  @AfterEach
  void release() throws IOException {
    System.setErr(stderr);
    server.shutdown();
  }

  private void attempt(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  @Test
  void noSecretReachesALogAMessageOrAToString() {
    SumsubConfig config =
        SumsubConfig.builder()
            .appToken(Secret.of(Fixtures.APP_TOKEN))
            .secretKey(Secret.of(Fixtures.SECRET_KEY))
            .webhookSecretKey(Secret.of(Fixtures.WEBHOOK_SECRET))
            .levelName(Fixtures.LEVEL)
            .baseUrl(server.url("/").toString())
            .timeout(Duration.ofMillis(400))
            .build();
    SumsubKycProvider sumsub = SumsubKycProvider.create(config);
    values.add(config);
    values.add(sumsub);

    server.enqueue(new MockResponse().setBody(Fixtures.text("applicant.json")));
    attempt(() -> values.add(sumsub.createApplicant("alice")));
    server.enqueue(
        new MockResponse().setBody("{\"token\":\"" + ACCESS_TOKEN + "\",\"userId\":\"alice\"}"));
    attempt(
        () -> {
          KycAccessToken token = sumsub.accessToken("alice");
          assertThat(token.token().reveal()).isEqualTo(ACCESS_TOKEN);
          values.add(token);
        });
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setBody(
                "{\"description\":\"App token '"
                    + Fixtures.APP_TOKEN
                    + "' with key "
                    + Fixtures.SECRET_KEY
                    + " not found\",\"code\":401,\"correlationId\":\"req-"
                    + Fixtures.WEBHOOK_SECRET
                    + "\"}"));
    attempt(() -> sumsub.review("5b594ade0a975a36c9349e66"));
    server.enqueue(new MockResponse().setResponseCode(500));
    attempt(() -> sumsub.accessToken("alice"));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    attempt(() -> sumsub.createApplicant("bob"));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    attempt(() -> sumsub.review("5b594ade0a975a36c9349e66"));
    byte[] body = Fixtures.bytes("webhook-applicant-reviewed-green.json");
    attempt(
        () ->
            sumsub.verifyWebhook(
                body,
                Map.of(
                    "X-Payload-Digest",
                    List.of("ab"),
                    "X-Payload-Digest-Alg",
                    List.of("HMAC_SHA256_HEX"))));
    attempt(
        () ->
            sumsub.verifyWebhook(
                body,
                Map.of(
                    "X-Payload-Digest",
                    List.of(Fixtures.hmacHex("HmacSHA256", Fixtures.WEBHOOK_SECRET, body)),
                    "X-Payload-Digest-Alg",
                    List.of(Fixtures.WEBHOOK_SECRET))));

    assertThat(failures).hasSize(6);
    assertThat(failures.get(0).getMessage()).contains("[redacted]");
    StringBuilder everything = new StringBuilder(logs.toString(StandardCharsets.UTF_8));
    for (Throwable failure : failures) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      everything.append(failure).append('\n').append(trace);
    }
    values.forEach(value -> everything.append(value).append('\n'));
    assertThat(everything.toString())
        .contains("Sumsub answered HTTP 401")
        .doesNotContain(Fixtures.APP_TOKEN)
        .doesNotContain("RECOGNISABLEappTOKEN")
        .doesNotContain(Fixtures.SECRET_KEY)
        .doesNotContain(Fixtures.WEBHOOK_SECRET)
        .doesNotContain(ACCESS_TOKEN);
  }
}
