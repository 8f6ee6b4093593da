package dev.speedtrade.broker;

/**
 * A registration that lasts until it is closed, such as a {@link TradeUpdateListener} on a {@link
 * Broker}. Closing is idempotent and thread-safe.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

  /** Ends the registration; no callback starts after this returns. */
  @Override
  void close();
}
