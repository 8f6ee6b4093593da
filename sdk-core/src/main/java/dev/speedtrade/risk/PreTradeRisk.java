package dev.speedtrade.risk;

import java.util.List;
import java.util.Optional;

/**
 * The twenty pre-trade checks of the contract in their order. A submit runs checks 1-20, a
 * replace's new order checks 1-19 ({@link RiskContext#replace()}); the first that fails is the
 * answer. Stateless and thread-safe: everything a check reads is in the {@link RiskContext}.
 */
public final class PreTradeRisk {
  private final List<RiskCheck> checks =
      List.of(
          new HaltedCheck(),
          new SymbolKnownCheck(),
          new TradableCheck(),
          new QuantityCheck(),
          new NotionalCheck(),
          new FractionableCheck(),
          new TimeInForceCheck(),
          new PricePresenceCheck(),
          new PriceSignCheck(),
          new TickCheck(),
          new ReducingCheck(),
          new MarketHoursCheck(),
          new TradingWindowCheck(),
          new BlockedSymbolCheck(),
          new OrderQtyLimitCheck(),
          new OrderNotionalLimitCheck(),
          new PositionLimitCheck(),
          new PositionAvailableCheck(),
          new BuyingPowerCheck(),
          new RateLimitCheck());

  /** Creates the checks. */
  public PreTradeRisk() {}

  /**
   * Returns the first check {@code ctx}'s order fails, in the contract's order; empty when it
   * passes them all.
   *
   * @throws NullPointerException if {@code ctx} is null
   */
  public Optional<RiskCode> firstFailure(RiskContext ctx) {
    for (RiskCheck check : checks) {
      RiskCode failure = check.failure(ctx);
      if (failure != null) {
        return Optional.of(failure);
      }
    }
    return Optional.empty();
  }
}
