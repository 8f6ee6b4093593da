package dev.speedtrade.rebalance;

/** Where an execution stands. */
public enum ExecutionStatus {
  /** Started and not finished: running now, or crashed and waiting to be resumed. */
  RUNNING,
  /** Every order was placed and every sell filled. */
  SUCCESS,
  /** The execution finished, but some order failed or some sell did not fill in time. */
  PARTIAL,
  /** The execution stopped before it could trade: the market was closed, or the broker failed. */
  FAILED;

  /** Returns true for every status but {@link #RUNNING}. */
  public boolean isFinal() {
    return this != RUNNING;
  }
}
