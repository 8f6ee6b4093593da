package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SpeedTradeCliTest {

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SpeedTradeCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void versionPrintsTheProjectVersion() {
    Result result = run("--version");

    assertThat(result.code()).isZero();
    assertThat(result.out()).matches("speedtrade \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
  }

  @Test
  void helpListsTheCommands() {
    Result result = run("--help");

    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("Usage: speedtrade").contains("demo");
  }

  @Test
  void anUnknownCommandIsOneLineOnStandardErrorAndExitCodeTwo() {
    Result result = run("bogus");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("speedtrade: ").contains("bogus");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void aMalformedOptionIsOneLineAndExitCodeTwo() {
    Result result = run("demo", "--seed", "many");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().lines()).singleElement().asString().contains("--seed").contains("many");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void noCommandIsAUsageError() {
    Result result = run();

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().lines()).singleElement().asString().contains("--help");
  }

  @Test
  void demoTellsTheSessionAndPrintsTheAccountSummary() {
    Result result = run("demo");

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .contains("buy 20 SPY at market", "-> FILLED 20 @ 590.25")
        .contains("buy 1 BRK.A at market", "-> REFUSED INSUFFICIENT_BUYING_POWER")
        .contains("BUY TLT LIMIT", "-> PARTIAL_FILL 24 @ 89.95", "-> EXPIRED with 24 filled")
        .contains("SELL SPY STOP", "-> FILL 10 @ 584.10")
        .contains("Account SIM-PAPER-erin (ACTIVE)")
        .contains("Positions", "Orders (");
    assertThat(result.out())
        .containsPattern("TLT\\s+BUY\\s+LIMIT\\s+DAY\\s+40\\s+24\\s+89.95\\s+EXPIRED");
    assertThat(result.out())
        .containsPattern("QQQ\\s+BUY\\s+LIMIT\\s+DAY\\s+5\\s+0\\s+-\\s+EXPIRED");
    assertThat(result.out())
        .contains("warning BOT_FAILED: hedge: signal service down")
        .contains("Rebalance SUCCESS")
        .containsPattern("SELL\\s+SH\\s+100\\s+MARKET")
        .containsPattern("SH\\s+100\\s+0\\n")
        .contains("Positions before and after");
  }

  @Test
  void demoIsTheSameEveryRunAndChangesWithTheSeed() {
    assertThat(run("demo").out()).isEqualTo(run("demo").out());
    assertThat(run("demo", "--seed", "17").out()).isNotEqualTo(run("demo").out());
  }

  @Test
  void everyCodeOfBadInputExitsWithTwoAndEveryOtherCodeWithOne() {
    for (ErrorCode code : ErrorCode.values()) {
      int expected =
          code.category() == ErrorCode.Category.BAD_INPUT
              ? SpeedTradeCli.USAGE
              : SpeedTradeCli.FAILURE;
      assertThat(SpeedTradeCli.exitCodeOf(new SpeedTradeException(code, "x")))
          .as(code.name())
          .isEqualTo(expected);
    }
    assertThat(SpeedTradeCli.exitCodeOf(new SpeedTradeException(ErrorCode.INVALID_TRANSFER, "x")))
        .isEqualTo(2);
    assertThat(SpeedTradeCli.exitCodeOf(new SpeedTradeException(ErrorCode.STORE_UNAVAILABLE, "x")))
        .isEqualTo(1);
    assertThat(SpeedTradeCli.exitCodeOf(new SpeedTradeException(ErrorCode.MARKET_CLOSED, "x")))
        .isEqualTo(1);
    assertThat(SpeedTradeCli.exitCodeOf(new SpeedTradeException(ErrorCode.ORDER_NOT_FOUND, "x")))
        .isEqualTo(1);
    assertThat(SpeedTradeCli.exitCodeOf(new SpeedTradeException(ErrorCode.RATE_LIMITED, "x")))
        .isEqualTo(1);
  }

  @Test
  void inputErrorsExitWithTwoAndOtherFailuresWithOne() {
    assertThat(SpeedTradeCli.exitCodeOf(new SpeedTradeException(ErrorCode.INVALID_ORDER, "bad")))
        .isEqualTo(SpeedTradeCli.USAGE);
    assertThat(SpeedTradeCli.exitCodeOf(new UserInputException("bad file")))
        .isEqualTo(SpeedTradeCli.USAGE);
    assertThat(
            SpeedTradeCli.exitCodeOf(
                new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE, "down")))
        .isEqualTo(SpeedTradeCli.FAILURE);
    assertThat(SpeedTradeCli.exitCodeOf(new IllegalStateException("bug")))
        .isEqualTo(SpeedTradeCli.FAILURE);
  }
}
