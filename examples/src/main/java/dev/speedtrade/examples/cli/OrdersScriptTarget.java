package dev.speedtrade.examples.cli;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code speedtrade orders run} drives: a fresh OMS set up from one {@link OrdersScript}, with
 * one method per op. {@link OrdersScriptRunner} calls them in the script's order, asks {@link
 * #status} after every step that names an order, and reads the snapshots once at the end; it sorts
 * and writes them, so a target may return them in any order.
 *
 * <p>Every op method returns the spec's result code: {@code OK}, one of the OMS's codes ({@code
 * EXISTS}, {@code ORDER_NOT_FOUND}, ...) or, for a denied submit or a refused replace, the risk
 * check's code ({@code INSUFFICIENT_BUYING_POWER}, ...). A business outcome is always a code, never
 * an exception; an exception out of a target is a bug or a broken invariant (the CLI ends with exit
 * code 1).
 *
 * <p>Not thread-safe: one script runs on one thread.
 */
interface OrdersScriptTarget {

  /** Creates the target a script runs on. */
  @FunctionalInterface
  interface Factory {
    /**
     * Returns a fresh OMS with the script's accounts (cash, state, limits), instruments, market
     * state and platform trading state, whose clock starts at {@link OrdersScript#clock()} and
     * moves only by {@link #advance}.
     */
    OrdersScriptTarget open(OrdersScript script);
  }

  /** A submit; the new order's status (DENIED included) is read with {@link #status}. */
  String submit(OrdersScript.Submit step);

  /** The venue's acknowledgement of an order. */
  String venueAccept(OrdersScript.VenueAccept step);

  /** The venue's refusal of an order, with its reason or none. */
  String venueReject(OrdersScript.VenueReject step);

  /** A fill of an order. */
  String fill(OrdersScript.Fill step);

  /** A client's cancel request. */
  String cancel(OrdersScript.Cancel step);

  /** The venue's cancel of an order. */
  String cancelAck(OrdersScript.CancelAck step);

  /** The venue's refusal of a cancel request. */
  String cancelReject(OrdersScript.CancelReject step);

  /** A client's replace request of the order {@code step.clientOrderId()}. */
  String replace(OrdersScript.Replace step);

  /** The venue's acceptance of a replace request: creates the new order. */
  String replaceAck(OrdersScript.ReplaceAck step);

  /** The venue's refusal of a replace request. */
  String replaceReject(OrdersScript.ReplaceReject step);

  /** The venue's expiry of an order. */
  String expire(OrdersScript.Expire step);

  /** The end of the day, for every account. */
  String endOfDay(OrdersScript.EndOfDay step);

  /** A new mark: {@code OK}, or {@code UNKNOWN_SYMBOL}. */
  String mark(OrdersScript.Mark step);

  /** Moves the clock forward. */
  String advance(OrdersScript.Advance step);

  /** Opens or closes the market. */
  String setMarket(OrdersScript.SetMarket step);

  /** The platform's or an account's trading state: {@code OK}, or {@code ACCOUNT_NOT_FOUND}. */
  String setTradingState(OrdersScript.SetTradingState step);

  /**
   * Returns the status of the order {@code clientOrderId} of {@code account}, upper case as the
   * spec spells it ({@code PENDING_NEW}, ...), or null when there is no such order (the account
   * unknown, the key never taken, or taken by a replace not yet acknowledged).
   */
  @Nullable String status(String account, String clientOrderId);

  /** Every order of every account, as it is now, in any order. */
  List<OrderSnapshot> orders();

  /** Every (account, symbol) that has had a fill, as it is now, in any order. */
  List<PositionSnapshot> positions();

  /** Every account, as it is now, in any order. */
  List<AccountSnapshot> accounts();

  /**
   * An order as the output shows it. Decimals are written with {@link BigDecimal#toPlainString()};
   * the four prices and quantities the order was given are as given, null when absent.
   *
   * @param status upper case, as the spec spells it
   * @param reason DENIED: the code; REJECTED: the venue's reason or null; else null
   * @param filledQty the sum of the fills' qtys, 0 without fills
   * @param avgFillPrice HALF_EVEN to 6 decimals, null without fills
   * @param remaining null for a DENIED order
   * @param replaces the client order id of the order this one replaced, or null
   * @param replacedBy the client order id of the order that replaced this one, or null
   */
  record OrderSnapshot(
      String account,
      String clientOrderId,
      String symbol,
      OrderSide side,
      OrderType type,
      TimeInForce tif,
      @Nullable BigDecimal qty,
      @Nullable BigDecimal notional,
      @Nullable BigDecimal limitPrice,
      @Nullable BigDecimal stopPrice,
      String status,
      @Nullable String reason,
      BigDecimal filledQty,
      @Nullable BigDecimal avgFillPrice,
      @Nullable BigDecimal remaining,
      @Nullable String replaces,
      @Nullable String replacedBy) {}

  /**
   * A position of one account in one symbol.
   *
   * @param qty signed: negative is short
   * @param avgEntryPrice HALF_EVEN to 6 decimals, null when flat
   * @param costBasis USD, signed like qty
   * @param realizedPnl USD
   * @param unrealizedPnl USD: marketValue - costBasis
   * @param marketValue USD: qty x mark, HALF_EVEN to cents
   */
  record PositionSnapshot(
      String account,
      String symbol,
      BigDecimal qty,
      @Nullable BigDecimal avgEntryPrice,
      BigDecimal costBasis,
      BigDecimal realizedPnl,
      BigDecimal unrealizedPnl,
      BigDecimal marketValue) {}

  /**
   * An account's money.
   *
   * @param cash USD
   * @param buyingPower USD: cash - the reserves of the open buys
   * @param equity USD: cash + the positions' market values
   */
  record AccountSnapshot(String id, BigDecimal cash, BigDecimal buyingPower, BigDecimal equity) {}
}
