package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  private final OkHttpClient http = new OkHttpClient();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void servesTheEnvironmentsClientsAndPrintsNoTokenItWasGiven() {
    Map<String, String> env =
        Map.of(
            "SPEEDTRADE_DEMO_TOKENS", "alice=tok-alice-123,bob=tok-bob-456",
            "SPEEDTRADE_ADMIN_TOKEN", "tok-admin-789",
            "STRIPE_WEBHOOK_SECRET", "whsec_from_env",
            "SUMSUB_WEBHOOK_SECRET", "sumsub_from_env");
    List<Integer> statuses = new ArrayList<>();
    int code =
        serve(
            env,
            port -> {
              statuses.add(get(port, "/health", null));
              statuses.add(get(port, "/balances", "tok-alice-123"));
              statuses.add(get(port, "/balances", "tok-bob-456"));
              statuses.add(get(port, "/balances", null));
              statuses.add(get(port, "/balances", "tok-nobody"));
            });
    assertThat(code).as(err.toString()).isZero();
    assertThat(statuses).containsExactly(200, 200, 200, 401, 401);
    assertThat(out.toString())
        .contains("SpeedTrade serving on http://127.0.0.1:")
        .contains("clients: alice, bob")
        .containsPattern("dashboard: http://127\\.0\\.0\\.1:[0-9]+/dashboard/")
        .contains("scheduler: each enabled client's rebalance minutes before the close")
        .doesNotContain("tok-alice-123")
        .doesNotContain("tok-bob-456")
        .doesNotContain("tok-admin-789")
        .doesNotContain("whsec_from_env")
        .doesNotContain("sumsub_from_env")
        .doesNotContain("generated token");
  }

  @Test
  void generatesAndPrintsTokensWhenTheEnvironmentHasNone() {
    List<Integer> statuses = new ArrayList<>();
    int code =
        serve(
            Map.of(),
            port -> {
              Matcher alice =
                  Pattern.compile("generated token for alice: (\\S+)").matcher(out.toString());
              assertThat(alice.find()).as(out.toString()).isTrue();
              statuses.add(get(port, "/balances", alice.group(1)));
            });
    assertThat(code).as(err.toString()).isZero();
    assertThat(statuses).containsExactly(200);
    assertThat(out.toString())
        .contains("generated token for bob: ")
        .contains("generated token for admin: ");
  }

  @Test
  void refusesMalformedDemoTokensWithoutEchoingThem() {
    int code = serve(Map.of("SPEEDTRADE_DEMO_TOKENS", "alice:secret-tok"), port -> {});
    assertThat(code).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(err.toString()).contains("SPEEDTRADE_DEMO_TOKENS").doesNotContain("secret-tok");
    assertThat(out.toString()).doesNotContain("secret-tok");
  }

  @Test
  void keepsTheClientsMoneyInAnH2FileAcrossARestart(@TempDir Path dir) {
    Map<String, String> env =
        Map.of(
            "SPEEDTRADE_DEMO_TOKENS", "alice=tok-alice-123",
            "SPEEDTRADE_ADMIN_TOKEN", "tok-admin-789");
    String file = dir.resolve("speedtrade").toString();
    List<Integer> statuses = new ArrayList<>();
    int first =
        serve(
            env,
            port ->
                statuses.add(
                    post(
                        port,
                        "/deposit",
                        "tok-alice-123",
                        "{\"id\":\"d-1\",\"amount\":\"100.00\"}")),
            "--db",
            file);
    int second =
        serve(
            env,
            port -> {
              statuses.add(get(port, "/v1/deposits/d-1", "tok-alice-123"));
              statuses.add(get(port, "/balances", "tok-alice-123"));
            },
            "--db",
            file);
    assertThat(first).as(err.toString()).isZero();
    assertThat(second).as(err.toString()).isZero();
    assertThat(statuses).containsExactly(201, 200, 200);
    assertThat(out.toString()).contains("(H2 file " + file + ",");
  }

  @Test
  void refusesAPortOutOfRange() {
    SpeedTradeCli cli = new SpeedTradeCli();
    cli.environment = Map.of();
    cli.serveUntil = service -> {};
    int code =
        SpeedTradeCli.run(
            cli,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "serve",
            "--port",
            "70000");
    assertThat(code).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(err.toString()).contains("--port must be 0-65535, got 70000");
  }

  private int serve(Map<String, String> env, java.util.function.IntConsumer calls, String... more) {
    SpeedTradeCli cli = new SpeedTradeCli();
    cli.environment = env;
    cli.serveUntil = service -> calls.accept(service.port());
    List<String> args = new ArrayList<>(List.of("serve", "--port", "0"));
    args.addAll(List.of(more));
    return SpeedTradeCli.run(
        cli, new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
  }

  private int post(int port, String path, String token, String body) {
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .header("Authorization", "Bearer " + token)
            .post(RequestBody.create(body, MediaType.get("application/json")))
            .build();
    try (Response response = http.newCall(request).execute()) {
      return response.code();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int get(int port, String path, String token) {
    Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return response.code();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
