package dev.speedtrade.funding;

import org.jspecify.annotations.Nullable;

/**
 * What a withdrawal operation answered, and the withdrawal its id names after it (null when none).
 *
 * @param code OK or why nothing changed
 * @param withdrawal the withdrawal after the operation, or null
 */
public record WithdrawalResult(FundingCode code, @Nullable Withdrawal withdrawal) {
  /** True for {@link FundingCode#OK}. */
  public boolean isOk() {
    return code == FundingCode.OK;
  }
}
