/**
 * The SpeedTrade facade: {@link dev.speedtrade.SpeedTrade} and its builder, and the root of every
 * exception the SDK throws, {@link dev.speedtrade.error.SpeedTradeException} with its {@link
 * dev.speedtrade.error.ErrorCode}.
 */
@NullMarked
package dev.speedtrade;

import org.jspecify.annotations.NullMarked;
