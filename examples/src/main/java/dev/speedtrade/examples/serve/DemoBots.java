package dev.speedtrade.examples.serve;

import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.rebalance.SymbolWeight;
import java.math.BigDecimal;
import java.util.List;

/**
 * The bots {@code speedtrade serve} offers to invest in (seed 002's "bot selector"): each a fixed
 * set of weights over the simulated venue's demo listings, the same every day. {@link #bots()} is
 * for {@code HostService.builder().bots(...)} (listed read-only by {@code GET
 * /api/admin/trading/bots}, the only bots investments may name); {@link #allocations()} gives the
 * platform the same weights, for {@code SpeedTrade.builder().allocations(...)}.
 *
 * <table>
 *   <caption>The demo bots</caption>
 *   <tr><th>id</th><th>name</th><th>weights</th></tr>
 *   <tr><td>core</td><td>Core ETFs</td><td>SPY 0.50, QQQ 0.30, BIL 0.20</td></tr>
 *   <tr><td>treasuries</td><td>Treasuries</td><td>TLT 0.60, SGOV 0.40</td></tr>
 *   <tr><td>megacap</td><td>Mega-cap tech</td><td>AAPL 0.50, MSFT 0.50</td></tr>
 *   <tr><td>hedge</td><td>S&amp;P hedge</td><td>SH 1.00</td></tr>
 * </table>
 */
public final class DemoBots {
  private static final List<Bot> BOTS =
      List.of(
          new Bot(
              "core", "Core ETFs", List.of(w("SPY", "0.50"), w("QQQ", "0.30"), w("BIL", "0.20"))),
          new Bot("treasuries", "Treasuries", List.of(w("TLT", "0.60"), w("SGOV", "0.40"))),
          new Bot("megacap", "Mega-cap tech", List.of(w("AAPL", "0.50"), w("MSFT", "0.50"))),
          new Bot("hedge", "S&P hedge", List.of(w("SH", "1.00"))));

  private DemoBots() {}

  /** The demo bots, for {@code HostService.builder().bots(...)}. */
  public static List<Bot> bots() {
    return BOTS;
  }

  /**
   * Returns a new allocation source answering every demo bot's weights on every market date (any
   * other bot fails with {@code "no allocation"}).
   */
  public static StaticAllocationSource allocations() {
    StaticAllocationSource source = new StaticAllocationSource();
    for (Bot bot : BOTS) {
      source.put(bot.id(), Allocation.of(bot.weights()));
    }
    return source;
  }

  private static SymbolWeight w(String symbol, String weight) {
    return new SymbolWeight(symbol, new BigDecimal(weight));
  }
}
