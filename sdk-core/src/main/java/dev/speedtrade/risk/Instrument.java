package dev.speedtrade.risk;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;

/**
 * What pre-trade risk and the order service know of a symbol: its class, whether it trades, takes
 * fractions and may be sold short, and its current price.
 *
 * @param symbol the symbol, case-sensitive ({@code AAPL}, {@code BTC/USD})
 * @param assetClass us_equity or crypto: decides the tick rules, the times in force allowed and
 *     where a sale's proceeds go
 * @param tradable false when orders in it are refused ({@link RiskCode#NOT_TRADABLE})
 * @param fractionable true when fractional and notional orders are accepted
 * @param shortable true when a sell may take the position below zero
 * @param mark its current price in USD, > 0
 */
public record Instrument(
    String symbol,
    AssetClass assetClass,
    boolean tradable,
    boolean fractionable,
    boolean shortable,
    BigDecimal mark) {

  /**
   * Checks the fields.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank symbol, a
   *     null asset class, or a mark that is null or not positive
   */
  public Instrument {
    Arguments.notBlank(symbol, "symbol");
    Arguments.notNull(assetClass, "asset class of " + symbol);
    Arguments.notNull(mark, "mark of " + symbol);
    Arguments.positiveOrNull(mark, "mark of " + symbol);
  }

  /**
   * Returns a tradable instrument, neither fractionable nor shortable: the contract's defaults.
   *
   * @throws SpeedTradeException as the constructor
   */
  public static Instrument of(String symbol, AssetClass assetClass, BigDecimal mark) {
    return new Instrument(symbol, assetClass, true, false, false, mark);
  }

  /**
   * Returns this instrument at another mark.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a mark that is null or not
   *     positive
   */
  public Instrument withMark(BigDecimal newMark) {
    return new Instrument(symbol, assetClass, tradable, fractionable, shortable, newMark);
  }
}
