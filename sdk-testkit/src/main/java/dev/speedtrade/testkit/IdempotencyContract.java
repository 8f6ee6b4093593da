package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract for idempotency: a replay answers {@code EXISTS} and changes nothing, a
 * replay with any field different answers {@code EXISTS_WITH_DIFFERENT_FIELDS}, and the id of a
 * failed transfer stays free.
 *
 * <p>Part of {@link LedgerContract}, which runs every ledger contract; extend this class alone to
 * run (and debug) just this feature against {@link #newLedger(java.time.Clock)}.
 */
public abstract class IdempotencyContract extends LedgerContractBase {
  /** Creates the contract; the ledger is made before each test. */
  protected IdempotencyContract() {}

  @Test
  void aReplayAnswersExistsAndChangesNothingEvenAfterBalancesMoved() {
    createAccounts(usd("bank"), capped("cash"), usd("payouts"));
    fund("cash", 100);
    Transfer spend = Transfer.single("spend", "cash", "payouts", 100, "withdrawal");
    ok(spend);
    RecordedTransfer recorded = ledger.transfer("spend").orElseThrow();
    rejects(
        TransferResult.EXCEEDS_CREDITS,
        Transfer.single("spend2", "cash", "payouts", 100, "withdrawal"));
    rejects(TransferResult.EXISTS, spend);
    assertThat(ledger.createTransfers(List.of(spend, spend)))
        .containsExactly(TransferResult.EXISTS, TransferResult.EXISTS);
    assertThat(ledger.transfer("spend")).contains(recorded);
    assertBalances("cash", 0, 100, 0, 100);
    assertBalances("payouts", 0, 0, 0, 100);
  }

  @Test
  void replaysOfPendingPostAndVoidAnswerExistsWhateverHappenedSince() {
    createAccounts(usd("a"), usd("b"));
    Transfer p1 = Transfer.pending("p1", "a", "b", 400, "hold", 60);
    Transfer p2 = Transfer.pending("p2", "a", "b", 300, "hold", 60);
    Transfer p3 = Transfer.pending("p3", "a", "b", 200, "hold", 60);
    Transfer post1 = Transfer.post("post1", "p1", 100);
    Transfer void2 = Transfer.voidPending("void2", "p2");
    ok(p1);
    ok(p2);
    ok(p3);
    ok(post1);
    ok(void2);
    rejects(TransferResult.EXISTS, p1);
    rejects(TransferResult.EXISTS, post1);
    rejects(TransferResult.EXISTS, void2);
    clock.advance(Duration.ofSeconds(61));
    assertBalances("a", 0, 100, 0, 0);
    rejects(TransferResult.EXISTS, p1);
    rejects(TransferResult.EXISTS, p3);
    rejects(TransferResult.EXISTS, post1);
    rejects(TransferResult.EXISTS, void2);
    assertThat(ledger.pendingStatus("p3")).contains(PendingStatus.EXPIRED);
  }

  @Test
  void aReplayWithAnyFieldDifferentAnswersExistsWithDifferentFields() {
    createAccounts(usd("a"), usd("b"), usd("c"));
    Map<String, String> ref = Map.of("order", "o-1");
    Transfer single = Transfer.single("t1", "a", "b", 100, "trade").withMetadata(ref);
    Transfer pending = Transfer.pending("p1", "a", "b", 400, "hold", 60).withMetadata(ref);
    Transfer post = Transfer.post("post1", "p1", 150).withMetadata(ref);
    ok(Transfer.pending("p2", "a", "b", 400, "hold"));
    ok(Transfer.pending("p3", "a", "b", 400, "hold"));
    Transfer voided = Transfer.voidPending("void3", "p3").withMetadata(ref);
    ok(single);
    ok(pending);
    ok(post);
    ok(voided);
    List<Transfer> variants =
        List.of(
            Transfer.single("t1", "a", "b", 101, "trade").withMetadata(ref),
            Transfer.single("t1", "a", "b", 100, "fee").withMetadata(ref),
            Transfer.single("t1", "c", "b", 100, "trade").withMetadata(ref),
            Transfer.single("t1", "a", "c", 100, "trade").withMetadata(ref),
            Transfer.single("t1", "b", "a", 100, "trade").withMetadata(ref),
            Transfer.pending("t1", "a", "b", 100, "trade").withMetadata(ref),
            Transfer.single("t1", "a", "b", 100, "trade"),
            Transfer.single("t1", "a", "b", 100, "trade").withMetadata(Map.of("order", "o-2")),
            Transfer.single("t1", "a", "b", 100, "trade")
                .withMetadata(Map.of("order", "o-1", "x", "y")),
            Transfer.single("t1", "a", "b", 100, "trade").withMetadata(Map.of("Order", "o-1")),
            Transfer.pending("p1", "a", "b", 400, "hold", 61).withMetadata(ref),
            Transfer.pending("p1", "a", "b", 400, "hold").withMetadata(ref),
            Transfer.single("p1", "a", "b", 400, "hold").withMetadata(ref),
            Transfer.pending("p1", "a", "b", 400, "hold", 60),
            Transfer.post("post1", "p1", 151).withMetadata(ref),
            Transfer.post("post1", "p1").withMetadata(ref),
            Transfer.post("post1", "p2", 150).withMetadata(ref),
            Transfer.post("post1", "p1", 150),
            Transfer.voidPending("post1", "p1").withMetadata(ref),
            Transfer.voidPending("void3", "p3"),
            Transfer.voidPending("void3", "p2").withMetadata(ref),
            Transfer.post("void3", "p3").withMetadata(ref));
    for (Transfer variant : variants) {
      rejects(TransferResult.EXISTS_WITH_DIFFERENT_FIELDS, variant);
    }
    for (Transfer original : List.of(single, pending, post, voided)) {
      rejects(TransferResult.EXISTS, original);
    }
    assertBalances("a", 400, 250, 0, 0);
  }

  @Test
  void emptyMetadataIsTheSameAsNone() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.single("t1", "a", "b", 100, "trade").withMetadata(Map.of()));
    ok(Transfer.single("t2", "a", "b", 100, "trade"));
    rejects(TransferResult.EXISTS, Transfer.single("t1", "a", "b", 100, "trade"));
    rejects(
        TransferResult.EXISTS,
        Transfer.single("t2", "a", "b", 100, "trade").withMetadata(new HashMap<>()));
    assertThat(ledger.transfer("t1").orElseThrow().transfer().metadata()).isEmpty();
  }

  @Test
  void metadataIsRecordedAsGiven() {
    createAccounts(usd("a"), usd("b"));
    Map<String, String> metadata =
        Map.of("payment", "pi_1=2&3", "order", "caf\u00e9 #7", "empty", "");
    ok(Transfer.single("t1", "a", "b", 100, "trade").withMetadata(metadata));
    assertThat(ledger.transfer("t1").orElseThrow().transfer().metadata()).isEqualTo(metadata);
    rejects(
        TransferResult.EXISTS,
        Transfer.single("t1", "a", "b", 100, "trade").withMetadata(metadata));
  }

  @Test
  void aPostReplayedWithItsOmittedAmountMadeExplicitAnswersExists() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "hold"));
    ok(Transfer.pending("p2", "a", "b", 400, "hold"));
    ok(Transfer.pending("p3", "a", "b", 400, "hold"));
    ok(Transfer.post("post1", "p1"));
    ok(Transfer.post("post2", "p2", 400));
    ok(Transfer.post("post3", "p3", 150));
    rejects(TransferResult.EXISTS, Transfer.post("post1", "p1", 400));
    rejects(TransferResult.EXISTS, Transfer.post("post2", "p2"));
    rejects(TransferResult.EXISTS_WITH_DIFFERENT_FIELDS, Transfer.post("post3", "p3"));
    assertThat(ledger.transfer("post1").orElseThrow().transfer().amount()).isEqualTo(400L);
  }

  @Test
  void theIdOfAFailedTransferIsNotRecordedAndIsJudgedAfresh() {
    createAccounts(usd("bank"), capped("cash"), usd("payouts"));
    rejects(
        TransferResult.EXCEEDS_CREDITS,
        Transfer.single("t1", "cash", "payouts", 100, "withdrawal"));
    rejects(
        TransferResult.ACCOUNT_NOT_FOUND,
        Transfer.single("t1", "cash", "missing", 100, "withdrawal"));
    fund("cash", 100);
    ok(Transfer.single("t1", "cash", "payouts", 100, "withdrawal"));
    rejects(TransferResult.EXISTS, Transfer.single("t1", "cash", "payouts", 100, "withdrawal"));
    rejects(TransferResult.PENDING_NOT_FOUND, Transfer.post("t2", "p1"));
    ok(Transfer.pending("t2", "bank", "payouts", 5, "hold"));
    assertThat(ledger.pendingStatus("t2")).contains(PendingStatus.PENDING);
  }
}
