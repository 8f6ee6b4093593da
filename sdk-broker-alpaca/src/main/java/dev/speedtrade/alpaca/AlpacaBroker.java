package dev.speedtrade.alpaca;

import com.google.gson.JsonParseException;
import com.squareup.moshi.JsonWriter;
import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.ReplaceRequest;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jacobpeterson.alpaca.model.endpoint.common.enums.SortDirection;
import net.jacobpeterson.alpaca.model.endpoint.orders.Order;
import net.jacobpeterson.alpaca.model.endpoint.orders.enums.CurrentOrderStatus;
import net.jacobpeterson.alpaca.model.endpoint.orders.enums.OrderSide;
import net.jacobpeterson.alpaca.model.endpoint.orders.enums.OrderType;
import net.jacobpeterson.alpaca.rest.AlpacaClient;
import net.jacobpeterson.alpaca.rest.AlpacaClientException;
import net.jacobpeterson.alpaca.rest.endpoint.account.AccountEndpoint;
import net.jacobpeterson.alpaca.rest.endpoint.assets.AssetsEndpoint;
import net.jacobpeterson.alpaca.rest.endpoint.orders.OrdersEndpoint;
import net.jacobpeterson.alpaca.rest.endpoint.positions.PositionsEndpoint;
import net.jacobpeterson.alpaca.util.gson.GsonUtil;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Broker} over Alpaca's Trading API v2: one Alpaca account, paper unless the {@link
 * AlpacaConfig} was built with {@link AlpacaConfig#live}. Obtain one from {@link Alpaca#broker()}.
 *
 * <p>Submission is idempotent end to end. Every order carries a client order id (the request's, or
 * a random one). When the answer to a submission is lost (a timeout, a reset connection, a 5xx), it
 * is looked up by that id; only when Alpaca does not have it is it sent once more, with the same
 * id, so that Alpaca itself refuses a second copy. An order is never placed twice.
 *
 * <p>The same goes for an answer to a submission that arrives but cannot be read (malformed JSON,
 * an order without its fields): the order may have been placed, so it is looked up by its client
 * order id first.
 *
 * <p>{@link #replaceOrder} sends {@code PATCH /v2/orders/{order_id}} with Alpaca's body fields,
 * decimals as JSON strings. The new order always carries a client order id (the request's, or a
 * random one), so a lost answer is resolved by looking it up. When the request gives no quantity,
 * the old order's unfilled rest is sent explicitly: Alpaca was seen to give the replacement the old
 * order's whole quantity (Alpaca-API issue #165).
 *
 * <p>An order id that is not a UUID names no order at Alpaca: {@link #order} answers it empty and
 * {@link #cancelOrder} and {@link #replaceOrder} refuse it with {@link ErrorCode#ORDER_NOT_FOUND},
 * without a request. An order of a type the SDK does not model ({@code trailing_stop}) is read with
 * {@link dev.speedtrade.broker.OrderType#OTHER}; a multi-leg options order, which has no single
 * symbol or side, cannot be a {@link BrokerOrder}: it is left out of {@link #openOrders()} and the
 * trade updates, and {@link #order} answers it empty (each logged).
 *
 * <p>{@link #subscribe} opens Alpaca's trade update websocket with the first subscription and
 * closes it when the last one closes, so an account nobody waits on holds no websocket.
 *
 * <p>Thread-safe. {@link #close()} stops its trade update stream.
 */
public final class AlpacaBroker implements Broker, AutoCloseable {
  private static final int PAGE = 500;
  private static final Logger log = LoggerFactory.getLogger(AlpacaBroker.class);

  private final AccountEndpoint accounts;
  private final OrdersEndpoint orders;
  private final PositionsEndpoint positions;
  private final AssetsEndpoint assets;
  private final AlpacaHttp http;
  private final URI tradingUrl;
  private final TradeUpdateStream stream;

  AlpacaBroker(AlpacaClient trading, AlpacaHttp http, URI tradingUrl, TradeUpdateStream stream) {
    this.http = http;
    this.tradingUrl = tradingUrl;
    this.accounts = new AccountEndpoint(trading);
    this.orders = new OrdersEndpoint(trading);
    this.positions = new PositionsEndpoint(trading);
    this.assets = new AssetsEndpoint(trading);
    this.stream = stream;
  }

  @Override
  public Account account() {
    return AlpacaModels.account(
        AlpacaErrors.call("reading the account", AlpacaErrors.Missing.OTHER, accounts::get));
  }

  @Override
  public List<Position> positions() {
    return AlpacaErrors.call("reading positions", AlpacaErrors.Missing.OTHER, positions::get)
        .stream()
        .map(AlpacaModels::position)
        .sorted(Comparator.comparing(Position::symbol))
        .toList();
  }

  @Override
  public List<BrokerOrder> openOrders() {
    Map<String, BrokerOrder> open = new LinkedHashMap<>();
    @Nullable ZonedDateTime after = null;
    while (true) {
      @Nullable ZonedDateTime since = after;
      List<Order> page =
          AlpacaErrors.call(
              "reading open orders",
              AlpacaErrors.Missing.OTHER,
              () ->
                  orders.get(
                      CurrentOrderStatus.OPEN,
                      PAGE,
                      since,
                      null,
                      SortDirection.ASCENDING,
                      false,
                      null));
      int before = open.size();
      for (Order order : page) {
        after = order.getSubmittedAt() != null ? order.getSubmittedAt() : order.getCreatedAt();
        readable(order).ifPresent(mapped -> open.putIfAbsent(mapped.id(), mapped));
      }
      if (page.size() < PAGE || open.size() == before) {
        break;
      }
    }
    return open.values().stream().sorted(Comparator.comparing(BrokerOrder::createdAt)).toList();
  }

  @Override
  public BrokerOrder submitOrder(OrderRequest request) {
    AlpacaArguments.request(request);
    String clientOrderId =
        request.clientOrderId() != null ? request.clientOrderId() : "st-" + UUID.randomUUID();
    Submission submission = Submission.of(request, clientOrderId);
    String what =
        "submitting " + request.side() + " " + request.symbol() + " (" + clientOrderId + ")";
    try {
      return AlpacaModels.order(submission.send(orders));
    } catch (AlpacaClientException e) {
      Integer status = e.getResponseStatusCode();
      if (status != null && status < 500) {
        throw AlpacaErrors.fromClient(e, what, AlpacaErrors.Missing.ASSET);
      }
      // No answer, or a server error (a gateway's 502 or 504 says nothing of whether Alpaca placed
      // it).
      log.warn(
          "The answer to {} was lost ({}); looking the order up by its client order id",
          what,
          status != null
              ? "HTTP " + status
              : e.getCause() == null ? "no cause" : e.getCause().getClass().getSimpleName());
    } catch (JsonParseException e) {
      log.warn(
          "The answer to {} was unreadable; looking the order up by its client order id", what);
    } catch (SpeedTradeException e) {
      // The answer parsed but is no order we can read: it still says nothing of whether Alpaca
      // placed it.
      log.warn(
          "The answer to {} was unreadable ({}); looking the order up by its client order id",
          what,
          e.getMessage());
    }
    return resolveLostSubmission(submission, clientOrderId, what);
  }

  private BrokerOrder resolveLostSubmission(
      Submission submission, String clientOrderId, String what) {
    Optional<BrokerOrder> placed = orderByClientOrderId(clientOrderId);
    if (placed.isPresent()) {
      return placed.get();
    }
    try {
      return AlpacaModels.order(submission.send(orders));
    } catch (SpeedTradeException e) {
      return orderByClientOrderId(clientOrderId).orElseThrow(() -> e);
    } catch (AlpacaClientException e) {
      SpeedTradeException error = AlpacaErrors.fromClient(e, what, AlpacaErrors.Missing.ASSET);
      if (error.code() == ErrorCode.DUPLICATE_CLIENT_ORDER_ID
          || error.code() == ErrorCode.PROVIDER_UNAVAILABLE) {
        Optional<BrokerOrder> late = orderByClientOrderId(clientOrderId);
        if (late.isPresent()) {
          return late.get();
        }
      }
      throw error;
    } catch (JsonParseException e) {
      return orderByClientOrderId(clientOrderId)
          .orElseThrow(
              () ->
                  new SpeedTradeException(
                      ErrorCode.PROVIDER_UNAVAILABLE,
                      "Alpaca's answers to "
                          + what
                          + " were unreadable and it does"
                          + " not list the order; look it up by client order id "
                          + clientOrderId
                          + " later"));
    }
  }

  @Override
  public Optional<BrokerOrder> order(String orderId) {
    AlpacaArguments.id(orderId, "order id");
    if (!AlpacaArguments.isOrderId(orderId)) {
      return Optional.empty();
    }
    return optional("reading order " + orderId, () -> orders.get(orderId, false))
        .flatMap(AlpacaBroker::readable);
  }

  @Override
  public Optional<BrokerOrder> orderByClientOrderId(String clientOrderId) {
    AlpacaArguments.id(clientOrderId, "client order id");
    return optional(
            "reading the order with client order id " + clientOrderId,
            () -> orders.getByClientID(clientOrderId))
        .flatMap(AlpacaBroker::readable);
  }

  /** The order as a {@link BrokerOrder}, or empty (logged) for one that cannot be one. */
  private static Optional<BrokerOrder> readable(Order order) {
    if (!AlpacaModels.isRepresentable(order)) {
      log.info(
          "Leaving out Alpaca order {} (order class {}): it names no single symbol and side",
          order.getId(),
          order.getOrderClass());
      return Optional.empty();
    }
    return Optional.of(AlpacaModels.order(order));
  }

  @Override
  public BrokerOrder replaceOrder(String orderId, ReplaceRequest request) {
    AlpacaArguments.id(orderId, "order id");
    AlpacaArguments.replace(request);
    if (!AlpacaArguments.isOrderId(orderId)) {
      throw AlpacaArguments.noSuchOrder(orderId);
    }
    String clientOrderId =
        request.clientOrderId() != null ? request.clientOrderId() : "st-" + UUID.randomUUID();
    String what = "replacing order " + orderId + " (new client order id " + clientOrderId + ")";
    Quantity qty = request.qty() != null ? request.qty() : unfilledRest(orderId, what);
    String body = replaceBody(request, qty, clientOrderId);
    AlpacaHttp.Answer answer;
    try {
      answer =
          http.send(
              "PATCH",
              tradingUrl,
              "/v2/orders/" + orderId,
              body,
              what,
              AlpacaErrors.Missing.REPLACED_ORDER);
    } catch (SpeedTradeException e) {
      if (e.code() != ErrorCode.PROVIDER_UNAVAILABLE) {
        throw e;
      }
      log.warn("The answer to {} was lost ({}); looking the new order up", what, e.getMessage());
      return orderByClientOrderId(clientOrderId).orElseThrow(() -> e);
    }
    try {
      Order replacement = GsonUtil.GSON.fromJson(answer.body(), Order.class);
      if (replacement == null) {
        throw new JsonParseException("no order in the answer");
      }
      return AlpacaModels.order(replacement);
    } catch (JsonParseException | SpeedTradeException e) {
      log.warn("The answer to {} was unreadable; looking the new order up", what);
      return orderByClientOrderId(clientOrderId)
          .orElseThrow(
              () ->
                  new SpeedTradeException(
                      ErrorCode.PROVIDER_UNAVAILABLE,
                      "Alpaca's answer to "
                          + what
                          + " was unreadable and it does not list the new order; look it up by"
                          + " client order id "
                          + clientOrderId
                          + " later"));
    }
  }

  /**
   * The old order's unfilled rest when part of it filled, else null (Alpaca keeps the quantity).
   */
  private @Nullable Quantity unfilledRest(String orderId, String what) {
    Order old =
        AlpacaErrors.call(what, AlpacaErrors.Missing.ORDER, () -> orders.get(orderId, false));
    Quantity qty = AlpacaNumbers.optionalQuantity(old.getQuantity(), "qty");
    Quantity filled = AlpacaNumbers.optionalQuantity(old.getFilledQuantity(), "filled_qty");
    if (qty == null || filled == null || filled.isZero() || filled.compareTo(qty) >= 0) {
      return null;
    }
    return qty.minus(filled);
  }

  /** Alpaca's {@code PatchOrderRequest}: only the fields to change, decimals as strings. */
  private static String replaceBody(
      ReplaceRequest request, @Nullable Quantity qty, String clientOrderId) {
    Buffer buffer = new Buffer();
    try (JsonWriter json = JsonWriter.of(buffer)) {
      json.beginObject();
      if (qty != null) {
        json.name("qty").value(plain(qty.value()));
      }
      TimeInForce timeInForce = request.timeInForce();
      if (timeInForce != null) {
        json.name("time_in_force").value(timeInForce.name().toLowerCase(Locale.ROOT));
      }
      Price limitPrice = request.limitPrice();
      if (limitPrice != null) {
        json.name("limit_price").value(plain(limitPrice.value()));
      }
      Price stopPrice = request.stopPrice();
      if (stopPrice != null) {
        json.name("stop_price").value(plain(stopPrice.value()));
      }
      BigDecimal trail = request.trail();
      if (trail != null) {
        json.name("trail").value(plain(trail));
      }
      json.name("client_order_id").value(clientOrderId);
      json.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  @Override
  public void cancelOrder(String orderId) {
    AlpacaArguments.id(orderId, "order id");
    if (!AlpacaArguments.isOrderId(orderId)) {
      throw AlpacaArguments.noSuchOrder(orderId);
    }
    String what = "canceling order " + orderId;
    try {
      orders.cancel(orderId);
    } catch (AlpacaClientException e) {
      SpeedTradeException error = AlpacaErrors.fromClient(e, what, AlpacaErrors.Missing.ORDER);
      if (Integer.valueOf(422).equals(e.getResponseStatusCode())) {
        throw new SpeedTradeException(
            ErrorCode.ORDER_NOT_CANCELABLE,
            "Alpaca refused " + what + ": " + e.getAPIResponseMessage() + " (HTTP 422)",
            error.providerCode().orElse(null),
            null);
      }
      throw error;
    }
  }

  @Override
  public List<CancelOutcome> cancelAllOrders() {
    return AlpacaErrors.call("canceling all orders", AlpacaErrors.Missing.OTHER, orders::cancelAll)
        .stream()
        .map(AlpacaModels::cancelOutcome)
        .toList();
  }

  @Override
  public BrokerOrder closePosition(String symbol) {
    String normalized = AlpacaSymbols.normalize(symbol);
    return AlpacaModels.order(
        AlpacaErrors.call(
            "closing the position in " + normalized,
            AlpacaErrors.Missing.POSITION,
            () -> positions.close(AlpacaSymbols.pathSegment(normalized), null, null)));
  }

  @Override
  public Asset asset(String symbol) {
    String normalized = AlpacaSymbols.normalize(symbol);
    return AlpacaModels.asset(
        AlpacaErrors.call(
            "looking up asset " + normalized,
            AlpacaErrors.Missing.ASSET,
            () -> assets.getBySymbol(AlpacaSymbols.pathSegment(normalized))));
  }

  @Override
  public Subscription subscribe(TradeUpdateListener listener) {
    return stream.subscribe(AlpacaArguments.listener(listener));
  }

  /**
   * Stops the trade update stream, as {@link Alpaca#close()} does; a {@code SpeedTrade} platform
   * built on this broker calls it when it closes. REST calls made later still work. Idempotent.
   */
  @Override
  public void close() {
    stream.close();
  }

  @Override
  public String toString() {
    return "AlpacaBroker{" + stream.endpoint() + "}";
  }

  private static <T> Optional<T> optional(String what, AlpacaErrors.AlpacaCall<T> call) {
    try {
      return Optional.of(AlpacaErrors.call(what, AlpacaErrors.Missing.ORDER, call));
    } catch (SpeedTradeException e) {
      if (e.code() == ErrorCode.ORDER_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * An order request as alpaca-java takes it, its numbers converted once through the guarded path.
   */
  private record Submission(
      OrderRequest request,
      String clientOrderId,
      @Nullable Double qty,
      @Nullable Double notional,
      @Nullable Double limitPrice,
      @Nullable Double stopPrice) {

    static Submission of(OrderRequest request, String clientOrderId) {
      return new Submission(
          request,
          clientOrderId,
          request.qty() == null ? null : AlpacaNumbers.quantity(request.qty()),
          request.notional() == null ? null : AlpacaNumbers.notional(request.notional()),
          request.limitPrice() == null
              ? null
              : AlpacaNumbers.price(request.limitPrice(), "limit price"),
          request.stopPrice() == null
              ? null
              : AlpacaNumbers.price(request.stopPrice(), "stop price"));
    }

    Order send(OrdersEndpoint orders) throws AlpacaClientException {
      return orders.requestOrder(
          request.symbol(),
          qty,
          notional,
          OrderSide.valueOf(request.side().name()),
          OrderType.valueOf(request.type().name()),
          AlpacaModels.timeInForce(request.timeInForce()),
          limitPrice,
          stopPrice,
          null,
          null,
          request.extendedHours() ? Boolean.TRUE : null,
          clientOrderId,
          null,
          null,
          null,
          null);
    }
  }
}
