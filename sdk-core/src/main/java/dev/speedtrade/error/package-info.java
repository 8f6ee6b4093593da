/**
 * The root of every exception the SDK throws: {@link dev.speedtrade.error.SpeedTradeException}, and
 * its stable {@link dev.speedtrade.error.ErrorCode} with a category and whether retrying can help.
 * Every other package depends on this one; it depends on nothing.
 */
@NullMarked
package dev.speedtrade.error;

import org.jspecify.annotations.NullMarked;
