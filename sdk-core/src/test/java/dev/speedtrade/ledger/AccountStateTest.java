package dev.speedtrade.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountStateTest {
  private final AccountState state =
      new AccountState(LedgerAccount.of("user:1:cash", "USD", "user_cash"), 1, new ChangeLog());

  @Test
  void listsOnlyTheChangesMadeByTransfersInTimestampOrder() {
    state.set(0, 0, 0, 100, 5);
    assertThat(state.addRow(0, 5)).isFalse();
    state.set(0, 0, 0, 90, 7); // a change without a transfer of its own, such as an expiry
    state.set(0, 10, 0, 90, 9);
    assertThat(state.addRow(1, 9)).isFalse();

    assertThat(state.rowsAfter(0, 10)).containsExactly(0, 1);
    assertThat(state.rowsAfter(5, 10)).containsExactly(1);
    assertThat(state.rowsAfter(9, 10)).isEmpty();
    assertThat(state.rowsAfter(0, 1)).containsExactly(0);
    assertThat(state.balancesAt(7)).isEqualTo(new AccountBalances("user:1:cash", 0, 0, 0, 90, 7));
    assertThat(state.balancesAt(0)).isNull();
  }

  @Test
  void aTransferWhoseChangeIsNotTheNewestRepeatsTheBalancesAndUndoesCleanly() {
    state.set(0, 0, 0, 100, 5);
    state.addRow(0, 5);

    assertThat(state.addRow(1, 8)).isTrue();
    assertThat(state.rowsAfter(0, 10)).containsExactly(0, 1);
    assertThat(state.balancesAt(8)).isEqualTo(new AccountBalances("user:1:cash", 0, 0, 0, 100, 8));

    state.unset();
    assertThat(state.rowsAfter(0, 10)).containsExactly(0);
    assertThat(state.balances()).isEqualTo(new AccountBalances("user:1:cash", 0, 0, 0, 100, 5));

    state.removeLastRow();
    assertThat(state.rowsAfter(0, 10)).isEmpty();
  }

  @Test
  void aRolledBackChainLeavesNoTransferInAnAccountsPages() {
    InMemoryLedger ledger =
        new InMemoryLedger(Clock.fixed(Instant.parse("2026-01-05T14:30:00Z"), ZoneOffset.UTC));
    ledger.createAccounts(
        List.of(
            LedgerAccount.of("a", "USD", "user_cash"), LedgerAccount.of("b", "USD", "user_cash")));

    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.single("t1", "a", "b", 5, "payment"),
                    Transfer.single("t2", "a", "missing", 5, "payment"))))
        .containsExactly(TransferResult.LINKED_EVENT_FAILED, TransferResult.ACCOUNT_NOT_FOUND);
    assertThat(ledger.transfers("a", 0, 10)).isEmpty();
    assertThat(ledger.transfers("b", 0, 10)).isEmpty();

    ledger.createTransfers(List.of(Transfer.single("t3", "a", "b", 7, "payment")));
    assertThat(ledger.transfers("a", 0, 10)).extracting(RecordedTransfer::id).containsExactly("t3");
    assertThat(ledger.transfers("b", 0, 10)).extracting(RecordedTransfer::id).containsExactly("t3");
    assertThat(ledger.balances("b").orElseThrow().creditsPosted()).isEqualTo(7);
  }

  @Test
  void readsByTimestampAgreeWithAPlainListAcrossManyCheckpoints() {
    ChangeLog log = new ChangeLog();
    AccountState other = new AccountState(LedgerAccount.of("other", "USD", "user_cash"), 2, log);
    AccountState mine = new AccountState(LedgerAccount.of("mine", "USD", "user_cash"), 3, log);
    java.util.List<long[]> expected = new java.util.ArrayList<>(); // timestamp, credits, row
    expected.add(new long[] {3, 0, -1});
    long ts = 10;
    int row = 0;
    for (int i = 0; i < 1000; i++) {
      other.set(0, 0, 0, i, ts++);
      mine.set(0, 0, 0, i, ts);
      if (i % 7 == 3) {
        expected.add(new long[] {ts, i, -1}); // an expiry-like change without a transfer
      } else {
        mine.addRow(row, ts);
        expected.add(new long[] {ts, i, row});
        row++;
      }
      ts += 2;
    }
    for (long at = 0; at < ts + 2; at += 3) {
      long[] want = null;
      for (long[] change : expected) {
        if (change[0] <= at) {
          want = change;
        }
      }
      AccountBalances got = mine.balancesAt(at);
      if (want == null) {
        assertThat(got).isNull();
      } else {
        assertThat(got).isEqualTo(new AccountBalances("mine", 0, 0, 0, want[1], want[0]));
      }
      for (int limit : new int[] {1, 50, 1000}) {
        java.util.List<Integer> rows = new java.util.ArrayList<>();
        for (long[] change : expected) {
          if (change[0] > at && change[2] >= 0 && rows.size() < limit) {
            rows.add((int) change[2]);
          }
        }
        assertThat(mine.rowsAfter(at, limit))
            .containsExactly(rows.stream().mapToInt(r -> r).toArray());
      }
    }
    // undo the newest changes and read again
    mine.removeLastRow();
    mine.unset();
    expected.remove(expected.size() - 1);
    long[] newest = expected.get(expected.size() - 1);
    assertThat(mine.balances())
        .isEqualTo(new AccountBalances("mine", 0, 0, 0, newest[1], newest[0]));
    assertThat(mine.balancesAt(ts)).isEqualTo(mine.balances());
  }
}
