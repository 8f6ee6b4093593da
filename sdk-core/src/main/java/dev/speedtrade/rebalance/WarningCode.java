package dev.speedtrade.rebalance;

/** Something the plan met and handled, reported so that a user can see why targets moved. */
public enum WarningCode {
  /** The bots' weights summed above one and were divided by their sum. */
  OVER_ALLOCATED,
  /** A bot's allocation failed; its share went to the fallback ticker (or stayed cash). */
  BOT_FAILED,
  /** Both symbols of a configured pair were targeted; the overlap went to the fallback ticker. */
  PAIRED_NETTED,
  /** The buys cost more than the cash for them and were scaled down. */
  BUYS_SCALED
}
