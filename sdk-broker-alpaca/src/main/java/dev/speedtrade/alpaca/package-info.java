/**
 * The {@code Broker}, {@code MarketData} and {@code MarketClock} SPIs over Alpaca's Trading and
 * Market Data APIs, paper by default: {@link dev.speedtrade.alpaca.Alpaca} for one account,
 * configured by {@link dev.speedtrade.alpaca.AlpacaConfig} with its credentials and the {@link
 * dev.speedtrade.alpaca.LiveTrading} opt-in; {@link dev.speedtrade.alpaca.AlpacaAccounts} for a
 * platform of many users, each on their own account with their own keys.
 */
@NullMarked
package dev.speedtrade.alpaca;

import org.jspecify.annotations.NullMarked;
