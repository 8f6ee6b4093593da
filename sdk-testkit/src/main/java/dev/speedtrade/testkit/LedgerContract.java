package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferKind;
import dev.speedtrade.ledger.TransferResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link Ledger} ({@code docs/ledger-contract.md}) as JUnit 5 tests: every result code
 * and its precedence, pending transfers with timeouts, linked chains, idempotency, balance limits,
 * overflow, reads, and the guarantees under concurrent writers.
 *
 * <p>An adapter proves it keeps the contract by extending this class in its own tests and returning
 * a new, empty ledger from {@link #newLedger(Clock)}:
 *
 * <pre>
 * class MyLedgerContractTest extends LedgerContract {
 *   &#64;Override
 *   protected Ledger newLedger(Clock clock) {
 *     return new MyLedger(clock);
 *   }
 * }
 * </pre>
 *
 * <p>Each test calls {@link #newLedger(Clock)} once, with a {@link ManualClock} that starts at {@link
 * #START} and moves only when the test moves it; the ledger must read time (for pending-transfer
 * timeouts) from that clock alone, and must hold no account or transfer of an earlier test (a
 * database-backed adapter uses a fresh schema per call, or empties its tables). The tests rely only on
 * ledger timestamps being unique and increasing in the order transfers were applied, and on values the
 * ledger returned, never on absolute timestamp values. The concurrency test's size can be tuned by
 * overriding {@link #concurrentThreads()} and {@link #operationsPerThread()}; a store that needs
 * connections sizes its pool for {@link #concurrentThreads()} plus a few.
 */
public abstract class LedgerContract {
  /** Where every test's {@link ManualClock} starts. */
  protected static final Instant START = Instant.parse("2026-01-05T14:30:00Z");

  /** The clock of the current test's ledger. */
  protected ManualClock clock = new ManualClock(START);
  private final List<String> created = new ArrayList<>();

  /** The current test's ledger, made by {@link #newLedger(Clock)} before each test. */
  @SuppressWarnings("NullAway.Init")
  protected Ledger ledger;

  /** Creates the contract; the ledger is made before each test. */
  protected LedgerContract() {}

  /**
   * Returns a new ledger without any account or transfer, reading time from {@code clock}.
   *
   * @param clock the test's clock; the ledger must read time from it alone
   * @return an empty ledger
   */
  protected abstract Ledger newLedger(Clock clock);

  /**
   * Returns how many threads the concurrency test runs.
   *
   * @return 16 unless overridden
   */
  protected int concurrentThreads() {
    return 16;
  }

  /**
   * Returns how many operations each thread of the concurrency test makes.
   *
   * @return 1500 unless overridden
   */
  protected int operationsPerThread() {
    return 1500;
  }
  /**
   * Returns the ledger that worker {@code worker} of the concurrency test writes through: {@code
   * ledger}, the test's own, unless overridden. A store shared by several processes overrides it to
   * spread the workers over several instances on separate connection pools, as separate hosts would
   * be; the guarantees are then checked across all of them.
   *
   * @param worker the worker's number, from 0
   * @param ledger the ledger {@link #newLedger(Clock)} made for this test
   */
  protected Ledger ledgerForWorker(int worker, Ledger ledger) {
    return ledger;
  }


  @BeforeEach
  void setUpLedger() {
    created.clear();
    funding = 0;
    clock = new ManualClock(START);
    ledger = newLedger(clock);
  }

  // ------------------------------------------------------------------ accounts

  @Test
  void aNewAccountIsReadableWithZeroBalances() {
    LedgerAccount cash = LedgerAccount.of("user:1:cash", "USD", "user_cash",
        AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    assertThat(ledger.createAccounts(List.of(cash, LedgerAccount.of("bank", "MXN", "platform_bank"))))
        .containsExactly(AccountResult.OK, AccountResult.OK);
    assertThat(ledger.account("user:1:cash")).contains(cash);
    assertBalances("user:1:cash", 0, 0, 0, 0);
    assertBalances("bank", 0, 0, 0, 0);
    assertThat(ledger.account("nobody")).isEmpty();
    assertThat(ledger.balances("nobody")).isEmpty();
  }

  @Test
  void eachAccountOfABatchIsJudgedOnItsOwn() {
    assertThat(ledger.createAccounts(List.of(usd("a"), LedgerAccount.of("b", "usd", "x"), usd("c"))))
        .containsExactly(AccountResult.OK, AccountResult.INVALID_CURRENCY, AccountResult.OK);
    assertThat(ledger.account("a")).isPresent();
    assertThat(ledger.account("b")).isEmpty();
    assertThat(ledger.account("c")).isPresent();
  }

  @Test
  void recreatingAnAccountWithTheSameFieldsAnswersExists() {
    LedgerAccount cash = LedgerAccount.of("cash", "USD", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    createAccounts(cash, usd("bank"));
    fund("cash", 500);
    assertThat(ledger.createAccounts(List.of(
        new LedgerAccount("cash", "USD", "user_cash", EnumSet.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)))))
        .containsExactly(AccountResult.EXISTS);
    assertBalances("cash", 0, 0, 0, 500);
  }

  @Test
  void recreatingAnAccountWithOtherCurrencyTypeOrFlagsAnswersExistsWithDifferentFields() {
    LedgerAccount cash = LedgerAccount.of("cash", "USD", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    createAccounts(cash);
    assertThat(ledger.createAccounts(List.of(
        LedgerAccount.of("cash", "MXN", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS),
        LedgerAccount.of("cash", "USD", "user_unsettled", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS),
        LedgerAccount.of("cash", "USD", "user_cash"),
        LedgerAccount.of("cash", "USD", "user_cash", AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS))))
        .containsOnly(AccountResult.EXISTS_WITH_DIFFERENT_FIELDS)
        .hasSize(4);
    assertThat(ledger.account("cash")).contains(cash);
  }

  @Test
  void anAccountIdMustBeOneTo128AllowedCharacters() {
    String longest = "aZ09:._-".repeat(16);
    assertThat(longest).hasSize(128);
    List<String> invalid = List.of("", "x".repeat(129), "user 1", "user/1", "caf\u00e9", "\u0430");
    for (String id : invalid) {
      assertThat(ledger.createAccounts(List.of(LedgerAccount.of(id, "USD", "x"))))
          .as("id '%s'", id).containsExactly(AccountResult.INVALID_ID);
      assertThat(ledger.account(id)).isEmpty();
    }
    assertThat(ledger.createAccounts(List.of(LedgerAccount.of(longest, "USD", "x"))))
        .containsExactly(AccountResult.OK);
    assertThat(ledger.account(longest)).isPresent();
  }

  @Test
  void anAccountCurrencyMustBeAnUpperCaseIsoCode() {
    assertThat(ledger.createAccounts(List.of(
        LedgerAccount.of("a", "usd", "x"), LedgerAccount.of("b", "ABC", "x"),
        LedgerAccount.of("c", "US", "x"), LedgerAccount.of("d", "MXN", "x"))))
        .containsExactly(AccountResult.INVALID_CURRENCY, AccountResult.INVALID_CURRENCY,
            AccountResult.INVALID_CURRENCY, AccountResult.OK);
    assertThat(ledger.account("a")).isEmpty();
    assertThat(ledger.account("b")).isEmpty();
  }

  @Test
  void anAccountCannotCarryBothLimits() {
    assertThat(ledger.createAccounts(List.of(new LedgerAccount("a", "USD", "x",
        Set.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS, AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)))))
        .containsExactly(AccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE);
    assertThat(ledger.account("a")).isEmpty();
  }

  @Test
  void accountResultsFollowTheirPrecedence() {
    Set<AccountFlag> both =
        Set.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS, AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS);
    createAccounts(usd("taken"));
    assertThat(ledger.createAccounts(List.of(
        new LedgerAccount("bad id", "usd", "x", both),
        new LedgerAccount("taken", "usd", "x", Set.of()),
        new LedgerAccount("taken", "USD", "x", both),
        new LedgerAccount("taken", "usd", "x", both),
        new LedgerAccount("fresh", "usd", "x", both))))
        .containsExactly(AccountResult.INVALID_ID, AccountResult.EXISTS_WITH_DIFFERENT_FIELDS,
            AccountResult.EXISTS_WITH_DIFFERENT_FIELDS, AccountResult.EXISTS_WITH_DIFFERENT_FIELDS,
            AccountResult.INVALID_CURRENCY);
    assertThat(ledger.account("taken")).contains(usd("taken"));
    assertThat(ledger.account("fresh")).isEmpty();
  }

  @Test
  void theIdOfAFailedAccountStaysFree() {
    assertThat(ledger.createAccounts(List.of(LedgerAccount.of("a", "ABC", "x"), new LedgerAccount("b", "USD", "x",
        Set.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS, AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)))))
        .containsExactly(AccountResult.INVALID_CURRENCY, AccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE);
    assertThat(ledger.createAccounts(List.of(LedgerAccount.of("a", "MXN", "y"), usd("b"))))
        .containsExactly(AccountResult.OK, AccountResult.OK);
    assertThat(ledger.account("a")).contains(LedgerAccount.of("a", "MXN", "y"));
  }

  @Test
  void aNullAccountListOrElementThrowsInvalidAccountAndWritesNothing() {
    assertThrowsCode(ErrorCode.INVALID_ACCOUNT, () -> ledger.createAccounts(nullList()));
    assertThrowsCode(ErrorCode.INVALID_ACCOUNT,
        () -> ledger.createAccounts(Arrays.asList(usd("before"), null, usd("after"))));
    assertThat(ledger.account("before")).isEmpty();
    assertThat(ledger.account("after")).isEmpty();
    assertThat(ledger.createAccounts(List.of(usd("before")))).containsExactly(AccountResult.OK);
  }

  // ------------------------------------------------------------------ balances

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

  // ------------------------------------------------------------------ result codes

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
    rejects(TransferResult.AMOUNT_NOT_POSITIVE, Transfer.pending("t4", "a", "b", Long.MIN_VALUE, "x", 10));
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
    for (String target : List.of("missing", "s1", "post1", "void2", "bad id", "", "p".repeat(129))) {
      rejects(TransferResult.PENDING_NOT_FOUND, Transfer.post("post-" + target.length(), target));
      rejects(TransferResult.PENDING_NOT_FOUND, Transfer.post("postx-" + target.length(), target, 1));
      rejects(TransferResult.PENDING_NOT_FOUND, Transfer.voidPending("void-" + target.length(), target));
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
    rejects(TransferResult.AMOUNT_NOT_POSITIVE, Transfer.pending("t2", "missing", "missing", -3, "x"));
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
    rejects(TransferResult.EXISTS_WITH_DIFFERENT_FIELDS, Transfer.single("t1", "a", "missing", 5, "x"));
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
    createAccounts(usd("bank"), capped("c"), LedgerAccount.of("m", "MXN", "test"),
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
    createAccounts(capped("user"),
        LedgerAccount.of("limited", "USD", "test", AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.single("t1", "user", "limited", 1, "x"));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.pending("t2", "user", "limited", 1, "x"));
  }

  // ------------------------------------------------------------------ idempotency

  @Test
  void aReplayAnswersExistsAndChangesNothingEvenAfterBalancesMoved() {
    createAccounts(usd("bank"), capped("cash"), usd("payouts"));
    fund("cash", 100);
    Transfer spend = Transfer.single("spend", "cash", "payouts", 100, "withdrawal");
    ok(spend);
    RecordedTransfer recorded = ledger.transfer("spend").orElseThrow();
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.single("spend2", "cash", "payouts", 100, "withdrawal"));
    rejects(TransferResult.EXISTS, spend);
    assertThat(ledger.createTransfers(List.of(spend, spend))).containsExactly(TransferResult.EXISTS,
        TransferResult.EXISTS);
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
    List<Transfer> variants = List.of(
        Transfer.single("t1", "a", "b", 101, "trade").withMetadata(ref),
        Transfer.single("t1", "a", "b", 100, "fee").withMetadata(ref),
        Transfer.single("t1", "c", "b", 100, "trade").withMetadata(ref),
        Transfer.single("t1", "a", "c", 100, "trade").withMetadata(ref),
        Transfer.single("t1", "b", "a", 100, "trade").withMetadata(ref),
        Transfer.pending("t1", "a", "b", 100, "trade").withMetadata(ref),
        Transfer.single("t1", "a", "b", 100, "trade"),
        Transfer.single("t1", "a", "b", 100, "trade").withMetadata(Map.of("order", "o-2")),
        Transfer.single("t1", "a", "b", 100, "trade").withMetadata(Map.of("order", "o-1", "x", "y")),
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
    rejects(TransferResult.EXISTS, Transfer.single("t2", "a", "b", 100, "trade").withMetadata(new HashMap<>()));
    assertThat(ledger.transfer("t1").orElseThrow().transfer().metadata()).isEmpty();
  }

  @Test
  void metadataIsRecordedAsGiven() {
    createAccounts(usd("a"), usd("b"));
    Map<String, String> metadata = Map.of("payment", "pi_1=2&3", "order", "caf\u00e9 #7", "empty", "");
    ok(Transfer.single("t1", "a", "b", 100, "trade").withMetadata(metadata));
    assertThat(ledger.transfer("t1").orElseThrow().transfer().metadata()).isEqualTo(metadata);
    rejects(TransferResult.EXISTS, Transfer.single("t1", "a", "b", 100, "trade").withMetadata(metadata));
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
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.single("t1", "cash", "payouts", 100, "withdrawal"));
    rejects(TransferResult.ACCOUNT_NOT_FOUND, Transfer.single("t1", "cash", "missing", 100, "withdrawal"));
    fund("cash", 100);
    ok(Transfer.single("t1", "cash", "payouts", 100, "withdrawal"));
    rejects(TransferResult.EXISTS, Transfer.single("t1", "cash", "payouts", 100, "withdrawal"));
    rejects(TransferResult.PENDING_NOT_FOUND, Transfer.post("t2", "p1"));
    ok(Transfer.pending("t2", "bank", "payouts", 5, "hold"));
    assertThat(ledger.pendingStatus("t2")).contains(PendingStatus.PENDING);
  }

  // ------------------------------------------------------------------ expiry

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


  // ------------------------------------------------------------------ limits and overflow

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
    createAccounts(usd("x"), usd("y"),
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
    createAccounts(usd("bank"), capped("cash"), usd("payouts"), usd("y"),
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
    createAccounts(usd("bank"), capped("cash"), usd("payouts"), usd("x"),
        LedgerAccount.of("limited", "USD", "test", AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS));
    ok(Transfer.single("big", "bank", "cash", Long.MAX_VALUE, "deposit"));
    ok(Transfer.pending("p1", "cash", "payouts", Long.MAX_VALUE, "hold"));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.single("t1", "cash", "x", 1, "fee"));
    rejects(TransferResult.EXCEEDS_CREDITS, Transfer.single("t2", "cash", "x", Long.MAX_VALUE, "fee"));
    ok(Transfer.post("post1", "p1"));
    assertBalances("cash", 0, Long.MAX_VALUE, 0, Long.MAX_VALUE);
    ok(Transfer.single("big2", "limited", "x", Long.MAX_VALUE, "x"));
    ok(Transfer.pending("p2", "bank", "limited", Long.MAX_VALUE, "x"));
    rejects(TransferResult.EXCEEDS_DEBITS, Transfer.single("t3", "x", "limited", 1, "x"));
    rejects(TransferResult.EXCEEDS_DEBITS, Transfer.single("t4", "x", "limited", Long.MAX_VALUE, "x"));
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

  // ------------------------------------------------------------------ batches and linked chains

  @Test
  void aBatchAppliesTransfersInOrderEachSeeingThoseBefore() {
    createAccounts(usd("bank"), capped("cash"), usd("x"));
    assertThat(ledger.createTransfers(List.of(
        Transfer.single("t1", "cash", "x", 100, "fee"),
        Transfer.single("t2", "bank", "cash", 100, "deposit"),
        Transfer.single("t3", "cash", "x", 60, "fee"),
        Transfer.single("t4", "cash", "x", 41, "fee"),
        Transfer.single("t1", "cash", "x", 40, "fee"),
        Transfer.single("t1", "cash", "x", 40, "fee"),
        Transfer.single("t1", "cash", "x", 39, "fee"))))
        .containsExactly(TransferResult.EXCEEDS_CREDITS, TransferResult.OK, TransferResult.OK,
            TransferResult.EXCEEDS_CREDITS, TransferResult.OK, TransferResult.EXISTS,
            TransferResult.EXISTS_WITH_DIFFERENT_FIELDS);
    assertBalances("cash", 0, 100, 0, 100);
    assertThat(ledger.createTransfers(List.of(
        Transfer.pending("p1", "bank", "x", 10, "hold"),
        Transfer.post("post1", "p1", 4),
        Transfer.voidPending("void1", "p1"),
        Transfer.post("post2", "p9"),
        Transfer.pending("p9", "bank", "x", 7, "hold"),
        Transfer.voidPending("void9", "p9"))))
        .containsExactly(TransferResult.OK, TransferResult.OK, TransferResult.PENDING_ALREADY_POSTED,
            TransferResult.PENDING_NOT_FOUND, TransferResult.OK, TransferResult.OK);
    assertBalances("x", 0, 0, 0, 104);
  }

  @Test
  void aLinkedChainThatFailsAppliesNothingAndLeavesItsIdsFree() {
    createAccounts(usd("bank"), capped("cash"), usd("x"));
    List<Transfer> chain = List.of(
        Transfer.single("t1", "bank", "cash", 100, "deposit"),
        Transfer.pending("t2", "cash", "x", 30, "hold", 5),
        Transfer.post("t3", "t2", 10),
        Transfer.single("t4", "cash", "x", 91, "fee"),
        Transfer.single("bad id", "cash", "x", 0, "fee"),
        Transfer.single("t5", "bank", "cash", 100, "deposit"));
    List<long[]> before = snapshot();
    assertThat(ledger.createLinkedTransfers(chain)).containsExactly(TransferResult.LINKED_EVENT_FAILED,
        TransferResult.LINKED_EVENT_FAILED, TransferResult.LINKED_EVENT_FAILED, TransferResult.EXCEEDS_CREDITS,
        TransferResult.LINKED_EVENT_FAILED, TransferResult.LINKED_EVENT_FAILED);
    assertThat(snapshot()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(before);
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
    assertThat(ledger.createLinkedTransfers(List.of(
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
    assertThat(ledger.createLinkedTransfers(List.of(
        Transfer.single("t1", "a", "missing", 5, "x"),
        Transfer.single("bad id", "a", "a", 0, "x"),
        Transfer.post("t3", "nothing"))))
        .containsExactly(TransferResult.ACCOUNT_NOT_FOUND, TransferResult.LINKED_EVENT_FAILED,
            TransferResult.LINKED_EVENT_FAILED);
    assertThat(ledger.createLinkedTransfers(List.of(
        Transfer.single("t1", "a", "b", 5, "x"),
        Transfer.single("t1", "a", "b", 6, "x"))))
        .containsExactly(TransferResult.LINKED_EVENT_FAILED, TransferResult.EXISTS_WITH_DIFFERENT_FIELDS);
    assertThat(ledger.transfer("t1")).isEmpty();
    assertBalances("a", 0, 0, 0, 0);
  }

  @Test
  void aLinkedChainThatSucceedsAppliesEveryMemberInOrder() {
    createAccounts(usd("bank"), capped("cash"), usd("x"));
    assertThat(ledger.createLinkedTransfers(List.of(
        Transfer.single("t1", "bank", "cash", 100, "deposit"),
        Transfer.pending("p1", "cash", "x", 80, "hold", 60),
        Transfer.post("post1", "p1", 70),
        Transfer.pending("p2", "cash", "x", 30, "hold"),
        Transfer.voidPending("void2", "p2"),
        Transfer.single("t2", "cash", "x", 30, "fee"))))
        .containsOnly(TransferResult.OK).hasSize(6);
    assertBalances("cash", 0, 100, 0, 100);
    assertBalances("x", 0, 0, 0, 100);
    assertThat(ledger.pendingStatus("p1")).contains(PendingStatus.POSTED);
    assertThat(ledger.pendingStatus("p2")).contains(PendingStatus.VOIDED);
  }

  @Test
  void aRetriedChainCountsExistingMembersAsSuccessAndConverges() {
    createAccounts(usd("bank"), capped("cash"), usd("x"));
    assertThat(ledger.createLinkedTransfers(List.of(
        Transfer.single("t1", "bank", "cash", 100, "deposit"),
        Transfer.pending("p1", "cash", "x", 100, "hold"))))
        .containsExactly(TransferResult.OK, TransferResult.OK);
    List<Transfer> retried = List.of(
        Transfer.single("t1", "bank", "cash", 100, "deposit"),
        Transfer.pending("p1", "cash", "x", 100, "hold"),
        Transfer.post("post1", "p1"));
    assertThat(ledger.createLinkedTransfers(retried))
        .containsExactly(TransferResult.EXISTS, TransferResult.EXISTS, TransferResult.OK);
    assertThat(ledger.createLinkedTransfers(retried)).containsOnly(TransferResult.EXISTS).hasSize(3);
    assertBalances("cash", 0, 100, 0, 100);
    assertThat(ledger.createLinkedTransfers(List.of(
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
    assertThat(ledger.createLinkedTransfers(List.of(
        Transfer.post("post1", "p1", 60),
        Transfer.voidPending("void2", "p2"),
        Transfer.post("post3", "p2"))))
        .containsExactly(TransferResult.LINKED_EVENT_FAILED, TransferResult.LINKED_EVENT_FAILED,
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
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> ledger.createTransfers(Arrays.asList(first, null)));
    assertThrowsCode(ErrorCode.INVALID_TRANSFER,
        () -> ledger.createLinkedTransfers(Arrays.asList(first, null)));
    assertThat(ledger.transfer("t1")).isEmpty();
    assertBalances("a", 0, 0, 0, 0);
    ok(first);
  }

  // ------------------------------------------------------------------ reads

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
    assertThat(single.transfer()).isEqualTo(Transfer.single("s1", "cash", "payouts", 25, "fee").withMetadata(order));
    assertRecorded(single, "cash", "payouts", 25, "fee", START);
    assertThat(single.expiresAt()).isNull();

    RecordedTransfer pending = ledger.transfer("p1").orElseThrow();
    assertThat(pending.transfer())
        .isEqualTo(Transfer.pending("p1", "cash", "payouts", 400, "withdrawal", 60).withMetadata(order));
    assertRecorded(pending, "cash", "payouts", 400, "withdrawal", START.plusSeconds(3));
    assertThat(pending.expiresAt()).isEqualTo(START.plusSeconds(63));

    RecordedTransfer post = ledger.transfer("post1").orElseThrow();
    assertThat(post.transfer()).isEqualTo(Transfer.post("post1", "p1", 150).withMetadata(Map.of("payout", "po-9")));
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
  void timestampsAreUniqueAndIncreaseInTheOrderTransfersWereApplied() {
    createAccounts(usd("a"), usd("b"), usd("c"));
    ok(Transfer.single("t1", "a", "b", 1, "x"));
    assertThat(ledger.createTransfers(List.of(Transfer.pending("t2", "b", "c", 1, "x"),
        Transfer.single("t3", "c", "a", 1, "x"), Transfer.post("t4", "t2"))))
        .containsOnly(TransferResult.OK);
    assertThat(ledger.createLinkedTransfers(List.of(Transfer.single("t5", "a", "c", 1, "x"),
        Transfer.pending("t6", "a", "b", 1, "x"), Transfer.voidPending("t7", "t6"))))
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
      Transfer resolve = i % 2 == 0
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
    assertThat(ledger.transfers("cash", all.get(4).timestamp(), 3)).containsExactlyElementsOf(all.subList(5, 8));
    assertThat(ledger.transfers("cash", all.get(26).timestamp(), 5)).isEmpty();
    assertThat(ledger.transfers("cash", 0, 1)).containsExactly(all.get(0));
    assertThat(ledger.transfers("missing", 0, 10)).isEmpty();
  }

  @Test
  void aPageLimitOutsideOneToMaxPageThrowsInvalidArgument() {
    createAccounts(usd("a"));
    assertThrowsCode(ErrorCode.INVALID_ARGUMENT, () -> ledger.transfers("a", 0, 0));
    assertThrowsCode(ErrorCode.INVALID_ARGUMENT, () -> ledger.transfers("a", 0, Ledger.MAX_PAGE + 1));
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

  // ------------------------------------------------------------------ concurrency

  private static final int ACCOUNTS = 100;
  private static final int FLAGGED = 30;
  private static final long DEPOSIT = 1_000;
  private static final int WINDOW = 24;
  private static final long SEED = 20260105L;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void concurrentWritersKeepEveryGuarantee() throws InterruptedException {
    int threads = concurrentThreads();
    int operations = operationsPerThread();
    List<LedgerAccount> accounts = new ArrayList<>();
    accounts.add(usd("bank"));
    for (int i = 0; i < ACCOUNTS; i++) {
      accounts.add(i < FLAGGED ? capped(acct(i)) : usd(acct(i)));
    }
    createAccounts(accounts.toArray(new LedgerAccount[0]));
    List<Transfer> deposits = new ArrayList<>();
    for (int i = 0; i < FLAGGED; i++) {
      deposits.add(Transfer.single("deposit-" + i, "bank", acct(i), DEPOSIT, "deposit"));
    }
    assertThat(ledger.createTransfers(deposits)).containsOnly(TransferResult.OK);

    int pool = Math.max(60, threads * operations / 2);
    int total = threads * operations;
    int chains = Math.max(20, pool / 8);
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean finished = new AtomicBoolean();
    Semaphore ticks = new Semaphore(0);
    CountDownLatch startGate = new CountDownLatch(1);

    Thread advancer = new Thread(() -> {
      try {
        while (true) {
          ticks.acquire();
          if (finished.get()) {
            return;
          }
          clock.advance(Duration.ofSeconds(1));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException | Error e) {
        failures.add(e);
      }
    }, "ledger-contract-clock");
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int worker = t;
      Ledger host = ledgerForWorker(worker, ledger);
      workers.add(new Thread(() -> {
        List<Outcome> mine = new ArrayList<>();
        try {
          startGate.await();
          SplittableRandom random = new SplittableRandom(SEED + worker);
          for (int op = 0; op < operations; op++) {
            int choice = random.nextInt(100);
            if (choice < 75) {
              // Half the time an id near where the run has got to, which the other threads draw too.
              int k = choice < 40
                  ? (int) Math.min(pool - 1, (long) done.get() * (pool - WINDOW) / total + random.nextInt(WINDOW))
                  : random.nextInt(pool);
              Transfer transfer = poolTransfer(k, random.nextInt(20) == 0);
              record(mine, List.of(transfer), host.createTransfers(List.of(transfer)));
            } else if (choice < 80) {
              List<Transfer> batch = List.of(poolTransfer(random.nextInt(pool), false),
                  poolTransfer(random.nextInt(pool), false), poolTransfer(random.nextInt(pool), false));
              record(mine, batch, host.createTransfers(batch));
            } else if (choice < 96) {
              List<Transfer> chain = chain(random.nextInt(chains));
              record(mine, chain, host.createLinkedTransfers(chain));
            } else {
              String id = acct(random.nextInt(FLAGGED));
              AccountBalances b = host.balances(id).orElseThrow();
              if (b.debitsPending() + b.debitsPosted() > b.creditsPosted()) {
                violations.add(b.toString());
              }
            }
            if (done.incrementAndGet() % 50 == 0) {
              ticks.release();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failures.add(e);
        } catch (RuntimeException | Error e) {
          failures.add(e);
        } finally {
          outcomes.addAll(mine);
        }
      }, "ledger-contract-" + t));
    }
    workers.forEach(Thread::start);
    advancer.start();
    startGate.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    finished.set(true);
    ticks.release();
    advancer.join();
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError(failures.size() + " concurrent callers failed", failures.peek());
      failures.stream().skip(1).limit(5).forEach(error::addSuppressed);
      throw error;
    }
    assertThat(violations).as("flagged balances read during the run that broke their limit").isEmpty();
    checkAfterConcurrentRun(List.copyOf(outcomes), deposits);
  }

  private void checkAfterConcurrentRun(List<Outcome> outcomes, List<Transfer> deposits) {
    List<String> accountIds = new ArrayList<>();
    accountIds.add("bank");
    for (int i = 0; i < ACCOUNTS; i++) {
      accountIds.add(acct(i));
    }
    accountIds.forEach(id -> ledger.balances(id));
    Map<String, AccountBalances> balances = new HashMap<>();
    long debitsPosted = 0;
    long creditsPosted = 0;
    long debitsPending = 0;
    long creditsPending = 0;
    for (String id : accountIds) {
      AccountBalances b = ledger.balances(id).orElseThrow();
      balances.put(id, b);
      debitsPosted += b.debitsPosted();
      creditsPosted += b.creditsPosted();
      debitsPending += b.debitsPending();
      creditsPending += b.creditsPending();
    }
    assertThat(debitsPosted).as("sum of debits posted").isEqualTo(creditsPosted);
    assertThat(debitsPending).as("sum of debits pending").isEqualTo(creditsPending);
    for (int i = 0; i < FLAGGED; i++) {
      AccountBalances b = balances.get(acct(i));
      assertThat(b.debitsPending() + b.debitsPosted()).as("debits of flagged %s", b.accountId())
          .isLessThanOrEqualTo(b.creditsPosted());
    }

    Map<String, Integer> okCounts = new HashMap<>();
    Map<TransferResult, Integer> byResult = new EnumMap<>(TransferResult.class);
    for (Outcome outcome : outcomes) {
      byResult.merge(outcome.result(), 1, Integer::sum);
      if (outcome.result() == TransferResult.OK) {
        okCounts.merge(outcome.id(), 1, Integer::sum);
      }
    }
    assertThat(byResult).as("results of the run: %s", byResult).containsKeys(TransferResult.OK, TransferResult.EXISTS);
    assertThat(okCounts.entrySet()).as("ids answered OK more than once")
        .filteredOn(entry -> entry.getValue() > 1).isEmpty();

    Map<String, RecordedTransfer> recorded = new HashMap<>();
    for (String id : accountIds) {
      long[] implied = new long[4];
      long after = 0;
      while (true) {
        List<RecordedTransfer> page = ledger.transfers(id, after, Ledger.MAX_PAGE);
        if (page.isEmpty()) {
          break;
        }
        for (RecordedTransfer transfer : page) {
          assertThat(transfer.timestamp()).as("page order of %s", id).isGreaterThan(after);
          after = transfer.timestamp();
          RecordedTransfer previous = recorded.putIfAbsent(transfer.id(), transfer);
          assertThat(previous == null || previous.equals(transfer)).as("transfer %s read twice alike", transfer.id())
              .isTrue();
          addImplied(implied, id, transfer);
        }
      }
      AccountBalances b = balances.get(id);
      assertThat(new long[] {b.debitsPending(), b.debitsPosted(), b.creditsPending(), b.creditsPosted()})
          .as("balances of %s against its transfers [dp, dpo, cp, cpo]", id).containsExactly(implied);
    }
    Set<String> expectedIds = new HashSet<>(okCounts.keySet());
    deposits.forEach(deposit -> expectedIds.add(deposit.id()));
    assertThat(recorded.keySet()).as("transfers recorded vs answered OK").isEqualTo(expectedIds);
    for (String id : okCounts.keySet()) {
      assertThat(ledger.transfer(id)).as("transfer %s", id).contains(recorded.get(id));
    }

    Map<String, List<RecordedTransfer>> resolutions = new HashMap<>();
    for (RecordedTransfer transfer : recorded.values()) {
      String pendingId = transfer.transfer().pendingId();
      if (pendingId != null) {
        resolutions.computeIfAbsent(pendingId, key -> new ArrayList<>()).add(transfer);
      }
    }
    Instant now = clock.instant();
    for (RecordedTransfer transfer : recorded.values()) {
      if (transfer.kind() != TransferKind.PENDING) {
        continue;
      }
      List<RecordedTransfer> resolvedBy = resolutions.getOrDefault(transfer.id(), List.of());
      PendingStatus status = ledger.pendingStatus(transfer.id()).orElseThrow();
      Instant expiresAt = transfer.expiresAt();
      switch (status) {
        case POSTED -> {
          assertThat(resolvedBy).as("resolutions of %s", transfer.id()).hasSize(1);
          assertThat(resolvedBy.get(0).kind()).isEqualTo(TransferKind.POST);
          assertThat(resolvedBy.get(0).amount()).isBetween(1L, transfer.amount());
        }
        case VOIDED -> {
          assertThat(resolvedBy).as("resolutions of %s", transfer.id()).hasSize(1);
          assertThat(resolvedBy.get(0).kind()).isEqualTo(TransferKind.VOID);
        }
        case EXPIRED -> {
          assertThat(resolvedBy).as("resolutions of %s", transfer.id()).isEmpty();
          assertThat(expiresAt).as("expiry of %s", transfer.id()).isNotNull();
          assertThat(now).as("expiry of %s", transfer.id()).isAfterOrEqualTo(expiresAt);
        }
        case PENDING -> {
          assertThat(resolvedBy).as("resolutions of %s", transfer.id()).isEmpty();
          if (expiresAt != null) {
            assertThat(now).as("expiry of %s", transfer.id()).isBefore(expiresAt);
          }
        }
        default -> throw new AssertionError("unknown status " + status);
      }
    }
  }

  /** Adds what {@code transfer} contributes to {@code accountId}'s four balances, as its pending status says. */
  private void addImplied(long[] implied, String accountId, RecordedTransfer transfer) {
    boolean debit = transfer.debitAccountId().equals(accountId);
    boolean credit = transfer.creditAccountId().equals(accountId);
    switch (transfer.kind()) {
      case SINGLE, POST -> {
        implied[1] += debit ? transfer.amount() : 0;
        implied[3] += credit ? transfer.amount() : 0;
      }
      case PENDING -> {
        if (ledger.pendingStatus(transfer.id()).orElseThrow() == PendingStatus.PENDING) {
          implied[0] += debit ? transfer.amount() : 0;
          implied[2] += credit ? transfer.amount() : 0;
        }
      }
      case VOID -> {
        // A void only releases its pending transfer's reservation.
      }
      default -> throw new AssertionError("unknown kind " + transfer.kind());
    }
  }

  private static void record(List<Outcome> into, List<Transfer> transfers, List<TransferResult> results) {
    assertThat(results).hasSameSizeAs(transfers);
    for (int i = 0; i < results.size(); i++) {
      into.add(new Outcome(transfers.get(i).id(), results.get(i)));
    }
  }

  private static String acct(int index) {
    return String.format(Locale.ROOT, "acct-%02d", index);
  }

  /**
   * Returns the transfer of the shared pool's id number {@code k}: the same fields every time (so that
   * concurrent duplicates are true replays), unless {@code variant}, which changes one field. In each
   * ten ids, four are singles, three pendings (a third of them with a 1-5 s timeout), two posts and a
   * void of those pendings.
   */
  private static Transfer poolTransfer(int k, boolean variant) {
    SplittableRandom r = new SplittableRandom(SEED * 31 + k);
    String id = "c-" + k;
    int debit = r.nextInt(ACCOUNTS);
    int credit = (debit + 1 + r.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    long amount = 1 + r.nextInt(500) + (variant ? 1 : 0);
    int decade = k - k % 10;
    String pendingId = "c-" + (decade + 4 + r.nextInt(3));
    int slot = k % 10;
    if (slot < 4) {
      return Transfer.single(id, acct(debit), acct(credit), amount, "trade");
    } else if (slot < 7) {
      return r.nextInt(3) == 0
          ? Transfer.pending(id, acct(debit), acct(credit), amount, "hold", 1 + r.nextInt(5))
          : Transfer.pending(id, acct(debit), acct(credit), amount, "hold");
    } else if (slot < 9) {
      return r.nextBoolean() && !variant ? Transfer.post(id, pendingId) : Transfer.post(id, pendingId, amount);
    } else {
      return variant ? Transfer.voidPending(id, "c-" + (decade + 7)) : Transfer.voidPending(id, pendingId);
    }
  }

  /** Returns linked chain number {@code j} of the shared pool: 2-4 members, the same every time. */
  private static List<Transfer> chain(int j) {
    SplittableRandom r = new SplittableRandom(SEED * 17 + j);
    int length = 2 + r.nextInt(3);
    List<Transfer> chain = new ArrayList<>();
    String lastPending = null;
    for (int m = 0; m < length; m++) {
      String id = "L-" + j + "-" + m;
      if (lastPending != null && r.nextBoolean()) {
        chain.add(r.nextBoolean() ? Transfer.post(id, lastPending) : Transfer.voidPending(id, lastPending));
        lastPending = null;
        continue;
      }
      int debit = r.nextInt(ACCOUNTS);
      int credit = (debit + 1 + r.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
      long amount = 1 + r.nextInt(300);
      if (r.nextInt(3) == 0) {
        chain.add(r.nextBoolean()
            ? Transfer.pending(id, acct(debit), acct(credit), amount, "hold", 1 + r.nextInt(5))
            : Transfer.pending(id, acct(debit), acct(credit), amount, "hold"));
        lastPending = id;
      } else {
        chain.add(Transfer.single(id, acct(debit), acct(credit), amount, "trade"));
      }
    }
    return chain;
  }

  /** What one transfer of the concurrency test answered. */
  private record Outcome(String id, TransferResult result) {}

  // ------------------------------------------------------------------ helpers

  /** Returns a USD account without a limit, of type {@code test}. */
  protected static LedgerAccount usd(String id) {
    return LedgerAccount.of(id, "USD", "test");
  }

  /** Returns a USD account that may not be debited beyond its posted credits. */
  protected static LedgerAccount capped(String id) {
    return LedgerAccount.of(id, "USD", "test", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
  }

  /** Creates accounts, each of which must answer {@link AccountResult#OK}. */
  protected void createAccounts(LedgerAccount... accounts) {
    assertThat(ledger.createAccounts(List.of(accounts))).as("creating accounts").containsOnly(AccountResult.OK);
    for (LedgerAccount account : accounts) {
      created.add(account.id());
    }
  }

  /** Applies one transfer on its own and returns its result. */
  protected TransferResult apply(Transfer transfer) {
    List<TransferResult> results = ledger.createTransfers(List.of(transfer));
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  /** Applies one transfer, which must answer {@link TransferResult#OK}. */
  protected void ok(Transfer transfer) {
    assertThat(apply(transfer)).as("transfer %s", transfer.id()).isEqualTo(TransferResult.OK);
  }

  /**
   * Applies one transfer on its own, asserts it answers {@code expected}, and that it changed no
   * balance of an account created through {@link #createAccounts} and recorded nothing under its id.
   */
  protected void rejects(TransferResult expected, Transfer transfer) {
    List<long[]> before = snapshot();
    Optional<RecordedTransfer> recorded = ledger.transfer(transfer.id());
    assertThat(apply(transfer)).as("transfer '%s'", transfer.id()).isEqualTo(expected);
    assertThat(snapshot()).as("balances after refused transfer '%s'", transfer.id())
        .usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(before);
    assertThat(ledger.transfer(transfer.id())).as("record of refused transfer '%s'", transfer.id())
        .isEqualTo(recorded);
  }

  /** Returns the four balances of every account created through {@link #createAccounts}. */
  protected List<long[]> snapshot() {
    List<long[]> all = new ArrayList<>();
    for (String id : created) {
      AccountBalances b = ledger.balances(id).orElseThrow();
      all.add(new long[] {b.debitsPending(), b.debitsPosted(), b.creditsPending(), b.creditsPosted()});
    }
    return all;
  }

  private int funding;

  /** Credits {@code amount} to {@code accountId} from account {@code bank}, which must exist. */
  protected void fund(String accountId, long amount) {
    ok(Transfer.single("fund-" + (++funding), "bank", accountId, amount, "deposit"));
  }

  /** Asserts an account's four balances now. */
  protected void assertBalances(
      String accountId, long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {
    AccountBalances balances = ledger.balances(accountId).orElseThrow(
        () -> new AssertionError("no balances for account " + accountId));
    assertFour(balances, accountId, debitsPending, debitsPosted, creditsPending, creditsPosted);
  }

  /** Asserts the four balances of {@code balances}. */
  protected static void assertFour(AccountBalances balances, String accountId, long debitsPending,
      long debitsPosted, long creditsPending, long creditsPosted) {
    assertThat(balances.accountId()).isEqualTo(accountId);
    assertThat(new long[] {balances.debitsPending(), balances.debitsPosted(), balances.creditsPending(),
        balances.creditsPosted()})
        .as("balances of %s [debitsPending, debitsPosted, creditsPending, creditsPosted]", accountId)
        .containsExactly(debitsPending, debitsPosted, creditsPending, creditsPosted);
  }

  /** Asserts what a recorded transfer resolved to. */
  protected static void assertRecorded(RecordedTransfer recorded, String debitAccountId, String creditAccountId,
      long amount, String code, Instant createdAt) {
    assertThat(recorded.debitAccountId()).as("debit account of %s", recorded.id()).isEqualTo(debitAccountId);
    assertThat(recorded.creditAccountId()).as("credit account of %s", recorded.id()).isEqualTo(creditAccountId);
    assertThat(recorded.amount()).as("amount of %s", recorded.id()).isEqualTo(amount);
    assertThat(recorded.code()).as("code of %s", recorded.id()).isEqualTo(code);
    assertThat(recorded.createdAt()).as("createdAt of %s", recorded.id()).isEqualTo(createdAt);
  }

  /** Asserts that {@code call} throws a {@link SpeedTradeException} with {@code code}. */
  protected static void assertThrowsCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(SpeedTradeException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  /** Returns null typed as a list, for the malformed-call tests. */
  @SuppressWarnings({"NullAway", "DataFlowIssue"})
  private static <T> List<T> nullList() {
    return null;
  }
}
