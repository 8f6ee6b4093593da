package dev.speedtrade.ledger;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.List;
import java.util.Optional;

/**
 * Double-entry ledger SPI: accounts with four balances, and transfers between them that are exact,
 * idempotent and audited. Every money movement of the platform (deposit, hold, trade, fee, withdrawal,
 * payout) is a transfer.
 *
 * <p>Implementations are thread-safe and keep these guarantees under any number of concurrent callers
 * (and, for a shared database, any number of host processes):
 *
 * <ol>
 *   <li>for every currency, debits posted equal credits posted, and debits pending equal credits
 *       pending, at every moment a reader can observe;
 *   <li>a flagged account's limit holds at every moment;
 *   <li>each transfer id takes effect at most once, whatever the retries or concurrent duplicates;
 *   <li>no balance passes {@link Long#MAX_VALUE}: such a transfer answers {@link
 *       TransferResult#OVERFLOW}.
 * </ol>
 *
 * <p>Business outcomes are result codes, one per account or transfer, in input order; a failed
 * account or transfer changes nothing. A malformed call (a null list or element) throws {@link
 * SpeedTradeException} before any write. Time, for pending-transfer timeouts, comes from the
 * ledger's injected {@link java.time.Clock}.
 *
 * <p>The full contract is in {@code docs/ledger-contract.md}; {@code sdk-testkit}'s {@code LedgerContract}
 * checks an implementation against it.
 */
public interface Ledger {

  /**
   * Creates accounts, each on its own: one failing does not stop the others.
   *
   * @return one result per account, in order
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ACCOUNT} for a null list or element
   */
  List<AccountResult> createAccounts(List<LedgerAccount> accounts);

  /**
   * Applies transfers in order, each on its own and each seeing the effects of those before it.
   *
   * @return one result per transfer, in order
   * @throws SpeedTradeException {@link ErrorCode#INVALID_TRANSFER} for a null list or element
   */
  List<TransferResult> createTransfers(List<Transfer> transfers);

  /**
   * Applies transfers as one linked chain: all or nothing. The first member that fails answers its own
   * code and every other member {@link TransferResult#LINKED_EVENT_FAILED} (those after it are not
   * judged); nothing new of the chain is applied. A member that already exists unchanged answers
   * {@link TransferResult#EXISTS} and counts as success, so a retried chain converges.
   *
   * @return one result per transfer, in order
   * @throws SpeedTradeException {@link ErrorCode#INVALID_TRANSFER} for a null list or element
   */
  List<TransferResult> createLinkedTransfers(List<Transfer> chain);

  /** Returns the account with {@code id}, if it exists. */
  Optional<LedgerAccount> account(String id);

  /** Returns the account's balances now, if it exists. */
  Optional<AccountBalances> balances(String accountId);

  /**
   * Returns the account's balances as they were after every change with a ledger timestamp at or
   * before {@code timestamp}; empty when the account did not exist then.
   */
  Optional<AccountBalances> balancesAt(String accountId, long timestamp);

  /** Returns the transfer with {@code id}, if it was applied. */
  Optional<RecordedTransfer> transfer(String id);

  /** Returns the status of pending transfer {@code pendingId}, if it is a pending transfer. */
  Optional<PendingStatus> pendingStatus(String pendingId);

  /**
   * Returns a page of the transfers that debit or credit {@code accountId}, in timestamp order: those
   * with a timestamp after {@code afterTimestamp}, at most {@code limit} of them. Pass {@code 0} for
   * the first page and the last timestamp of a page for the next.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when {@code limit} is not 1 to
   *     {@value #MAX_PAGE}
   */
  List<RecordedTransfer> transfers(String accountId, long afterTimestamp, int limit);

  /** The largest page {@link #transfers} returns. */
  int MAX_PAGE = 1000;
}
