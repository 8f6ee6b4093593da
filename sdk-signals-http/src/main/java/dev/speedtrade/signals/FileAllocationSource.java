package dev.speedtrade.signals;

import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.AllocationSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import okio.BufferedSource;
import okio.Okio;

/**
 * An {@link AllocationSource} that reads each bot's weights from {@code <directory>/<botId>.json}
 * (a JSON object of weights or a ranked list, as {@link HttpAllocationSource} takes), re-read on
 * every call so that a file replaced during the day is seen at the next run. A missing or malformed
 * file fails the bot with a reason. Thread-safe.
 */
public final class FileAllocationSource implements AllocationSource {
  private final Path directory;

  /** Reads allocations from files in {@code directory}. */
  public FileAllocationSource(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  @Override
  public Allocation allocation(String botId, LocalDate marketDate) {
    if (botId.contains("/") || botId.contains("\\") || botId.startsWith(".")) {
      return Allocation.failed("bot id " + botId + " cannot name a file");
    }
    Path file = directory.resolve(botId + ".json");
    try (BufferedSource source = Okio.buffer(Okio.source(Files.newInputStream(file)))) {
      return AllocationJson.read(source);
    } catch (NoSuchFileException e) {
      return Allocation.failed("no allocation file " + file.getFileName());
    } catch (IOException e) {
      return Allocation.failed(
          "cannot read " + file.getFileName() + ": " + e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return "FileAllocationSource{" + directory + "}";
  }
}
