package dev.speedtrade.examples.serve;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.OrderCode;
import dev.speedtrade.oms.OrderResult;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.Portfolio;
import dev.speedtrade.oms.ReplaceOrder;
import dev.speedtrade.oms.SubmitOrder;
import dev.speedtrade.risk.RiskCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Seed 003's order routes on the platform's order service, each on the caller's own book: an order
 * is named by its client order id, unique per client, so another client's id is simply not found.
 */
final class OrderRoutes {
  private static final List<OrderSide> SIDES = List.of(OrderSide.BUY, OrderSide.SELL);
  private static final List<OrderType> TYPES =
      List.of(OrderType.MARKET, OrderType.LIMIT, OrderType.STOP, OrderType.STOP_LIMIT);
  private static final List<TimeInForce> TIFS =
      List.of(
          TimeInForce.DAY,
          TimeInForce.GTC,
          TimeInForce.IOC,
          TimeInForce.FOK,
          TimeInForce.OPG,
          TimeInForce.CLS);

  private final Supplier<OrderService> orders;

  OrderRoutes(Supplier<OrderService> orders) {
    this.orders = orders;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/orders", Route.Access.CLIENT, this::create),
        Route.of("GET", "/orders", Route.Access.CLIENT, this::list),
        Route.of("GET", "/orders/{id}", Route.Access.CLIENT, this::get),
        Route.of("POST", "/orders/{id}/cancel", Route.Access.CLIENT, this::cancel),
        Route.of("PATCH", "/orders/{id}", Route.Access.CLIENT, this::amend),
        Route.of("GET", "/positions", Route.Access.CLIENT, this::positions));
  }

  private Reply create(Call call) {
    RequestBody body = call.json();
    String account = call.client();
    body.optionalText("clientId")
        .filter(named -> !named.equals(account))
        .ifPresent(
            named -> {
              throw ApiError.notFound("ACCOUNT_NOT_FOUND", "no account " + named);
            });
    SubmitOrder.Builder order =
        SubmitOrder.builder()
            .account(account)
            .clientOrderId(body.optionalText("id").orElseGet(() -> "api-" + UUID.randomUUID()))
            .symbol(body.text("symbol"));
    OrderSide side = body.optionalEnum("side", SIDES);
    if (side == null) {
      throw ApiError.badRequest("INVALID_ARGUMENT", "side is required: BUY or SELL");
    }
    order.side(side);
    OrderType type = body.optionalEnum("type", TYPES);
    if (type == null) {
      throw ApiError.badRequest("INVALID_ARGUMENT", "type is required: one of " + TYPES);
    }
    order.type(type);
    TimeInForce tif = body.optionalEnum("timeInForce", TIFS);
    order.timeInForce(tif == null ? TimeInForce.DAY : tif);
    BigDecimal qty = body.optionalDecimal("qty");
    BigDecimal notional = body.optionalDecimal("notional");
    BigDecimal price = body.optionalDecimal("price");
    BigDecimal stopPrice = body.optionalDecimal("stopPrice");
    if (qty == null && notional == null) {
      throw ApiError.badRequest("INVALID_ARGUMENT", "qty (or notional) is required");
    }
    if (qty != null) {
      order.qty(qty);
    }
    if (notional != null) {
      order.notional(notional);
    }
    if (price != null) {
      order.limitPrice(price);
    }
    if (stopPrice != null) {
      order.stopPrice(stopPrice);
    }
    return answer(orders.get().submit(order.build()), 201);
  }

  private Reply list(Call call) {
    List<Object> answer = new ArrayList<>();
    for (ClientOrder order : orders.get().orders(call.client())) {
      answer.add(JsonViews.order(order));
    }
    return Reply.ok(answer);
  }

  private Reply get(Call call) {
    String id = call.param("id");
    ClientOrder order =
        orders
            .get()
            .order(call.client(), id)
            .orElseThrow(() -> ApiError.notFound("ORDER_NOT_FOUND", "no order " + id));
    return Reply.ok(JsonViews.order(order));
  }

  private Reply cancel(Call call) {
    String id = call.param("id");
    return answer(orders.get().cancel(call.client(), existing(call, id).clientOrderId()), 200);
  }

  private Reply amend(Call call) {
    String id = call.param("id");
    existing(call, id);
    RequestBody body = call.json();
    BigDecimal qty = body.optionalDecimal("qty");
    BigDecimal price = body.optionalDecimal("price");
    if (qty == null && price == null) {
      throw ApiError.badRequest("INVALID_ARGUMENT", "an amend needs qty or price");
    }
    String newId = body.optionalText("newId").orElseGet(() -> "api-" + UUID.randomUUID());
    ReplaceOrder.Builder replace = ReplaceOrder.builder(call.client(), id, newId);
    if (qty != null) {
      replace.qty(qty);
    }
    if (price != null) {
      replace.limitPrice(price);
    }
    return answer(orders.get().replace(replace.build()), 200);
  }

  private Reply positions(Call call) {
    Portfolio portfolio = portfolio(orders.get(), call.client());
    return Reply.ok(portfolio == null ? List.of() : JsonViews.positions(portfolio));
  }

  /**
   * {@code account}'s portfolio, its positions valued at marks read once; null for an account the
   * order service has not opened (it has no positions).
   */
  static @Nullable Portfolio portfolio(OrderService orders, String account) {
    try {
      return orders.portfolio(account);
    } catch (SpeedTradeException e) {
      if (e.code() == ErrorCode.ACCOUNT_NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  /** The caller's order {@code id}: 404 for an unknown id and for another client's. */
  private ClientOrder existing(Call call, String id) {
    return orders
        .get()
        .order(call.client(), id)
        .orElseThrow(() -> ApiError.notFound("ORDER_NOT_FOUND", "no order " + id));
  }

  /**
   * The order's view with its outcome: {@code okStatus} for OK, 200 for a replay, and for a refusal
   * the outcome's status with the code (a risk denial's own) and the caller's order when the
   * service recorded one.
   */
  private static Reply answer(OrderResult result, int okStatus) {
    ClientOrder order = result.order();
    if (result.outcome() == OrderCode.OK || result.outcome() == OrderCode.EXISTS) {
      if (order == null) {
        throw new IllegalStateException("an OK order result without its order");
      }
      Map<String, Object> body = JsonViews.order(order);
      body.put("code", result.code());
      return new Reply(result.outcome() == OrderCode.OK ? okStatus : 200, body);
    }
    Map<String, Object> body = JsonViews.error(result.code(), "order refused: " + result.code());
    if (order != null && result.outcome() == OrderCode.DENIED) {
      body.put("order", JsonViews.order(order));
    }
    RiskCode denial = result.denial();
    return new Reply(
        denial != null ? Outcomes.status(denial) : Outcomes.status(result.outcome()), body);
  }
}
