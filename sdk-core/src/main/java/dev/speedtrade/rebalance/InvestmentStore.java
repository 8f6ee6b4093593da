package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import java.util.List;

/**
 * Each user's bot investments, per mode. A user has at most one investment per bot in a mode; paper
 * and live never mix. The order of a user's investments is the order their weights are summed in:
 * the order they were first added, kept when one is updated. Implementations are thread-safe.
 *
 * <p>Every method refuses bad arguments before it reads or writes anything, with the same code in
 * every implementation (see {@link RebalanceArguments}): {@link ErrorCode#INVALID_ARGUMENT} for a
 * user id that breaks the id rules (null, blank, longer than {@value
 * RebalanceArguments#MAX_USER_ID_LENGTH} characters, a control character, an unpaired surrogate), a
 * null mode, or a bot id to {@link #remove} that breaks them; {@link ErrorCode#INVALID_INVESTMENT}
 * for a null investment. A store never answers bad input with {@link ErrorCode#STORE_UNAVAILABLE}.
 */
public interface InvestmentStore {

  /**
   * Adds {@code investment}, or replaces the user's investment in the same bot, keeping its place.
   */
  void put(String userId, TradingMode mode, BotInvestment investment);

  /** Removes the user's investment in {@code botId}; returns whether there was one. */
  boolean remove(String userId, TradingMode mode, String botId);

  /** Returns the user's investments in {@code mode}, in the order they were first added. */
  List<BotInvestment> list(String userId, TradingMode mode);
}
