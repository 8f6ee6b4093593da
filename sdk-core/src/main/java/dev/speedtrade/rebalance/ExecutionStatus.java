package dev.speedtrade.rebalance;

/**
 * Where an execution stands. {@link #SUCCESS}, {@link #PARTIAL} and {@link #FAILED} are final: the
 * day is not run again, unless an operator {@linkplain ExecutionStore#reopen re-opens} a failed
 * one.
 */
public enum ExecutionStatus {
  /** Started and not finished: running now, or crashed and waiting to be resumed. */
  RUNNING,
  /** Every order was placed and every sell filled. */
  SUCCESS,
  /** The execution finished, but some order failed or some sell did not fill in time. */
  PARTIAL,
  /**
   * The execution stopped after it had placed orders (the broker failed in the middle, say) and
   * will not run again by itself; an operator may {@linkplain ExecutionStore#reopen re-open} it,
   * and the next run resumes it.
   */
  FAILED,
  /**
   * Waiting to run again: a run stopped before it placed any order (the market was not yet open,
   * the broker could not be read) and gave its claim back, or an operator re-opened a failed day.
   * The next scheduler tick or manual run claims it.
   */
  PENDING;

  /** Returns true for {@link #SUCCESS}, {@link #PARTIAL} and {@link #FAILED}. */
  public boolean isFinal() {
    return this != RUNNING && this != PENDING;
  }
}
