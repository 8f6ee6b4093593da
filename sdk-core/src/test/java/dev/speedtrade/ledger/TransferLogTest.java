package dev.speedtrade.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransferLogTest {
  private static final Instant NOW = Instant.parse("2026-01-05T14:30:00.123456789Z");

  private final TransferLog log = new TransferLog();
  private final List<RecordedTransfer> expected = new ArrayList<>();
  private final List<String> removed = new ArrayList<>();
  private final SplittableRandom ids = new SplittableRandom(11);
  private long timestamp;

  @Test
  void rowsRebuildExactlyWhatWasAppendedAcrossChunksAndRehashes() {
    for (int i = 0; i < 20_000; i++) {
      append(next(i));
    }

    assertThat(log.size()).isEqualTo(20_000);
    for (int row = 0; row < expected.size(); row++) {
      RecordedTransfer transfer = expected.get(row);
      assertThat(log.find(transfer.id())).isEqualTo(row);
      assertThat(log.row(row)).isEqualTo(transfer);
      assertThat(log.timestamp(row)).isEqualTo(transfer.timestamp());
      assertThat(log.kind(row)).isEqualTo(transfer.kind());
    }
    assertThat(log.find("never-appended")).isEqualTo(-1);
  }

  @Test
  void removingTheNewestRowsKeepsEveryOtherIdFindable() {
    SplittableRandom random = new SplittableRandom(7);
    int id = 0;
    for (int round = 0; round < 3_000; round++) {
      int add = 1 + random.nextInt(8);
      for (int i = 0; i < add; i++) {
        append(next(id++));
      }
      int remove = random.nextInt(add + 1);
      for (int i = 0; i < remove; i++) {
        log.removeLast();
        removed.add(expected.remove(expected.size() - 1).id());
      }
    }

    assertThat(log.size()).isEqualTo(expected.size());
    for (int row = 0; row < expected.size(); row++) {
      assertThat(log.find(expected.get(row).id())).isEqualTo(row);
      assertThat(log.row(row)).isEqualTo(expected.get(row));
    }
    for (String gone : removed) {
      assertThat(log.find(gone)).isEqualTo(-1);
    }
  }

  @Test
  void removingRowsPlacedByAGrowthOfTheIndexKeepsTheOthersFindable() {
    // The index grows (and re-places every entry in slot order, not insertion order) at row 4096.
    for (int i = 0; i < 4_100; i++) {
      append(next(i));
    }
    int unfindable = 0;
    for (int i = 0; i < 4_000; i++) {
      log.removeLast();
      removed.add(expected.remove(expected.size() - 1).id());
      unfindable += countUnfindable();
    }

    assertThat(unfindable).isZero();
    for (int row = 0; row < expected.size(); row++) {
      assertThat(log.find(expected.get(row).id())).isEqualTo(row);
    }
    for (String gone : removed) {
      assertThat(log.find(gone)).isEqualTo(-1);
    }
  }

  @Test
  void aPostRebuildsWithItsPendingTransfersIdAndCode() {
    RecordedTransfer pending =
        new RecordedTransfer(
            Transfer.pending("hold", "a", "b", 500, "withdrawal", 60)
                .withMetadata(Map.of("payout", "po_1")),
            "a",
            "b",
            500,
            "withdrawal",
            1,
            NOW);
    RecordedTransfer post =
        new RecordedTransfer(
            Transfer.post("capture", "hold", 300), "a", "b", 300, "withdrawal", 2, NOW);
    RecordedTransfer release =
        new RecordedTransfer(
            Transfer.voidPending("release", "hold"), "a", "b", 500, "withdrawal", 3, NOW);
    int pendingRow = log.append(pending);
    int postRow = log.append(post);
    int voidRow = log.append(release);

    assertThat(log.row(pendingRow)).isEqualTo(pending);
    assertThat(log.row(postRow)).isEqualTo(post);
    assertThat(log.row(voidRow)).isEqualTo(release);
    assertThat(log.status(pendingRow)).isEqualTo(PendingStatus.PENDING);
    log.setStatus(pendingRow, PendingStatus.POSTED);
    assertThat(log.status(pendingRow)).isEqualTo(PendingStatus.POSTED);
  }

  /** How many rows still in the log their id does not find at their row. */
  private int countUnfindable() {
    int count = 0;
    for (int row = 0; row < expected.size(); row++) {
      if (log.find(expected.get(row).id()) != row) {
        count++;
      }
    }
    return count;
  }

  private void append(RecordedTransfer transfer) {
    assertThat(log.append(transfer)).isEqualTo(expected.size());
    expected.add(transfer);
  }

  private RecordedTransfer next(int i) {
    // Random ids collide in the index as real ones do; sequential ones spread too evenly.
    String id = "t-" + Long.toHexString(ids.nextLong()) + "-" + i;
    String debit = "acct:" + (i % 7);
    String credit = "acct:" + (i % 7 + 1);
    Transfer request =
        i % 5 == 0
            ? Transfer.pending(id, debit, credit, i + 1L, "hold", i % 10 == 0 ? 30 : 1)
            : Transfer.single(id, debit, credit, i + 1L, "payment");
    if (i % 11 == 0) {
      request = request.withMetadata(Map.of("ref", "r" + i));
    }
    return new RecordedTransfer(
        request,
        debit,
        credit,
        i + 1L,
        i % 5 == 0 ? "hold" : "payment",
        ++timestamp,
        NOW.plusNanos(i));
  }
}
