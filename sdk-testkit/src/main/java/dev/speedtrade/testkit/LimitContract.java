package dev.speedtrade.testkit;

import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract for balance limits and overflow: {@code EXCEEDS_CREDITS}, {@code
 * EXCEEDS_DEBITS} and {@code OVERFLOW}, compared exactly, pending amounts included.
 *
 * <p>Part of {@link LedgerContract}, which runs every ledger contract; extend this class alone to
 * run (and debug) just this feature against {@link #newLedger(java.time.Clock)}.
 */
public abstract class LimitContract extends LedgerContractBase {
  /** Creates the contract; the ledger is made before each test. */
  protected LimitContract() {}

  @Test
  void debitsMustNotExceedCreditsCountsPendingDebits() {
    createAccounts(usd("bank"), capped("cash"), usd("payouts"));
    fund("cash", 1_000);
    ok(Transfer.pending("p1", "cash", "payouts", 600, "withdrawal"));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.single("t1", "cash", "payouts", 401, "fee"));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.pending("t2", "cash", "payouts", 401, "fee"));
    ok(Transfer.single("t3", "cash", "payouts", 400, "fee"));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.pending("t4", "cash", "payouts", 1, "fee"));
    assertBalances("cash", 600, 400, 0, 1_000);
    ok(Transfer.voidPending("v1", "p1"));
    ok(Transfer.single("t5", "cash", "payouts", 600, "fee"));
    assertBalances("cash", 0, 1_000, 0, 1_000);
  }

  @Test
  void pendingCreditsDoNotCountTowardsALimit() {
    createAccounts(usd("bank"), capped("cash"), usd("payouts"));
    ok(Transfer.pending("deposit", "bank", "cash", 500, "deposit"));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.single("t1", "cash", "payouts", 1, "fee"));
    ok(Transfer.post("posted", "deposit"));
    ok(Transfer.single("t2", "cash", "payouts", 500, "fee"));
    assertBalances("cash", 0, 500, 0, 500);
  }

  @Test
  void creditsMustNotExceedDebitsCountsPendingCredits() {
    createAccounts(
        usd("x"),
        usd("y"),
        LedgerAccount.of("limited", "USD", "test", AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS));
    rejects(TransferResult.EXCEEDS_DEBITS, Transfer.single("t1", "y", "limited", 1, "x"));
    ok(Transfer.single("t2", "limited", "x", 300, "x"));
    ok(Transfer.pending("p1", "y", "limited", 200, "x"));
    rejects(TransferResult.EXCEEDS_DEBITS, Transfer.single("t3", "y", "limited", 101, "x"));
    rejects(TransferResult.EXCEEDS_DEBITS, Transfer.pending("t4", "y", "limited", 101, "x"));
    ok(Transfer.single("t5", "y", "limited", 100, "x"));
    assertBalances("limited", 0, 300, 200, 100);
  }

  @Test
  void aPostOrVoidNeverFailsALimit() {
    createAccounts(
        usd("bank"),
        capped("cash"),
        usd("payouts"),
        usd("y"),
        LedgerAccount.of("limited", "USD", "test", AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS));
    fund("cash", 1_000);
    ok(Transfer.pending("p1", "cash", "payouts", 700, "withdrawal"));
    ok(Transfer.pending("p2", "cash", "payouts", 300, "withdrawal"));
    ok(Transfer.post("post1", "p1"));
    ok(Transfer.post("post2", "p2", 299));
    assertBalances("cash", 0, 999, 0, 1_000);
    ok(Transfer.single("t1", "limited", "bank", 500, "x"));
    ok(Transfer.pending("p3", "y", "limited", 500, "x"));
    ok(Transfer.post("post3", "p3"));
    ok(Transfer.pending("p4", "cash", "payouts", 1, "withdrawal"));
    ok(Transfer.voidPending("void4", "p4"));
    assertBalances("limited", 0, 500, 0, 500);
  }

  @Test
  void limitSumsAreComparedWithoutWrapAround() {
    createAccounts(
        usd("bank"),
        capped("cash"),
        usd("payouts"),
        usd("x"),
        LedgerAccount.of("limited", "USD", "test", AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS));
    ok(Transfer.single("big", "bank", "cash", Long.MAX_VALUE, "deposit"));
    ok(Transfer.pending("p1", "cash", "payouts", Long.MAX_VALUE, "hold"));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.single("t1", "cash", "x", 1, "fee"));
    rejects(
        TransferResult.EXCEEDS_CREDITS, Transfer.single("t2", "cash", "x", Long.MAX_VALUE, "fee"));
    ok(Transfer.post("post1", "p1"));
    assertBalances("cash", 0, Long.MAX_VALUE, 0, Long.MAX_VALUE);
    ok(Transfer.single("big2", "limited", "x", Long.MAX_VALUE, "x"));
    ok(Transfer.pending("p2", "bank", "limited", Long.MAX_VALUE, "x"));
    rejects(TransferResult.EXCEEDS_DEBITS, Transfer.single("t3", "x", "limited", 1, "x"));
    rejects(
        TransferResult.EXCEEDS_DEBITS, Transfer.single("t4", "x", "limited", Long.MAX_VALUE, "x"));
  }

  @Test
  void aSingleTransferThatWouldPassLongMaxValueOverflows() {
    createAccounts(usd("a"), usd("b"), usd("c"), usd("d"));
    ok(Transfer.single("big", "a", "b", Long.MAX_VALUE, "x"));
    rejects(TransferResult.OVERFLOW, Transfer.single("debit-side", "a", "c", 1, "x"));
    rejects(TransferResult.OVERFLOW, Transfer.single("credit-side", "d", "b", 1, "x"));
    rejects(TransferResult.OVERFLOW, Transfer.single("both", "a", "b", Long.MAX_VALUE, "x"));
    ok(Transfer.pending("pending-still-fits", "a", "b", Long.MAX_VALUE, "x"));
    assertBalances("a", Long.MAX_VALUE, Long.MAX_VALUE, 0, 0);
    assertBalances("b", 0, 0, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  @Test
  void aPendingTransferThatWouldPassLongMaxValueOverflows() {
    createAccounts(usd("a"), usd("b"), usd("c"), usd("d"));
    ok(Transfer.pending("big", "a", "b", Long.MAX_VALUE, "x"));
    rejects(TransferResult.OVERFLOW, Transfer.pending("debit-side", "a", "c", 1, "x"));
    rejects(TransferResult.OVERFLOW, Transfer.pending("credit-side", "d", "b", 1, "x", 60));
    ok(Transfer.single("single-still-fits", "a", "b", Long.MAX_VALUE, "x"));
    ok(Transfer.voidPending("void", "big"));
    ok(Transfer.pending("fits-again", "d", "b", Long.MAX_VALUE, "x"));
    assertBalances("b", 0, 0, Long.MAX_VALUE, Long.MAX_VALUE);
    assertBalances("a", 0, Long.MAX_VALUE, 0, 0);
  }
}
