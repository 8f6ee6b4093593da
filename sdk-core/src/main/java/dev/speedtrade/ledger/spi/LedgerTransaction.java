package dev.speedtrade.ledger.spi;

import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The ledger state {@link LedgerRules} reads and writes, as one implementation keeps it: maps in
 * memory, rows in a database transaction, a host's own store. For implementors of {@link Ledger};
 * hosts never call it.
 *
 * <p>The rules call it from one thread; the implementation makes the whole batch atomic and
 * isolated (a lock, row locks, a serializable transaction). Reads see the writes made earlier
 * through the same transaction.
 */
public interface LedgerTransaction {

  /** The ledger clock's reading for this batch. */
  Instant now();

  /** Returns a new ledger timestamp, greater than every one handed out before. */
  long nextTimestamp();

  /** Returns the account, or null when it does not exist. */
  @Nullable LedgerAccount account(String id);

  /** Creates an account with zero balances stamped {@code timestamp}. */
  void insertAccount(LedgerAccount account, long timestamp);

  /** Returns the balances of an account that exists. */
  AccountBalances balances(String accountId);

  /**
   * Replaces an account's balances (they carry their new timestamp) and records them in its
   * history.
   */
  void updateBalances(AccountBalances balances);

  /**
   * The same as {@link #updateBalances(AccountBalances)} with these values, for an implementation
   * that can store them without the object: the rules call this one on every transfer.
   */
  default void updateBalances(
      String accountId,
      long debitsPending,
      long debitsPosted,
      long creditsPending,
      long creditsPosted,
      long timestamp) {
    updateBalances(
        new AccountBalances(
            accountId, debitsPending, debitsPosted, creditsPending, creditsPosted, timestamp));
  }

  /** Returns the applied transfer with {@code id}, or null. */
  @Nullable RecordedTransfer transfer(String id);

  /** Records an applied transfer; a pending one starts {@link PendingStatus#PENDING}. */
  void insertTransfer(RecordedTransfer transfer);

  /** Returns the status of a recorded pending transfer. */
  PendingStatus pendingStatus(String pendingId);

  /** Records that a pending transfer was posted, voided or expired. */
  void updatePendingStatus(String pendingId, PendingStatus status);

  /** Marks the state now, for {@link #rollbackTo}: a linked chain starts with one. */
  Savepoint savepoint();

  /** Undoes every write made through this transaction since {@code savepoint}. */
  void rollbackTo(Savepoint savepoint);

  /** A point to roll back to; its meaning is the implementation's. */
  interface Savepoint {}
}
