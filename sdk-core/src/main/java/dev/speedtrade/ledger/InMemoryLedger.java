package dev.speedtrade.ledger;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.spi.LedgerRules;
import dev.speedtrade.ledger.spi.LedgerTransaction;
import dev.speedtrade.ledger.spi.UndoLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Ledger} in the JVM's memory: fast, thread-safe, and exactly as strict as the JDBC
 * ledger, since both apply {@link LedgerRules}. For tests, demos and single-process hosts that keep
 * their books elsewhere; its state is gone when the process ends.
 *
 * <p>One lock serializes writes and reads, so every batch is atomic and every reader sees a
 * balanced ledger. Pending transfers whose timeout has passed on the injected {@link Clock} are
 * expired at the start of the next call, stamped at their expiry instant. Ledger timestamps are
 * nanoseconds since the epoch on that clock, raised where needed so that each is greater than the
 * one before; that is why every call refuses a clock outside {@link Ledger#EARLIEST_INSTANT} to
 * {@link Ledger#LATEST_INSTANT} before it reads or writes anything.
 */
public final class InMemoryLedger implements Ledger {
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, AccountState> accounts = new HashMap<>();
  private final TransferLog transfers = new TransferLog();
  private final ChangeLog changes = new ChangeLog();
  private final PriorityQueue<Expiry> expiries = new PriorityQueue<>();
  private final Transaction tx = new Transaction();
  private long lastTimestamp;

  /** Creates an empty ledger on {@code clock}. */
  public InMemoryLedger(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Creates an empty ledger on the system UTC clock. */
  public InMemoryLedger() {
    this(Clock.systemUTC());
  }

  @Override
  public List<AccountResult> createAccounts(List<LedgerAccount> accounts) {
    LedgerRules.requireElements(accounts, ErrorCode.INVALID_ACCOUNT, "accounts");
    synchronized (lock) {
      begin();
      AccountResult[] results = new AccountResult[accounts.size()];
      for (int i = 0; i < results.length; i++) {
        results[i] = LedgerRules.createAccount(tx, accounts.get(i));
      }
      return List.of(results);
    }
  }

  @Override
  public List<TransferResult> createTransfers(List<Transfer> transfers) {
    LedgerRules.requireElements(transfers, ErrorCode.INVALID_TRANSFER, "transfers");
    synchronized (lock) {
      begin();
      return LedgerRules.applyEach(tx, transfers);
    }
  }

  @Override
  public List<TransferResult> createLinkedTransfers(List<Transfer> chain) {
    LedgerRules.requireElements(chain, ErrorCode.INVALID_TRANSFER, "chain");
    synchronized (lock) {
      begin();
      try {
        return LedgerRules.applyChain(tx, chain);
      } catch (RuntimeException | Error e) {
        // The rules refuse what they judge without throwing; a throw is a bug or a broken JVM, and
        // even then a chain is all or nothing.
        tx.abortChain();
        throw e;
      } finally {
        tx.endChain();
      }
    }
  }

  @Override
  public Optional<LedgerAccount> account(String id) {
    LedgerRules.requireArgument(id, "account id");
    synchronized (lock) {
      begin();
      AccountState entry = accounts.get(id);
      return entry == null ? Optional.empty() : Optional.of(entry.account);
    }
  }

  @Override
  public Optional<AccountBalances> balances(String accountId) {
    LedgerRules.requireArgument(accountId, "account id");
    synchronized (lock) {
      begin();
      AccountState entry = accounts.get(accountId);
      return entry == null ? Optional.empty() : Optional.of(entry.balances());
    }
  }

  @Override
  public List<Optional<AccountBalances>> balances(List<String> accountIds) {
    LedgerRules.requireElements(accountIds, ErrorCode.INVALID_ARGUMENT, "account ids");
    synchronized (lock) {
      begin();
      List<Optional<AccountBalances>> result = new ArrayList<>(accountIds.size());
      for (String id : accountIds) {
        AccountState entry = accounts.get(id);
        result.add(entry == null ? Optional.empty() : Optional.of(entry.balances()));
      }
      return result;
    }
  }

  @Override
  public Optional<AccountBalances> balancesAt(String accountId, long timestamp) {
    LedgerRules.requireArgument(accountId, "account id");
    synchronized (lock) {
      begin();
      AccountState entry = accounts.get(accountId);
      if (entry == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(entry.balancesAt(timestamp));
    }
  }

  @Override
  public Optional<RecordedTransfer> transfer(String id) {
    LedgerRules.requireArgument(id, "transfer id");
    synchronized (lock) {
      begin();
      int row = transfers.find(id);
      return row < 0 ? Optional.empty() : Optional.of(transfers.row(row));
    }
  }

  @Override
  public Optional<PendingStatus> pendingStatus(String pendingId) {
    LedgerRules.requireArgument(pendingId, "pending transfer id");
    synchronized (lock) {
      begin();
      int row = transfers.find(pendingId);
      return row < 0 || transfers.kind(row) != TransferKind.PENDING
          ? Optional.empty()
          : Optional.of(transfers.status(row));
    }
  }

  @Override
  public List<RecordedTransfer> transfers(String accountId, long afterTimestamp, int limit) {
    LedgerRules.requireArgument(accountId, "account id");
    if (limit < 1 || limit > MAX_PAGE) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "page limit must be 1-" + MAX_PAGE + ", got " + limit);
    }
    synchronized (lock) {
      begin();
      AccountState entry = accounts.get(accountId);
      if (entry == null) {
        return List.of();
      }
      int[] rows = entry.rowsAfter(afterTimestamp, limit);
      List<RecordedTransfer> page = new ArrayList<>(rows.length);
      for (int row : rows) {
        page.add(transfers.row(row));
      }
      return List.copyOf(page);
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "InMemoryLedger{accounts=" + accounts.size() + ", transfers=" + transfers.size() + "}";
    }
  }

  /** Reads the clock for this call and expires every pending transfer that is due by then. */
  private void begin() {
    tx.forgetRecent();
    Instant now = LedgerRules.readClock(clock);
    tx.now = now;
    Expiry due;
    while ((due = expiries.peek()) != null && !now.isBefore(due.at)) {
      expiries.poll();
      int row = transfers.find(due.pendingId);
      // An entry left behind by a rolled-back linked chain may name an id reused since.
      if (row >= 0
          && transfers.kind(row) == TransferKind.PENDING
          && transfers.status(row) == PendingStatus.PENDING) {
        RecordedTransfer pending = transfers.row(row);
        if (due.at.equals(pending.expiresAt())) {
          LedgerRules.expire(tx, pending, timestampAt(due.at));
        }
      }
    }
  }

  private long timestampAt(Instant instant) {
    long nanos =
        Math.addExact(
            Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    lastTimestamp = Math.max(lastTimestamp + 1, nanos);
    return lastTimestamp;
  }

  private record Expiry(Instant at, String pendingId) implements Comparable<Expiry> {
    @Override
    public int compareTo(Expiry other) {
      return at.compareTo(other.at);
    }
  }

  /**
   * The ledger's maps seen through {@link LedgerTransaction}, under the ledger's lock. Inside a
   * linked chain it keeps an undo log so that the chain can be rolled back.
   */
  private final class Transaction implements LedgerTransaction {
    Instant now = Instant.EPOCH;
    private final UndoLog undo = new UndoLog();

    /**
     * The two accounts looked up last, matched by reference: the rules ask for the same id strings
     * several times per transfer, and this spares those repeats the hash map.
     */
    private @Nullable String recentId;

    private @Nullable AccountState recent;
    private @Nullable String olderId;
    private @Nullable AccountState older;

    private @Nullable AccountState state(String id) {
      if (id == recentId) {
        return recent;
      }
      if (id == olderId) {
        return older;
      }
      AccountState found = accounts.get(id);
      if (found != null) {
        olderId = recentId;
        older = recent;
        recentId = id;
        recent = found;
      }
      return found;
    }

    /** The state of an account that the rules have found to exist. */
    private AccountState existing(String id) {
      return Objects.requireNonNull(state(id), "no account state");
    }

    void forgetRecent() {
      recentId = null;
      recent = null;
      olderId = null;
      older = null;
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public long nextTimestamp() {
      return timestampAt(now);
    }

    @Override
    public @Nullable LedgerAccount account(String id) {
      AccountState entry = state(id);
      return entry == null ? null : entry.account;
    }

    @Override
    public void insertAccount(LedgerAccount account, long timestamp) {
      accounts.put(account.id(), new AccountState(account, timestamp, changes));
      if (undo.isRecording()) {
        undo.record(
            () -> {
              accounts.remove(account.id());
              forgetRecent();
            });
      }
    }

    @Override
    public AccountBalances balances(String accountId) {
      return existing(accountId).balances();
    }

    @Override
    public void updateBalances(AccountBalances balances) {
      AccountState entry = existing(balances.accountId());
      entry.set(balances);
      if (undo.isRecording()) {
        undo.record(entry::unset);
      }
    }

    @Override
    public void updateBalances(
        String accountId,
        long debitsPending,
        long debitsPosted,
        long creditsPending,
        long creditsPosted,
        long timestamp) {
      AccountState entry = existing(accountId);
      entry.set(debitsPending, debitsPosted, creditsPending, creditsPosted, timestamp);
      if (undo.isRecording()) {
        undo.record(entry::unset);
      }
    }

    @Override
    public @Nullable RecordedTransfer transfer(String id) {
      int row = transfers.find(id);
      return row < 0 ? null : transfers.row(row);
    }

    @Override
    public void insertTransfer(RecordedTransfer transfer) {
      int row = transfers.append(transfer);
      AccountState debit = existing(transfer.debitAccountId());
      AccountState credit = existing(transfer.creditAccountId());
      boolean debitAdded = debit.addRow(row, transfer.timestamp());
      boolean creditAdded = credit.addRow(row, transfer.timestamp());
      if (transfer.kind() == TransferKind.PENDING) {
        Instant expiresAt = transfer.expiresAt();
        if (expiresAt != null) {
          expiries.add(new Expiry(expiresAt, transfer.id()));
        }
      }
      if (undo.isRecording()) {
        undo.record(
            () -> {
              transfers.removeLast();
              if (creditAdded) {
                credit.unset();
              } else {
                credit.removeLastRow();
              }
              if (debitAdded) {
                debit.unset();
              } else {
                debit.removeLastRow();
              }
            });
      }
    }

    @Override
    public PendingStatus pendingStatus(String pendingId) {
      return transfers.status(transfers.find(pendingId));
    }

    @Override
    public void updatePendingStatus(String pendingId, PendingStatus status) {
      int row = transfers.find(pendingId);
      PendingStatus previous = transfers.status(row);
      transfers.setStatus(row, status);
      if (undo.isRecording()) {
        undo.record(() -> transfers.setStatus(row, previous));
      }
    }

    @Override
    public Savepoint savepoint() {
      return undo.savepoint();
    }

    @Override
    public void rollbackTo(Savepoint savepoint) {
      undo.rollbackTo(savepoint);
    }

    void abortChain() {
      undo.rollbackAll();
      forgetRecent();
    }

    void endChain() {
      undo.end();
    }
  }
}
