package dev.speedtrade.rebalance;

import java.util.Objects;

/**
 * Something the plan met and handled.
 *
 * @param code what happened
 * @param detail which bot ({@code "<botId>: <reason>"}) or pair ({@code "A/B"}); empty when the
 *     code says it all
 */
public record PlanWarning(WarningCode code, String detail) {
  /** Checks that both fields are present. */
  public PlanWarning {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }
}
