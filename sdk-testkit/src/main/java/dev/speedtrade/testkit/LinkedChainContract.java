package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract for batches and linked chains: a batch applies its transfers in order, each
 * on its own; a linked chain applies all of them or none.
 *
 * <p>Part of {@link LedgerContract}, which runs every ledger contract; extend this class alone to
 * run (and debug) just this feature against {@link #newLedger(java.time.Clock)}.
 */
public abstract class LinkedChainContract extends LedgerContractBase {
  /** Creates the contract; the ledger is made before each test. */
  protected LinkedChainContract() {}

  @Test
  void aBatchAppliesTransfersInOrderEachSeeingThoseBefore() {
    createAccounts(usd("bank"), capped("cash"), usd("x"));
    assertThat(
            ledger.createTransfers(
                List.of(
                    Transfer.single("t1", "cash", "x", 100, "fee"),
                    Transfer.single("t2", "bank", "cash", 100, "deposit"),
                    Transfer.single("t3", "cash", "x", 60, "fee"),
                    Transfer.single("t4", "cash", "x", 41, "fee"),
                    Transfer.single("t1", "cash", "x", 40, "fee"),
                    Transfer.single("t1", "cash", "x", 40, "fee"),
                    Transfer.single("t1", "cash", "x", 39, "fee"))))
        .containsExactly(
            TransferResult.EXCEEDS_CREDITS,
            TransferResult.OK,
            TransferResult.OK,
            TransferResult.EXCEEDS_CREDITS,
            TransferResult.OK,
            TransferResult.EXISTS,
            TransferResult.EXISTS_WITH_DIFFERENT_FIELDS);
    assertBalances("cash", 0, 100, 0, 100);
    assertThat(
            ledger.createTransfers(
                List.of(
                    Transfer.pending("p1", "bank", "x", 10, "hold"),
                    Transfer.post("post1", "p1", 4),
                    Transfer.voidPending("void1", "p1"),
                    Transfer.post("post2", "p9"),
                    Transfer.pending("p9", "bank", "x", 7, "hold"),
                    Transfer.voidPending("void9", "p9"))))
        .containsExactly(
            TransferResult.OK,
            TransferResult.OK,
            TransferResult.PENDING_ALREADY_POSTED,
            TransferResult.PENDING_NOT_FOUND,
            TransferResult.OK,
            TransferResult.OK);
    assertBalances("x", 0, 0, 0, 104);
  }

  @Test
  void aLinkedChainThatFailsAppliesNothingAndLeavesItsIdsFree() {
    createAccounts(usd("bank"), capped("cash"), usd("x"));
    List<Transfer> chain =
        List.of(
            Transfer.single("t1", "bank", "cash", 100, "deposit"),
            Transfer.pending("t2", "cash", "x", 30, "hold", 5),
            Transfer.post("t3", "t2", 10),
            Transfer.single("t4", "cash", "x", 91, "fee"),
            Transfer.single("bad id", "cash", "x", 0, "fee"),
            Transfer.single("t5", "bank", "cash", 100, "deposit"));
    List<long[]> before = snapshot();
    assertThat(ledger.createLinkedTransfers(chain))
        .containsExactly(
            TransferResult.LINKED_EVENT_FAILED,
            TransferResult.LINKED_EVENT_FAILED,
            TransferResult.LINKED_EVENT_FAILED,
            TransferResult.EXCEEDS_CREDITS,
            TransferResult.LINKED_EVENT_FAILED,
            TransferResult.LINKED_EVENT_FAILED);
    assertThat(snapshot())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(before);
    for (String id : List.of("t1", "t2", "t3", "t4", "t5")) {
      assertThat(ledger.transfer(id)).as(id).isEmpty();
    }
    assertThat(ledger.pendingStatus("t2")).isEmpty();
    assertThat(ledger.transfers("cash", 0, 10)).isEmpty();
    ok(Transfer.single("t1", "bank", "cash", 50, "deposit"));
    ok(Transfer.pending("t2", "cash", "x", 50, "hold"));
    ok(Transfer.single("t4", "bank", "x", 1, "fee"));
    assertBalances("cash", 50, 0, 0, 50);
  }

  @Test
  void aFailedChainLeavesNoTimerBehindForAnIdUsedAgain() {
    createAccounts(usd("a"), usd("b"));
    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.pending("p1", "a", "b", 30, "hold", 5),
                    Transfer.single("t1", "a", "a", 1, "x"))))
        .containsExactly(TransferResult.LINKED_EVENT_FAILED, TransferResult.SAME_ACCOUNT);
    ok(Transfer.pending("p1", "a", "b", 40, "hold"));
    ok(Transfer.pending("p2", "a", "b", 2, "hold", 60));
    clock.advance(Duration.ofSeconds(10));
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.PENDING);
    assertBalances("a", 42, 0, 0, 0);
    ok(Transfer.post("post1", "p1"));
    assertBalances("a", 2, 40, 0, 0);
  }

  @Test
  void theFirstFailureOfAChainAnswersItsOwnCodeAndLaterMembersAreNotJudged() {
    createAccounts(usd("a"), usd("b"));
    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.single("t1", "a", "missing", 5, "x"),
                    Transfer.single("bad id", "a", "a", 0, "x"),
                    Transfer.post("t3", "nothing"))))
        .containsExactly(
            TransferResult.ACCOUNT_NOT_FOUND,
            TransferResult.LINKED_EVENT_FAILED,
            TransferResult.LINKED_EVENT_FAILED);
    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.single("t1", "a", "b", 5, "x"),
                    Transfer.single("t1", "a", "b", 6, "x"))))
        .containsExactly(
            TransferResult.LINKED_EVENT_FAILED, TransferResult.EXISTS_WITH_DIFFERENT_FIELDS);
    assertThat(ledger.transfer("t1")).isEmpty();
    assertBalances("a", 0, 0, 0, 0);
  }

  @Test
  void aLinkedChainThatSucceedsAppliesEveryMemberInOrder() {
    createAccounts(usd("bank"), capped("cash"), usd("x"));
    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.single("t1", "bank", "cash", 100, "deposit"),
                    Transfer.pending("p1", "cash", "x", 80, "hold", 60),
                    Transfer.post("post1", "p1", 70),
                    Transfer.pending("p2", "cash", "x", 30, "hold"),
                    Transfer.voidPending("void2", "p2"),
                    Transfer.single("t2", "cash", "x", 30, "fee"))))
        .containsOnly(TransferResult.OK)
        .hasSize(6);
    assertBalances("cash", 0, 100, 0, 100);
    assertBalances("x", 0, 0, 0, 100);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.POSTED);
    assertThat(ledger.pendingStatus("p2")).contains(PendingStatus.VOIDED);
  }

  @Test
  void aRetriedChainCountsExistingMembersAsSuccessAndConverges() {
    createAccounts(usd("bank"), capped("cash"), usd("x"));
    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.single("t1", "bank", "cash", 100, "deposit"),
                    Transfer.pending("p1", "cash", "x", 100, "hold"))))
        .containsExactly(TransferResult.OK, TransferResult.OK);
    List<Transfer> retried =
        List.of(
            Transfer.single("t1", "bank", "cash", 100, "deposit"),
            Transfer.pending("p1", "cash", "x", 100, "hold"),
            Transfer.post("post1", "p1"));
    assertThat(ledger.createLinkedTransfers(retried))
        .containsExactly(TransferResult.EXISTS, TransferResult.EXISTS, TransferResult.OK);
    assertThat(ledger.createLinkedTransfers(retried))
        .containsOnly(TransferResult.EXISTS)
        .hasSize(3);
    assertBalances("cash", 0, 100, 0, 100);
    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.single("t1", "bank", "cash", 100, "deposit"),
                    Transfer.single("t2", "cash", "x", 1, "fee"))))
        .containsExactly(TransferResult.LINKED_EVENT_FAILED, TransferResult.EXCEEDS_CREDITS);
    assertThat(ledger.transfer("t1")).isPresent();
    assertBalances("cash", 0, 100, 0, 100);
  }

  @Test
  void aFailedChainRestoresThePendingTransfersItResolved() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 100, "hold"));
    ok(Transfer.pending("p2", "a", "b", 50, "hold"));
    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.post("post1", "p1", 60),
                    Transfer.voidPending("void2", "p2"),
                    Transfer.post("post3", "p2"))))
        .containsExactly(
            TransferResult.LINKED_EVENT_FAILED,
            TransferResult.LINKED_EVENT_FAILED,
            TransferResult.PENDING_ALREADY_VOIDED);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.PENDING);
    assertThat(ledger.pendingStatus("p2")).contains(PendingStatus.PENDING);
    assertBalances("a", 150, 0, 0, 0);
    ok(Transfer.post("post1", "p1", 100));
    ok(Transfer.voidPending("void2", "p2"));
    assertBalances("b", 0, 0, 0, 100);
  }

  @Test
  void aNullTransferListOrElementThrowsInvalidTransferAndWritesNothing() {
    createAccounts(usd("a"), usd("b"));
    Transfer first = Transfer.single("t1", "a", "b", 5, "x");
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> ledger.createTransfers(nullList()));
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> ledger.createLinkedTransfers(nullList()));
    assertThrowsCode(
        ErrorCode.INVALID_TRANSFER, () -> ledger.createTransfers(Arrays.asList(first, null)));
    assertThrowsCode(
        ErrorCode.INVALID_TRANSFER, () -> ledger.createLinkedTransfers(Arrays.asList(first, null)));
    assertThat(ledger.transfer("t1")).isEmpty();
    assertBalances("a", 0, 0, 0, 0);
    ok(first);
  }
}
