package dev.speedtrade.rebalance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a bot's {@code AllocationSource} answered for today: its weights, or why there are none. The
 * planner judges the weights (step 3 of the contract); an invalid set fails the bot the same way an
 * error does.
 */
public sealed interface Allocation permits Allocation.Weights, Allocation.Failed {

  /** Returns weights in the order given; a symbol may repeat, and its weights are then added. */
  static Allocation of(List<SymbolWeight> weights) {
    return new Weights(weights);
  }

  /** Returns the weights of {@code weights}, in its iteration order. */
  static Allocation of(Map<String, BigDecimal> weights) {
    List<SymbolWeight> entries = new ArrayList<>(weights.size());
    weights.forEach((symbol, weight) -> entries.add(new SymbolWeight(symbol, weight)));
    return new Weights(entries);
  }

  /**
   * Returns a failed allocation; {@code reason} ends up in the plan's {@code BOT_FAILED} warning.
   */
  static Allocation failed(String reason) {
    return new Failed(reason);
  }

  /**
   * A bot's weights as it gave them. An empty list is valid: all cash.
   *
   * @param weights the entries, in order
   */
  record Weights(List<SymbolWeight> weights) implements Allocation {
    /** Copies the list. */
    public Weights {
      weights = List.copyOf(weights);
    }
  }

  /**
   * A bot that produced no weights: its source threw, timed out or answered nothing usable.
   *
   * @param reason what went wrong, for the warning's detail
   */
  record Failed(String reason) implements Allocation {
    /** Checks that the reason is present. */
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
