package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When the {@link SimulatedBroker} takes an order and when the order may trade: time in force
 * against the NYSE sessions for equities, around the clock for crypto.
 */
final class SimulatedSessions {
  private final SimulatedMarketClock marketClock;

  SimulatedSessions(SimulatedMarketClock marketClock) {
    this.marketClock = marketClock;
  }

  /**
   * An accepted order's first status, when its time in force runs out (null: never, or at once),
   * and the regular session whose opening or closing auction it belongs to (OPG and CLS only).
   */
  record Timing(OrderStatus status, @Nullable Instant expiresAt, @Nullable TradingDay auctionDay) {}

  /**
   * Returns the timing of an order placed at {@code now}, or refuses it.
   *
   * @throws SpeedTradeException {@link ErrorCode#MARKET_CLOSED} outside the order's session, {@link
   *     ErrorCode#INVALID_ORDER} for a time in force the asset class does not take
   */
  Timing accept(OrderRequest request, AssetClass assetClass, Instant now) {
    return assetClass == AssetClass.CRYPTO ? cryptoTiming(request) : equityTiming(request, now);
  }

  /** Returns true when {@code order} may execute at {@code now}. */
  boolean mayTrade(SimulatedOrder order, Instant now) {
    if (order.assetClass == AssetClass.CRYPTO) {
      return true;
    }
    TimeInForce tif = order.request.timeInForce();
    if (tif == TimeInForce.CLS) {
      return false;
    }
    if (order.request.extendedHours()) {
      return marketClock.extendedSessionAt(now).isPresent();
    }
    Optional<TradingDay> session = marketClock.regularSessionAt(now);
    TradingDay auction = order.auctionDay;
    if (tif == TimeInForce.OPG) {
      return session.isPresent() && auction != null && session.get().date().equals(auction.date());
    }
    return session.isPresent();
  }

  private static Timing cryptoTiming(OrderRequest request) {
    TimeInForce tif = request.timeInForce();
    if (tif != TimeInForce.GTC && tif != TimeInForce.IOC) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ORDER, "crypto orders take time in force GTC or IOC, got " + tif);
    }
    return new Timing(OrderStatus.NEW, null, null);
  }

  private Timing equityTiming(OrderRequest request, Instant now) {
    TimeInForce tif = request.timeInForce();
    if (request.isFractional() && tif != TimeInForce.DAY) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ORDER,
          "fractional and notional equity orders take time in force DAY, got " + tif);
    }
    switch (tif) {
      case DAY -> {
        if (request.extendedHours()) {
          TradingDay day =
              marketClock.extendedSessionAt(now).orElseThrow(() -> closed(request, now));
          return new Timing(OrderStatus.NEW, SimulatedMarketClock.extendedClose(day), null);
        }
        TradingDay day = marketClock.regularSessionAt(now).orElseThrow(() -> closed(request, now));
        return new Timing(OrderStatus.NEW, day.close().toInstant(), null);
      }
      case IOC, FOK -> {
        marketClock.regularSessionAt(now).orElseThrow(() -> closed(request, now));
        return new Timing(OrderStatus.NEW, null, null);
      }
      case GTC -> {
        boolean open = marketClock.regularSessionAt(now).isPresent();
        return new Timing(open ? OrderStatus.NEW : OrderStatus.ACCEPTED, null, null);
      }
      case OPG -> {
        if (marketClock.regularSessionAt(now).isPresent()) {
          throw new SpeedTradeException(
              ErrorCode.MARKET_CLOSED,
              "OPG orders are taken only before the open; the session is under way at " + now);
        }
        TradingDay day = marketClock.currentOrNextSession(now);
        return new Timing(OrderStatus.ACCEPTED, day.close().toInstant(), day);
      }
      case CLS -> {
        TradingDay day = marketClock.currentOrNextSession(now);
        return new Timing(OrderStatus.ACCEPTED, day.close().toInstant(), day);
      }
      default -> throw new IllegalStateException("unhandled time in force " + tif);
    }
  }

  private static SpeedTradeException closed(OrderRequest request, Instant now) {
    return new SpeedTradeException(
        ErrorCode.MARKET_CLOSED,
        "the market is closed at "
            + now.atZone(TradingDay.NEW_YORK).toLocalDateTime()
            + " New York time for a "
            + request.timeInForce()
            + (request.extendedHours() ? " extended-hours" : "")
            + " order in "
            + request.symbol());
  }
}
