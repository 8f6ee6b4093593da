package dev.speedtrade.oms;

/**
 * Receives what the order service measures: each command's outcome and time, each risk evaluation's
 * time, each order event. {@link MicrometerOrderMetrics} records them as Micrometer counters and
 * timers; {@link #NONE}, the default, records nothing and costs nothing (the service then reads no
 * clock for them).
 *
 * <p>Called on the threads that run commands, and (for events) on the service's executor;
 * implementations are thread-safe and quick, and never throw.
 */
public interface OrderMetrics {

  /** Records nothing. */
  OrderMetrics NONE = new OrderMetrics() {};

  /**
   * A command ({@code submit}, {@code cancel} or {@code replace}) answered {@code result} after
   * {@code nanos} nanoseconds.
   */
  default void command(String command, OrderResult result, long nanos) {}

  /** The pre-trade checks of one submit or replace took {@code nanos} nanoseconds. */
  default void riskCheck(long nanos) {}

  /** An order event happened (fills among them). */
  default void event(OrderEvent event) {}
}
