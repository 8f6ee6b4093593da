package dev.speedtrade.rebalance;

import java.util.Objects;

/**
 * A symbol the plan leaves untraded, and why.
 *
 * @param symbol the symbol, trimmed and upper-cased
 * @param reason why it is not traded
 */
public record SkippedSymbol(String symbol, SkipReason reason) {
  /** Checks that both fields are present. */
  public SkippedSymbol {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(reason, "reason");
  }
}
