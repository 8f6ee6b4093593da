package dev.speedtrade.risk;

/**
 * Why pre-trade risk refused an order: the twenty checks of the contract, in the order they are
 * judged. When several fail, the one with the lowest {@link #number()} is the answer; check 8 has
 * two codes ({@link #PRICE_REQUIRED} and {@link #PRICE_NOT_ALLOWED}).
 */
public enum RiskCode {
  /** 1: the account's effective trading state is {@link TradingState#HALTED}. */
  TRADING_HALTED(1),
  /** 2: the symbol names no instrument. */
  UNKNOWN_SYMBOL(2),
  /** 3: the instrument is not tradable. */
  NOT_TRADABLE(3),
  /**
   * 4: not exactly one of qty and notional; a qty not positive or with more than 9 decimals; a
   * notional not positive or with more than 2.
   */
  INVALID_QTY(4),
  /** 5: a notional order that is a sell or not a market order. */
  NOTIONAL_NOT_ALLOWED(5),
  /** 6: a fractional order on an instrument that is not fractionable. */
  NOT_FRACTIONABLE(6),
  /**
   * 7: a fractional us_equity order whose time in force is not day, or a crypto order whose time in
   * force is not gtc or ioc.
   */
  TIF_NOT_ALLOWED(7),
  /** 8: a limit or stop price the order's type needs is missing. */
  PRICE_REQUIRED(8),
  /** 8: a limit or stop price is given that the order's type does not take. */
  PRICE_NOT_ALLOWED(8),
  /** 9: a given price is not positive. */
  INVALID_PRICE(9),
  /** 10: a us_equity price of 1 or more with more than 2 decimals, or below 1 with more than 4. */
  INVALID_TICK(10),
  /** 11: the account is reducing only and the order would not only reduce its position. */
  TRADING_REDUCING(11),
  /** 12: a us_equity market, ioc or fok order while the market is closed. */
  MARKET_CLOSED(12),
  /** 13: the clock's New York time is outside the account's trading window. */
  OUTSIDE_TRADING_WINDOW(13),
  /** 14: the symbol is blocked for the account. */
  SYMBOL_BLOCKED(14),
  /** 15: the order's qty is above the account's maximum order qty. */
  MAX_ORDER_QTY_EXCEEDED(15),
  /** 16: the order's notional value is above the account's maximum order notional. */
  MAX_ORDER_NOTIONAL_EXCEEDED(16),
  /** 17: the order could take the position past the account's maximum position qty. */
  MAX_POSITION_EXCEEDED(17),
  /** 18: a sell of more than the position not already being sold, on a non-shortable symbol. */
  INSUFFICIENT_POSITION(18),
  /** 19: a buy whose reserve is more than the account's buying power. */
  INSUFFICIENT_BUYING_POWER(19),
  /** 20: the account sent as many submits as its rate limit allows in the window. */
  RATE_LIMITED(20);

  private final int number;

  RiskCode(int number) {
    this.number = number;
  }

  /** Returns the check's number, 1 to 20, in the order checks are judged. */
  public int number() {
    return number;
  }
}
