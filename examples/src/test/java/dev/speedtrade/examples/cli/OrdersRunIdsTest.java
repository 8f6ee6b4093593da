package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ids in {@code orders run} scripts: any characters, at most 128 of them. */
class OrdersRunIdsTest {
  private record Result(int code, String out, String err) {}

  private static Result run(Path script) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SpeedTradeCli.run(
            new PrintWriter(out), new PrintWriter(err), "orders", "run", script.toString());
    return new Result(code, out.toString(), err.toString());
  }

  private static String script(String account, String clientOrderId) {
    return """
        {"clock": "2026-01-05T15:00:00Z",
         "accounts": [{"id": "%s", "cash": "1000.00"}],
         "instruments": [{"symbol": "KO", "assetClass": "us_equity", "mark": "60.00"}],
         "steps": [
           {"op": "submit", "account": "%s", "clientOrderId": "%s", "symbol": "KO",
            "side": "buy", "type": "limit", "tif": "day", "qty": "2", "limitPrice": "60.00"},
           {"op": "fill", "account": "%s", "clientOrderId": "%s", "execId": "e:1",
            "qty": "2", "price": "59.50"},
           {"op": "cancel", "account": "nobody here", "clientOrderId": "%s"}]}
        """
        .formatted(account, account, clientOrderId, account, clientOrderId, clientOrderId);
  }

  @Test
  void accountIdsWithAnyCharactersRunAndAreReportedAsWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("odd.json");
    Files.writeString(file, script("Ana María / 7", "c 1/é"));

    Result result = run(file);

    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("\"account\" : \"Ana María / 7\"")
        .contains("\"id\" : \"Ana María / 7\"")
        .contains("\"clientOrderId\" : \"c 1/é\"")
        .contains("\"result\" : \"ACCOUNT_NOT_FOUND\"")
        .contains("\"cash\" : \"881.00\"")
        .doesNotContain("client-1");
  }

  @Test
  void anIdLongerThan128CharactersIsMalformed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("long.json");
    Files.writeString(file, script("alice", "c".repeat(129)));

    Result result = run(file);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("speedtrade: steps[0].clientOrderId: must be at most 128");
  }

  @Test
  void anIdOf128CharactersRuns(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("edge.json");
    Files.writeString(file, script("alice", "c".repeat(128)));

    assertThat(run(file).code()).isZero();
  }
}
