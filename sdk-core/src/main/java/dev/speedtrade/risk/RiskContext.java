package dev.speedtrade.risk;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Everything a pre-trade check reads, as it is at the moment of the check, for one account and the
 * order's symbol. The order service fills it in; for a replace, the old order is left out of every
 * sum.
 *
 * @param order the order judged
 * @param instrument the instrument its symbol names, or null when none does
 * @param state the account's effective trading state (the stricter of its own and the platform's)
 * @param limits the account's limits
 * @param positionQty {@code p}: the account's position in the symbol, signed (short below zero)
 * @param openBuy the open qty of the account's open qty (not notional) buys in the symbol
 * @param openSell the open qty of the account's open qty (not notional) sells in the symbol
 * @param buyingPower the account's cash minus the reserves of its open buys, USD
 * @param reserve what the order would reserve, USD (zero for a sell)
 * @param marketOpen whether the us_equity market is open now
 * @param now the clock's instant
 * @param recentSubmits the account's submits answered {@code OK} at instants after {@code now}
 *     minus the rate limit's seconds (zero without a rate limit)
 * @param replace true for a replace's new order: check 20 (the rate limit) does not apply
 */
public record RiskContext(
    ProposedOrder order,
    @Nullable Instrument instrument,
    TradingState state,
    RiskLimits limits,
    BigDecimal positionQty,
    BigDecimal openBuy,
    BigDecimal openSell,
    BigDecimal buyingPower,
    BigDecimal reserve,
    boolean marketOpen,
    Instant now,
    int recentSubmits,
    boolean replace) {

  /**
   * Checks that every non-nullable field is present.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} naming a null field
   */
  public RiskContext {
    Arguments.notNull(order, "order");
    Arguments.notNull(state, "state");
    Arguments.notNull(limits, "limits");
    Arguments.notNull(positionQty, "positionQty");
    Arguments.notNull(openBuy, "openBuy");
    Arguments.notNull(openSell, "openSell");
    Arguments.notNull(buyingPower, "buyingPower");
    Arguments.notNull(reserve, "reserve");
    Arguments.notNull(now, "now");
  }

  /**
   * Returns the instrument; only checks after check 2 ({@code UNKNOWN_SYMBOL}) call it, when it is
   * known to exist.
   */
  Instrument known() {
    if (instrument == null) {
      throw new IllegalStateException("check run before UNKNOWN_SYMBOL on " + order.symbol());
    }
    return instrument;
  }
}
