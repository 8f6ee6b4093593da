package dev.speedtrade.examples.serve;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.rebalance.SymbolWeight;
import java.util.List;
import java.util.Objects;

/**
 * A bot a {@link HostService} offers to invest in (seed 002's "bot selector"): its id, the name
 * shown to clients, and its weights as they are listed (the platform's {@code AllocationSource}
 * decides what a rebalance uses; {@link DemoBots} keeps the two the same).
 *
 * @param id the bot id investments name, 1-64 characters of {@code [A-Za-z0-9._-]}
 * @param name the display name
 * @param weights the listed weights, in display order
 */
public record Bot(String id, String name, List<SymbolWeight> weights) {
  /**
   * Checks and copies.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a malformed id or a blank
   *     name
   */
  public Bot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "a bot id is 1-64 characters of [A-Za-z0-9._-], got '" + id + "'");
    }
    if (name.isBlank()) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "bot " + id + " needs a name");
    }
    weights = List.copyOf(weights);
  }

  /** The symbols of {@link #weights()}, in order. */
  public List<String> symbols() {
    return weights.stream().map(SymbolWeight::symbol).toList();
  }
}
