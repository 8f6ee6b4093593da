package dev.speedtrade.rebalance;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A user's investment in one bot: how much of the investable value follows the bot's weights.
 *
 * @param botId the bot, unique among one user's investments in one mode
 * @param amount dollars, or a percentage of the investable value, per {@code weightMode}; positive
 * @param weightMode how {@code amount} is read
 */
public record BotInvestment(String botId, BigDecimal amount, WeightMode weightMode) {
  /**
   * Checks the investment.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_INVESTMENT} naming the field: a blank bot
   *     id, or one that breaks the id rules of {@link RebalanceArguments} (longer than 128
   *     characters, a control character, an unpaired surrogate), an amount that is null, not
   *     positive, 1e15 or more or with more than 34 decimals, a null weight mode
   */
  public BotInvestment {
    if (botId == null || botId.isBlank()) {
      throw invalid("botId must not be blank, got '" + botId + "'");
    }
    String problem = RebalanceArguments.idProblem(botId, RebalanceArguments.MAX_BOT_ID_LENGTH);
    if (problem != null) {
      throw invalid("botId " + problem);
    }
    if (amount == null || amount.signum() <= 0) {
      throw invalid("amount of bot '" + botId + "' must be positive, got " + amount);
    }
    PlanNumbers.check(
        amount,
        PlanNumbers.MAX_DOLLARS,
        PlanNumbers.MAX_DECIMALS,
        ErrorCode.INVALID_INVESTMENT,
        "amount of bot '" + botId + "'");
    if (weightMode == null) {
      throw invalid("weightMode of bot '" + botId + "' must not be null");
    }
  }

  /** Returns an investment of {@code dollars} in {@code botId}. */
  public static BotInvestment dollars(String botId, BigDecimal dollars) {
    return new BotInvestment(botId, dollars, WeightMode.DOLLARS);
  }

  /** Returns an investment of {@code percent} of the investable value in {@code botId}. */
  public static BotInvestment percent(String botId, BigDecimal percent) {
    return new BotInvestment(botId, percent, WeightMode.PERCENT);
  }

  private static SpeedTradeException invalid(String message) {
    return new SpeedTradeException(ErrorCode.INVALID_INVESTMENT, Objects.requireNonNull(message));
  }
}
