package dev.speedtrade.oms;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of one client order, delivered to the listeners of {@link
 * OrderService#subscribe(dev.speedtrade.event.EventListener)} and {@link
 * OrderService#subscribe(String, dev.speedtrade.event.EventListener)}.
 *
 * <p>Events of one account arrive in the order their changes were made; each change made by this
 * JVM is reported once, by this JVM (a change another host made, or a venue update another host
 * applied first, is reported there).
 *
 * @param type what happened
 * @param order the order after the change
 * @param fill the fill, for {@link OrderEventType#PARTIALLY_FILLED} and {@link
 *     OrderEventType#FILLED}; else null
 * @param at when the change was made, by the service's clock
 */
public record OrderEvent(
    OrderEventType type, ClientOrder order, @Nullable OrderFill fill, Instant at) {

  /** Checks that the fields are present, and that a fill event carries its fill. */
  public OrderEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(at, "at");
    boolean isFill = type == OrderEventType.PARTIALLY_FILLED || type == OrderEventType.FILLED;
    if (isFill != (fill != null)) {
      throw new IllegalArgumentException("a fill event, and only a fill event, carries its fill");
    }
  }

  /** Returns the client account the order belongs to. */
  public String account() {
    return order.account();
  }

  /** Returns the client's id of the order. */
  public String clientOrderId() {
    return order.clientOrderId();
  }
}
