package dev.speedtrade.broker;

import dev.speedtrade.money.Price;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the market shows for one symbol now: latest quote, latest trade and the current daily bar,
 * any of which may be missing (a new listing has no bar; a halted one may have no quote).
 *
 * @param symbol the ticker or crypto pair
 * @param latestQuote the latest best bid and offer, or null
 * @param latestTrade the latest trade, or null
 * @param dailyBar the current (or latest) trading day's bar, or null
 * @param previousDailyBar the trading day before's bar, or null
 */
public record Snapshot(
    String symbol,
    @Nullable Quote latestQuote,
    @Nullable Trade latestTrade,
    @Nullable Bar dailyBar,
    @Nullable Bar previousDailyBar) {

  /** Checks that the symbol is present. */
  public Snapshot {
    Objects.requireNonNull(symbol, "symbol");
  }

  /** Returns the ask of the latest quote, when there is one. */
  public Optional<Price> ask() {
    return latestQuote == null ? Optional.empty() : latestQuote.ask();
  }

  /** Returns the price of the latest trade, when there is one. */
  public Optional<Price> lastTradePrice() {
    return latestTrade == null ? Optional.empty() : Optional.of(latestTrade.price());
  }

  /** Returns the close of the current daily bar, when there is one. */
  public Optional<Price> dailyClose() {
    return dailyBar == null ? Optional.empty() : Optional.of(dailyBar.close());
  }
}
