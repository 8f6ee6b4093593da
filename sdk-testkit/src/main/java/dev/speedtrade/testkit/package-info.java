/**
 * Abstract JUnit 5 contract tests that every adapter of a SpeedTrade SPI extends to prove it keeps
 * the SPI's promises.
 */
@NullMarked
package dev.speedtrade.testkit;

import org.jspecify.annotations.NullMarked;
