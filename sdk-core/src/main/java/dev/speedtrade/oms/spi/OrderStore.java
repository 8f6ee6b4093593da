package dev.speedtrade.oms.spi;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the order service keeps each client account's book. The one guarantee the service builds
 * on: work on one account is serialized, so each call of {@link #inAccount} sees the book as every
 * earlier call on that account left it and no other call on that account runs meanwhile (in one JVM
 * a lock; on a shared database a row lock on the account, with unique constraints on the client
 * order id per account and the exec id per order). Calls on different accounts may run in parallel.
 * Accounts are never deleted.
 *
 * <p>Implementations are thread-safe.
 */
public interface OrderStore {

  /** Opens {@code account}'s book; returns false when it was already open (nothing changes). */
  boolean createAccount(String account);

  /** Returns true when {@code account}'s book is open. */
  boolean hasAccount(String account);

  /** Returns the open accounts, sorted by code point. */
  List<String> accounts();

  /**
   * Returns the account and client order id that platform order id {@code orderId} was registered
   * for ({@link AccountBook#registerOrderId}), if any: how the venue's answers, which name orders
   * by the platform id sent as the venue's client order id, find their client's book. Reads
   * committed registrations; needs no serialization.
   */
  Optional<OrderRef> locate(String orderId);

  /**
   * Runs {@code work} on {@code account}'s book, serialized with every other call on that account,
   * and returns what it returns. The work's writes are kept when it returns; when it throws, a
   * store that can (a database) keeps none of them, and the exception propagates.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#ACCOUNT_NOT_FOUND} when the account is not open
   */
  <T> T inAccount(String account, Function<AccountBook, T> work);
}
