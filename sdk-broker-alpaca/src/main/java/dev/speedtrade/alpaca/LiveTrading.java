package dev.speedtrade.alpaca;

/**
 * The opt-in a host must pass, by name, to build an adapter on Alpaca's live endpoint: real money
 * moves. There is no other way to reach the live endpoint, and no default leads there.
 */
public enum LiveTrading {
  /** The host has decided that this adapter trades a live account with real money. */
  I_UNDERSTAND_THIS_TRADES_REAL_MONEY
}
