package dev.speedtrade.funding;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an auto-invest answered.
 *
 * @param code OK or why nothing changed
 * @param investable what could be invested, null unless OK or NOTHING_TO_INVEST
 * @param buffer the liquidity buffer kept, null unless OK or NOTHING_TO_INVEST
 * @param orders the orders made, in policy order; empty unless OK
 */
public record InvestResult(
    FundingCode code,
    @Nullable BigDecimal investable,
    @Nullable BigDecimal buffer,
    List<InvestOrder> orders) {

  /** Copies the orders. */
  public InvestResult {
    orders = List.copyOf(orders);
  }

  /** True for {@link FundingCode#OK}. */
  public boolean isOk() {
    return code == FundingCode.OK;
  }
}
