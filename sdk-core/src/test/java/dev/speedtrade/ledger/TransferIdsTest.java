package dev.speedtrade.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.ledger.spi.LedgerRules;
import org.junit.jupiter.api.Test;

class TransferIdsTest {

  @Test
  void plainShortPartsGiveAReadableId() {
    assertThat(TransferIds.derive("oms", "alice", "buy-1", "hold", "2"))
        .isEqualTo("oms:alice:buy-1:hold:2");
    assertThat(TransferIds.derive("fund", "dep", "d_1.x")).isEqualTo("fund:dep:d_1.x");
  }

  @Test
  void anyOtherPartOrALongIdGivesAHashedOneTheLedgerAccepts() {
    String colon = TransferIds.derive("oms", "a:b", "c");
    String split = TransferIds.derive("oms", "a", "b:c");
    String empty = TransferIds.derive("oms", "", "x");
    String longOne = TransferIds.derive("fund", "x".repeat(130));

    assertThat(colon).startsWith("omsh:").hasSize(5 + 64).isNotEqualTo(split);
    assertThat(empty).startsWith("omsh:");
    assertThat(longOne).startsWith("fundh:");
    assertThat(TransferIds.derive("fund", "x".repeat(123))).hasSize(128).startsWith("fund:x");
    assertThat(TransferIds.derive("fund", "x".repeat(124))).startsWith("fundh:");
    for (String id : new String[] {colon, split, empty, longOne}) {
      assertThat(LedgerRules.isValidId(id)).as(id).isTrue();
    }
  }

  @Test
  void theSamePartsAlwaysGiveTheSameIdAndNamespacesNeverMeet() {
    assertThat(TransferIds.derive("oms", "é")).isEqualTo(TransferIds.derive("oms", "é"));
    assertThat(TransferIds.derive("oms", "é")).isNotEqualTo(TransferIds.derive("fund", "é"));
    assertThat(TransferIds.derive("oms", "a")).isNotEqualTo(TransferIds.derive("fund", "a"));
  }
}
