package dev.speedtrade.oms;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * What the venue answers about client orders, applied to the books as the contract's state table
 * says. Each event names the order by account and client order id and is judged: {@link
 * OrderCode#ACCOUNT_NOT_FOUND}, {@link OrderCode#ORDER_NOT_FOUND}, {@link
 * OrderCode#INVALID_TRANSITION} (then, for a fill, its own codes); a refused event changes nothing.
 * The venue bridge maps the venue's trade updates onto these; scripts and tests call them directly.
 *
 * <p>Thread-safe: events on one account are applied one at a time, in the order they arrive. Every
 * method throws {@link dev.speedtrade.error.SpeedTradeException} {@link
 * dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank id or a null number.
 */
public interface VenueEvents {

  /** The venue acknowledged the order: PENDING_NEW to ACCEPTED, or an unacknowledged cancel. */
  OrderResult venueAccept(String account, String clientOrderId);

  /** The venue refused the order, for {@code reason} (null when it gave none): REJECTED. */
  OrderResult venueReject(String account, String clientOrderId, @Nullable String reason);

  /**
   * The venue filled {@code qty} at {@code price}; {@code execId} is unique per order. Moves cash,
   * position and the order's reserve.
   */
  OrderResult fill(
      String account, String clientOrderId, String execId, BigDecimal qty, BigDecimal price);

  /** The venue canceled the order, asked or not: CANCELED; what it held is released. */
  OrderResult cancelAck(String account, String clientOrderId);

  /** The venue refused a cancel: the order goes back to where it was. */
  OrderResult cancelReject(String account, String clientOrderId);

  /** The venue replaced the order: REPLACED, and the new order is created ACCEPTED. */
  OrderResult replaceAck(String account, String clientOrderId);

  /** The venue refused a replace: the order goes back to where it was. */
  OrderResult replaceReject(String account, String clientOrderId);

  /** The venue expired the order: EXPIRED; what it held is released. */
  OrderResult expire(String account, String clientOrderId);

  /** The day ends: every open day order of every account (its own time in force) is EXPIRED. */
  void endOfDay();
}
