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
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every ledger contract class shares: the test's {@link ManualClock} and ledger, made fresh
 * before each test by {@link #newLedger(Clock)}, and the helpers the contracts assert with.
 *
 * <p>Each test calls {@link #newLedger(Clock)} once, with a {@link ManualClock} that starts at
 * {@link #START} and moves only when the test moves it; the ledger must read time (for
 * pending-transfer timeouts) from that clock alone, and must hold no account or transfer of an
 * earlier test (a database-backed adapter uses a fresh schema per call, or empties its tables). The
 * tests rely only on ledger timestamps being unique and increasing in the order transfers were
 * applied, and on values the ledger returned, never on absolute timestamp values.
 */
public abstract class LedgerContractBase {
  /** Where every test's {@link ManualClock} starts. */
  protected static final Instant START = Instant.parse("2026-01-05T14:30:00Z");

  /** The clock of the current test's ledger. */
  protected ManualClock clock = new ManualClock(START);

  private final List<String> created = new ArrayList<>();

  /** The current test's ledger, made by {@link #newLedger(Clock)} before each test. */
  @SuppressWarnings("NullAway.Init")
  protected Ledger ledger;

  /** Creates the contract; the ledger is made before each test. */
  protected LedgerContractBase() {}

  /**
   * Returns a new ledger without any account or transfer, reading time from {@code clock}.
   *
   * @param clock the test's clock; the ledger must read time from it alone
   * @return an empty ledger
   */
  protected abstract Ledger newLedger(Clock clock);

  @BeforeEach
  void setUpLedger() {
    created.clear();
    funding = 0;
    clock = new ManualClock(START);
    ledger = newLedger(clock);
  }

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
    assertThat(ledger.createAccounts(List.of(accounts)))
        .as("creating accounts")
        .containsOnly(AccountResult.OK);
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
   * balance of an account created through {@link #createAccounts} and recorded nothing under its
   * id.
   */
  protected void rejects(TransferResult expected, Transfer transfer) {
    List<long[]> before = snapshot();
    Optional<RecordedTransfer> recorded = ledger.transfer(transfer.id());
    assertThat(apply(transfer)).as("transfer '%s'", transfer.id()).isEqualTo(expected);
    assertThat(snapshot())
        .as("balances after refused transfer '%s'", transfer.id())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(before);
    assertThat(ledger.transfer(transfer.id()))
        .as("record of refused transfer '%s'", transfer.id())
        .isEqualTo(recorded);
  }

  /** Returns the four balances of every account created through {@link #createAccounts}. */
  protected List<long[]> snapshot() {
    List<long[]> all = new ArrayList<>();
    for (String id : created) {
      AccountBalances b = ledger.balances(id).orElseThrow();
      all.add(
          new long[] {b.debitsPending(), b.debitsPosted(), b.creditsPending(), b.creditsPosted()});
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
      String accountId,
      long debitsPending,
      long debitsPosted,
      long creditsPending,
      long creditsPosted) {
    AccountBalances balances =
        ledger
            .balances(accountId)
            .orElseThrow(() -> new AssertionError("no balances for account " + accountId));
    assertFour(balances, accountId, debitsPending, debitsPosted, creditsPending, creditsPosted);
  }

  /** Asserts the four balances of {@code balances}. */
  protected static void assertFour(
      AccountBalances balances,
      String accountId,
      long debitsPending,
      long debitsPosted,
      long creditsPending,
      long creditsPosted) {
    assertThat(balances.accountId()).isEqualTo(accountId);
    assertThat(
            new long[] {
              balances.debitsPending(),
              balances.debitsPosted(),
              balances.creditsPending(),
              balances.creditsPosted()
            })
        .as(
            "balances of %s [debitsPending, debitsPosted, creditsPending, creditsPosted]",
            accountId)
        .containsExactly(debitsPending, debitsPosted, creditsPending, creditsPosted);
  }

  /** Asserts what a recorded transfer resolved to. */
  protected static void assertRecorded(
      RecordedTransfer recorded,
      String debitAccountId,
      String creditAccountId,
      long amount,
      String code,
      Instant createdAt) {
    assertThat(recorded.debitAccountId())
        .as("debit account of %s", recorded.id())
        .isEqualTo(debitAccountId);
    assertThat(recorded.creditAccountId())
        .as("credit account of %s", recorded.id())
        .isEqualTo(creditAccountId);
    assertThat(recorded.amount()).as("amount of %s", recorded.id()).isEqualTo(amount);
    assertThat(recorded.code()).as("code of %s", recorded.id()).isEqualTo(code);
    assertThat(recorded.createdAt()).as("createdAt of %s", recorded.id()).isEqualTo(createdAt);
  }

  /** Asserts that {@code call} throws a {@link SpeedTradeException} with {@code code}. */
  protected static void assertThrowsCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  /** Returns null typed as a list, for the malformed-call tests. */
  @SuppressWarnings({"NullAway", "DataFlowIssue"})
  protected static <T> List<T> nullList() {
    return null;
  }
}
