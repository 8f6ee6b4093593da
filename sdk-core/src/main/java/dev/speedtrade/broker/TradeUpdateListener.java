package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
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
 * Broker#subscribe} SPI; a lambda or method reference fits either. A listener that wants to know
 * when the broker's update stream fails for good overrides {@link #onStreamFailure}.
 */
@FunctionalInterface
public interface TradeUpdateListener extends EventListener<TradeUpdate> {

  /** Called once for each update. */
  @Override
  void onEvent(TradeUpdate update);

  /**
   * Called when the broker's stream of updates fails in a way that retrying will not mend, such as
   * the provider refusing the credentials of its trade update stream ({@link ErrorCode#FORBIDDEN},
   * with the provider's words in the message). The broker does not reconnect the stream after such
   * a failure; what it still delivers (the Alpaca adapter keeps polling the account's orders) its
   * documentation says. Called at most once per failure, on the broker's thread; the default does
   * nothing. An exception it throws is logged.
   *
   * @param failure what failed, with a stable {@link ErrorCode}
   */
  default void onStreamFailure(SpeedTradeException failure) {}
}
