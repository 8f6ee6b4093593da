package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;

/**
 * Where each user's money is traded: {@code (userId, mode) -> } the user's {@link Brokerage}. A
 * platform serves many users through one of these, so that one user's rebalance, orders and reads
 * only ever reach that user's own account.
 *
 * <p>Implementations: {@link SimulatedAccounts} (one simulated account per user and mode, on one
 * simulated market), {@code AlpacaAccounts} in {@code sdk-broker-alpaca} (per-user Alpaca keys),
 * and the order management system's omnibus client books. {@code TradingAccountsContract} in {@code
 * sdk-testkit} checks an implementation.
 *
 * <p>Implementations are thread-safe, and answer the same user and mode with the same account for
 * as long as it is open. An implementation that cannot tell an account's mode without calling it (a
 * provider whose keys do not say) answers with the mode asked for and lets the provider refuse the
 * first call ({@link ErrorCode#FORBIDDEN}); one that can tell answers {@link
 * ErrorCode#MODE_MISMATCH}.
 */
public interface TradingAccounts {

  /**
   * Returns {@code userId}'s brokerage in {@code mode}. Makes no call to the account itself, so a
   * caller can refuse a wrong account before it trades.
   *
   * @param userId the host's id of the user, as given (ids are not trimmed or case-folded)
   * @param mode which of the user's accounts
   * @return a brokerage whose {@link Brokerage#mode()} is {@code mode}
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank user id or a
   *     null mode; {@link ErrorCode#ACCOUNT_NOT_FOUND} when the user has no account in {@code
   *     mode}; {@link ErrorCode#MODE_MISMATCH} when the account found holds the other mode's money
   */
  Brokerage brokerage(String userId, TradingMode mode);
}
