package dev.speedtrade.rebalance;

/** What {@link RebalanceExecutor#execute} did. */
public enum ExecutionOutcome {
  /** It planned and touched nothing, as asked. */
  DRY_RUN,
  /** It ran the execution (from the start, or resuming one a crashed run began) and recorded it. */
  EXECUTED,
  /**
   * It ran but stopped before any order of the day was placed (the market was not yet open, the
   * broker could not be read); the execution is {@link ExecutionStatus#PENDING} and the next run
   * executes the day.
   */
  POSTPONED,
  /** The execution had already finished; nothing was done again. */
  ALREADY_FINISHED,
  /** Another live run holds the execution; nothing was done here. */
  CLAIMED_ELSEWHERE
}
