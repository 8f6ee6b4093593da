package dev.speedtrade.oms;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One client account's money and positions at one moment, USD at 2 decimals.
 *
 * @param account the client account
 * @param cash settled cash plus unsettled sale proceeds minus what the client owes (its debit
 *     balance): the contract's cash, which a fill above its reserve may take below zero
 * @param buyingPower cash minus everything held (the reserves of the open buys, and any other hold
 *     on the client's cash, such as a withdrawal's)
 * @param equity cash plus the market value of every position
 * @param marketValue the sum of the positions' market values at their marks
 * @param realizedPnl the sum of the positions' realized P&amp;L
 * @param unrealizedPnl the sum of the positions' unrealized P&amp;L at their marks
 * @param dayPnl the P&amp;L since the previous close (New York trading day): for each symbol, the
 *     quantity held at the previous close times (mark - previous close), plus each of today's
 *     fills' signed quantity times (mark - its price), summed exactly and rounded HALF_EVEN to
 *     cents; null when the previous close of a symbol held or traded today is unknown
 * @param positions every position the account has had, by symbol
 * @param marks the mark each position was valued at, by symbol, read once for this portfolio; a
 *     symbol the market no longer lists (its position valued at its cost basis) is absent;
 *     immutable
 */
public record Portfolio(
    String account,
    BigDecimal cash,
    BigDecimal buyingPower,
    BigDecimal equity,
    BigDecimal marketValue,
    BigDecimal realizedPnl,
    BigDecimal unrealizedPnl,
    @Nullable BigDecimal dayPnl,
    List<ClientPosition> positions,
    Map<String, BigDecimal> marks) {

  /**
   * Copies the list and checks that every field is present.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} naming a missing field
   */
  public Portfolio {
    Args.id(account, "account");
    Args.notNull(cash, "cash");
    Args.notNull(buyingPower, "buyingPower");
    Args.notNull(equity, "equity");
    Args.notNull(marketValue, "marketValue");
    Args.notNull(realizedPnl, "realizedPnl");
    Args.notNull(unrealizedPnl, "unrealizedPnl");
    positions = List.copyOf(Args.notNull(positions, "positions"));
    marks = Map.copyOf(Args.notNull(marks, "marks"));
  }

  /** Returns the mark {@code symbol}'s position was valued at, if the market listed it. */
  public Optional<BigDecimal> mark(String symbol) {
    return Optional.ofNullable(marks.get(symbol));
  }
}
