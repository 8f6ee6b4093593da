package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code speedtrade rebalance} on the simulated broker: tables, JSON, dry runs and bad input. */
class RebalanceCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG =
      """
      {"user": "demo", "at": "2026-11-24T15:50:00-05:00",
       "account": {"cash": "1000", "positions": [{"symbol": "SPY", "qty": "20"}]},
       "settings": {"fallbackTicker": "SGOV"},
       "investments": [{"botId": "growth", "amount": "70", "weightMode": "percent"},
                       {"botId": "hedge", "amount": "20", "weightMode": "percent"}],
       "allocations": {"growth": {"AAPL": "0.5", "TLT": "0.5"}, "hedge": {"error": "signal service down"}}}
      """;

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result run(String config, String... options) throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, config);
    String[] args = new String[options.length + 3];
    args[0] = "rebalance";
    args[1] = "--config";
    args[2] = file.toString();
    System.arraycopy(options, 0, args, 3, options.length);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SpeedTradeCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void runsTheRebalanceAndPrintsThePlanTheExecutionAndThePositions() throws IOException {
    Result result = run(CONFIG);

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("Rebalance of demo (paper) on 2026-11-24 at 15:50 New York: executed")
        .contains("warning: BOT_FAILED hedge: signal service down")
        .contains("SUCCESS, attempt 1")
        .containsPattern("sell +sell +SPY +20 +market .*FILLED")
        .contains("Positions after");
  }

  @Test
  void printsJsonWithTheExecutionAndTheResultingPositions() throws IOException {
    Result result = run(CONFIG, "--json", "--mode", "live");

    JsonNode json = JSON.readTree(result.out());
    assertThat(json.get("outcome").asText()).isEqualTo("EXECUTED");
    assertThat(json.get("mode").asText()).isEqualTo("live");
    assertThat(json.get("execution").get("status").asText()).isEqualTo("SUCCESS");
    assertThat(json.get("execution").get("orders")).hasSize(4);
    assertThat(json.get("positionsAfter").get("AAPL").asText()).isEqualTo("19");
    assertThat(json.get("positionsAfter").has("SPY")).isFalse();
    assertThat(json.get("plan").get("warnings").get(0).get("code").asText())
        .isEqualTo("BOT_FAILED");
  }

  @Test
  void aDryRunPrintsThePlanAndNoExecution() throws IOException {
    Result result = run(CONFIG, "--dry-run", "--json");

    JsonNode json = JSON.readTree(result.out());
    assertThat(result.code()).isZero();
    assertThat(json.get("outcome").asText()).isEqualTo("DRY_RUN");
    assertThat(json.get("execution").isNull()).isTrue();
    assertThat(json.get("plan").get("orders")).hasSize(4);
  }

  @Test
  void aRunWhileTheMarketIsClosedIsPostponedAndExitsOne() throws IOException {
    Result result = run(CONFIG.replace("15:50:00", "20:00:00"), "--json");

    JsonNode json = JSON.readTree(result.out());
    assertThat(result.code()).isEqualTo(SpeedTradeCli.FAILURE);
    assertThat(json.get("outcome").asText()).isEqualTo("POSTPONED");
    assertThat(json.get("execution").get("status").asText()).isEqualTo("PENDING");
    assertThat(json.get("execution").get("errors").get(0).asText()).startsWith("MARKET_CLOSED");
  }

  @Test
  void aBotWithASignalUrlIsAskedOverHttp() throws IOException, InterruptedException {
    try (okhttp3.mockwebserver.MockWebServer server = new okhttp3.mockwebserver.MockWebServer()) {
      server.enqueue(new okhttp3.mockwebserver.MockResponse().setBody("[\"MSFT\", \"QQQ\"]"));
      server.start();
      String config =
          """
          {"user": "demo", "at": "2026-11-24T15:50:00-05:00", "account": {"cash": "50000"},
           "investments": [{"botId": "remote", "amount": "90", "weightMode": "percent"}],
           "allocationUrls": {"remote": "%s"}}
          """
              .formatted(server.url("/signals/remote"));

      Result result = run(config, "--json");

      JsonNode json = JSON.readTree(result.out());
      assertThat(json.get("buyPlan").get("weights").has("MSFT")).isTrue();
      assertThat(json.get("buyPlan").get("weights").has("QQQ")).isTrue();
      assertThat(json.get("execution").get("status").asText()).isEqualTo("SUCCESS");
      assertThat(server.takeRequest().getPath()).isEqualTo("/signals/remote?date=2026-11-24");
    }
  }

  @Test
  void withoutATimeTheRunIsPlacedTheConfiguredMinutesBeforeTheNextClose() {
    // Wednesday 2026-11-25 at 17:00 New York: the next session is Friday's early close at 13:00.
    java.time.Instant evening = java.time.Instant.parse("2026-11-25T22:00:00Z");

    assertThat(RebalanceCommand.nextRun(evening, 10))
        .isEqualTo(java.time.Instant.parse("2026-11-27T17:50:00Z"));
    assertThat(RebalanceCommand.nextRun(java.time.Instant.parse("2026-11-24T20:49:00Z"), 10))
        .isEqualTo(java.time.Instant.parse("2026-11-24T20:50:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown mode        | \"settings\": {}                                  | --mode=demo | --mode",
        "bad time            | \"at\": \"tomorrow\"                                |             | at:",
        "unlisted position   | \"account\": {\"positions\": [{\"symbol\": \"ZZZZ\", \"qty\": \"1\"}]} | | account.positions[0].symbol",
        "short position      | \"account\": {\"positions\": [{\"symbol\": \"SPY\", \"qty\": \"-1\"}]} | | account.positions[0].qty",
        "setting out of range | \"settings\": {\"limitPercent\": \"12\"}          |             | settings.limitPercent",
        "bad signal URL      | \"allocationUrls\": {\"b\": \"ftp://x\"}              |             | allocationUrls.b"
      })
  void badInputExitsTwoWithOneLineNamingTheField(
      String name, String member, String option, String field) throws IOException {
    String config = "{" + member + ", \"investments\": []}";
    Result result = option == null ? run(config) : run(config, option);

    assertThat(result.code()).isEqualTo(SpeedTradeCli.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().strip()).doesNotContain("\n").contains(field);
  }
}
