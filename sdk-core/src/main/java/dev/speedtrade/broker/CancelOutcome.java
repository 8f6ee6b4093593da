package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one order of a {@link Broker#cancelAllOrders()} request: canceled, or the reason
 * it was not (for example {@link ErrorCode#ORDER_NOT_CANCELABLE} when it filled first).
 *
 * @param orderId the broker's order id
 * @param error why the order was not canceled, or null when it was
 * @param message the broker's words about the failure, or null
 */
public record CancelOutcome(String orderId, @Nullable ErrorCode error, @Nullable String message) {

  /** Checks that the order id is present. */
  public CancelOutcome {
    Objects.requireNonNull(orderId, "orderId");
  }

  /** Returns an outcome for an order that was canceled. */
  public static CancelOutcome canceled(String orderId) {
    return new CancelOutcome(orderId, null, null);
  }

  /** Returns true when the order was canceled (or its cancel was accepted). */
  public boolean succeeded() {
    return error == null;
  }

  /** Returns why the order was not canceled. */
  public Optional<ErrorCode> failure() {
    return Optional.ofNullable(error);
  }
}
