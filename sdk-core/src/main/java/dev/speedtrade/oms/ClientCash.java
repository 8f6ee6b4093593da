package dev.speedtrade.oms;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.oms.spi.OutboxEntry;
import dev.speedtrade.oms.spi.OutboxKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The clients' cash in the ledger: what the order service reads (cash, buying power) and posts
 * (holds of reserves, fills, releases).
 *
 * <p>Each open buy holds its reserve as one <em>generation</em> of pending transfers to {@code
 * platform:broker}: from the client's cash what it has available, the rest from the client's debit
 * account (credit against unsettled proceeds, or a debit balance). Every change of the reserve
 * resolves the current generation and holds the next one, so at every moment the holds of an open
 * buy add up to its reserve, and buying power = cash - held = the contract's cash - sum of
 * reserves. Every transfer id is derived from the account, the order and the generation or the
 * execution id.
 *
 * <p>Called only under the account's serialization ({@link dev.speedtrade.oms.spi.OrderStore}), so
 * the only concurrent writers to a client's accounts are other services (a withdrawal's hold): when
 * one moves the balances between the read and the write, the ledger refuses the chain ({@code
 * EXCEEDS_CREDITS}, nothing applied) and it is planned again.
 */
final class ClientCash {
  static final String HOLD_CODE = "buy_reserve";
  static final String BUY_CODE = "buy";
  static final String SELL_CODE = "sell";
  static final String REPAY_CODE = "debit_repay";
  static final String CASH = "cash";
  static final String DEBIT = "debit";
  private static final int ATTEMPTS = 5;

  private final Ledger ledger;
  // The ledger ids of each client's accounts, built once: they are looked up on every command, and
  // a string built anew hashes anew.
  private final ConcurrentMap<String, AccountIds> ids = new ConcurrentHashMap<>();

  ClientCash(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Returns the ledger the clients' cash is kept in. */
  Ledger ledger() {
    return ledger;
  }

  /** Returns {@code account}'s ledger account ids, built once. */
  AccountIds ids(String account) {
    AccountIds known = ids.get(account);
    if (known == null) {
      known =
          new AccountIds(
              account,
              ClientLedgerAccounts.cash(account),
              ClientLedgerAccounts.unsettled(account),
              ClientLedgerAccounts.debit(account));
      AccountIds raced = ids.putIfAbsent(account, known);
      if (raced != null) {
        known = raced;
      }
    }
    return known;
  }

  /**
   * One client's ledger account ids. When this service opened the accounts they are the very
   * strings the ledger was given, so an in-memory ledger finds them by reference.
   */
  record AccountIds(String account, String cash, String unsettled, String debit, List<String> all) {
    AccountIds(String account, String cash, String unsettled, String debit) {
      this(account, cash, unsettled, debit, List.of(cash, unsettled, debit));
    }
  }

  private static AccountBalances present(Optional<AccountBalances> balances, String id) {
    return balances.orElseThrow(
        () ->
            new SpeedTradeException(
                ErrorCode.ACCOUNT_NOT_FOUND, "ledger account '" + id + "' does not exist"));
  }

  /** Creates the platform's accounts, or finds them. */
  void openPlatform() {
    create(ClientLedgerAccounts.platform());
  }

  /** Creates {@code account}'s three accounts, or finds them. */
  void openAccount(String account) {
    List<LedgerAccount> accounts = ClientLedgerAccounts.client(account);
    create(accounts);
    ids.putIfAbsent(
        account,
        new AccountIds(account, accounts.get(0).id(), accounts.get(1).id(), accounts.get(2).id()));
  }

  private void create(List<LedgerAccount> accounts) {
    List<AccountResult> results = ledger.createAccounts(accounts);
    for (int i = 0; i < results.size(); i++) {
      if (!results.get(i).isSuccess()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ACCOUNT,
            "ledger account '"
                + accounts.get(i).id()
                + "' could not be created: "
                + results.get(i));
      }
    }
  }

  /** Returns the contract's cash: cash + unsettled - debit balance, posted, USD. */
  BigDecimal cash(String account) {
    return funds(account).cash();
  }

  /**
   * A client's cash and buying power, and what its cash account has available to hold, as of one
   * read.
   */
  record Funds(BigDecimal cash, BigDecimal buyingPower, long available) {}

  /** Returns the client's funds as of one read of its three balances. */
  Funds funds(String account) {
    return funds(ids(account));
  }

  /** As {@link #funds(String)}, for the client of {@code ids}. */
  Funds funds(AccountIds ids) {
    List<Optional<AccountBalances>> all = ledger.balances(ids.all());
    AccountBalances cash = present(all.get(0), ids.cash());
    AccountBalances unsettled = present(all.get(1), ids.unsettled());
    AccountBalances debit = present(all.get(2), ids.debit());
    long posted = cash.creditBalance() + unsettled.creditBalance() - debit.debitBalance();
    return new Funds(
        usd(posted),
        usd(posted - cash.debitsPending() - debit.debitsPending()),
        cash.availableCredit());
  }

  /** Returns cash minus everything held of the client's cash and debit accounts, USD. */
  BigDecimal buyingPower(String account) {
    return funds(account).buyingPower();
  }

  /**
   * Holds {@code reserve} cents as generation {@code generation} of order {@code clientOrderId}'s
   * hold; true when held (or held before), false when the ledger refused it for funds.
   */
  boolean hold(String account, String clientOrderId, int generation, long reserve) {
    return hold(account, clientOrderId, generation, reserve, available(account));
  }

  /**
   * Holds as {@link #hold(String, String, int, long)} does, splitting by {@code available} (the
   * cash account's available credit as just read); a stale figure makes the ledger refuse the
   * chain, which answers false as a lack of funds does.
   */
  boolean hold(String account, String clientOrderId, int generation, long reserve, long available) {
    return hold(ids(account), clientOrderId, generation, reserve, available);
  }

  /** As {@link #hold(String, String, int, long, long)}, for the client of {@code ids}. */
  boolean hold(AccountIds ids, String clientOrderId, int generation, long reserve, long available) {
    String account = ids.account();
    List<Transfer> chain = new ArrayList<>(2);
    addHold(chain, ids, clientOrderId, generation, reserve, available);
    List<TransferResult> results = ledger.createLinkedTransfers(chain);
    if (allApplied(results)) {
      return true;
    }
    // An earlier attempt (a retried submit) may have held it with another split between cash and
    // debit; looked for only now, so that the usual first attempt makes no extra reads.
    if (exists(holdId(account, clientOrderId, generation, CASH))
        || exists(holdId(account, clientOrderId, generation, DEBIT))) {
      return true;
    }
    if (results.contains(TransferResult.EXCEEDS_CREDITS)) {
      return false;
    }
    throw refused(account, clientOrderId, results);
  }

  /** Does {@code entry}'s ledger work unless it was done before. */
  void complete(String account, OutboxEntry entry) {
    if (isDone(account, entry)) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      List<Transfer> chain = plan(account, entry);
      if (chain.isEmpty()) {
        return;
      }
      List<TransferResult> results = ledger.createLinkedTransfers(chain);
      if (allApplied(results)) {
        return;
      }
      if (!results.contains(TransferResult.EXCEEDS_CREDITS) || attempt == ATTEMPTS) {
        throw refused(account, entry.clientOrderId(), results);
      }
    }
  }

  /**
   * Returns true when {@code entry}'s chain was applied before: its new hold exists, its old hold
   * is resolved, or its fill's transfers exist. Each hold generation is created and resolved by one
   * entry only, so none of these is true before the entry's own chain.
   */
  private boolean isDone(String account, OutboxEntry entry) {
    String order = entry.clientOrderId();
    if (entry.toHold() > 0
        && (exists(holdId(account, order, entry.toHold(), CASH))
            || exists(holdId(account, order, entry.toHold(), DEBIT)))) {
      return true;
    }
    if (entry.fromHold() > 0) {
      String cash = holdId(account, order, entry.fromHold(), CASH);
      String debit = holdId(account, order, entry.fromHold(), DEBIT);
      if ((exists(cash) || exists(debit)) && pending(cash) == 0 && pending(debit) == 0) {
        return true;
      }
    }
    String exec = entry.execId();
    return exec != null
        && (exists(fillId(account, order, exec, CASH))
            || exists(fillId(account, order, exec, DEBIT))
            || exists(fillId(account, order, exec, SELL_CODE)));
  }

  private List<Transfer> plan(String account, OutboxEntry entry) {
    String order = entry.clientOrderId();
    AccountIds ids = ids(account);
    String cashAccount = ids.cash();
    String debitAccount = ids.debit();
    List<Transfer> chain = new ArrayList<>();
    long available = available(account);
    switch (entry.kind()) {
      case HOLD_CHANGE -> {
        if (entry.fromHold() > 0) {
          // Voiding the cash part gives it back to what the cash account has available.
          available += pending(holdId(account, order, entry.fromHold(), CASH));
          spend(chain, account, order, entry.fromHold(), CASH, 0);
          spend(chain, account, order, entry.fromHold(), DEBIT, 0);
        }
        addHold(chain, account, order, entry.toHold(), entry.reserve(), available);
      }
      case BUY_FILL -> {
        String exec = Args.notNull(entry.execId(), "exec id of a fill");
        long left = entry.amount();
        if (entry.fromHold() > 0) {
          long heldCash = pending(holdId(account, order, entry.fromHold(), CASH));
          long fromHold = spend(chain, account, order, entry.fromHold(), CASH, left);
          available += heldCash - fromHold;
          left -= fromHold;
          left -= spend(chain, account, order, entry.fromHold(), DEBIT, left);
        }
        // What the fill spent above the hold (a market order above its collar, a late fill of a
        // canceled order): the client's available cash first, then a debit balance.
        long fromCash = Math.min(left, Math.max(available, 0));
        if (fromCash > 0) {
          chain.add(
              Transfer.single(
                  fillId(account, order, exec, CASH),
                  cashAccount,
                  ClientLedgerAccounts.BROKER,
                  fromCash,
                  BUY_CODE));
          available -= fromCash;
        }
        if (left > fromCash) {
          chain.add(
              Transfer.single(
                  fillId(account, order, exec, DEBIT),
                  debitAccount,
                  ClientLedgerAccounts.BROKER,
                  left - fromCash,
                  BUY_CODE));
        }
        addHold(chain, account, order, entry.toHold(), entry.reserve(), available);
      }
      case SELL_TO_UNSETTLED, SELL_TO_CASH -> {
        String exec = Args.notNull(entry.execId(), "exec id of a fill");
        if (entry.amount() > 0) {
          String proceeds = entry.kind() == OutboxKind.SELL_TO_CASH ? cashAccount : ids.unsettled();
          chain.add(
              Transfer.single(
                  fillId(account, order, exec, SELL_CODE),
                  ClientLedgerAccounts.BROKER,
                  proceeds,
                  entry.amount(),
                  SELL_CODE));
          // A debit balance is repaid from settled cash only: funding settles each sale by moving
          // its whole amount out of unsettled, which must still hold it then. So a crypto sale
          // repays at once; an equity sale's proceeds repay once settled (funding's transfer).
          long settled =
              Math.max(available, 0)
                  + (entry.kind() == OutboxKind.SELL_TO_CASH ? entry.amount() : 0);
          long repay = Math.min(balances(debitAccount).debitBalance(), settled);
          if (repay > 0) {
            chain.add(
                Transfer.single(
                    fillId(account, order, exec, REPAY_CODE),
                    cashAccount,
                    debitAccount,
                    repay,
                    REPAY_CODE));
          }
        }
      }
      default -> throw new IllegalStateException("unhandled outbox kind " + entry.kind());
    }
    return chain;
  }

  /**
   * Resolves part {@code part} of the order's hold generation {@code generation} if it is pending:
   * posts {@code min(want, held)} of it (the rest is released), or voids it when that is 0. Returns
   * what it posted.
   */
  private long spend(
      List<Transfer> chain, String account, String order, int generation, String part, long want) {
    String holdId = holdId(account, order, generation, part);
    long held = pending(holdId);
    if (held == 0) {
      return 0;
    }
    long posted = Math.min(Math.max(want, 0), held);
    String gen = Integer.toString(generation);
    chain.add(
        posted > 0
            ? Transfer.post(LedgerIds.of(account, order, "hold", gen, part, "post"), holdId, posted)
            : Transfer.voidPending(
                LedgerIds.of(account, order, "hold", gen, part, "void"), holdId));
    return posted;
  }

  /**
   * Adds generation {@code generation} of the order's hold for {@code reserve} cents: from the
   * client's cash up to {@code available}, the rest from its debit account.
   */
  private void addHold(
      List<Transfer> chain,
      String account,
      String order,
      int generation,
      long reserve,
      long available) {
    addHold(chain, ids(account), order, generation, reserve, available);
  }

  private void addHold(
      List<Transfer> chain,
      AccountIds ids,
      String order,
      int generation,
      long reserve,
      long available) {
    if (reserve <= 0) {
      return;
    }
    String account = ids.account();
    long fromCash = Math.min(reserve, Math.max(available, 0));
    if (fromCash > 0) {
      chain.add(
          Transfer.pending(
              holdId(account, order, generation, CASH),
              ids.cash(),
              ClientLedgerAccounts.BROKER,
              fromCash,
              HOLD_CODE));
    }
    if (reserve > fromCash) {
      chain.add(
          Transfer.pending(
              holdId(account, order, generation, DEBIT),
              ids.debit(),
              ClientLedgerAccounts.BROKER,
              reserve - fromCash,
              HOLD_CODE));
    }
  }

  /** Returns what the client's cash account can still spend, cents. */
  private long available(String account) {
    return balances(ids(account).cash()).availableCredit();
  }

  /** Returns the amount of pending transfer {@code id} while it is pending; else 0. */
  private long pending(String id) {
    if (ledger.pendingStatus(id).orElse(null) != PendingStatus.PENDING) {
      return 0;
    }
    return ledger.transfer(id).map(RecordedTransfer::amount).orElse(0L);
  }

  private boolean exists(String id) {
    return ledger.transfer(id).isPresent();
  }

  private AccountBalances balances(String id) {
    return ledger
        .balances(id)
        .orElseThrow(
            () ->
                new SpeedTradeException(
                    ErrorCode.ACCOUNT_NOT_FOUND, "ledger account '" + id + "' does not exist"));
  }

  static String holdId(String account, String order, int generation, String part) {
    return LedgerIds.of(account, order, "hold", Integer.toString(generation), part);
  }

  static String fillId(String account, String order, String execId, String part) {
    return LedgerIds.of(account, order, "fill", execId, part);
  }

  private static boolean allApplied(List<TransferResult> results) {
    for (TransferResult result : results) {
      if (!result.isSuccess()) {
        return false;
      }
    }
    return true;
  }

  /** Returns {@code cents} as USD at 2 decimals. */
  static BigDecimal usd(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  /** Returns a USD amount with at most 2 decimals as cents. */
  static long cents(BigDecimal usd) {
    return usd.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }

  private static SpeedTradeException refused(
      String account, String order, List<TransferResult> results) {
    return new SpeedTradeException(
        ErrorCode.STORE_UNAVAILABLE,
        "the ledger refused the postings of order '"
            + order
            + "' of account '"
            + account
            + "': "
            + results
            + "; they stay in the outbox and are tried again");
  }
}
