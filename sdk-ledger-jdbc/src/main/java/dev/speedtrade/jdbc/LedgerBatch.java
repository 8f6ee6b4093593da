package dev.speedtrade.jdbc;

import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.spi.LedgerTransaction;
import dev.speedtrade.ledger.spi.UndoLog;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One database transaction's view of the ledger for {@link dev.speedtrade.ledger.spi.LedgerRules}:
 * the rows it read (accounts locked), kept in memory while the rules run, and the writes they make,
 * flushed in batches when the rules are done. A linked chain rolls back through an undo log, so no
 * database savepoint is needed. Used by one thread.
 */
final class LedgerBatch implements LedgerTransaction {
  private final Instant now;
  private final long[] timestamps;
  private int usedTimestamps;

  final Map<String, LedgerAccount> accounts = new HashMap<>();
  final Map<String, AccountBalances> balances = new HashMap<>();
  final Map<String, RecordedTransfer> transfers = new HashMap<>();
  final Map<String, PendingStatus> statuses = new HashMap<>();

  /** Accounts created by this batch, in order. */
  final Map<String, LedgerAccount> newAccounts = new LinkedHashMap<>();

  /** Transfers applied by this batch, in order. */
  final Map<String, RecordedTransfer> newTransfers = new LinkedHashMap<>();

  /** Accounts whose balances this batch changed. */
  final Set<String> changedBalances = new LinkedHashSet<>();

  /** Pending transfers this batch resolved, with the timestamp of the resolution. */
  final Map<String, Long> resolved = new LinkedHashMap<>();

  private final UndoLog undo = new UndoLog();

  LedgerBatch(Instant now, long[] timestamps) {
    this.now = now;
    this.timestamps = timestamps;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public long nextTimestamp() {
    if (usedTimestamps == timestamps.length) {
      throw new IllegalStateException(
          "the batch allocated " + timestamps.length + " timestamps and needs more");
    }
    return timestamps[usedTimestamps++];
  }

  /** The highest timestamp handed out so far, or 0 when none was. */
  long highestUsedTimestamp() {
    return usedTimestamps == 0 ? 0 : timestamps[usedTimestamps - 1];
  }

  @Override
  public @Nullable LedgerAccount account(String id) {
    return accounts.get(id);
  }

  @Override
  public void insertAccount(LedgerAccount account, long timestamp) {
    accounts.put(account.id(), account);
    balances.put(account.id(), AccountBalances.zero(account.id(), timestamp));
    newAccounts.put(account.id(), account);
    if (undo.isRecording()) {
      undo.record(
          () -> {
            accounts.remove(account.id());
            balances.remove(account.id());
            newAccounts.remove(account.id());
          });
    }
  }

  @Override
  public AccountBalances balances(String accountId) {
    // The rules ask only for accounts they found, whose balances the batch read with them (or
    // created).
    return Objects.requireNonNull(balances.get(accountId), "balances of an account the batch has");
  }

  @Override
  public void updateBalances(AccountBalances updated) {
    AccountBalances previous = balances.put(updated.accountId(), updated);
    boolean added = changedBalances.add(updated.accountId());
    if (undo.isRecording()) {
      undo.record(
          () -> {
            balances.put(updated.accountId(), previous);
            if (added) {
              changedBalances.remove(updated.accountId());
            }
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
    newTransfers.put(transfer.id(), transfer);
    boolean pending = transfer.kind() == dev.speedtrade.ledger.TransferKind.PENDING;
    if (pending) {
      statuses.put(transfer.id(), PendingStatus.PENDING);
    }
    if (undo.isRecording()) {
      undo.record(
          () -> {
            transfers.remove(transfer.id());
            newTransfers.remove(transfer.id());
            if (pending) {
              statuses.remove(transfer.id());
            }
          });
    }
  }

  @Override
  public PendingStatus pendingStatus(String pendingId) {
    // The rules ask only for pending transfers they found, whose status the batch read with them.
    return Objects.requireNonNull(
        statuses.get(pendingId), "status of a pending transfer the batch has");
  }

  @Override
  public void updatePendingStatus(String pendingId, PendingStatus status) {
    PendingStatus previous = statuses.put(pendingId, status);
    // The rules take the resolution's timestamp just before they record it: the last one handed
    // out.
    Long previousResolution = resolved.put(pendingId, timestamps[usedTimestamps - 1]);
    if (undo.isRecording()) {
      undo.record(
          () -> {
            statuses.put(pendingId, previous);
            if (previousResolution == null) {
              resolved.remove(pendingId);
            } else {
              resolved.put(pendingId, previousResolution);
            }
          });
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

  /** Ends a linked chain: its writes stay, its undo log goes. */
  void endChain() {
    undo.end();
  }
}
