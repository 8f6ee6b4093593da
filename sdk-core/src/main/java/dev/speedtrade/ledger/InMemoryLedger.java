package dev.speedtrade.ledger;

import dev.speedtrade.ErrorCode;
import dev.speedtrade.SpeedTradeException;
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
 * A {@link Ledger} in the JVM's memory: fast, thread-safe, and exactly as strict as the JDBC ledger,
 * since both apply {@link LedgerRules}. For tests, demos and single-process hosts that keep their
 * books elsewhere; its state is gone when the process ends.
 *
 * <p>One lock serializes writes and reads, so every batch is atomic and every reader sees a balanced
 * ledger. Pending transfers whose timeout has passed on the injected {@link Clock} are expired at the
 * start of the next call, stamped at their expiry instant. Ledger timestamps are nanoseconds since the
 * epoch on that clock, raised where needed so that each is greater than the one before.
 */
public final class InMemoryLedger implements Ledger {
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, Entry> accounts = new HashMap<>();
  private final Map<String, RecordedTransfer> transfers = new HashMap<>();
  private final Map<String, PendingStatus> pendingStatuses = new HashMap<>();
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
      } finally {
        tx.endChain();
      }
    }
  }

  @Override
  public Optional<LedgerAccount> account(String id) {
    synchronized (lock) {
      begin();
      Entry entry = accounts.get(id);
      return entry == null ? Optional.empty() : Optional.of(entry.account);
    }
  }

  @Override
  public Optional<AccountBalances> balances(String accountId) {
    synchronized (lock) {
      begin();
      Entry entry = accounts.get(accountId);
      return entry == null ? Optional.empty() : Optional.of(entry.balances);
    }
  }

  @Override
  public Optional<AccountBalances> balancesAt(String accountId, long timestamp) {
    synchronized (lock) {
      begin();
      Entry entry = accounts.get(accountId);
      if (entry == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(entry.history.at(timestamp));
    }
  }

  @Override
  public Optional<RecordedTransfer> transfer(String id) {
    synchronized (lock) {
      begin();
      return Optional.ofNullable(transfers.get(id));
    }
  }

  @Override
  public Optional<PendingStatus> pendingStatus(String pendingId) {
    synchronized (lock) {
      begin();
      return Optional.ofNullable(pendingStatuses.get(pendingId));
    }
  }

  @Override
  public List<RecordedTransfer> transfers(String accountId, long afterTimestamp, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "page limit must be 1-" + MAX_PAGE + ", got " + limit);
    }
    synchronized (lock) {
      begin();
      Entry entry = accounts.get(accountId);
      if (entry == null) {
        return List.of();
      }
      int from = lastAtOrBefore(entry.transfers, afterTimestamp, RecordedTransfer::timestamp) + 1;
      int to = Math.min(entry.transfers.size(), from + limit);
      return List.copyOf(entry.transfers.subList(from, to));
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
    Instant now = clock.instant();
    tx.now = now;
    Expiry due;
    while ((due = expiries.peek()) != null && !now.isBefore(due.at)) {
      expiries.poll();
      RecordedTransfer pending = transfers.get(due.pendingId);
      // An entry left behind by a rolled-back linked chain may name an id reused since.
      if (pending != null && pendingStatuses.get(due.pendingId) == PendingStatus.PENDING
          && due.at.equals(pending.expiresAt())) {
        LedgerRules.expire(tx, pending, timestampAt(due.at));
      }
    }
  }

  private long timestampAt(Instant instant) {
    long nanos = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    lastTimestamp = Math.max(lastTimestamp + 1, nanos);
    return lastTimestamp;
  }


  /** Index of the last element whose timestamp is at or before {@code timestamp}, or -1. */
  private static <T> int lastAtOrBefore(
      List<T> sorted, long timestamp, java.util.function.ToLongFunction<T> timestampOf) {
    int low = 0;
    int high = sorted.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (timestampOf.applyAsLong(sorted.get(mid)) <= timestamp) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return high;
  }

  /** One account: its definition, balances now, every balance it had, and its transfers. */
  private static final class Entry {
    final LedgerAccount account;
    AccountBalances balances;
    final BalanceHistory history;
    final List<RecordedTransfer> transfers = new ArrayList<>();

    Entry(LedgerAccount account, AccountBalances balances) {
      this.account = account;
      this.balances = balances;
      this.history = new BalanceHistory(account.id());
      history.add(balances);
    }
  }

  private record Expiry(Instant at, String pendingId) implements Comparable<Expiry> {
    @Override
    public int compareTo(Expiry other) {
      return at.compareTo(other.at);
    }
  }

  /**
   * The ledger's maps seen through {@link LedgerTransaction}, under the ledger's lock. Inside a linked
   * chain it keeps an undo log so that the chain can be rolled back.
   */
  private final class Transaction implements LedgerTransaction {
    Instant now = Instant.EPOCH;
    private final UndoLog undo = new UndoLog();

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
      Entry entry = accounts.get(id);
      return entry == null ? null : entry.account;
    }

    @Override
    public void insertAccount(LedgerAccount account, long timestamp) {
      accounts.put(account.id(), new Entry(account, AccountBalances.zero(account.id(), timestamp)));
      if (undo.isRecording()) {
        undo.record(() -> accounts.remove(account.id()));
      }
    }

    @Override
    public AccountBalances balances(String accountId) {
      return accounts.get(accountId).balances;
    }

    @Override
    public void updateBalances(AccountBalances balances) {
      Entry entry = accounts.get(balances.accountId());
      AccountBalances previous = entry.balances;
      entry.balances = balances;
      entry.history.add(balances);
      if (undo.isRecording()) {
        undo.record(() -> {
          entry.balances = previous;
          entry.history.removeLast();
        });
      }
    }

    @Override
    public @Nullable RecordedTransfer transfer(String id) {
      return transfers.get(id);
    }

    @Override
    public void insertTransfer(RecordedTransfer transfer) {
      transfers.put(transfer.id(), transfer);
      Entry debit = accounts.get(transfer.debitAccountId());
      Entry credit = accounts.get(transfer.creditAccountId());
      debit.transfers.add(transfer);
      credit.transfers.add(transfer);
      boolean pending = transfer.kind() == TransferKind.PENDING;
      if (pending) {
        pendingStatuses.put(transfer.id(), PendingStatus.PENDING);
        Instant expiresAt = transfer.expiresAt();
        if (expiresAt != null) {
          expiries.add(new Expiry(expiresAt, transfer.id()));
        }
      }
      if (undo.isRecording()) {
        undo.record(() -> {
          transfers.remove(transfer.id());
          debit.transfers.remove(debit.transfers.size() - 1);
          credit.transfers.remove(credit.transfers.size() - 1);
          if (pending) {
            pendingStatuses.remove(transfer.id());
          }
        });
      }
    }

    @Override
    public PendingStatus pendingStatus(String pendingId) {
      return pendingStatuses.get(pendingId);
    }

    @Override
    public void updatePendingStatus(String pendingId, PendingStatus status) {
      PendingStatus previous = pendingStatuses.put(pendingId, status);
      if (undo.isRecording()) {
        undo.record(() -> pendingStatuses.put(pendingId, previous));
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

    void endChain() {
      undo.end();
    }
  }
}
