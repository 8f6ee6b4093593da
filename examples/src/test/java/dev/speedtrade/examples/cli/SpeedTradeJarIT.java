package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged, self-contained jar as a user does: java -jar examples/target/speedtrade.jar.
 */
class SpeedTradeJarIT {
  private static final Path JAR = Path.of("target", "speedtrade.jar");

  private record Run(int code, String out, String err) {}

  private static Run java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  private static Run run(List<String> arguments) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(arguments);
    Path out = Files.createTempFile("speedtrade", ".out");
    Path err = Files.createTempFile("speedtrade", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS))
        .as("the jar finishes within a minute")
        .isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theJarRunsTheDemoWithEveryDependencyInside() throws Exception {
    Run run = java("demo");

    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("Account SIM-PAPER-erin (ACTIVE)", "PARTIAL_FILL", "REFUSED");
    assertThat(run.out())
        .contains(
            "Omnibus order books:",
            "ol-1 PARTIALLY_FILLED 8/20 @ 225.00",
            "ol-1 CANCELED",
            "DENIED MAX_ORDER_QTY_EXCEEDED",
            "DENIED INSUFFICIENT_BUYING_POWER",
            "om-3 REPLACED, om-3r ACCEPTED at 90.00",
            "DENIED TRADING_HALTED",
            "Trial balance (debits - credits posted): 0.00\n");
  }

  @Test
  void theJarExitsWithTwoAndOneLineForBadUsage() throws Exception {
    Run run = java("no-such-command");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void theJarRunsALedgerScriptOnH2WithJsonOnStandardOutputAndNothingOnStandardError()
      throws Exception {
    Path scenarios = Path.of("src", "test", "resources", "ledger-scenarios");

    Run run =
        java(
            "ledger",
            "run",
            scenarios.resolve("01-deposit-hold-fee-partial-post.json").toString(),
            "--store",
            "h2");

    assertThat(run.err()).as("no Flyway, HikariCP or H2 chatter").isEmpty();
    assertThat(run.code()).isZero();
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(run.out()))
        .isEqualTo(
            json.readTree(
                scenarios.resolve("01-deposit-hold-fee-partial-post.expected.json").toFile()));
  }

  @Test
  void theJarPrintsAPlanWithNothingOnStandardError() throws Exception {
    Run run =
        java(
            "plan",
            Path.of(
                    "src",
                    "test",
                    "resources",
                    "rebalance-scenarios",
                    "01-two-bots-one-failed.json")
                .toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("investable").asText())
        .isEqualTo("95000");
  }

  @Test
  void theJarLogsTheSdksWarningsOnStandardErrorButNoInfoAndOnlyFlywaysErrors() throws Exception {
    // The jar first, so that its simplelogger.properties is the one found, not the tests'.
    Run run =
        run(
            List.of(
                "-cp",
                JAR + java.io.File.pathSeparator + Path.of("target", "test-classes"),
                LogsOneOfEachLevel.class.getName()));

    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("done" + System.lineSeparator());
    assertThat(run.err().lines())
        .containsExactly(
            "WARN AlpacaBroker - dev.speedtrade.alpaca.AlpacaBroker warn",
            "ERROR AlpacaBroker - dev.speedtrade.alpaca.AlpacaBroker error",
            "ERROR Flyway - org.flywaydb.core.Flyway error");
  }

  @Test
  void theJarPrintsItsVersion() throws Exception {
    assertThat(java("--version").out()).startsWith("speedtrade 0.1.0");
  }

  @Test
  void theJarServesHttpMetricsAndTheOrderEventsSocketWithNothingOnStandardError() throws Exception {
    Path out = Files.createTempFile("speedtrade", ".out");
    Path err = Files.createTempFile("speedtrade", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "serve",
                "--port",
                "0")
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().put("SPEEDTRADE_DEMO_TOKENS", "alice=tok-alice-jar");
    builder.environment().put("SPEEDTRADE_ADMIN_TOKEN", "tok-admin-jar");
    Process process = builder.start();
    okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
    try {
      java.util.regex.Pattern serving =
          java.util.regex.Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)");
      String base = null;
      for (int i = 0; i < 600 && base == null; i++) {
        Thread.sleep(100);
        java.util.regex.Matcher port =
            serving.matcher(Files.readString(out, StandardCharsets.UTF_8));
        base = port.find() ? "127.0.0.1:" + port.group(1) : null;
      }
      assertThat(base).as("the jar prints where it serves within a minute").isNotNull();
      try (okhttp3.Response health =
          http.newCall(new okhttp3.Request.Builder().url("http://" + base + "/health").build())
              .execute()) {
        assertThat(health.code()).isEqualTo(200);
      }
      try (okhttp3.Response metrics =
          http.newCall(
                  new okhttp3.Request.Builder()
                      .url("http://" + base + "/metrics")
                      .header("Authorization", "Bearer tok-admin-jar")
                      .build())
              .execute()) {
        assertThat(metrics.code()).isEqualTo(200);
        assertThat(metrics.body().string()).contains("http_server_requests_seconds_count");
      }
      java.util.concurrent.CompletableFuture<String> first =
          new java.util.concurrent.CompletableFuture<>();
      okhttp3.WebSocket socket =
          http.newWebSocket(
              new okhttp3.Request.Builder().url("ws://" + base + "/ws/orders").build(),
              new okhttp3.WebSocketListener() {
                @Override
                public void onOpen(okhttp3.WebSocket webSocket, okhttp3.Response response) {
                  webSocket.send("{\"token\":\"tok-alice-jar\"}");
                }

                @Override
                public void onMessage(okhttp3.WebSocket webSocket, String text) {
                  first.complete(text);
                }

                @Override
                public void onFailure(
                    okhttp3.WebSocket webSocket, Throwable t, okhttp3.Response response) {
                  first.completeExceptionally(t);
                }
              });
      assertThat(first.get(10, TimeUnit.SECONDS))
          .isEqualTo("{\"type\":\"ready\",\"clientId\":\"alice\"}");
      socket.cancel();
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    assertThat(Files.readString(err, StandardCharsets.UTF_8)).isEmpty();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).doesNotContain("tok-alice-jar");
  }
}
