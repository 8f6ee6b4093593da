package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The executions of the daily rebalance and their orders: the audit log, and the guard that makes
 * each (user, mode, market date) execute exactly once however many hosts try. Implementations are
 * thread-safe; a store shared by several hosts enforces the guard in the database (a unique key and
 * a lock that dies with its holder), never in one JVM's memory.
 */
public interface ExecutionStore {

  /**
   * Claims {@code key}'s execution for the caller alone: creates it (attempt 1, {@link
   * ExecutionStatus#RUNNING}) when it does not exist, or takes over a running one whose last holder
   * is gone (attempt one more). Empty when another live claim holds it or when it is final.
   */
  Optional<ExecutionClaim> claim(ExecutionKey key, Instant now);

  /** Returns {@code key}'s execution, if there is one. */
  Optional<ExecutionRecord> find(ExecutionKey key);

  /** Returns one user's executions in {@code mode} from {@code from} to {@code to} inclusive, oldest first. */
  List<ExecutionRecord> list(String userId, TradingMode mode, LocalDate from, LocalDate to);
}
