package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.Transfer;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract for what each kind of transfer does to balances: a single transfer posts at
 * once, a pending one reserves, a post posts all or part of the reservation and releases the rest,
 * a void releases it all.
 *
 * <p>Part of {@link LedgerContract}, which runs every ledger contract; extend this class alone to
 * run (and debug) just this feature against {@link #newLedger(java.time.Clock)}.
 */
public abstract class TransferContract extends LedgerContractBase {
  /** Creates the contract; the ledger is made before each test. */
  protected TransferContract() {}

  @Test
  void aSingleTransferPostsAtOnceOnBothSides() {
    createAccounts(usd("bank"), usd("cash"));
    ok(Transfer.single("t1", "bank", "cash", 10_000, "deposit"));
    ok(Transfer.single("t2", "cash", "bank", 2_500, "withdrawal"));
    assertBalances("bank", 0, 10_000, 0, 2_500);
    assertBalances("cash", 0, 2_500, 0, 10_000);
  }

  @Test
  void aPendingTransferReservesOnThePendingBalancesOnly() {
    createAccounts(usd("bank"), usd("cash"), usd("payouts"));
    fund("cash", 1_000);
    ok(Transfer.pending("p1", "cash", "payouts", 400, "withdrawal"));
    assertBalances("cash", 400, 0, 0, 1_000);
    assertBalances("payouts", 0, 0, 400, 0);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.PENDING);
  }

  @Test
  void aPostWithoutAmountPostsTheWholePendingAmount() {
    createAccounts(usd("bank"), usd("cash"), usd("payouts"));
    fund("cash", 1_000);
    ok(Transfer.pending("p1", "cash", "payouts", 400, "withdrawal"));
    ok(Transfer.post("post1", "p1"));
    assertBalances("cash", 0, 400, 0, 1_000);
    assertBalances("payouts", 0, 0, 0, 400);
    assertThat(ledger.transfer("post1").orElseThrow().amount()).isEqualTo(400);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.POSTED);
  }

  @Test
  void aPartialPostPostsItsAmountAndReleasesTheRest() {
    createAccounts(usd("bank"), usd("cash"), usd("payouts"));
    fund("cash", 1_000);
    ok(Transfer.pending("p1", "cash", "payouts", 400, "withdrawal"));
    ok(Transfer.pending("p2", "cash", "payouts", 50, "withdrawal"));
    ok(Transfer.post("post1", "p1", 150));
    assertBalances("cash", 50, 150, 0, 1_000);
    assertBalances("payouts", 0, 0, 50, 150);
    assertThat(ledger.transfer("post1").orElseThrow().amount()).isEqualTo(150);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.POSTED);
    assertThat(ledger.pendingStatus("p2")).contains(PendingStatus.PENDING);
  }

  @Test
  void aPostOfExactlyThePendingAmountIsAccepted() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "hold"));
    ok(Transfer.post("post1", "p1", 400));
    assertBalances("a", 0, 400, 0, 0);
    assertBalances("b", 0, 0, 0, 400);
  }

  @Test
  void aVoidReleasesTheWholeReservationAndPostsNothing() {
    createAccounts(usd("bank"), usd("cash"), usd("payouts"));
    fund("cash", 1_000);
    ok(Transfer.pending("p1", "cash", "payouts", 400, "withdrawal"));
    ok(Transfer.pending("p2", "cash", "payouts", 70, "withdrawal"));
    ok(Transfer.voidPending("v1", "p1"));
    assertBalances("cash", 70, 0, 0, 1_000);
    assertBalances("payouts", 0, 0, 70, 0);
    assertBalances("bank", 0, 1_000, 0, 0);
    assertThat(ledger.transfer("v1").orElseThrow().amount()).isEqualTo(400);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.VOIDED);
  }

  @Test
  void pendingStatusIsEmptyForAnythingButAPendingTransfer() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.single("s1", "a", "b", 5, "x"));
    ok(Transfer.pending("p1", "a", "b", 5, "x"));
    ok(Transfer.post("post1", "p1"));
    assertThat(ledger.pendingStatus("s1")).isEmpty();
    assertThat(ledger.pendingStatus("post1")).isEmpty();
    assertThat(ledger.pendingStatus("missing")).isEmpty();
  }
}
