package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speedtrade.examples.cli.OrdersScriptTarget.AccountSnapshot;
import dev.speedtrade.examples.cli.OrdersScriptTarget.OrderSnapshot;
import dev.speedtrade.examples.cli.OrdersScriptTarget.PositionSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs an {@link OrdersScript} on an {@link OrdersScriptTarget} and reports what happened in the
 * output shape of {@code docs/orders-contract.md}: {@code results} (one per step), then every
 * order, position and account as at the end, each list sorted by code point, every number a JSON
 * string holding a plain decimal.
 *
 * <p>A target that answers a code or a status the spec does not know is a bug: {@link
 * IllegalStateException}.
 */
final class OrdersScriptRunner {
  private OrdersScriptRunner() {}

  /** Every result code of the spec. */
  static final Set<String> RESULT_CODES =
      Set.of(
          "OK",
          "EXISTS",
          "ACCOUNT_NOT_FOUND",
          "ORDER_NOT_FOUND",
          "CLIENT_ORDER_ID_IN_USE",
          "INVALID_TRANSITION",
          "NOT_REPLACEABLE",
          "DUPLICATE_FILL",
          "INVALID_FILL",
          "OVERFILL",
          "FOK_PARTIAL_FILL",
          // the risk checks, 1 to 20
          "TRADING_HALTED",
          "UNKNOWN_SYMBOL",
          "NOT_TRADABLE",
          "INVALID_QTY",
          "NOTIONAL_NOT_ALLOWED",
          "NOT_FRACTIONABLE",
          "TIF_NOT_ALLOWED",
          "PRICE_REQUIRED",
          "PRICE_NOT_ALLOWED",
          "INVALID_PRICE",
          "INVALID_TICK",
          "TRADING_REDUCING",
          "MARKET_CLOSED",
          "OUTSIDE_TRADING_WINDOW",
          "SYMBOL_BLOCKED",
          "MAX_ORDER_QTY_EXCEEDED",
          "MAX_ORDER_NOTIONAL_EXCEEDED",
          "MAX_POSITION_EXCEEDED",
          "INSUFFICIENT_POSITION",
          "INSUFFICIENT_BUYING_POWER",
          "RATE_LIMITED");

  /** Every order status of the spec. */
  static final Set<String> STATUSES =
      Set.of(
          "PENDING_NEW",
          "ACCEPTED",
          "PARTIALLY_FILLED",
          "FILLED",
          "PENDING_CANCEL",
          "PENDING_REPLACE",
          "CANCELED",
          "REPLACED",
          "EXPIRED",
          "DENIED",
          "REJECTED");

  /** Orders strings by their Unicode code points, as the spec sorts (not by UTF-16 units). */
  static final Comparator<String> CODE_POINT_ORDER = OrdersScriptRunner::compareCodePoints;

  private static final Comparator<OrderSnapshot> ORDER_ORDER =
      Comparator.comparing(OrderSnapshot::account, CODE_POINT_ORDER)
          .thenComparing(OrderSnapshot::clientOrderId, CODE_POINT_ORDER);
  private static final Comparator<PositionSnapshot> POSITION_ORDER =
      Comparator.comparing(PositionSnapshot::account, CODE_POINT_ORDER)
          .thenComparing(PositionSnapshot::symbol, CODE_POINT_ORDER);
  private static final Comparator<AccountSnapshot> ACCOUNT_ORDER =
      Comparator.comparing(AccountSnapshot::id, CODE_POINT_ORDER);

  /** Opens a target for {@code script} with {@code targets}, runs every step and reports. */
  static JsonNode run(OrdersScript script, OrdersScriptTarget.Factory targets) {
    OrdersScriptTarget target = targets.open(script);
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    ArrayNode results = output.putArray("results");
    for (int i = 0; i < script.steps().size(); i++) {
      OrdersScript.Step step = script.steps().get(i);
      String code = step.applyTo(target);
      if (!RESULT_CODES.contains(code)) {
        throw new IllegalStateException(
            "step " + i + " (" + step.op().spelling() + ") answered an unknown code: " + code);
      }
      ObjectNode result =
          results.addObject().put("step", i).put("op", step.op().spelling()).put("result", code);
      if (step instanceof OrdersScript.OrderStep named) {
        String status = target.status(named.account(), named.clientOrderId());
        result
            .put("account", named.account())
            .put("clientOrderId", named.clientOrderId())
            .put("status", status == null ? null : checkedStatus(status));
      }
    }
    ArrayNode orders = output.putArray("orders");
    for (OrderSnapshot order : sorted(target.orders(), ORDER_ORDER)) {
      ObjectNode node =
          orders
              .addObject()
              .put("account", order.account())
              .put("clientOrderId", order.clientOrderId())
              .put("symbol", order.symbol())
              .put("side", OrdersScript.spelling(order.side()))
              .put("type", OrdersScript.spelling(order.type()))
              .put("tif", OrdersScript.spelling(order.tif()));
      decimal(node, "qty", order.qty());
      decimal(node, "notional", order.notional());
      decimal(node, "limitPrice", order.limitPrice());
      decimal(node, "stopPrice", order.stopPrice());
      node.put("status", checkedStatus(order.status())).put("reason", order.reason());
      decimal(node, "filledQty", order.filledQty());
      decimal(node, "avgFillPrice", order.avgFillPrice());
      decimal(node, "remaining", order.remaining());
      node.put("replaces", order.replaces()).put("replacedBy", order.replacedBy());
    }
    ArrayNode positions = output.putArray("positions");
    for (PositionSnapshot position : sorted(target.positions(), POSITION_ORDER)) {
      ObjectNode node =
          positions.addObject().put("account", position.account()).put("symbol", position.symbol());
      decimal(node, "qty", position.qty());
      decimal(node, "avgEntryPrice", position.avgEntryPrice());
      decimal(node, "costBasis", position.costBasis());
      decimal(node, "realizedPnl", position.realizedPnl());
      decimal(node, "unrealizedPnl", position.unrealizedPnl());
      decimal(node, "marketValue", position.marketValue());
    }
    ArrayNode accounts = output.putArray("accounts");
    for (AccountSnapshot account : sorted(target.accounts(), ACCOUNT_ORDER)) {
      ObjectNode node = accounts.addObject().put("id", account.id());
      decimal(node, "cash", account.cash());
      decimal(node, "buyingPower", account.buyingPower());
      decimal(node, "equity", account.equity());
    }
    return output;
  }

  private static String checkedStatus(String status) {
    if (!STATUSES.contains(status)) {
      throw new IllegalStateException("an order has an unknown status: " + status);
    }
    return status;
  }

  /** A number as the spec writes it: a JSON string holding a plain decimal, or null. */
  private static void decimal(ObjectNode node, String key, @Nullable BigDecimal value) {
    node.put(key, value == null ? null : value.toPlainString());
  }

  private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
    List<T> copy = new ArrayList<>(items);
    copy.sort(order);
    return copy;
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
