/**
 * Runnable examples of embedding SpeedTrade; {@link dev.speedtrade.examples.QuickStart} is the one
 * the README shows.
 */
@NullMarked
package dev.speedtrade.examples;

import org.jspecify.annotations.NullMarked;
