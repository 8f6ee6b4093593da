package dev.speedtrade.funding;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * What a fill answered.
 *
 * @param code OK or why nothing changed
 * @param settlesOn for an OK us_equity sale, the date its proceeds become cash; else null
 */
public record FillResult(FundingCode code, @Nullable LocalDate settlesOn) {
  /** True for {@link FundingCode#OK}. */
  public boolean isOk() {
    return code == FundingCode.OK;
  }
}
