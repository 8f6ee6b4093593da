/**
 * What only an implementor of a {@link dev.speedtrade.rebalance.RebalanceScheduler} needs: {@link
 * dev.speedtrade.rebalance.spi.DueRebalances}, when each enabled user's daily rebalance is due on a
 * market calendar, and {@link dev.speedtrade.rebalance.spi.DueSettlement}, when the day's
 * settlement is. Hosts use the schedulers and {@link dev.speedtrade.rebalance.RebalanceService}.
 */
@NullMarked
package dev.speedtrade.rebalance.spi;

import org.jspecify.annotations.NullMarked;
