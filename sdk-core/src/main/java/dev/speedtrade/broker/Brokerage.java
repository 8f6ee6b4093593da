package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.Objects;

/**
 * One user's brokerage in one {@link TradingMode}: the account to trade, and the market data and
 * market clock that serve it (which may be shared by every user of a platform). Returned by {@link
 * TradingAccounts#brokerage}.
 *
 * @param mode the money this account holds: paper or live
 * @param broker the user's account
 * @param marketData prices for planning the account's trades
 * @param marketClock whether the account's market is open, and its calendar
 */
public record Brokerage(
    TradingMode mode, Broker broker, MarketData marketData, MarketClock marketClock) {

  /** Checks that no part is null. */
  public Brokerage {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(marketData, "marketData");
    Objects.requireNonNull(marketClock, "marketClock");
  }

  /**
   * Returns this brokerage when it holds {@code requested}'s money.
   *
   * @throws SpeedTradeException {@link ErrorCode#MODE_MISMATCH} when it holds the other mode's
   *     money: a live request reached a paper account, or the reverse
   */
  public Brokerage requireMode(TradingMode requested) {
    if (mode != requested) {
      throw new SpeedTradeException(
          ErrorCode.MODE_MISMATCH,
          "a " + requested + " request reached a " + mode + " account: " + broker);
    }
    return this;
  }
}
