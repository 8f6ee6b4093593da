package dev.speedtrade.rebalance;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Weight;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One entry of a bot's allocation, as the bot gave it. The planner judges what a bot may answer (a
 * blank symbol, a negative weight or weights summing above 1.000001 fail the bot), so such values
 * are accepted here; only a weight no bot can mean is refused, before any work: one whose size or
 * digits would make the planner's arithmetic and messages enormous (think {@code 1e1000000000}).
 *
 * @param symbol the symbol as given; {@code CASH} keeps that share in cash
 * @param weight the weight as given, a fraction of the bot's share; at most {@link
 *     Weight#MAX_VALUE} (1e15) in size and at most {@link Weight#MAX_SCALE} (60) decimals, as a
 *     {@link Weight}; may be negative (the planner then fails the bot)
 */
public record SymbolWeight(String symbol, BigDecimal weight) {
  /**
   * Checks both fields.
   *
   * @throws NullPointerException for a null symbol or weight
   * @throws SpeedTradeException {@link ErrorCode#INVALID_WEIGHT} naming the symbol, for a weight
   *     above 1e15 in size or with more than 60 decimals
   */
  public SymbolWeight {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(weight, "weight");
    if (weight.abs().compareTo(Weight.MAX_VALUE) > 0) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_WEIGHT,
          "weight of " + symbol + " must be at most 1e15 in size, got " + weight);
    }
    if (PlanNumbers.decimals(weight) > Weight.MAX_SCALE) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_WEIGHT,
          "weight of "
              + symbol
              + " must have at most "
              + Weight.MAX_SCALE
              + " decimals, got "
              + weight);
    }
  }
}
