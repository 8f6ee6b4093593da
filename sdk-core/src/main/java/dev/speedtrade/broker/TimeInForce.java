package dev.speedtrade.broker;

/** How long an order stays working, with Alpaca's meanings. */
public enum TimeInForce {
  /**
   * Good for the day: expires at the close of the session it was placed in (extended hours: 8 pm).
   */
  DAY,
  /** Good till canceled. */
  GTC,
  /** Immediate or cancel: fills what it can at once, the rest is canceled. */
  IOC,
  /** Fill or kill: fills entirely at once, or is canceled. */
  FOK,
  /** Executes in the opening auction only (market or limit). */
  OPG,
  /** Executes in the closing auction only (market or limit). */
  CLS
}
