package dev.speedtrade.funding;

import org.jspecify.annotations.Nullable;

/**
 * What an operation on an auto-invest order answered, and the order after it (null when none).
 *
 * @param code OK or why nothing changed
 * @param order the order after the operation, or null
 */
public record InvestOrderResult(FundingCode code, @Nullable InvestOrder order) {
  /** True for {@link FundingCode#OK}. */
  public boolean isOk() {
    return code == FundingCode.OK;
  }
}
