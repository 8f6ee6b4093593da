package dev.speedtrade.event;

/**
 * Receives the events of one kind from the source it is subscribed to, such as an {@link
 * EventFanOut}.
 *
 * <p>A source calls its listeners one event at a time and in the order it produced them, from its
 * own thread (which may differ from one event to the next, but never two calls overlap). A listener
 * should return quickly; an exception it throws is logged and does not keep the event from the
 * other listeners, nor later events from it. A listener may call back into the source, and may
 * subscribe or close subscriptions while it runs.
 *
 * @param <E> the type of event
 */
@FunctionalInterface
public interface EventListener<E> {

  /** Called once for each event, never concurrently with another call for the same source. */
  void onEvent(E event);
}
