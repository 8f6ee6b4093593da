package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract for holds that time out: a pending transfer with a timeout counts as voided
 * once the ledger's clock reaches its creation plus the timeout, on both of its accounts.
 *
 * <p>Part of {@link LedgerContract}, which runs every ledger contract; extend this class alone to
 * run (and debug) just this feature against {@link #newLedger(java.time.Clock)}.
 */
public abstract class PendingExpiryContract extends LedgerContractBase {
  /** Creates the contract; the ledger is made before each test. */
  protected PendingExpiryContract() {}

  @Test
  void aPendingTransferExpiresWhenTheClockReachesCreatedPlusTimeout() {
    createAccounts(usd("bank"), capped("cash"), usd("payouts"));
    fund("cash", 1_000);
    clock.advance(Duration.ofSeconds(10));
    ok(Transfer.pending("p1", "cash", "payouts", 400, "withdrawal", 60));
    assertThat(ledger.transfer("p1").orElseThrow().expiresAt()).isEqualTo(START.plusSeconds(70));
    clock.set(START.plusSeconds(70));
    assertBalances("cash", 0, 0, 0, 1_000);
    assertBalances("payouts", 0, 0, 0, 0);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.EXPIRED);
    rejects(TransferResult.PENDING_EXPIRED, Transfer.post("post1", "p1"));
    rejects(TransferResult.PENDING_EXPIRED, Transfer.voidPending("void1", "p1"));
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.EXPIRED);
  }

  @Test
  void theCreditSideOfAnExpiredPendingTransferIsReleasedToo() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "hold", 5));
    clock.advance(Duration.ofSeconds(5));
    assertBalances("b", 0, 0, 0, 0);
    assertBalances("a", 0, 0, 0, 0);
  }

  @Test
  void anExpiredReservationCountsInNoLimitCheck() {
    createAccounts(usd("bank"), capped("cash"), usd("payouts"));
    fund("cash", 1_000);
    ok(Transfer.pending("p1", "cash", "payouts", 1_000, "withdrawal", 30));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.single("t1", "cash", "payouts", 1, "fee"));
    clock.advance(Duration.ofSeconds(30));
    ok(Transfer.single("t2", "cash", "payouts", 1_000, "withdrawal"));
    assertBalances("cash", 0, 1_000, 0, 1_000);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.EXPIRED);
  }

  @Test
  void aPendingTransferCanStillBeResolvedJustBeforeItsTimeout() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "hold", 60));
    ok(Transfer.pending("p2", "a", "b", 300, "hold", 60));
    clock.advance(Duration.ofSeconds(59));
    assertBalances("a", 700, 0, 0, 0);
    ok(Transfer.post("post1", "p1", 250));
    clock.advance(Duration.ofMillis(999));
    assertThat(ledger.pendingStatus("p2")).contains(PendingStatus.PENDING);
    ok(Transfer.voidPending("void2", "p2"));
    assertBalances("a", 0, 250, 0, 0);
    assertBalances("b", 0, 0, 0, 250);
  }

  @Test
  void aResolvedPendingTransferStaysResolvedAfterItsTimeoutPasses() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "hold", 60));
    ok(Transfer.pending("p2", "a", "b", 300, "hold", 60));
    ok(Transfer.post("post1", "p1"));
    ok(Transfer.voidPending("void2", "p2"));
    clock.advance(Duration.ofSeconds(600));
    assertBalances("a", 0, 400, 0, 0);
    assertBalances("b", 0, 0, 0, 400);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.POSTED);
    assertThat(ledger.pendingStatus("p2")).contains(PendingStatus.VOIDED);
    rejects(TransferResult.PENDING_ALREADY_POSTED, Transfer.post("post3", "p1"));
    rejects(TransferResult.PENDING_ALREADY_VOIDED, Transfer.post("post4", "p2"));
  }

  @Test
  void aPendingTransferWithoutTimeoutNeverExpires() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "hold"));
    ok(Transfer.pending("p2", "a", "b", 100, "hold", 1));
    assertThat(ledger.transfer("p1").orElseThrow().expiresAt()).isNull();
    clock.advance(Duration.ofDays(3650));
    assertBalances("a", 400, 0, 0, 0);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.PENDING);
    assertThat(ledger.pendingStatus("p2")).contains(PendingStatus.EXPIRED);
    ok(Transfer.post("post1", "p1"));
    assertBalances("a", 0, 400, 0, 0);
  }

  @Test
  void pendingTransfersExpireOneByOneAsTheClockMoves() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 1, "hold", 10));
    ok(Transfer.pending("p2", "a", "b", 20, "hold", 20));
    clock.advance(Duration.ofSeconds(5));
    ok(Transfer.pending("p3", "a", "b", 300, "hold", 14));
    assertBalances("a", 321, 0, 0, 0);
    clock.advance(Duration.ofSeconds(5));
    assertBalances("a", 320, 0, 0, 0);
    assertBalances("b", 0, 0, 320, 0);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.EXPIRED);
    clock.advance(Duration.ofSeconds(8));
    assertThat(ledger.pendingStatus("p3")).contains(PendingStatus.PENDING);
    assertBalances("a", 320, 0, 0, 0);
    clock.advance(Duration.ofSeconds(1));
    assertBalances("a", 20, 0, 0, 0);
    assertThat(ledger.pendingStatus("p3")).contains(PendingStatus.EXPIRED);
    assertThat(ledger.pendingStatus("p2")).contains(PendingStatus.PENDING);
    clock.advance(Duration.ofSeconds(1));
    assertBalances("b", 0, 0, 0, 0);
    assertThat(ledger.pendingStatus("p2")).contains(PendingStatus.EXPIRED);
  }
}
