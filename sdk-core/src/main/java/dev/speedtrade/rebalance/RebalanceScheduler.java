package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;

/**
 * Runs every enabled user's daily rebalance {@link TradingSettings#minutesBeforeClose()} minutes
 * before each close of the broker's calendar (early closes included; no run on holidays and
 * weekends), and lets a host run one by hand. One user's failure never stops the others.
 *
 * <p>Two implementations: {@link InProcessRebalanceScheduler} for one JVM, and a clustered one on
 * db-scheduler in sdk-ledger-jdbc for a fleet of hosts sharing a database. Each also runs the day's
 * settlement of a funding service it is given ({@link
 * dev.speedtrade.funding.FundingService#settleAndPay}), once per trading day from the settlement
 * time; see {@link dev.speedtrade.rebalance.spi.DueSettlement}.
 */
public interface RebalanceScheduler extends AutoCloseable {

  /** Starts firing; idempotent. */
  void start();

  /**
   * Runs {@code userId}'s rebalance in {@code mode} now, as {@link RebalanceService#executeNow}
   * does.
   */
  ExecutionResult executeNow(String userId, TradingMode mode, boolean dryRun);

  /** Stops firing; runs in progress finish. Idempotent. */
  @Override
  void close();
}
