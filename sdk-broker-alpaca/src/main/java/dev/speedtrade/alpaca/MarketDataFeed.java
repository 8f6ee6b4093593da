package dev.speedtrade.alpaca;

/** Which of Alpaca's stock data feeds market data comes from. */
public enum MarketDataFeed {
  /** The IEX exchange alone: free on every account. */
  IEX,
  /** Every US exchange (SIP): needs a market data subscription. */
  SIP;

  /** Returns the value of the {@code feed} query parameter. */
  public String parameter() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
