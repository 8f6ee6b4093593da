/**
 * Exact money values: {@link dev.speedtrade.money.Money} (a {@code long} of minor units and a
 * currency), {@link dev.speedtrade.money.Price}, {@link dev.speedtrade.money.Quantity} and {@link
 * dev.speedtrade.money.Weight} (each a {@link java.math.BigDecimal}).
 *
 * <p>No type here accepts or returns {@code double} or {@code float}. Values are immutable and
 * thread-safe. Every operation that rounds takes the scale and {@link java.math.RoundingMode} it
 * rounds to; everything else is exact and throws rather than lose a digit. Bad input throws {@link
 * dev.speedtrade.error.SpeedTradeException} with a specific {@link dev.speedtrade.error.ErrorCode}
 * and a message that names the value.
 */
@NullMarked
package dev.speedtrade.money;

import org.jspecify.annotations.NullMarked;
