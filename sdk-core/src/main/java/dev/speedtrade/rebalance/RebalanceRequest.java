package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.List;

/**
 * One user's rebalance to run now: whose, in which mode, with which settings and investments, and
 * whether to trade or only plan.
 *
 * @param userId the host's user id
 * @param mode paper or live; it selects the execution key, the host selects the matching broker
 * @param settings the user's settings in this mode
 * @param investments the user's bot investments in this mode
 * @param dryRun true to return the plan without touching the broker or the store
 */
public record RebalanceRequest(
    String userId,
    TradingMode mode,
    TradingSettings settings,
    List<BotInvestment> investments,
    boolean dryRun) {

  /**
   * Checks and copies the request.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a blank user or a null part,
   *     or a user id that breaks the rules of {@link RebalanceArguments#userId}; {@link
   *     ErrorCode#INVALID_INVESTMENT} for two investments in one bot
   */
  public RebalanceRequest {
    if (userId == null
        || userId.isBlank()
        || mode == null
        || settings == null
        || investments == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "a rebalance request needs a user id, a mode, settings and investments");
    }
    RebalanceArguments.userId(userId);
    investments = List.copyOf(investments);
    if (investments.stream().map(BotInvestment::botId).distinct().count() != investments.size()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_INVESTMENT, "user " + userId + " invests in a bot twice");
    }
  }
}
