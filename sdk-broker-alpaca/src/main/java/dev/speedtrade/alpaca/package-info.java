/**
 * The {@code Broker}, {@code MarketData} and {@code MarketClock} SPIs over Alpaca's Trading and Market Data APIs, paper by default. Filled by the Alpaca adapter issue.
 */
@NullMarked
package dev.speedtrade.alpaca;

import org.jspecify.annotations.NullMarked;
