package dev.speedtrade.rebalance;

import dev.speedtrade.broker.OrderSide;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link TradePlanner} decided: the merged weights, a line per symbol, the orders (sells
 * first, then buys, each sorted by symbol), what it skipped and what it warned about.
 *
 * @param equity the account's equity
 * @param reserve the cash reserve as computed (it may exceed the equity)
 * @param investable equity minus reserve, at least zero
 * @param weights the final weight of every targeted symbol, sorted by symbol
 * @param targets every symbol targeted or held, sorted by symbol
 * @param orders the orders: sells, then buys, each sorted by symbol
 * @param skipped symbols left untraded, in symbol order
 * @param warnings what the plan met, in the order it met it
 */
public record TradePlan(
    BigDecimal equity,
    BigDecimal reserve,
    BigDecimal investable,
    SortedMap<String, BigDecimal> weights,
    List<PlanTarget> targets,
    List<PlannedOrder> orders,
    List<SkippedSymbol> skipped,
    List<PlanWarning> warnings) {

  /** Copies every collection. */
  public TradePlan {
    Objects.requireNonNull(equity, "equity");
    Objects.requireNonNull(reserve, "reserve");
    Objects.requireNonNull(investable, "investable");
    weights = Collections.unmodifiableSortedMap(new TreeMap<>(weights));
    targets = List.copyOf(targets);
    orders = List.copyOf(orders);
    skipped = List.copyOf(skipped);
    warnings = List.copyOf(warnings);
  }

  /** Returns the sell orders, sorted by symbol. */
  public List<PlannedOrder> sells() {
    return orders.stream().filter(order -> order.side() == OrderSide.SELL).toList();
  }

  /** Returns the buy orders, sorted by symbol. */
  public List<PlannedOrder> buys() {
    return orders.stream().filter(order -> order.side() == OrderSide.BUY).toList();
  }
}
