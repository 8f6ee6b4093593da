package dev.speedtrade.broker;

/**
 * A registration that lasts until it is closed, such as a {@link TradeUpdateListener} on a {@link
 * Broker}. Closing is idempotent and thread-safe.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

  /**
   * Ends the registration. After this returns, the listener receives at most the one update being
   * delivered at that moment on another thread, and nothing later.
   */
  @Override
  void close();
}
