package dev.speedtrade.funding;

import org.jspecify.annotations.Nullable;

/**
 * What a deposit operation answered, and the deposit its id names after it (null when none).
 *
 * @param code OK or why nothing changed
 * @param deposit the deposit after the operation, or null
 */
public record DepositResult(FundingCode code, @Nullable Deposit deposit) {
  /** True for {@link FundingCode#OK}. */
  public boolean isOk() {
    return code == FundingCode.OK;
  }
}
