package dev.speedtrade.broker;

import dev.speedtrade.event.EventListener;

/**
 * Receives the account's order updates and fills from a {@link Broker}.
 *
 * <p>A broker calls a listener from its own thread, one update at a time and in the order the
 * broker produced them. A listener should return quickly; an exception it throws is logged and does
 * not stop later updates. A listener may call back into the broker; the updates that call causes
 * reach it, and every other listener, after the current one, still in order.
 *
 * <p>It is the platform's {@link EventListener} of {@link TradeUpdate}s, named for the {@link
 * Broker#subscribe} SPI; a lambda or method reference fits either.
 */
@FunctionalInterface
public interface TradeUpdateListener extends EventListener<TradeUpdate> {

  /** Called once for each update. */
  @Override
  void onEvent(TradeUpdate update);
}
