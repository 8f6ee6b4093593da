package dev.speedtrade.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.SymbolWeight;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAllocationSourceTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @TempDir Path dir;

  @Test
  void readsEachBotsFileAndSeesAReplacedFileAtTheNextCall() throws IOException {
    FileAllocationSource source = new FileAllocationSource(dir);
    Files.writeString(dir.resolve("core.json"), "{\"VTI\": \"0.6\", \"BND\": 0.4}");

    assertThat(((Allocation.Weights) source.allocation("core", DAY)).weights())
        .containsExactly(
            new SymbolWeight("VTI", new BigDecimal("0.6")),
            new SymbolWeight("BND", new BigDecimal("0.4")));

    Files.writeString(dir.resolve("core.json"), "[\"VTI\"]");
    assertThat(((Allocation.Weights) source.allocation("core", DAY)).weights())
        .containsExactly(new SymbolWeight("VTI", BigDecimal.ONE));
  }

  @Test
  void aMissingOrMalformedFileOrAnIdThatLeavesTheDirectoryFailsTheBot() throws IOException {
    FileAllocationSource source = new FileAllocationSource(dir);
    Files.writeString(dir.resolve("broken.json"), "{\"VTI\": ");

    assertThat(source.allocation("absent", DAY))
        .isEqualTo(Allocation.failed("no allocation file absent.json"));
    assertThat(source.allocation("broken", DAY)).isInstanceOf(Allocation.Failed.class);
    assertThat(source.allocation("../etc/passwd", DAY)).isInstanceOf(Allocation.Failed.class);
  }
}
