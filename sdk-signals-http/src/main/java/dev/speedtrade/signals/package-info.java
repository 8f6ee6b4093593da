/**
 * {@link dev.speedtrade.rebalance.AllocationSource}s that read a bot's daily weights over HTTP
 * ({@link dev.speedtrade.signals.HttpAllocationSource}) or from JSON files ({@link
 * dev.speedtrade.signals.FileAllocationSource}): a JSON object {@code {symbol: weight}}, or a
 * ranked list of symbols turned into harmonic weights.
 */
@NullMarked
package dev.speedtrade.signals;

import org.jspecify.annotations.NullMarked;
