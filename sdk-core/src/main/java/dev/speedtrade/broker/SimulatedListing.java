package dev.speedtrade.broker;

import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One asset on the simulated market with its latest price and daily bars. Mutable; guarded by the
 * {@link SimulatedBroker}'s lock.
 */
final class SimulatedListing {
  /** The size shown on the simulated quote and trade prints. */
  private static final Quantity PRINT_SIZE = Quantity.of(100);

  private Asset asset;
  private Price price;
  private Instant pricedAt;
  private LocalDate barDate;
  private Price barOpen;
  private Price barHigh;
  private Price barLow;
  private BigDecimal barVolume = BigDecimal.ZERO;
  private Instant barStart;
  private @Nullable Bar previousBar;

  /** Counts price prints; each order gets one chance to execute against each print. */
  private long version;

  SimulatedListing(Asset asset, Price price, Instant now) {
    this.asset = asset;
    this.price = price;
    this.pricedAt = now;
    this.barDate = SimulatedMarketClock.marketDate(now);
    this.barOpen = price;
    this.barHigh = price;
    this.barLow = price;
    this.barStart = now;
  }

  Asset asset() {
    return asset;
  }

  void relist(Asset asset) {
    this.asset = asset;
  }

  Price price() {
    return price;
  }

  long version() {
    return version;
  }

  /**
   * Records a new price at {@code now}, rolling the daily bar over when the market date changed.
   */
  void setPrice(Price newPrice, Instant now) {
    rollBar(now);
    price = newPrice;
    pricedAt = now;
    version++;
    barHigh = barHigh.compareTo(newPrice) >= 0 ? barHigh : newPrice;
    barLow = barLow.compareTo(newPrice) <= 0 ? barLow : newPrice;
  }

  void addVolume(Quantity qty, Instant now) {
    rollBar(now);
    barVolume = barVolume.add(qty.value());
  }

  Snapshot snapshot(Instant now) {
    rollBar(now);
    Quote quote = new Quote(price, PRINT_SIZE, price, PRINT_SIZE, pricedAt);
    Trade trade = new Trade(price, PRINT_SIZE, pricedAt);
    Bar daily = new Bar(barOpen, barHigh, barLow, price, barVolume, barStart);
    return new Snapshot(asset.symbol(), quote, trade, daily, previousBar);
  }

  private void rollBar(Instant now) {
    LocalDate today = SimulatedMarketClock.marketDate(now);
    if (today.isAfter(barDate)) {
      previousBar = new Bar(barOpen, barHigh, barLow, price, barVolume, barStart);
      barDate = today;
      barOpen = price;
      barHigh = price;
      barLow = price;
      barVolume = BigDecimal.ZERO;
      barStart = now;
    }
  }
}
