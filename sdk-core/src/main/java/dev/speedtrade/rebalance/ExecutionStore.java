package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The executions of the daily rebalance and their orders: the audit log, and the guard that makes
 * each (user, mode, market date) execute exactly once however many hosts try. Implementations are
 * thread-safe; a store shared by several hosts enforces the guard in the database (a unique key and
 * a lock that dies with its holder), never in one JVM's memory.
 *
 * <p>Every method, and every method of an {@link ExecutionClaim}, refuses bad arguments before it
 * reads or writes anything, with the same code in every implementation: {@link
 * ErrorCode#INVALID_ARGUMENT} for a null argument (a key, an instant, a date, an order, a list),
 * and for a user id that breaks the id rules of {@link RebalanceArguments#userId} (which an {@link
 * ExecutionKey} applies when it is made). A store never answers bad input with {@link
 * ErrorCode#STORE_UNAVAILABLE}.
 */
public interface ExecutionStore {

  /**
   * Claims {@code key}'s execution for the caller alone: creates it (attempt 1, {@link
   * ExecutionStatus#RUNNING}) when it does not exist, or takes over a running one whose last holder
   * is gone or a {@link ExecutionStatus#PENDING} one (attempt one more, {@code RUNNING} again).
   * Empty when another live claim holds it or when it is final. Records a {@link
   * ExecutionEvent.Kind#CLAIMED} event.
   */
  Optional<ExecutionClaim> claim(ExecutionKey key, Instant now);

  /** Returns {@code key}'s execution, if there is one. */
  Optional<ExecutionRecord> find(ExecutionKey key);

  /**
   * Re-opens a {@link ExecutionStatus#FAILED} execution, {@link ExecutionStatus#PENDING}, so that
   * the next run resumes it (finding the orders it placed by client order id); records a {@link
   * ExecutionEvent.Kind#REOPENED} event naming {@code operator} and {@code reason}.
   *
   * @return the execution as re-opened
   * @throws dev.speedtrade.error.SpeedTradeException {@link ErrorCode#EXECUTION_NOT_FOUND} when
   *     there is no such execution, {@link ErrorCode#EXECUTION_NOT_REOPENABLE} when it is not
   *     {@code FAILED}, {@link ErrorCode#INVALID_ARGUMENT} for a null or blank operator or reason
   */
  ExecutionRecord reopen(ExecutionKey key, String operator, String reason, Instant now);

  /** Returns {@code key}'s history, oldest first; empty when there is no such execution. */
  List<ExecutionEvent> history(ExecutionKey key);

  /**
   * Returns one user's executions in {@code mode} from {@code from} to {@code to} inclusive, oldest
   * first.
   */
  List<ExecutionRecord> list(String userId, TradingMode mode, LocalDate from, LocalDate to);
}
