package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;

import java.util.List;

/**
 * Each user's bot investments, per mode. A user has at most one investment per bot in a mode; paper
 * and live never mix. The order of a user's investments is the order their weights are summed in:
 * the order they were first added, kept when one is updated. Implementations are thread-safe.
 */
public interface InvestmentStore {

  /** Adds {@code investment}, or replaces the user's investment in the same bot, keeping its place. */
  void put(String userId, TradingMode mode, BotInvestment investment);

  /** Removes the user's investment in {@code botId}; returns whether there was one. */
  boolean remove(String userId, TradingMode mode, String botId);

  /** Returns the user's investments in {@code mode}, in the order they were first added. */
  List<BotInvestment> list(String userId, TradingMode mode);
}
