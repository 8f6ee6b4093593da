package dev.speedtrade.kyc.spi;

import java.util.function.Function;

/**
 * Where the KYC service keeps the users' verifications, their history and the webhooks received.
 *
 * <p><b>Guarantees the service builds on.</b> Calls of {@link #inTransaction} are serialized: each
 * sees what every earlier one left, and none runs meanwhile (in one JVM a lock; on a shared
 * database a transaction that first locks one row, so that two hosts receiving the same webhook
 * apply it once), with unique keys behind the invariants (one verification per user, one user per
 * applicant, one webhook per event key). Calls of {@link #read} see what the calls of {@link
 * #inTransaction} committed, need not wait for them, and write nothing: the gating reads (a user's
 * status, on every deposit or order) go there.
 *
 * <p>A work must not call the store again (on a database, a nested call would wait for the lock its
 * own caller holds). Implementations are thread-safe.
 */
public interface KycStore {

  /**
   * Runs {@code work} on the records, serialized with every other call of this method, and returns
   * what it returns. The work's writes are kept when it returns; when it throws, a store that can
   * (a database) keeps none of them, and the exception propagates.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#STORE_UNAVAILABLE} when the store fails (nothing of the work
   *     is kept), or what a book method threw
   */
  <T> T inTransaction(Function<KycBook, T> work);

  /**
   * Runs {@code work} on the records as last committed, without waiting for {@link #inTransaction}
   * calls, and returns what it returns. The book refuses every write with {@link
   * IllegalStateException}.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#STORE_UNAVAILABLE} when the store fails
   */
  <T> T read(Function<KycBook, T> work);
}
