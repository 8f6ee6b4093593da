package dev.speedtrade.risk;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A mutable {@link RiskContext} for tests: starts as a limit buy of 10 AAPL at 100.00 that passes
 * every check (market open, 10:00 New York, buying power 1000.00 = its reserve).
 */
final class Ctx {
  String symbol = "AAPL";
  OrderSide side = OrderSide.BUY;
  OrderType type = OrderType.LIMIT;
  TimeInForce tif = TimeInForce.DAY;
  @Nullable BigDecimal qty = d("10");
  @Nullable BigDecimal notional;
  @Nullable BigDecimal limitPrice = d("100.00");
  @Nullable BigDecimal stopPrice;
  @Nullable Instrument instrument =
      new Instrument("AAPL", AssetClass.US_EQUITY, true, true, false, d("100.00"));
  TradingState state = TradingState.ACTIVE;
  RiskLimits limits = RiskLimits.NONE;
  BigDecimal p = BigDecimal.ZERO;
  BigDecimal openBuy = BigDecimal.ZERO;
  BigDecimal openSell = BigDecimal.ZERO;
  BigDecimal buyingPower = d("1000.00");
  BigDecimal reserve = d("1000.00");
  boolean marketOpen = true;
  Instant now = Instant.parse("2026-01-05T15:00:00Z");
  int recent;
  boolean replace;

  static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  Ctx sell(String quantity) {
    side = OrderSide.SELL;
    qty = d(quantity);
    reserve = BigDecimal.ZERO;
    return this;
  }

  Ctx crypto() {
    instrument = new Instrument("BTC/USD", AssetClass.CRYPTO, true, true, false, d("60000"));
    symbol = "BTC/USD";
    tif = TimeInForce.GTC;
    return this;
  }

  Ctx instrument(boolean tradable, boolean fractionable, boolean shortable) {
    instrument =
        new Instrument(
            "AAPL", AssetClass.US_EQUITY, tradable, fractionable, shortable, d("100.00"));
    return this;
  }

  RiskContext build() {
    return new RiskContext(
        new ProposedOrder(symbol, side, type, tif, qty, notional, limitPrice, stopPrice),
        instrument,
        state,
        limits,
        p,
        openBuy,
        openSell,
        buyingPower,
        reserve,
        marketOpen,
        now,
        recent,
        replace);
  }
}
