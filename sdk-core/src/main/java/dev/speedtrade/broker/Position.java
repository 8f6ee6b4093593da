package dev.speedtrade.broker;

import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A holding of one asset.
 *
 * @param symbol the ticker or crypto pair
 * @param assetClass the asset's class
 * @param side long or short
 * @param qty the units held, without sign (see {@link #signedQty()})
 * @param avgEntryPrice the average price paid per unit
 * @param currentPrice the latest price, or null when the broker has none
 * @param marketValue the position's value at the current price (negative for a short)
 * @param costBasis the total paid for the position
 */
public record Position(
    String symbol,
    AssetClass assetClass,
    PositionSide side,
    Quantity qty,
    Price avgEntryPrice,
    @Nullable Price currentPrice,
    Money marketValue,
    Money costBasis) {

  /** Checks that the required fields are present. */
  public Position {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(assetClass, "assetClass");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(qty, "qty");
    Objects.requireNonNull(avgEntryPrice, "avgEntryPrice");
    Objects.requireNonNull(marketValue, "marketValue");
    Objects.requireNonNull(costBasis, "costBasis");
  }

  /** Returns the quantity with its sign: negative for a short position. */
  public BigDecimal signedQty() {
    return side == PositionSide.SHORT ? qty.value().negate() : qty.value();
  }
}
