package dev.speedtrade.risk;

import static dev.speedtrade.risk.Ctx.d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import java.time.Instant;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Each of the twenty checks on its own, just passing and just failing at its boundary. */
class RiskChecksTest {

  private static @Nullable RiskCode judge(RiskCheck check, Consumer<Ctx> setup) {
    Ctx ctx = new Ctx();
    setup.accept(ctx);
    return check.failure(ctx.build());
  }

  @Test
  void theBaseOrderPassesEveryCheck() {
    assertThat(new PreTradeRisk().firstFailure(new Ctx().build())).isEmpty();
  }

  @Test
  void check1RefusesOnlyAHaltedState() {
    RiskCheck check = new HaltedCheck();
    assertThat(judge(check, c -> c.state = TradingState.REDUCING)).isNull();
    assertThat(judge(check, c -> c.state = TradingState.HALTED)).isEqualTo(RiskCode.TRADING_HALTED);
  }

  @Test
  void check2RefusesASymbolWithoutInstrument() {
    RiskCheck check = new SymbolKnownCheck();
    assertThat(judge(check, c -> {})).isNull();
    assertThat(judge(check, c -> c.instrument = null)).isEqualTo(RiskCode.UNKNOWN_SYMBOL);
  }

  @Test
  void check3RefusesAnInstrumentNotTradable() {
    RiskCheck check = new TradableCheck();
    assertThat(judge(check, c -> c.instrument(true, false, false))).isNull();
    assertThat(judge(check, c -> c.instrument(false, true, true))).isEqualTo(RiskCode.NOT_TRADABLE);
  }

  @Test
  void check4TakesNineQtyDecimalsAndTwoNotionalDecimalsAndExactlyOneAmount() {
    RiskCheck check = new QuantityCheck();
    assertThat(judge(check, c -> c.qty = d("0.000000001"))).isNull();
    assertThat(judge(check, c -> c.qty = d("5.0000000000"))).isNull();
    assertThat(judge(check, c -> c.qty = d("0.0000000001"))).isEqualTo(RiskCode.INVALID_QTY);
    assertThat(judge(check, c -> c.qty = d("0"))).isEqualTo(RiskCode.INVALID_QTY);
    assertThat(judge(check, c -> c.qty = d("-1"))).isEqualTo(RiskCode.INVALID_QTY);
    assertThat(judge(check, c -> c.qty = null)).isEqualTo(RiskCode.INVALID_QTY);
    assertThat(judge(check, c -> c.notional = d("10.00"))).isEqualTo(RiskCode.INVALID_QTY);
    assertThat(
            judge(
                check,
                c -> {
                  c.qty = null;
                  c.notional = d("0.01");
                }))
        .isNull();
    assertThat(
            judge(
                check,
                c -> {
                  c.qty = null;
                  c.notional = d("0.001");
                }))
        .isEqualTo(RiskCode.INVALID_QTY);
    assertThat(
            judge(
                check,
                c -> {
                  c.qty = null;
                  c.notional = d("0.00");
                }))
        .isEqualTo(RiskCode.INVALID_QTY);
  }

  @Test
  void check5AllowsNotionalOnlyOnAMarketBuy() {
    RiskCheck check = new NotionalCheck();
    Consumer<Ctx> notional =
        c -> {
          c.qty = null;
          c.notional = d("100.00");
          c.type = OrderType.MARKET;
          c.limitPrice = null;
        };
    assertThat(judge(check, notional)).isNull();
    assertThat(judge(check, notional.andThen(c -> c.type = OrderType.LIMIT)))
        .isEqualTo(RiskCode.NOTIONAL_NOT_ALLOWED);
    assertThat(judge(check, notional.andThen(c -> c.side = dev.speedtrade.broker.OrderSide.SELL)))
        .isEqualTo(RiskCode.NOTIONAL_NOT_ALLOWED);
  }

  @Test
  void check6RefusesAFractionalOrderOnAnInstrumentNotFractionable() {
    RiskCheck check = new FractionableCheck();
    assertThat(
            judge(
                check,
                c -> {
                  c.instrument(true, false, false);
                  c.qty = d("2.000");
                }))
        .isNull();
    assertThat(
            judge(
                check,
                c -> {
                  c.instrument(true, false, false);
                  c.qty = d("2.5");
                }))
        .isEqualTo(RiskCode.NOT_FRACTIONABLE);
    assertThat(
            judge(
                check,
                c -> {
                  c.instrument(true, false, false);
                  c.qty = null;
                  c.notional = d("10.00");
                }))
        .isEqualTo(RiskCode.NOT_FRACTIONABLE);
  }

  @Test
  void check7WantsDayForFractionalEquitiesAndGtcOrIocForCrypto() {
    RiskCheck check = new TimeInForceCheck();
    assertThat(judge(check, c -> c.tif = TimeInForce.GTC)).isNull();
    assertThat(
            judge(
                check,
                c -> {
                  c.qty = d("1.5");
                  c.tif = TimeInForce.DAY;
                }))
        .isNull();
    assertThat(
            judge(
                check,
                c -> {
                  c.qty = d("1.5");
                  c.tif = TimeInForce.GTC;
                }))
        .isEqualTo(RiskCode.TIF_NOT_ALLOWED);
    assertThat(judge(check, c -> c.crypto().tif = TimeInForce.IOC)).isNull();
    assertThat(judge(check, c -> c.crypto().tif = TimeInForce.GTC)).isNull();
    assertThat(judge(check, c -> c.crypto().tif = TimeInForce.DAY))
        .isEqualTo(RiskCode.TIF_NOT_ALLOWED);
    assertThat(judge(check, c -> c.crypto().tif = TimeInForce.FOK))
        .isEqualTo(RiskCode.TIF_NOT_ALLOWED);
    assertThat(judge(check, c -> c.tif = TimeInForce.OPG)).isEqualTo(RiskCode.TIF_NOT_ALLOWED);
  }

  @Test
  void check8WantsTheLimitPriceThenTheStopPriceExactlyWhereTheTypeTakesThem() {
    RiskCheck check = new PricePresenceCheck();
    assertThat(judge(check, c -> c.limitPrice = null)).isEqualTo(RiskCode.PRICE_REQUIRED);
    assertThat(judge(check, c -> c.stopPrice = d("99"))).isEqualTo(RiskCode.PRICE_NOT_ALLOWED);
    assertThat(judge(check, c -> c.type = OrderType.MARKET)).isEqualTo(RiskCode.PRICE_NOT_ALLOWED);
    assertThat(judge(check, c -> c.type = OrderType.STOP_LIMIT)).isEqualTo(RiskCode.PRICE_REQUIRED);
    assertThat(
            judge(
                check,
                c -> {
                  c.type = OrderType.STOP;
                  c.limitPrice = null;
                  c.stopPrice = d("99");
                }))
        .isNull();
    // The limit price is judged first: a stop order with a limit price and no stop price.
    assertThat(
            judge(
                check,
                c -> {
                  c.type = OrderType.STOP;
                  c.stopPrice = null;
                }))
        .isEqualTo(RiskCode.PRICE_NOT_ALLOWED);
  }

  @Test
  void check9RefusesAPriceNotPositive() {
    RiskCheck check = new PriceSignCheck();
    assertThat(judge(check, c -> c.limitPrice = d("0.0001"))).isNull();
    assertThat(judge(check, c -> c.limitPrice = d("0"))).isEqualTo(RiskCode.INVALID_PRICE);
    assertThat(judge(check, c -> c.stopPrice = d("-1"))).isEqualTo(RiskCode.INVALID_PRICE);
  }

  @Test
  void check10AllowsTwoDecimalsFromOneDollarAndFourBelow() {
    RiskCheck check = new TickCheck();
    assertThat(judge(check, c -> c.limitPrice = d("1.00"))).isNull();
    assertThat(judge(check, c -> c.limitPrice = d("1.010"))).isNull();
    assertThat(judge(check, c -> c.limitPrice = d("1.001"))).isEqualTo(RiskCode.INVALID_TICK);
    assertThat(judge(check, c -> c.limitPrice = d("0.9999"))).isNull();
    assertThat(judge(check, c -> c.limitPrice = d("0.99999"))).isEqualTo(RiskCode.INVALID_TICK);
    assertThat(judge(check, c -> c.stopPrice = d("100.005"))).isEqualTo(RiskCode.INVALID_TICK);
    assertThat(judge(check, c -> c.crypto().limitPrice = d("60000.123456"))).isNull();
  }

  @Test
  void check11LetsAReducingAccountOnlyReduce() {
    RiskCheck check = new ReducingCheck();
    assertThat(
            judge(
                check,
                c -> {
                  c.p = d("-10");
                  c.openBuy = d("4");
                  c.qty = d("6");
                }))
        .isNull();
    Consumer<Ctx> reducing = c -> c.state = TradingState.REDUCING;
    assertThat(
            judge(
                check,
                reducing.andThen(
                    c -> {
                      c.p = d("-10");
                      c.openBuy = d("4");
                      c.qty = d("6");
                    })))
        .isNull();
    assertThat(
            judge(
                check,
                reducing.andThen(
                    c -> {
                      c.p = d("-10");
                      c.openBuy = d("4");
                      c.qty = d("6.000000001");
                    })))
        .isEqualTo(RiskCode.TRADING_REDUCING);
    assertThat(
            judge(
                check,
                reducing.andThen(
                    c -> {
                      c.sell("5");
                      c.p = d("10");
                      c.openSell = d("5");
                    })))
        .isNull();
    assertThat(
            judge(
                check,
                reducing.andThen(
                    c -> {
                      c.sell("6");
                      c.p = d("10");
                      c.openSell = d("5");
                    })))
        .isEqualTo(RiskCode.TRADING_REDUCING);
    assertThat(
            judge(
                check,
                reducing.andThen(
                    c -> {
                      c.qty = null;
                      c.notional = d("1.00");
                    })))
        .isEqualTo(RiskCode.TRADING_REDUCING);
  }

  @Test
  void check12RefusesEquityMarketIocAndFokOrdersWhileTheMarketIsClosed() {
    RiskCheck check = new MarketHoursCheck();
    Consumer<Ctx> closed = c -> c.marketOpen = false;
    assertThat(judge(check, closed)).isNull();
    assertThat(judge(check, closed.andThen(c -> c.type = OrderType.MARKET)))
        .isEqualTo(RiskCode.MARKET_CLOSED);
    assertThat(judge(check, closed.andThen(c -> c.tif = TimeInForce.IOC)))
        .isEqualTo(RiskCode.MARKET_CLOSED);
    assertThat(judge(check, closed.andThen(c -> c.tif = TimeInForce.FOK)))
        .isEqualTo(RiskCode.MARKET_CLOSED);
    assertThat(judge(check, closed.andThen(c -> c.crypto().type = OrderType.MARKET))).isNull();
    assertThat(judge(check, c -> c.type = OrderType.MARKET)).isNull();
  }

  @Test
  void check13AllowsFromTheWindowsStartUpToButNotIncludingItsEndTruncatedToTheSecond() {
    RiskCheck check = new TradingWindowCheck();
    Consumer<Ctx> day =
        c ->
            c.limits =
                RiskLimits.builder().tradingWindow(TradingWindow.parse("09:30-16:00")).build();
    // 2026-01-05 is in EST: New York = UTC - 5 h.
    assertThat(judge(check, day.andThen(c -> c.now = Instant.parse("2026-01-05T14:29:59.999Z"))))
        .isEqualTo(RiskCode.OUTSIDE_TRADING_WINDOW);
    assertThat(judge(check, day.andThen(c -> c.now = Instant.parse("2026-01-05T14:30:00Z"))))
        .isNull();
    assertThat(judge(check, day.andThen(c -> c.now = Instant.parse("2026-01-05T20:59:59.999Z"))))
        .isNull();
    assertThat(judge(check, day.andThen(c -> c.now = Instant.parse("2026-01-05T21:00:00Z"))))
        .isEqualTo(RiskCode.OUTSIDE_TRADING_WINDOW);
    Consumer<Ctx> night =
        c ->
            c.limits =
                RiskLimits.builder().tradingWindow(TradingWindow.parse("22:00-02:00")).build();
    assertThat(judge(check, night.andThen(c -> c.now = Instant.parse("2026-01-06T03:00:00Z"))))
        .isNull();
    assertThat(judge(check, night.andThen(c -> c.now = Instant.parse("2026-01-06T06:59:59Z"))))
        .isNull();
    assertThat(judge(check, night.andThen(c -> c.now = Instant.parse("2026-01-06T07:00:00Z"))))
        .isEqualTo(RiskCode.OUTSIDE_TRADING_WINDOW);
    assertThat(judge(check, night.andThen(c -> c.now = Instant.parse("2026-01-06T02:59:59Z"))))
        .isEqualTo(RiskCode.OUTSIDE_TRADING_WINDOW);
  }

  @Test
  void check14RefusesABlockedSymbolCaseSensitively() {
    RiskCheck check = new BlockedSymbolCheck();
    assertThat(
            judge(
                check,
                c ->
                    c.limits =
                        RiskLimits.builder().blockedSymbols(java.util.Set.of("aapl")).build()))
        .isNull();
    assertThat(
            judge(
                check,
                c ->
                    c.limits =
                        RiskLimits.builder().blockedSymbols(java.util.Set.of("AAPL")).build()))
        .isEqualTo(RiskCode.SYMBOL_BLOCKED);
  }

  @Test
  void check15AllowsAQtyUpToTheMaximum() {
    RiskCheck check = new OrderQtyLimitCheck();
    Consumer<Ctx> max = c -> c.limits = RiskLimits.builder().maxOrderQty(d("10")).build();
    assertThat(judge(check, max)).isNull();
    assertThat(judge(check, max.andThen(c -> c.qty = d("10.000000001"))))
        .isEqualTo(RiskCode.MAX_ORDER_QTY_EXCEEDED);
  }

  @Test
  void check16ValuesAnOrderAtItsLimitElseStopElseMarkOrItsNotional() {
    RiskCheck check = new OrderNotionalLimitCheck();
    Consumer<Ctx> max = c -> c.limits = RiskLimits.builder().maxOrderNotional(d("1000")).build();
    assertThat(judge(check, max)).isNull();
    assertThat(judge(check, max.andThen(c -> c.limitPrice = d("100.01"))))
        .isEqualTo(RiskCode.MAX_ORDER_NOTIONAL_EXCEEDED);
    assertThat(
            judge(
                check,
                max.andThen(
                    c -> {
                      c.type = OrderType.STOP;
                      c.limitPrice = null;
                      c.stopPrice = d("100.01");
                    })))
        .isEqualTo(RiskCode.MAX_ORDER_NOTIONAL_EXCEEDED);
    assertThat(
            judge(
                check,
                max.andThen(
                    c -> {
                      c.type = OrderType.MARKET;
                      c.limitPrice = null;
                      c.qty = d("10.0001");
                    })))
        .isEqualTo(RiskCode.MAX_ORDER_NOTIONAL_EXCEEDED);
    assertThat(
            judge(
                check,
                max.andThen(
                    c -> {
                      c.type = OrderType.MARKET;
                      c.limitPrice = null;
                      c.qty = null;
                      c.notional = d("1000.00");
                    })))
        .isNull();
    assertThat(
            judge(
                check,
                max.andThen(
                    c -> {
                      c.type = OrderType.MARKET;
                      c.limitPrice = null;
                      c.qty = null;
                      c.notional = d("1000.01");
                    })))
        .isEqualTo(RiskCode.MAX_ORDER_NOTIONAL_EXCEEDED);
  }

  @Test
  void check17CountsTheOpenOrdersOfTheSideAndThePosition() {
    RiskCheck check = new PositionLimitCheck();
    Consumer<Ctx> max = c -> c.limits = RiskLimits.builder().maxPositionQty(d("30")).build();
    assertThat(
            judge(
                check,
                max.andThen(
                    c -> {
                      c.p = d("15");
                      c.openBuy = d("5");
                    })))
        .isNull();
    assertThat(
            judge(
                check,
                max.andThen(
                    c -> {
                      c.p = d("15");
                      c.openBuy = d("5.5");
                    })))
        .isEqualTo(RiskCode.MAX_POSITION_EXCEEDED);
    assertThat(
            judge(
                check,
                max.andThen(
                    c -> {
                      c.sell("20");
                      c.p = d("-5");
                      c.openSell = d("5");
                    })))
        .isNull();
    assertThat(
            judge(
                check,
                max.andThen(
                    c -> {
                      c.sell("21");
                      c.p = d("-5");
                      c.openSell = d("5");
                    })))
        .isEqualTo(RiskCode.MAX_POSITION_EXCEEDED);
  }

  @Test
  void check18LetsASellTakeOnlyWhatThePositionHasNotAlreadyOnSale() {
    RiskCheck check = new PositionAvailableCheck();
    Consumer<Ctx> held =
        c -> {
          c.p = d("26");
          c.openSell = d("6");
        };
    assertThat(judge(check, held.andThen(c -> c.sell("20")))).isNull();
    assertThat(judge(check, held.andThen(c -> c.sell("20.5"))))
        .isEqualTo(RiskCode.INSUFFICIENT_POSITION);
    assertThat(
            judge(
                check,
                held.andThen(
                    c -> {
                      c.instrument(true, true, true);
                      c.sell("100");
                    })))
        .isNull();
    assertThat(judge(check, c -> c.qty = d("1000"))).isNull();
  }

  @Test
  void check19RefusesABuyReservingMoreThanTheBuyingPowerByOneCent() {
    RiskCheck check = new BuyingPowerCheck();
    assertThat(judge(check, c -> c.buyingPower = d("1000.00"))).isNull();
    assertThat(judge(check, c -> c.buyingPower = d("999.99")))
        .isEqualTo(RiskCode.INSUFFICIENT_BUYING_POWER);
    assertThat(
            judge(
                check,
                c -> {
                  c.sell("10");
                  c.buyingPower = d("-5.00");
                }))
        .isNull();
  }

  @Test
  void check20RefusesTheNthSubmitInTheWindowButNeverAReplace() {
    RiskCheck check = new RateLimitCheck();
    Consumer<Ctx> limited =
        c -> c.limits = RiskLimits.builder().rateLimit(new RateLimit(3, 60)).build();
    assertThat(judge(check, limited.andThen(c -> c.recent = 2))).isNull();
    assertThat(judge(check, limited.andThen(c -> c.recent = 3))).isEqualTo(RiskCode.RATE_LIMITED);
    assertThat(
            judge(
                check,
                limited.andThen(
                    c -> {
                      c.recent = 3;
                      c.replace = true;
                    })))
        .isNull();
    assertThat(judge(check, c -> c.recent = 1000)).isNull();
  }
}
