package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Since schema version 11 one value of the timestamp sequence stands for a block of 1,024 ledger
 * timestamps. A ledger reads the step before it relies on it, so ledgers on both sides of the
 * migration share a database without ever sharing a timestamp.
 */
class JdbcLedgerTimestampTest {
  private final JdbcDataSource h2 = new JdbcDataSource();

  JdbcLedgerTimestampTest() {
    h2.setURL("jdbc:h2:mem:timestamps-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Test
  void aBatchDrawsOneValueOfTheSequenceForAllItsTimestamps() throws Exception {
    JdbcLedger ledger = JdbcLedger.builder(h2).build();
    ledger.migrate();
    ledger.createAccounts(
        List.of(LedgerAccount.of("a", "USD", "bank"), LedgerAccount.of("b", "USD", "bank")));
    long next = nextSequenceValue();
    List<Transfer> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(Transfer.single("t" + i, "a", "b", 1 + i, "test"));
    }
    assertThat(ledger.createTransfers(batch)).containsOnly(TransferResult.OK);

    assertThat(nextSequenceValue()).isEqualTo(next + 1024);
    List<Long> timestamps = new ArrayList<>();
    for (RecordedTransfer transfer : ledger.transfers("a", 0, 10)) {
      timestamps.add(transfer.timestamp());
    }
    assertThat(timestamps).containsExactly(next, next + 1, next + 2, next + 3, next + 4);
  }

  @Test
  void ledgersOnBothSidesOfTheMigrationNeverShareATimestamp() {
    // Built before the tables exist: it finds no sequence and uses one timestamp per value.
    JdbcLedger older = JdbcLedger.builder(h2).build();
    JdbcLedger newer = JdbcLedger.builder(h2).build();
    newer.migrate();
    newer.createAccounts(
        List.of(LedgerAccount.of("a", "USD", "bank"), LedgerAccount.of("b", "USD", "bank")));
    writeInTurns(older, newer, 20);

    List<RecordedTransfer> all = newer.transfers("a", 0, 100);
    assertThat(all).hasSize(60);
    Set<Long> distinct = new HashSet<>();
    for (int i = 0; i < all.size(); i++) {
      distinct.add(all.get(i).timestamp());
      if (i > 0) {
        assertThat(all.get(i).timestamp()).isGreaterThan(all.get(i - 1).timestamp());
      }
    }
    assertThat(distinct).hasSize(60);
    // In the order written: round by round.
    assertThat(all.get(0).id()).isEqualTo("r0-0");
    assertThat(all.get(59).id()).isEqualTo("r19-2");
  }

  @Test
  void aSequenceStillSteppingByOneIsUsedOneValueATime() throws Exception {
    JdbcLedger.builder(h2).build().migrate();
    // As a schema before version 11 has it.
    try (Connection connection = h2.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER SEQUENCE ledger_timestamp_seq INCREMENT BY 1");
    }
    JdbcLedger one = JdbcLedger.builder(h2).build();
    JdbcLedger other = JdbcLedger.builder(h2).build();
    one.createAccounts(
        List.of(LedgerAccount.of("a", "USD", "bank"), LedgerAccount.of("b", "USD", "bank")));
    writeInTurns(one, other, 10);

    Set<Long> distinct = new HashSet<>();
    for (RecordedTransfer transfer : one.transfers("a", 0, 100)) {
      distinct.add(transfer.timestamp());
    }
    assertThat(distinct).hasSize(30);
  }

  /**
   * {@code rounds} batches of three transfers from "a" to "b", by {@code first} and {@code second}
   * in turn.
   */
  private static void writeInTurns(JdbcLedger first, JdbcLedger second, int rounds) {
    for (int round = 0; round < rounds; round++) {
      JdbcLedger writer = round % 2 == 0 ? first : second;
      List<Transfer> batch = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        batch.add(Transfer.single("r" + round + "-" + i, "a", "b", 1, "test"));
      }
      assertThat(writer.createTransfers(batch)).containsOnly(TransferResult.OK);
    }
  }

  /** The value the sequence hands out next (H2 keeps it as {@code BASE_VALUE}). */
  private long nextSequenceValue() throws Exception {
    try (Connection connection = h2.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES"
                    + " WHERE SEQUENCE_NAME = 'LEDGER_TIMESTAMP_SEQ'")) {
      row.next();
      return row.getLong(1);
    }
  }
}
