package dev.speedtrade.rebalance;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an execution's history in the audit log: who did what to it and when.
 *
 * @param executionId the execution ({@link ExecutionKey#executionId()})
 * @param at when it happened
 * @param attempt the execution's attempt number at that moment
 * @param kind what happened
 * @param actor who did it: {@link #SYSTEM} for the runs themselves, the operator's name for a
 *     re-open
 * @param detail why, or what came of it; empty when there is nothing to say
 */
public record ExecutionEvent(
    String executionId, Instant at, int attempt, Kind kind, String actor, String detail) {
  /** The actor of the events the runs record themselves. */
  public static final String SYSTEM = "system";

  /** Checks that nothing is null. */
  public ExecutionEvent {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * Returns the event of an operator re-opening an execution.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank operator or
   *     reason, or one longer than 128 or 1,024 characters
   */
  public static ExecutionEvent reopened(
      String executionId, Instant at, int attempt, String operator, String reason) {
    return new ExecutionEvent(
        executionId,
        at,
        attempt,
        Kind.REOPENED,
        text(operator, "operator", 128),
        text(reason, "reason", 1024));
  }

  private static String text(@Nullable String value, String what, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "a re-open needs a"
              + (what.equals("operator") ? "n " : " ")
              + what
              + ", got "
              + (value == null ? "null" : "a blank"));
    }
    if (value.length() > maxLength) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "a re-open's "
              + what
              + " is at most "
              + maxLength
              + " characters, got "
              + value.length());
    }
    return value.strip();
  }

  /** What happened to an execution. */
  public enum Kind {
    /**
     * A run claimed it (a first run, a resumption, or a run after it was given back or re-opened).
     */
    CLAIMED,
    /**
     * A run stopped before it placed any order and gave the execution back, {@link
     * ExecutionStatus#PENDING}.
     */
    RELEASED,
    /** A run finished it; the detail is its status. */
    FINISHED,
    /**
     * An operator re-opened a {@link ExecutionStatus#FAILED} execution; the detail is the reason
     * given.
     */
    REOPENED
  }
}
