package dev.speedtrade.rebalance;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link RebalanceExecutor#execute} returns.
 *
 * @param key the execution's key
 * @param outcome what was done
 * @param plan the first plan (the dry run's, or the one the sells came from); null when nothing ran
 *     here or the run stopped before planning
 * @param buyPlan the plan made again after the sells, whose buys were placed; null when there was
 *     none
 * @param record the execution as recorded; null for a dry run
 */
public record ExecutionResult(
    ExecutionKey key,
    ExecutionOutcome outcome,
    @Nullable TradePlan plan,
    @Nullable TradePlan buyPlan,
    @Nullable ExecutionRecord record) {

  /** Checks that the key and outcome are present. */
  public ExecutionResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(outcome, "outcome");
  }
}
