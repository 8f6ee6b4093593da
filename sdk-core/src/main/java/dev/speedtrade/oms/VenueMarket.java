package dev.speedtrade.oms;

import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetStatus;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.Snapshot;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Price;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The market facts of a venue, as the order service reads them: each symbol's asset (tradable,
 * fractionable) from the venue's broker, its mark from the venue's market data (the last trade,
 * else the ask, else the day's close), and the hours from the venue's market clock.
 *
 * <p>Assets are kept for an hour (they change seldom, and a lookup is a network call on a remote
 * venue); marks and hours are read on every call. The venue gives no short-sale facts, so every
 * instrument reads as not shortable: clients of the omnibus account sell only what they hold.
 * Thread-safe.
 */
public final class VenueMarket implements MarketView {
  private static final Duration ASSET_TTL = Duration.ofHours(1);

  private final Brokerage venue;
  private final Clock clock;
  private final ConcurrentMap<String, Cached> assets = new ConcurrentHashMap<>();

  private VenueMarket(Brokerage venue, Clock clock) {
    this.venue = venue;
    this.clock = clock;
  }

  /**
   * Returns the market of {@code venue}, timing its asset cache by {@code clock}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null argument
   */
  public static VenueMarket of(Brokerage venue, Clock clock) {
    return new VenueMarket(Args.notNull(venue, "venue"), Args.notNull(clock, "clock"));
  }

  @Override
  public Optional<Instrument> instrument(String symbol) {
    Optional<Asset> asset = asset(symbol);
    if (asset.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Snapshot> snapshots = venue.marketData().snapshots(List.of(symbol));
    Snapshot snapshot = snapshots.get(symbol);
    if (snapshot == null) {
      return Optional.empty();
    }
    Optional<Price> mark = snapshot.lastTradePrice().or(snapshot::ask).or(snapshot::dailyClose);
    Asset a = asset.get();
    return mark.map(
        price ->
            new Instrument(
                symbol,
                a.assetClass(),
                a.tradable() && a.status() == AssetStatus.ACTIVE,
                a.fractionable(),
                false,
                price.value()));
  }

  /** The previous trading day's bar close, from the venue's snapshot of {@code symbol}. */
  @Override
  public Optional<BigDecimal> previousClose(String symbol) {
    Snapshot snapshot = venue.marketData().snapshots(List.of(symbol)).get(symbol);
    if (snapshot == null || snapshot.previousDailyBar() == null) {
      return Optional.empty();
    }
    return Optional.of(snapshot.previousDailyBar().close().value());
  }

  @Override
  public boolean isOpen() {
    return venue.marketClock().isOpen();
  }

  private Optional<Asset> asset(String symbol) {
    Instant now = clock.instant();
    Cached cached = assets.get(symbol);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.asset();
    }
    Optional<Asset> asset;
    try {
      asset = Optional.of(venue.broker().asset(symbol));
    } catch (SpeedTradeException e) {
      if (e.code() != ErrorCode.UNKNOWN_SYMBOL && e.code() != ErrorCode.INVALID_SYMBOL) {
        throw e;
      }
      asset = Optional.empty();
    }
    assets.put(symbol, new Cached(asset, now.plus(ASSET_TTL)));
    return asset;
  }

  private record Cached(Optional<Asset> asset, Instant until) {}
}
