package dev.speedtrade.event;

/**
 * A registration that lasts until it is closed, such as an {@link EventListener} on an {@link
 * EventFanOut} (the broker's trade update listeners are registered this way too). Closing is
 * idempotent and thread-safe.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

  /**
   * Ends the registration. After this returns, the listener receives at most the one event being
   * delivered at that moment on another thread, and nothing later. Closing again does nothing.
   */
  @Override
  void close();
}
