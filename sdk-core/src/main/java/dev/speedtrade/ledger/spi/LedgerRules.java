package dev.speedtrade.ledger.spi;

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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Every rule of the ledger contract, applied to a {@link LedgerTransaction}: which result code a
 * transfer or account gets, in which precedence, and what an accepted one does to balances. Each
 * {@link Ledger} implementation supplies the state and the atomicity; the rules are the same for
 * all, so that an in-memory ledger and a database ledger answer alike. For implementors; hosts call
 * a {@link Ledger}.
 *
 * <p>A rule never changes state for a transfer it refuses, with one exception: a post or void that
 * finds its pending transfer past its timeout first records the expiry the implementation had not
 * yet swept.
 */
public final class LedgerRules {
  /** The longest id accepted for accounts and transfers. */
  public static final int MAX_ID_LENGTH = 128;

  /** The result list of a call of one transfer: one immutable list per result, by ordinal. */
  private static final List<List<TransferResult>> ALONE = alone();

  /** Whether each ASCII character may appear in an id. */
  private static final boolean[] ID_CHARACTERS = idCharacters();

  private LedgerRules() {}

  private static List<List<TransferResult>> alone() {
    List<List<TransferResult>> lists = new ArrayList<>();
    for (TransferResult result : TransferResult.values()) {
      lists.add(List.of(result));
    }
    return List.copyOf(lists);
  }

  private static boolean[] idCharacters() {
    boolean[] allowed = new boolean[128];
    for (char c = 'a'; c <= 'z'; c++) {
      allowed[c] = true;
      allowed[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      allowed[c] = true;
    }
    for (char c : ":._-".toCharArray()) {
      allowed[c] = true;
    }
    return allowed;
  }

  /** Returns true when {@code id} is 1 to 128 characters of {@code [A-Za-z0-9:._-]}. */
  public static boolean isValidId(@Nullable String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= ID_CHARACTERS.length || !ID_CHARACTERS[c]) {
        return false;
      }
    }
    return true;
  }

  /** Returns true when {@code code} is an upper-case ISO 4217 code that {@link Currency} knows. */
  public static boolean isValidCurrency(String code) {
    if (code.length() != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      char c = code.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Checks a call's list before any write: not null, no null element.
   *
   * @throws SpeedTradeException with {@code code}, naming the list or the null element
   */
  public static <T> void requireElements(@Nullable List<T> items, ErrorCode code, String what) {
    if (items == null) {
      throw new SpeedTradeException(code, what + " must not be null");
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        throw new SpeedTradeException(code, what + "[" + i + "] must not be null");
      }
    }
  }

  /** Creates one account and returns its result. */
  public static AccountResult createAccount(LedgerTransaction tx, LedgerAccount account) {
    if (!isValidId(account.id())) {
      return AccountResult.INVALID_ID;
    }
    LedgerAccount existing = tx.account(account.id());
    if (existing != null) {
      return existing.equals(account)
          ? AccountResult.EXISTS
          : AccountResult.EXISTS_WITH_DIFFERENT_FIELDS;
    }
    if (!isValidCurrency(account.currency())) {
      return AccountResult.INVALID_CURRENCY;
    }
    if (account.flags().size() > 1) {
      return AccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
    }
    tx.insertAccount(account, tx.nextTimestamp());
    return AccountResult.OK;
  }

  /**
   * Reads the ledger's clock for a call, the one way every implementation reads it: to the
   * microsecond (what a database keeps), and only from {@link Ledger#EARLIEST_INSTANT} to {@link
   * Ledger#LATEST_INSTANT}, since ledger timestamps may count nanoseconds in a {@code long}. Call
   * it before any write, so that a clock out of range refuses the call alike on every
   * implementation.
   *
   * @return the reading, truncated to microseconds
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} naming the reading and the range
   */
  public static Instant readClock(Clock clock) {
    Instant now = clock.instant();
    if (now.isBefore(Ledger.EARLIEST_INSTANT) || now.isAfter(Ledger.LATEST_INSTANT)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "the ledger's clock reads "
              + now
              + ", outside the ledger's range "
              + Ledger.EARLIEST_INSTANT
              + " to "
              + Ledger.LATEST_INSTANT);
    }
    return now.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Checks a read's id argument before the store sees it.
   *
   * @return {@code id}
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when it is null
   */
  public static String requireArgument(@Nullable String id, String what) {
    if (id == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
    }
    return id;
  }

  /** Applies transfers in order, each on its own, and returns their results. */
  public static List<TransferResult> applyEach(LedgerTransaction tx, List<Transfer> transfers) {
    if (transfers.size() == 1) {
      // A single transfer is the common call: its result list is one of the shared ones.
      return ALONE.get(apply(tx, transfers.get(0)).ordinal());
    }
    TransferResult[] results = new TransferResult[transfers.size()];
    for (int i = 0; i < results.length; i++) {
      results[i] = apply(tx, transfers.get(i));
    }
    return List.of(results);
  }

  /** Applies transfers as one linked chain, all or nothing, and returns their results. */
  public static List<TransferResult> applyChain(LedgerTransaction tx, List<Transfer> chain) {
    LedgerTransaction.Savepoint start = tx.savepoint();
    TransferResult[] results = new TransferResult[chain.size()];
    for (int i = 0; i < results.length; i++) {
      TransferResult result = apply(tx, chain.get(i));
      if (!result.isSuccess()) {
        tx.rollbackTo(start);
        Arrays.fill(results, TransferResult.LINKED_EVENT_FAILED);
        results[i] = result;
        return List.of(results);
      }
      results[i] = result;
    }
    return List.of(results);
  }

  /** Judges one transfer and, when it is {@link TransferResult#OK}, applies it. */
  public static TransferResult apply(LedgerTransaction tx, Transfer transfer) {
    if (!isValidId(transfer.id())) {
      return TransferResult.INVALID_ID;
    }
    Long amount = transfer.amount();
    if (amount != null && amount <= 0) {
      return TransferResult.AMOUNT_NOT_POSITIVE;
    }
    TransferKind kind = transfer.kind();
    boolean resolves = kind == TransferKind.POST || kind == TransferKind.VOID;
    if (!resolves && sameId(transfer.debitAccountId(), transfer.creditAccountId())) {
      return TransferResult.SAME_ACCOUNT;
    }
    RecordedTransfer pending = resolves ? pendingTransfer(tx, transfer.pendingId()) : null;
    Transfer normalized =
        kind == TransferKind.POST && amount == null && pending != null
            ? withAmount(transfer, pending.amount())
            : transfer;
    RecordedTransfer existing = tx.transfer(transfer.id());
    if (existing != null) {
      return existing.transfer().equals(normalized.withoutCurrency())
              && statesNoOtherCurrency(normalized, currencyOf(tx, existing))
          ? TransferResult.EXISTS
          : TransferResult.EXISTS_WITH_DIFFERENT_FIELDS;
    }
    return resolves ? resolve(tx, normalized, pending) : move(tx, normalized);
  }

  /**
   * {@link Objects#equals} for ids, comparing the hash codes first: a {@code String} keeps its hash
   * once computed (the ledger's lookups compute the account ids'), so two different ids are told
   * apart without reading their characters, which sit in arrays of their own (two cache misses on
   * every transfer between random accounts).
   */
  private static boolean sameId(@Nullable String a, @Nullable String b) {
    if (a == b) {
      return true;
    }
    return a != null && b != null && a.hashCode() == b.hashCode() && a.equals(b);
  }

  /**
   * Releases an expired pending transfer's reservation and marks it {@link PendingStatus#EXPIRED}.
   */
  public static void expire(LedgerTransaction tx, RecordedTransfer pending, long timestamp) {
    AccountBalances debit = tx.balances(pending.debitAccountId());
    AccountBalances credit = tx.balances(pending.creditAccountId());
    long amount = pending.amount();
    tx.updateBalances(
        debit.accountId(),
        debit.debitsPending() - amount,
        debit.debitsPosted(),
        debit.creditsPending(),
        debit.creditsPosted(),
        timestamp);
    tx.updateBalances(
        credit.accountId(),
        credit.debitsPending(),
        credit.debitsPosted(),
        credit.creditsPending() - amount,
        credit.creditsPosted(),
        timestamp);
    tx.updatePendingStatus(pending.id(), PendingStatus.EXPIRED);
  }

  /** Returns true when a pending transfer's timeout has passed at {@code now}. */
  public static boolean isDue(RecordedTransfer pending, Instant now) {
    Instant expiresAt = pending.expiresAt();
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /**
   * Returns a post with its omitted amount filled in: the ledger compares and records posts this
   * way.
   */
  private static Transfer withAmount(Transfer post, long resolvedAmount) {
    return new Transfer(
        post.id(),
        post.kind(),
        post.debitAccountId(),
        post.creditAccountId(),
        resolvedAmount,
        post.code(),
        post.timeoutSeconds(),
        post.pendingId(),
        post.metadata());
  }

  /** Returns true unless {@code transfer} states a currency other than {@code accountsCurrency}. */
  private static boolean statesNoOtherCurrency(Transfer transfer, String accountsCurrency) {
    return transfer.currency() == null || accountsCurrency.equals(transfer.currency());
  }

  /** The currency a recorded transfer moved: its accounts', which never change. */
  private static String currencyOf(LedgerTransaction tx, RecordedTransfer recorded) {
    LedgerAccount debit = tx.account(recorded.debitAccountId());
    if (debit == null) {
      throw new IllegalStateException(
          "account '"
              + recorded.debitAccountId()
              + "' of transfer '"
              + recorded.id()
              + "' is not in the transaction");
    }
    return debit.currency();
  }

  private static @Nullable RecordedTransfer pendingTransfer(
      LedgerTransaction tx, @Nullable String pendingId) {
    if (pendingId == null) {
      return null;
    }
    RecordedTransfer found = tx.transfer(pendingId);
    return found != null && found.kind() == TransferKind.PENDING ? found : null;
  }

  private static TransferResult move(LedgerTransaction tx, Transfer transfer) {
    // A single or pending transfer has accounts, an amount and a code: its constructor requires
    // them.
    String debitId = Objects.requireNonNull(transfer.debitAccountId(), "debitAccountId");
    String creditId = Objects.requireNonNull(transfer.creditAccountId(), "creditAccountId");
    LedgerAccount debitAccount = tx.account(debitId);
    LedgerAccount creditAccount = tx.account(creditId);
    if (debitAccount == null || creditAccount == null) {
      return TransferResult.ACCOUNT_NOT_FOUND;
    }
    if (!debitAccount.currency().equals(creditAccount.currency())
        || !statesNoOtherCurrency(transfer, debitAccount.currency())) {
      return TransferResult.CURRENCY_MISMATCH;
    }
    return moveBalances(tx, transfer, debitAccount, creditAccount);
  }

  /**
   * Judges and applies a single or pending transfer between two existing accounts of its currency:
   * overflow and balance limits. Apart from {@link #move} and {@link #record} so that each stays
   * small enough for the JIT to inline.
   */
  private static TransferResult moveBalances(
      LedgerTransaction tx,
      Transfer transfer,
      LedgerAccount debitAccount,
      LedgerAccount creditAccount) {
    long amount = Objects.requireNonNull(transfer.amount(), "amount");
    // The transfer's own id strings, not the accounts': a store may find an account faster by the
    // instance it was last asked for.
    AccountBalances debit =
        tx.balances(Objects.requireNonNull(transfer.debitAccountId(), "debitAccountId"));
    AccountBalances credit =
        tx.balances(Objects.requireNonNull(transfer.creditAccountId(), "creditAccountId"));
    boolean pending = transfer.kind() == TransferKind.PENDING;
    long debitsPending = debit.debitsPending();
    long debitsPosted = debit.debitsPosted();
    long creditsPending = credit.creditsPending();
    long creditsPosted = credit.creditsPosted();
    if (pending) {
      if (debitsPending > Long.MAX_VALUE - amount || creditsPending > Long.MAX_VALUE - amount) {
        return TransferResult.OVERFLOW;
      }
      debitsPending += amount;
      creditsPending += amount;
    } else {
      if (debitsPosted > Long.MAX_VALUE - amount || creditsPosted > Long.MAX_VALUE - amount) {
        return TransferResult.OVERFLOW;
      }
      debitsPosted += amount;
      creditsPosted += amount;
    }
    // debits pending + debits posted > credits posted, compared without adding two longs.
    if (debitAccount.has(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)
        && debitsPending > debit.creditsPosted() - debitsPosted) {
      return TransferResult.EXCEEDS_CREDITS;
    }
    if (creditAccount.has(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)
        && creditsPending > credit.debitsPosted() - creditsPosted) {
      return TransferResult.EXCEEDS_DEBITS;
    }
    record(
        tx,
        transfer,
        amount,
        debit,
        credit,
        debitsPending,
        debitsPosted,
        creditsPending,
        creditsPosted);
    return TransferResult.OK;
  }

  /**
   * Writes an accepted single or pending transfer: its accounts' new debits (of {@code debit}) and
   * credits (of {@code credit}), and the transfer.
   */
  private static void record(
      LedgerTransaction tx,
      Transfer transfer,
      long amount,
      AccountBalances debit,
      AccountBalances credit,
      long debitsPending,
      long debitsPosted,
      long creditsPending,
      long creditsPosted) {
    String debitId = Objects.requireNonNull(transfer.debitAccountId(), "debitAccountId");
    String creditId = Objects.requireNonNull(transfer.creditAccountId(), "creditAccountId");
    long timestamp = tx.nextTimestamp();
    tx.updateBalances(
        debitId,
        debitsPending,
        debitsPosted,
        debit.creditsPending(),
        debit.creditsPosted(),
        timestamp);
    tx.updateBalances(
        creditId,
        credit.debitsPending(),
        credit.debitsPosted(),
        creditsPending,
        creditsPosted,
        timestamp);
    tx.insertTransfer(
        new RecordedTransfer(
            transfer.withoutCurrency(),
            debitId,
            creditId,
            amount,
            Objects.requireNonNull(transfer.code(), "code"),
            timestamp,
            tx.now()));
  }

  private static TransferResult resolve(
      LedgerTransaction tx, Transfer transfer, @Nullable RecordedTransfer pending) {
    if (pending == null) {
      return TransferResult.PENDING_NOT_FOUND;
    }
    if (!statesNoOtherCurrency(transfer, currencyOf(tx, pending))) {
      return TransferResult.CURRENCY_MISMATCH;
    }
    switch (tx.pendingStatus(pending.id())) {
      case POSTED:
        return TransferResult.PENDING_ALREADY_POSTED;
      case VOIDED:
        return TransferResult.PENDING_ALREADY_VOIDED;
      case EXPIRED:
        return TransferResult.PENDING_EXPIRED;
      case PENDING:
      default:
        break;
    }
    if (isDue(pending, tx.now())) {
      expire(tx, pending, tx.nextTimestamp());
      return TransferResult.PENDING_EXPIRED;
    }
    long reserved = pending.amount();
    boolean post = transfer.kind() == TransferKind.POST;
    // A post reaching here has its amount: apply() fills in an omitted one from the pending
    // transfer.
    long posted = post ? Objects.requireNonNull(transfer.amount(), "amount") : 0;
    if (posted > reserved) {
      return TransferResult.EXCEEDS_PENDING_AMOUNT;
    }
    AccountBalances debit = tx.balances(pending.debitAccountId());
    AccountBalances credit = tx.balances(pending.creditAccountId());
    if (debit.debitsPosted() > Long.MAX_VALUE - posted
        || credit.creditsPosted() > Long.MAX_VALUE - posted) {
      return TransferResult.OVERFLOW;
    }
    long timestamp = tx.nextTimestamp();
    tx.updateBalances(
        debit.accountId(),
        debit.debitsPending() - reserved,
        debit.debitsPosted() + posted,
        debit.creditsPending(),
        debit.creditsPosted(),
        timestamp);
    tx.updateBalances(
        credit.accountId(),
        credit.debitsPending(),
        credit.debitsPosted(),
        credit.creditsPending() - reserved,
        credit.creditsPosted() + posted,
        timestamp);
    tx.insertTransfer(
        new RecordedTransfer(
            transfer.withoutCurrency(),
            pending.debitAccountId(),
            pending.creditAccountId(),
            post ? posted : reserved,
            pending.code(),
            timestamp,
            tx.now()));
    tx.updatePendingStatus(pending.id(), post ? PendingStatus.POSTED : PendingStatus.VOIDED);
    return TransferResult.OK;
  }
}
