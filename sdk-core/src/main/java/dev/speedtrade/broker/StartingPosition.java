package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.util.Objects;

/**
 * A long position a simulated account starts with.
 *
 * @param symbol a listed symbol, normalized as {@link Symbols} does
 * @param qty the units held; not zero
 * @param avgEntryPrice what each unit cost
 */
public record StartingPosition(String symbol, Quantity qty, Price avgEntryPrice) {

  /**
   * Normalizes the symbol and checks the rest.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SYMBOL} for a malformed symbol, {@link
   *     ErrorCode#INVALID_QUANTITY} for zero units
   */
  public StartingPosition {
    symbol = Symbols.normalize(symbol);
    Objects.requireNonNull(qty, "qty");
    Objects.requireNonNull(avgEntryPrice, "avgEntryPrice");
    if (qty.isZero()) {
      throw new SpeedTradeException(ErrorCode.INVALID_QUANTITY, "a starting position needs units");
    }
  }
}
