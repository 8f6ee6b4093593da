/**
 * For implementors: where the funding service keeps its records ({@link
 * dev.speedtrade.funding.spi.FundingStore}), in memory ({@link
 * dev.speedtrade.funding.spi.InMemoryFundingStore}) or on a database. Hosts only pick one.
 */
@NullMarked
package dev.speedtrade.funding.spi;

import org.jspecify.annotations.NullMarked;
