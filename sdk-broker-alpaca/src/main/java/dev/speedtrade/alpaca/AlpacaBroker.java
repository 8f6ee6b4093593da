package dev.speedtrade.alpaca;

import com.google.gson.JsonParseException;
import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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
  private final TradeUpdateStream stream;

  AlpacaBroker(AlpacaClient trading, TradeUpdateStream stream) {
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
        BrokerOrder mapped = AlpacaModels.order(order);
        open.putIfAbsent(mapped.id(), mapped);
        after = order.getSubmittedAt() != null ? order.getSubmittedAt() : order.getCreatedAt();
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
    return optional("reading order " + orderId, () -> orders.get(orderId, false))
        .map(AlpacaModels::order);
  }

  @Override
  public Optional<BrokerOrder> orderByClientOrderId(String clientOrderId) {
    AlpacaArguments.id(clientOrderId, "client order id");
    return optional(
            "reading the order with client order id " + clientOrderId,
            () -> orders.getByClientID(clientOrderId))
        .map(AlpacaModels::order);
  }

  @Override
  public void cancelOrder(String orderId) {
    AlpacaArguments.id(orderId, "order id");
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
