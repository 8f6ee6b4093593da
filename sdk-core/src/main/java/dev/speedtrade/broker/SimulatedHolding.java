package dev.speedtrade.broker;

import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * A long position inside the {@link SimulatedBroker}: units and the average price paid, kept to
 * {@link MathContext#DECIMAL128}. Mutable; guarded by the broker's lock.
 */
final class SimulatedHolding {
  private static final Currency USD = Currency.getInstance("USD");

  final AssetClass assetClass;
  BigDecimal qty;
  private BigDecimal averagePrice;

  SimulatedHolding(AssetClass assetClass, BigDecimal qty, BigDecimal averagePrice) {
    this.assetClass = assetClass;
    this.qty = qty;
    this.averagePrice = averagePrice;
  }

  /** Adds bought units; the average becomes the quantity-weighted mean. */
  void buy(BigDecimal units, BigDecimal price) {
    BigDecimal total = qty.add(units);
    averagePrice =
        qty.multiply(averagePrice).add(units.multiply(price)).divide(total, MathContext.DECIMAL128);
    qty = total;
  }

  /** Removes sold units; the average price paid for the rest does not change. */
  void sell(BigDecimal units) {
    qty = qty.subtract(units);
  }

  boolean isEmpty() {
    return qty.signum() == 0;
  }

  /** Returns units times {@code price}, rounded HALF_EVEN to the cent. */
  Money marketValue(Price price) {
    return Money.of(qty.multiply(price.value()), USD, RoundingMode.HALF_EVEN);
  }

  /**
   * Returns the position; average price HALF_EVEN to 9 decimals, cost basis HALF_EVEN to the cent.
   */
  Position toPosition(String symbol, Price price) {
    Price average = Price.of(averagePrice.setScale(Price.MAX_SCALE, RoundingMode.HALF_EVEN));
    return new Position(
        symbol,
        assetClass,
        PositionSide.LONG,
        Quantity.of(qty),
        average,
        price,
        marketValue(price),
        Money.of(qty.multiply(averagePrice), USD, RoundingMode.HALF_EVEN));
  }
}
