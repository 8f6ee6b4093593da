package dev.speedtrade.rebalance;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The market data a symbol's reference price is taken from. The planner uses the first positive of
 * ask, last trade and daily close; zero, negative and missing values are passed over.
 *
 * @param ask the latest quote's ask, or null
 * @param last the latest trade's price, or null
 * @param close the latest daily bar's close, or null
 */
public record ReferencePrices(
    @Nullable BigDecimal ask, @Nullable BigDecimal last, @Nullable BigDecimal close) {

  /** Nothing known about the symbol. */
  public static final ReferencePrices NONE = new ReferencePrices(null, null, null);

  /** Returns prices known only by the quote's ask. */
  public static ReferencePrices ask(BigDecimal ask) {
    return new ReferencePrices(ask, null, null);
  }
}
