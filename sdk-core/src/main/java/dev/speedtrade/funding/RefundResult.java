package dev.speedtrade.funding;

import org.jspecify.annotations.Nullable;

/**
 * What {@link FundingService#refundDeposit} answered, and the refund its id names after it (null
 * when none).
 *
 * @param code OK or why nothing changed
 * @param refund the refund after the operation, or null
 */
public record RefundResult(FundingCode code, @Nullable Refund refund) {
  /** True for {@link FundingCode#OK}. */
  public boolean isOk() {
    return code == FundingCode.OK;
  }
}
