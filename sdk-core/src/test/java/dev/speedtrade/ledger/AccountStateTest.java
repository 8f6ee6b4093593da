package dev.speedtrade.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountStateTest {
  private final AccountState state =
      new AccountState(LedgerAccount.of("user:1:cash", "USD", "user_cash"), 1);

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
}
