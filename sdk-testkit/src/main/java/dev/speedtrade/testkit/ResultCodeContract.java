package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract for transfer result codes: each code on its own, and the precedence when
 * several apply.
 *
 * <p>Part of {@link LedgerContract}, which runs every ledger contract; extend this class alone to
 * run (and debug) just this feature against {@link #newLedger(java.time.Clock)}.
 */
public abstract class ResultCodeContract extends LedgerContractBase {
  /** Creates the contract; the ledger is made before each test. */
  protected ResultCodeContract() {}

  @Test
  void aTransferIdMustBeOneTo128AllowedCharacters() {
    createAccounts(usd("a"), usd("b"));
    for (String id : List.of("", "t".repeat(129), "t 1", "t/1", "caf\u00e9")) {
      rejects(TransferResult.INVALID_ID, Transfer.single(id, "a", "b", 5, "x"));
      rejects(TransferResult.INVALID_ID, Transfer.pending(id, "a", "b", 5, "x"));
    }
    String longest = "aZ09:._-".repeat(16);
    ok(Transfer.single(longest, "a", "b", 5, "x"));
    assertThat(ledger.transfer(longest)).isPresent();
    ok(Transfer.pending("p1", "a", "b", 5, "x"));
    rejects(TransferResult.INVALID_ID, Transfer.post("post 1", "p1"));
    rejects(TransferResult.INVALID_ID, Transfer.voidPending("void/1", "p1"));
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.PENDING);
  }

  @Test
  void anAmountMustBePositive() {
    createAccounts(usd("a"), usd("b"));
    rejects(TransferResult.AMOUNT_NOT_POSITIVE, Transfer.single("t1", "a", "b", 0, "x"));
    rejects(TransferResult.AMOUNT_NOT_POSITIVE, Transfer.single("t2", "a", "b", -5, "x"));
    rejects(TransferResult.AMOUNT_NOT_POSITIVE, Transfer.pending("t3", "a", "b", 0, "x"));
    rejects(
        TransferResult.AMOUNT_NOT_POSITIVE,
        Transfer.pending("t4", "a", "b", Long.MIN_VALUE, "x", 10));
    ok(Transfer.pending("p1", "a", "b", 5, "x"));
    rejects(TransferResult.AMOUNT_NOT_POSITIVE, Transfer.post("t5", "p1", 0));
    rejects(TransferResult.AMOUNT_NOT_POSITIVE, Transfer.post("t6", "p1", -1));
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.PENDING);
  }

  @Test
  void aTransferCannotDebitAndCreditTheSameAccount() {
    createAccounts(usd("a"));
    rejects(TransferResult.SAME_ACCOUNT, Transfer.single("t1", "a", "a", 5, "x"));
    rejects(TransferResult.SAME_ACCOUNT, Transfer.pending("t2", "a", "a", 5, "x"));
  }

  @Test
  void bothAccountsMustExistAndAMalformedAccountIdIsNotFound() {
    createAccounts(usd("a"));
    rejects(TransferResult.ACCOUNT_NOT_FOUND, Transfer.single("t1", "missing", "a", 5, "x"));
    rejects(TransferResult.ACCOUNT_NOT_FOUND, Transfer.single("t2", "a", "missing", 5, "x"));
    rejects(TransferResult.ACCOUNT_NOT_FOUND, Transfer.pending("t3", "a", "missing", 5, "x"));
    rejects(TransferResult.ACCOUNT_NOT_FOUND, Transfer.single("t4", "a", "bad id/", 5, "x"));
    rejects(TransferResult.ACCOUNT_NOT_FOUND, Transfer.single("t5", "", "a", 5, "x"));
  }

  @Test
  void bothAccountsMustHoldOneCurrency() {
    createAccounts(usd("a"), LedgerAccount.of("m", "MXN", "test"));
    rejects(TransferResult.CURRENCY_MISMATCH, Transfer.single("t1", "a", "m", 5, "x"));
    rejects(TransferResult.CURRENCY_MISMATCH, Transfer.pending("t2", "m", "a", 5, "x"));
  }

  @Test
  void postingOrVoidingAnythingButAPendingTransferAnswersPendingNotFound() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.single("s1", "a", "b", 5, "x"));
    ok(Transfer.pending("p1", "a", "b", 5, "x"));
    ok(Transfer.post("post1", "p1", 2));
    ok(Transfer.pending("p2", "a", "b", 5, "x"));
    ok(Transfer.voidPending("void2", "p2"));
    for (String target :
        List.of("missing", "s1", "post1", "void2", "bad id", "", "p".repeat(129))) {
      rejects(TransferResult.PENDING_NOT_FOUND, Transfer.post("post-" + target.length(), target));
      rejects(
          TransferResult.PENDING_NOT_FOUND, Transfer.post("postx-" + target.length(), target, 1));
      rejects(
          TransferResult.PENDING_NOT_FOUND,
          Transfer.voidPending("void-" + target.length(), target));
    }
  }

  @Test
  void aPostedPendingTransferCannotBeResolvedAgain() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "x"));
    ok(Transfer.post("post1", "p1", 100));
    rejects(TransferResult.PENDING_ALREADY_POSTED, Transfer.post("post2", "p1"));
    rejects(TransferResult.PENDING_ALREADY_POSTED, Transfer.post("post3", "p1", 300));
    rejects(TransferResult.PENDING_ALREADY_POSTED, Transfer.voidPending("void1", "p1"));
    assertBalances("a", 0, 100, 0, 0);
  }

  @Test
  void aVoidedPendingTransferCannotBeResolvedAgain() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "x"));
    ok(Transfer.voidPending("void1", "p1"));
    rejects(TransferResult.PENDING_ALREADY_VOIDED, Transfer.post("post1", "p1"));
    rejects(TransferResult.PENDING_ALREADY_VOIDED, Transfer.voidPending("void2", "p1"));
    assertBalances("a", 0, 0, 0, 0);
  }

  @Test
  void anExpiredPendingTransferCannotBeResolved() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "x", 60));
    clock.advance(Duration.ofSeconds(60));
    rejects(TransferResult.PENDING_EXPIRED, Transfer.post("post1", "p1"));
    rejects(TransferResult.PENDING_EXPIRED, Transfer.voidPending("void1", "p1"));
  }

  @Test
  void aPostCannotExceedThePendingAmount() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "x"));
    rejects(TransferResult.EXCEEDS_PENDING_AMOUNT, Transfer.post("post1", "p1", 401));
    rejects(TransferResult.EXCEEDS_PENDING_AMOUNT, Transfer.post("post2", "p1", Long.MAX_VALUE));
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.PENDING);
    ok(Transfer.post("post3", "p1", 400));
  }

  @Test
  void invalidIdPrecedesAmountNotPositive() {
    createAccounts(usd("a"), usd("b"));
    rejects(TransferResult.INVALID_ID, Transfer.single("bad id", "a", "a", 0, "x"));
    rejects(TransferResult.INVALID_ID, Transfer.single("", "missing", "other", -1, "x"));
  }

  @Test
  void amountNotPositivePrecedesSameAccount() {
    createAccounts(usd("a"));
    rejects(TransferResult.AMOUNT_NOT_POSITIVE, Transfer.single("t1", "a", "a", 0, "x"));
    rejects(
        TransferResult.AMOUNT_NOT_POSITIVE, Transfer.pending("t2", "missing", "missing", -3, "x"));
  }

  @Test
  void sameAccountPrecedesExists() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.single("t1", "a", "b", 5, "x"));
    rejects(TransferResult.SAME_ACCOUNT, Transfer.single("t1", "a", "a", 5, "x"));
  }

  @Test
  void existsPrecedesEveryLaterCheck() {
    createAccounts(usd("a"), usd("b"), LedgerAccount.of("m", "MXN", "test"), capped("c"));
    ok(Transfer.single("t1", "a", "b", 5, "x"));
    rejects(
        TransferResult.EXISTS_WITH_DIFFERENT_FIELDS, Transfer.single("t1", "a", "missing", 5, "x"));
    rejects(TransferResult.EXISTS_WITH_DIFFERENT_FIELDS, Transfer.single("t1", "a", "m", 5, "x"));
    rejects(TransferResult.EXISTS_WITH_DIFFERENT_FIELDS, Transfer.post("t1", "missing"));
    rejects(TransferResult.EXISTS_WITH_DIFFERENT_FIELDS, Transfer.single("t1", "c", "b", 5, "x"));
    ok(Transfer.pending("p1", "a", "b", 10, "x"));
    ok(Transfer.post("post1", "p1", 4));
    rejects(TransferResult.EXISTS_WITH_DIFFERENT_FIELDS, Transfer.post("post1", "p1", 11));
    rejects(TransferResult.EXISTS_WITH_DIFFERENT_FIELDS, Transfer.voidPending("post1", "p1"));
    assertThat(apply(Transfer.post("post1", "p1", 4))).isEqualTo(TransferResult.EXISTS);
  }

  @Test
  void accountNotFoundPrecedesCurrencyMismatch() {
    createAccounts(usd("a"), LedgerAccount.of("m", "MXN", "test"));
    rejects(TransferResult.ACCOUNT_NOT_FOUND, Transfer.single("t1", "missing", "m", 5, "x"));
    rejects(TransferResult.ACCOUNT_NOT_FOUND, Transfer.single("t2", "a", "missing", 5, "x"));
  }

  @Test
  void currencyMismatchPrecedesTheBalanceChecks() {
    createAccounts(
        usd("bank"),
        capped("c"),
        LedgerAccount.of("m", "MXN", "test"),
        LedgerAccount.of("mc", "MXN", "test", AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS));
    rejects(TransferResult.CURRENCY_MISMATCH, Transfer.single("t1", "c", "m", 5, "x"));
    rejects(TransferResult.CURRENCY_MISMATCH, Transfer.pending("t2", "bank", "mc", 5, "x"));
    ok(Transfer.single("big", "bank", "c", Long.MAX_VALUE, "x"));
    rejects(TransferResult.CURRENCY_MISMATCH, Transfer.single("t3", "m", "c", 1, "x"));
  }

  @Test
  void alreadyPostedOrVoidedPrecedesExpired() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "x", 10));
    ok(Transfer.pending("p2", "a", "b", 400, "x", 10));
    ok(Transfer.post("post1", "p1", 100));
    ok(Transfer.voidPending("void2", "p2"));
    clock.advance(Duration.ofSeconds(11));
    rejects(TransferResult.PENDING_ALREADY_POSTED, Transfer.post("post3", "p1"));
    rejects(TransferResult.PENDING_ALREADY_POSTED, Transfer.voidPending("void3", "p1"));
    rejects(TransferResult.PENDING_ALREADY_VOIDED, Transfer.post("post4", "p2"));
    rejects(TransferResult.PENDING_ALREADY_VOIDED, Transfer.voidPending("void4", "p2"));
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.POSTED);
    assertThat(ledger.pendingStatus("p2")).contains(PendingStatus.VOIDED);
  }

  @Test
  void alreadyPostedPrecedesExceedsPendingAmount() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "x"));
    ok(Transfer.post("post1", "p1"));
    rejects(TransferResult.PENDING_ALREADY_POSTED, Transfer.post("post2", "p1", 401));
    ok(Transfer.pending("p2", "a", "b", 400, "x"));
    ok(Transfer.voidPending("void2", "p2"));
    rejects(TransferResult.PENDING_ALREADY_VOIDED, Transfer.post("post3", "p2", 401));
  }

  @Test
  void expiredPrecedesExceedsPendingAmount() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p1", "a", "b", 400, "x", 30));
    clock.advance(Duration.ofSeconds(30));
    rejects(TransferResult.PENDING_EXPIRED, Transfer.post("post1", "p1", 401));
  }

  @Test
  void exceedsPendingAmountPrecedesOverflowAndAPostCanOverflow() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.single("big", "a", "b", Long.MAX_VALUE - 5, "x"));
    ok(Transfer.pending("p1", "a", "b", 10, "x"));
    rejects(TransferResult.EXCEEDS_PENDING_AMOUNT, Transfer.post("post1", "p1", 11));
    rejects(TransferResult.OVERFLOW, Transfer.post("post2", "p1", 10));
    rejects(TransferResult.OVERFLOW, Transfer.post("post3", "p1"));
    assertBalances("a", 10, Long.MAX_VALUE - 5, 0, 0);
    ok(Transfer.post("post4", "p1", 5));
    assertBalances("a", 0, Long.MAX_VALUE, 0, 0);
    assertBalances("b", 0, 0, 0, Long.MAX_VALUE);
  }

  @Test
  void overflowPrecedesExceedsCredits() {
    createAccounts(usd("bank"), usd("sink"), capped("user"));
    ok(Transfer.single("big", "bank", "sink", Long.MAX_VALUE, "x"));
    rejects(TransferResult.OVERFLOW, Transfer.single("t1", "user", "sink", 1, "x"));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.single("t2", "user", "bank", 1, "x"));
  }

  @Test
  void exceedsCreditsPrecedesExceedsDebits() {
    createAccounts(
        capped("user"),
        LedgerAccount.of("limited", "USD", "test", AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.single("t1", "user", "limited", 1, "x"));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.pending("t2", "user", "limited", 1, "x"));
  }
}
