package dev.speedtrade.ledger;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Double-entry ledger SPI: accounts with four balances, and transfers between them that are exact,
 * idempotent and audited. Every money movement of the platform (deposit, hold, trade, fee,
 * withdrawal, payout) is a transfer.
 *
 * <p>Implementations are thread-safe and keep these guarantees under any number of concurrent
 * callers (and, for a shared database, any number of host processes):
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
 * account or transfer changes nothing. A malformed call (a null list, element or argument) throws
 * {@link SpeedTradeException} of a {@link ErrorCode.Category#BAD_INPUT} code before any write, the
 * same on every implementation. Time, for pending-transfer timeouts, comes from the ledger's
 * injected {@link java.time.Clock}, which must read between {@link #EARLIEST_INSTANT} and {@link
 * #LATEST_INSTANT}: outside that range every call throws {@link ErrorCode#INVALID_ARGUMENT}.
 *
 * <p>Amounts are {@code long} minor units; {@link Transfer}'s factories also take {@link
 * dev.speedtrade.money.Money} (whose currency the ledger checks against the accounts'), {@link
 * #balance(String, NormalSide)} reads a balance as {@code Money}, and {@link #submit(List)} answers
 * results with their transfer ids.
 *
 * <p>The full contract is in {@code docs/ledger-contract.md}; {@code sdk-testkit}'s {@code
 * LedgerContract} checks an implementation against it.
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
   * Applies transfers as one linked chain: all or nothing. The first member that fails answers its
   * own code and every other member {@link TransferResult#LINKED_EVENT_FAILED} (those after it are
   * not judged); nothing new of the chain is applied. A member that already exists unchanged
   * answers {@link TransferResult#EXISTS} and counts as success, so a retried chain converges.
   *
   * @return one result per transfer, in order
   * @throws SpeedTradeException {@link ErrorCode#INVALID_TRANSFER} for a null list or element
   */
  List<TransferResult> createLinkedTransfers(List<Transfer> chain);

  /**
   * Applies transfers as {@link #createTransfers} does and returns each result with its transfer's
   * id.
   *
   * @return one outcome per transfer, in order
   * @throws SpeedTradeException {@link ErrorCode#INVALID_TRANSFER} for a null list or element
   */
  default TransferOutcomes submit(List<Transfer> transfers) {
    return TransferOutcomes.of(transfers, createTransfers(transfers));
  }

  /**
   * Applies transfers as one linked chain, as {@link #createLinkedTransfers} does, and returns each
   * result with its transfer's id; {@link TransferOutcomes#allAppliedOrExisted()} says whether the
   * chain is there.
   *
   * @return one outcome per transfer, in order
   * @throws SpeedTradeException {@link ErrorCode#INVALID_TRANSFER} for a null list or element
   */
  default TransferOutcomes submitLinked(List<Transfer> chain) {
    return TransferOutcomes.of(chain, createLinkedTransfers(chain));
  }

  /**
   * Applies one transfer and returns its result with its id.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_TRANSFER} for a null transfer
   */
  default TransferOutcome submit(Transfer transfer) {
    return submit(Collections.singletonList(transfer)).outcomes().get(0);
  }

  /**
   * Returns the account with {@code id}, if it exists.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null id
   */
  Optional<LedgerAccount> account(String id);

  /**
   * Returns the account's balances now, if it exists.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null id
   */
  Optional<AccountBalances> balances(String accountId);

  /**
   * Returns the balances now of each account of {@code accountIds}, in order, as one view (every
   * balance as of the same moment); an element is empty when its account does not exist. The
   * default reads them one by one; an implementation that can reads them at once.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null list or element
   */
  default List<Optional<AccountBalances>> balances(List<String> accountIds) {
    if (accountIds == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "account ids must not be null");
    }
    List<Optional<AccountBalances>> result = new java.util.ArrayList<>(accountIds.size());
    for (String id : accountIds) {
      result.add(balances(id));
    }
    return result;
  }

  /**
   * Returns the account's balance now in {@link dev.speedtrade.money.Money}, read from {@code side}
   * (the ledger records no normal side; the host knows it), if the account exists. See {@link
   * Balance} for what each amount means.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null argument; {@link
   *     ErrorCode#INVALID_CURRENCY} when the account's currency has no minor units (such as {@code
   *     XAU})
   */
  default Optional<Balance> balance(String accountId, NormalSide side) {
    if (side == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "normal side must not be null");
    }
    // Two reads are one view: an account's currency never changes and accounts are never deleted.
    Optional<LedgerAccount> account = account(accountId);
    if (account.isEmpty()) {
      return Optional.empty();
    }
    return balances(accountId).map(balances -> Balance.of(account.get(), balances, side));
  }

  /**
   * Returns the account's balances as they were after every change with a ledger timestamp at or
   * before {@code timestamp}; empty when the account did not exist then.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null id
   */
  Optional<AccountBalances> balancesAt(String accountId, long timestamp);

  /**
   * Returns the transfer with {@code id}, if it was applied.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null id
   */
  Optional<RecordedTransfer> transfer(String id);

  /**
   * Returns the status of pending transfer {@code pendingId}, if it is a pending transfer.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null id
   */
  Optional<PendingStatus> pendingStatus(String pendingId);

  /**
   * Returns a page of the transfers that debit or credit {@code accountId}, in timestamp order:
   * those with a timestamp after {@code afterTimestamp}, at most {@code limit} of them. Pass {@code
   * 0} for the first page and the last timestamp of a page for the next.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when {@code limit} is not 1 to
   *     {@value #MAX_PAGE} or {@code accountId} is null
   */
  List<RecordedTransfer> transfers(String accountId, long afterTimestamp, int limit);

  /** The largest page {@link #transfers} returns. */
  int MAX_PAGE = 1000;

  /**
   * The earliest reading of the ledger's clock a ledger works at: the epoch. A call made while the
   * clock reads earlier throws {@link ErrorCode#INVALID_ARGUMENT} before any write.
   */
  Instant EARLIEST_INSTANT = Instant.EPOCH;

  /**
   * The latest reading of the ledger's clock a ledger works at: the last microsecond of 2261.
   * Ledger timestamps may count nanoseconds in a {@code long}, which ends on 2262-04-11; a call
   * made while the clock reads later throws {@link ErrorCode#INVALID_ARGUMENT} before any write, on
   * every implementation alike. Every ledger reads its clock to the microsecond.
   */
  Instant LATEST_INSTANT = Instant.parse("2261-12-31T23:59:59.999999Z");
}
