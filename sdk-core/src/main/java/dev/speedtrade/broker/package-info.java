/**
 * The brokerage SPIs and their values: {@link dev.speedtrade.broker.Broker} (account, positions,
 * orders, assets, trade updates), {@link dev.speedtrade.broker.MarketData} (snapshots of many
 * symbols in one call) and {@link dev.speedtrade.broker.MarketClock} (open/closed, the trading
 * calendar with early closes), modelled on what Alpaca's Trading and Market Data APIs offer.
 *
 * <p>{@link dev.speedtrade.broker.SimulatedBroker} implements all three in process,
 * deterministically, for examples, tests and benchmarks. Every value here is an immutable record;
 * amounts are {@link dev.speedtrade.money.Money}, prices {@link dev.speedtrade.money.Price} and
 * quantities {@link dev.speedtrade.money.Quantity}, never {@code double}.
 */
@NullMarked
package dev.speedtrade.broker;

import org.jspecify.annotations.NullMarked;
