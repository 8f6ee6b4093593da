package dev.speedtrade.funding;

import java.util.List;

/**
 * What one {@link FundingService#settleAndPay} did.
 *
 * @param settledSales the execution ids of the sales whose proceeds moved to cash, sorted
 * @param fundedWithdrawals the APPROVED withdrawals it held for their payout, sorted by id
 * @param startedPayouts the withdrawals whose payout it started (none without a gateway), sorted by
 *     id; a funded withdrawal's payout is started in the same run
 */
public record SettlementRun(
    List<String> settledSales, List<String> fundedWithdrawals, List<String> startedPayouts) {

  /** Copies the lists. */
  public SettlementRun {
    settledSales = List.copyOf(settledSales);
    fundedWithdrawals = List.copyOf(fundedWithdrawals);
    startedPayouts = List.copyOf(startedPayouts);
  }
}
