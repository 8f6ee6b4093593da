package dev.speedtrade.broker;

import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SimulatedBroker} account holds: its cash in US dollars and its long positions, and
 * how a fill moves them. The orders and their matching stay in the broker. Mutable; guarded by the
 * market's lock.
 */
final class SimulatedPortfolio {
  private static final Currency USD = Currency.getInstance("USD");

  private final Map<String, SimulatedHolding> holdings = new TreeMap<>();
  private Money cash;

  SimulatedPortfolio(Money cash) {
    this.cash = cash;
  }

  Money cash() {
    return cash;
  }

  /** Cash plus every holding at its symbol's current price. */
  Money equity(Function<String, Price> prices) {
    Money equity = cash;
    for (Map.Entry<String, SimulatedHolding> entry : holdings.entrySet()) {
      equity = equity.plus(entry.getValue().marketValue(prices.apply(entry.getKey())));
    }
    return equity;
  }

  /** The positions, sorted by symbol, at each symbol's current price. */
  List<Position> positions(Function<String, Price> prices) {
    List<Position> positions = new ArrayList<>();
    holdings.forEach(
        (symbol, holding) -> positions.add(holding.toPosition(symbol, prices.apply(symbol))));
    return List.copyOf(positions);
  }

  @Nullable SimulatedHolding holding(String symbol) {
    return holdings.get(symbol);
  }

  /** The units held of {@code symbol}; zero when none. */
  BigDecimal held(String symbol) {
    SimulatedHolding holding = holdings.get(symbol);
    return holding == null ? BigDecimal.ZERO : holding.qty;
  }

  void hold(StartingPosition position, AssetClass assetClass) {
    holdings.put(
        position.symbol(),
        new SimulatedHolding(assetClass, position.qty().value(), position.avgEntryPrice().value()));
  }

  void deposit(Money amount) {
    cash = cash.plus(amount);
  }

  /** Cash minus what open buys reserve; never below zero. */
  Money buyingPower(Money reserved) {
    Money power = cash.minus(reserved);
    return power.isNegative() ? Money.zero(USD) : power;
  }

  /**
   * What a fill of {@code units} at {@code price} moves in cash: rounded to the cent, half even.
   */
  static Money cashMove(Quantity units, Price price) {
    return Money.of(price.times(units), USD, RoundingMode.HALF_EVEN);
  }

  /** Returns true when the cash covers a buy that moves {@code cost}. */
  boolean covers(Money cost) {
    return cost.compareTo(cash) <= 0;
  }

  /** Applies a fill; returns the units held of the symbol afterwards. */
  BigDecimal fill(
      OrderSide side, String symbol, AssetClass assetClass, Quantity units, Price price) {
    Money move = cashMove(units, price);
    if (side == OrderSide.BUY) {
      cash = cash.minus(move);
      holdings
          .computeIfAbsent(
              symbol, s -> new SimulatedHolding(assetClass, BigDecimal.ZERO, BigDecimal.ZERO))
          .buy(units.value(), price.value());
    } else {
      cash = cash.plus(move);
      SimulatedHolding holding = holdings.get(symbol);
      if (holding != null) {
        holding.sell(units.value());
        if (holding.isEmpty()) {
          holdings.remove(symbol);
        }
      }
    }
    return held(symbol);
  }
}
