package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract for reads: a transfer by id with what it resolved to, unique increasing
 * timestamps, an account's transfers paged in timestamp order, and balances as of a past timestamp.
 *
 * <p>Part of {@link LedgerContract}, which runs every ledger contract; extend this class alone to
 * run (and debug) just this feature against {@link #newLedger(java.time.Clock)}.
 */
public abstract class ReadContract extends LedgerContractBase {
  /** Creates the contract; the ledger is made before each test. */
  protected ReadContract() {}

  @Test
  void aTransferReadsBackWithWhatItResolvedTo() {
    createAccounts(usd("cash"), usd("payouts"));
    Map<String, String> order = Map.of("order", "o-1");
    ok(Transfer.single("s1", "cash", "payouts", 25, "fee").withMetadata(order));
    clock.advance(Duration.ofSeconds(3));
    ok(Transfer.pending("p1", "cash", "payouts", 400, "withdrawal", 60).withMetadata(order));
    ok(Transfer.pending("p2", "cash", "payouts", 300, "withdrawal"));
    ok(Transfer.pending("p3", "cash", "payouts", 200, "withdrawal"));
    clock.advance(Duration.ofSeconds(7));
    ok(Transfer.post("post1", "p1", 150).withMetadata(Map.of("payout", "po-9")));
    ok(Transfer.post("post2", "p2"));
    ok(Transfer.voidPending("void3", "p3"));

    RecordedTransfer single = ledger.transfer("s1").orElseThrow();
    assertThat(single.transfer())
        .isEqualTo(Transfer.single("s1", "cash", "payouts", 25, "fee").withMetadata(order));
    assertRecorded(single, "cash", "payouts", 25, "fee", START);
    assertThat(single.expiresAt()).isNull();

    RecordedTransfer pending = ledger.transfer("p1").orElseThrow();
    assertThat(pending.transfer())
        .isEqualTo(
            Transfer.pending("p1", "cash", "payouts", 400, "withdrawal", 60).withMetadata(order));
    assertRecorded(pending, "cash", "payouts", 400, "withdrawal", START.plusSeconds(3));
    assertThat(pending.expiresAt()).isEqualTo(START.plusSeconds(63));

    RecordedTransfer post = ledger.transfer("post1").orElseThrow();
    assertThat(post.transfer())
        .isEqualTo(Transfer.post("post1", "p1", 150).withMetadata(Map.of("payout", "po-9")));
    assertRecorded(post, "cash", "payouts", 150, "withdrawal", START.plusSeconds(10));
    assertThat(post.transfer().debitAccountId()).isNull();
    assertThat(post.transfer().code()).isNull();

    RecordedTransfer fullPost = ledger.transfer("post2").orElseThrow();
    assertThat(fullPost.transfer()).isEqualTo(Transfer.post("post2", "p2", 300));
    assertRecorded(fullPost, "cash", "payouts", 300, "withdrawal", START.plusSeconds(10));

    RecordedTransfer voided = ledger.transfer("void3").orElseThrow();
    assertThat(voided.transfer()).isEqualTo(Transfer.voidPending("void3", "p3"));
    assertRecorded(voided, "cash", "payouts", 200, "withdrawal", START.plusSeconds(10));
    assertThat(ledger.transfer("missing")).isEmpty();
  }

  @Test
  void transfersAppliedInOneCallReadBackAsRequested() {
    createAccounts(usd("cash"), usd("payouts"), usd("fees"));
    Map<String, String> order = Map.of("order", "o-7", "note", "a&b=c");
    List<Transfer> singles =
        List.of(
            Transfer.single("b1", "cash", "payouts", 25, "fee").withMetadata(order),
            Transfer.single("b2", "payouts", "fees", 7, "commission"),
            Transfer.single("b3", "fees", "cash", 1_000_000_000_000L, "refund"));
    assertThat(ledger.createTransfers(singles)).containsOnly(TransferResult.OK);
    clock.advance(Duration.ofSeconds(2));
    List<Transfer> mixed =
        List.of(
            Transfer.single("m1", "payouts", "cash", 3, "fee"),
            Transfer.pending("m2", "cash", "fees", 40, "hold", 60).withMetadata(order),
            Transfer.post("m3", "m2", 30));
    assertThat(ledger.createTransfers(mixed)).containsOnly(TransferResult.OK);

    for (Transfer transfer : singles) {
      RecordedTransfer recorded = ledger.transfer(transfer.id()).orElseThrow();
      assertThat(recorded.transfer()).isEqualTo(transfer);
      assertRecorded(
          recorded,
          Objects.requireNonNull(transfer.debitAccountId()),
          Objects.requireNonNull(transfer.creditAccountId()),
          Objects.requireNonNull(transfer.amount()),
          Objects.requireNonNull(transfer.code()),
          START);
      assertThat(recorded.expiresAt()).isNull();
    }
    assertThat(ledger.transfer("m1").orElseThrow().transfer()).isEqualTo(mixed.get(0));
    RecordedTransfer pending = ledger.transfer("m2").orElseThrow();
    assertThat(pending.transfer()).isEqualTo(mixed.get(1));
    assertThat(pending.expiresAt()).isEqualTo(START.plusSeconds(62));
    RecordedTransfer post = ledger.transfer("m3").orElseThrow();
    assertThat(post.transfer()).isEqualTo(mixed.get(2));
    assertRecorded(post, "cash", "fees", 30, "hold", START.plusSeconds(2));
    assertThat(ledger.createTransfers(singles)).containsOnly(TransferResult.EXISTS);
    assertThat(ledger.createTransfers(mixed)).containsOnly(TransferResult.EXISTS);
  }

  @Test
  void timestampsAreUniqueAndIncreaseInTheOrderTransfersWereApplied() {
    createAccounts(usd("a"), usd("b"), usd("c"));
    ok(Transfer.single("t1", "a", "b", 1, "x"));
    assertThat(
            ledger.createTransfers(
                List.of(
                    Transfer.pending("t2", "b", "c", 1, "x"),
                    Transfer.single("t3", "c", "a", 1, "x"),
                    Transfer.post("t4", "t2"))))
        .containsOnly(TransferResult.OK);
    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.single("t5", "a", "c", 1, "x"),
                    Transfer.pending("t6", "a", "b", 1, "x"),
                    Transfer.voidPending("t7", "t6"))))
        .containsOnly(TransferResult.OK);
    clock.advance(Duration.ofSeconds(1));
    ok(Transfer.single("t8", "b", "a", 1, "x"));
    long previous = Long.MIN_VALUE;
    for (String id : List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8")) {
      long timestamp = ledger.transfer(id).orElseThrow().timestamp();
      assertThat(timestamp).as("timestamp of %s", id).isGreaterThan(previous);
      previous = timestamp;
    }
    assertThat(ledger.balances("a").orElseThrow().timestamp())
        .isEqualTo(ledger.transfer("t8").orElseThrow().timestamp());
    assertThat(ledger.balances("c").orElseThrow().timestamp())
        .isEqualTo(ledger.transfer("t5").orElseThrow().timestamp());
  }

  @Test
  void anAccountsTransfersArePagedInTimestampOrder() {
    createAccounts(usd("bank"), usd("cash"), usd("other"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      ok(Transfer.single("in-" + i, "bank", "cash", 10 + i, "deposit"));
      ok(Transfer.single("elsewhere-" + i, "bank", "other", 1, "deposit"));
      ok(Transfer.pending("hold-" + i, "cash", "other", 1 + i, "hold"));
      expected.addAll(List.of("in-" + i, "hold-" + i));
      Transfer resolve =
          i % 2 == 0
              ? Transfer.post("post-" + i, "hold-" + i)
              : Transfer.voidPending("void-" + i, "hold-" + i);
      ok(resolve);
      expected.add(resolve.id());
    }
    assertThat(expected).hasSize(27);
    List<RecordedTransfer> all = new ArrayList<>();
    long after = 0;
    List<Integer> sizes = new ArrayList<>();
    while (true) {
      List<RecordedTransfer> page = ledger.transfers("cash", after, 10);
      if (page.isEmpty()) {
        break;
      }
      sizes.add(page.size());
      all.addAll(page);
      after = page.get(page.size() - 1).timestamp();
    }
    assertThat(sizes).containsExactly(10, 10, 7);
    assertThat(all).extracting(RecordedTransfer::id).containsExactlyElementsOf(expected);
    assertThat(all).extracting(RecordedTransfer::timestamp).isSorted().doesNotHaveDuplicates();
    assertThat(ledger.transfers("cash", 0, Ledger.MAX_PAGE)).containsExactlyElementsOf(all);
    assertThat(ledger.transfers("cash", all.get(4).timestamp(), 3))
        .containsExactlyElementsOf(all.subList(5, 8));
    assertThat(ledger.transfers("cash", all.get(26).timestamp(), 5)).isEmpty();
    assertThat(ledger.transfers("cash", 0, 1)).containsExactly(all.get(0));
    assertThat(ledger.transfers("missing", 0, 10)).isEmpty();
  }

  @Test
  void severalAccountsReadAtOnceAnswerAsEachReadAloneInOrder() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.single("t1", "a", "b", 7, "x"));
    ok(Transfer.pending("p1", "b", "a", 2, "x"));

    List<java.util.Optional<dev.speedtrade.ledger.AccountBalances>> read =
        ledger.balances(List.of("b", "missing", "a"));

    assertThat(read)
        .containsExactly(ledger.balances("b"), java.util.Optional.empty(), ledger.balances("a"));
    assertThat(ledger.balances(List.<String>of())).isEmpty();
    assertThrowsCode(
        ErrorCode.INVALID_ARGUMENT, () -> ledger.balances(LedgerContractBase.<String>nullList()));
    assertThrowsCode(
        ErrorCode.INVALID_ARGUMENT, () -> ledger.balances(java.util.Arrays.asList("a", null)));
  }

  @Test
  void aPageLimitOutsideOneToMaxPageThrowsInvalidArgument() {
    createAccounts(usd("a"));
    assertThrowsCode(ErrorCode.INVALID_ARGUMENT, () -> ledger.transfers("a", 0, 0));
    assertThrowsCode(
        ErrorCode.INVALID_ARGUMENT, () -> ledger.transfers("a", 0, Ledger.MAX_PAGE + 1));
    assertThrowsCode(ErrorCode.INVALID_ARGUMENT, () -> ledger.transfers("a", 0, -1));
    assertThat(Ledger.MAX_PAGE).isEqualTo(1000);
  }

  @Test
  void balancesAtReplaysAnAccountsHistory() {
    createAccounts(usd("bank"), usd("payouts"));
    ok(Transfer.single("early", "bank", "payouts", 1, "x"));
    long early = ledger.transfer("early").orElseThrow().timestamp();
    createAccounts(capped("cash"));
    long created = ledger.balances("cash").orElseThrow().timestamp();
    assertThat(created).isGreaterThan(early);
    fund("cash", 1_000);
    long funded = ledger.balances("cash").orElseThrow().timestamp();
    ok(Transfer.pending("p1", "cash", "payouts", 400, "withdrawal"));
    long reserved = ledger.transfer("p1").orElseThrow().timestamp();
    ok(Transfer.post("post1", "p1", 300));
    long posted = ledger.transfer("post1").orElseThrow().timestamp();
    ok(Transfer.pending("p2", "cash", "payouts", 100, "withdrawal", 10));
    long reservedAgain = ledger.transfer("p2").orElseThrow().timestamp();
    clock.advance(Duration.ofSeconds(10));
    AccountBalances now = ledger.balances("cash").orElseThrow();
    long expired = now.timestamp();
    assertThat(expired).isGreaterThan(reservedAgain);
    assertFour(now, "cash", 0, 300, 0, 1_000);

    assertThat(ledger.balancesAt("cash", early)).isEmpty();
    assertThat(ledger.balancesAt("cash", created - 1)).isEmpty();
    assertFour(ledger.balancesAt("cash", created).orElseThrow(), "cash", 0, 0, 0, 0);
    assertFour(ledger.balancesAt("cash", funded).orElseThrow(), "cash", 0, 0, 0, 1_000);
    assertFour(ledger.balancesAt("cash", reserved - 1).orElseThrow(), "cash", 0, 0, 0, 1_000);
    assertFour(ledger.balancesAt("cash", reserved).orElseThrow(), "cash", 400, 0, 0, 1_000);
    assertFour(ledger.balancesAt("payouts", reserved).orElseThrow(), "payouts", 0, 0, 400, 1);
    assertFour(ledger.balancesAt("cash", posted).orElseThrow(), "cash", 0, 300, 0, 1_000);
    assertFour(ledger.balancesAt("payouts", posted).orElseThrow(), "payouts", 0, 0, 0, 301);
    assertFour(ledger.balancesAt("cash", reservedAgain).orElseThrow(), "cash", 100, 300, 0, 1_000);
    assertFour(ledger.balancesAt("cash", expired - 1).orElseThrow(), "cash", 100, 300, 0, 1_000);
    assertFour(ledger.balancesAt("cash", expired).orElseThrow(), "cash", 0, 300, 0, 1_000);
    assertFour(ledger.balancesAt("payouts", expired).orElseThrow(), "payouts", 0, 0, 0, 301);
    assertFour(ledger.balancesAt("cash", Long.MAX_VALUE).orElseThrow(), "cash", 0, 300, 0, 1_000);
    assertThat(ledger.balancesAt("missing", Long.MAX_VALUE)).isEmpty();
  }
}
