package dev.speedtrade.rebalance;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One entry of a bot's allocation, as the bot gave it. The planner judges it (a blank symbol or a
 * negative weight fails the bot), so any value is accepted here.
 *
 * @param symbol the symbol as given; {@code CASH} keeps that share in cash
 * @param weight the weight as given, a fraction of the bot's share
 */
public record SymbolWeight(String symbol, BigDecimal weight) {
  /** Checks that both fields are present. */
  public SymbolWeight {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(weight, "weight");
  }
}
