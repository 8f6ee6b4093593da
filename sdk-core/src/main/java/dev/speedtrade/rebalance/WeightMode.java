package dev.speedtrade.rebalance;

/** How a {@link BotInvestment}'s amount is read. */
public enum WeightMode {
  /** The amount is dollars; the bot's weight is the amount over the investable value. */
  DOLLARS,
  /** The amount is a percentage of the investable value: {@code 30} is 30%. */
  PERCENT
}
