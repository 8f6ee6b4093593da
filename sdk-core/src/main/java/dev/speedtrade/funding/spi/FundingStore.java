package dev.speedtrade.funding.spi;

import java.util.function.Function;

/**
 * Where the funding service keeps its records. The one guarantee the service builds on: calls of
 * {@link #inTransaction} are serialized, so each sees what every earlier one left and none runs
 * meanwhile (in one JVM a lock; on a shared database a transaction holding a row lock, with unique
 * keys on every id). Implementations are thread-safe.
 */
public interface FundingStore {

  /**
   * Runs {@code work} on the records, serialized with every other call, and returns what it
   * returns. The work's writes are kept when it returns; when it throws, a store that can (a
   * database) keeps none of them, and the exception propagates.
   */
  <T> T inTransaction(Function<FundingBook, T> work);
}
