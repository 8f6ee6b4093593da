package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the packaged, self-contained jar as a user does: java -jar examples/target/speedtrade.jar. */
class SpeedTradeJarIT {
  private static final Path JAR = Path.of("target", "speedtrade.jar");

  private record Run(int code, String out, String err) {}

  private static Run java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("speedtrade", ".out");
    Path err = Files.createTempFile("speedtrade", ".err");
    Process process = new ProcessBuilder(command)
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the jar finishes within a minute").isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theJarRunsTheDemoWithEveryDependencyInside() throws Exception {
    Run run = java("demo");

    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("Account SIM-PAPER-erin (ACTIVE)", "PARTIAL_FILL", "REFUSED");
  }

  @Test
  void theJarExitsWithTwoAndOneLineForBadUsage() throws Exception {
    Run run = java("no-such-command");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void theJarPrintsItsVersion() throws Exception {
    assertThat(java("--version").out()).startsWith("speedtrade 0.1.0");
  }
}
