package dev.speedtrade.broker;

/**
 * Receives the account's order updates and fills from a {@link Broker}.
 *
 * <p>A broker calls a listener from its own thread, one update at a time and in the order the broker
 * produced them. A listener should return quickly; an exception it throws is logged and does not stop
 * later updates. A listener may call back into the broker; the updates that call causes reach it,
 * and every other listener, after the current one, still in order.
 */
@FunctionalInterface
public interface TradeUpdateListener {

  /** Called once for each update. */
  void onTradeUpdate(TradeUpdate update);
}
