/**
 * The {@code Broker}, {@code MarketData} and {@code MarketClock} SPIs over Alpaca's Trading and Market Data
 * APIs, paper by default: {@link dev.speedtrade.alpaca.AlpacaConfig} with its credentials and the
 * {@link dev.speedtrade.alpaca.LiveTrading} opt-in. The adapter itself is being built.
 */
@NullMarked
package dev.speedtrade.alpaca;

import org.jspecify.annotations.NullMarked;
