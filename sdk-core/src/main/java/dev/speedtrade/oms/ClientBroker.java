package dev.speedtrade.oms;

import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.AccountStatus;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.PositionSide;
import dev.speedtrade.broker.ReplaceRequest;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradeUpdateEvent;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RiskCode;
import dev.speedtrade.risk.TradingState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One client's view of the omnibus books as a {@link Broker}: its cash and buying power, its
 * positions, its orders (under their platform ids), and order changes as trade updates. Every order
 * goes through the order service, so it is risk-checked and held in the ledger like any other; a
 * risk denial is thrown as the broker SPI's refusal (see {@link #submitOrder}).
 */
final class ClientBroker implements Broker {
  private static final Currency USD = Currency.getInstance(ClientLedgerAccounts.CURRENCY);

  private final OrderService orders;
  private final Broker venue;
  private final String account;

  ClientBroker(OrderService orders, Broker venue, String account) {
    this.orders = orders;
    this.venue = venue;
    this.account = account;
  }

  @Override
  public Account account() {
    Portfolio p = orders.portfolio(account);
    boolean blocked = orders.risk().effectiveState(account) == TradingState.HALTED;
    return new Account(
        account,
        AccountStatus.ACTIVE,
        usd(p.cash()),
        usd(p.equity()),
        usd(p.buyingPower().max(BigDecimal.ZERO)),
        blocked);
  }

  @Override
  public List<Position> positions() {
    List<Position> positions = new ArrayList<>();
    for (ClientPosition p : orders.positions(account)) {
      if (p.qty().signum() == 0) {
        continue;
      }
      BigDecimal avg = p.avgEntryPrice();
      Optional<Instrument> instrument = orders.market().instrument(p.symbol());
      BigDecimal mark = instrument.map(Instrument::mark).orElse(avg);
      positions.add(
          new Position(
              p.symbol(),
              instrument.map(Instrument::assetClass).orElse(assetClass(p.symbol())),
              p.qty().signum() > 0 ? PositionSide.LONG : PositionSide.SHORT,
              Quantity.of(p.qty().abs()),
              Price.of(avg == null ? BigDecimal.ZERO : avg.abs()),
              mark == null ? null : Price.of(mark),
              usd(mark == null ? BigDecimal.ZERO : p.marketValue(mark)),
              usd(p.costBasis())));
    }
    return positions;
  }

  @Override
  public List<BrokerOrder> openOrders() {
    return orders.orders(account).stream().filter(ClientOrder::isOpen).map(o -> view(o)).toList();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here the order is submitted to the order service under the request's client order id (a
   * random one when it has none). A risk denial throws the broker SPI's nearest code ({@link
   * ErrorCode#INSUFFICIENT_BUYING_POWER}, {@link ErrorCode#INSUFFICIENT_QUANTITY}, {@link
   * ErrorCode#MARKET_CLOSED}, {@link ErrorCode#UNKNOWN_SYMBOL}, {@link
   * ErrorCode#ASSET_NOT_TRADABLE}, {@link ErrorCode#ASSET_NOT_FRACTIONABLE}, else {@link
   * ErrorCode#ORDER_REJECTED}) with the risk check's code in the message; a client order id in use
   * throws {@link ErrorCode#DUPLICATE_CLIENT_ORDER_ID}.
   */
  @Override
  public BrokerOrder submitOrder(OrderRequest request) {
    if (request == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ORDER, "order request must not be null");
    }
    String coid = request.clientOrderId();
    SubmitOrder.Builder b =
        SubmitOrder.builder()
            .account(account)
            .clientOrderId(coid != null ? coid : UUID.randomUUID().toString())
            .symbol(request.symbol())
            .side(request.side())
            .type(request.type())
            .timeInForce(request.timeInForce());
    Quantity qty = request.qty();
    Money notional = request.notional();
    Price limit = request.limitPrice();
    Price stop = request.stopPrice();
    if (qty != null) {
      b.qty(qty.value());
    }
    if (notional != null) {
      b.notional(notional.amount());
    }
    if (limit != null) {
      b.limitPrice(limit.value());
    }
    if (stop != null) {
      b.stopPrice(stop.value());
    }
    OrderResult result = orders.submit(b.build());
    switch (result.outcome()) {
      case OK -> {
        return view(required(result));
      }
      case EXISTS, CLIENT_ORDER_ID_IN_USE ->
          throw new SpeedTradeException(
              ErrorCode.DUPLICATE_CLIENT_ORDER_ID,
              "client order id '" + coid + "' is already in use by account " + account);
      case KYC_REQUIRED ->
          throw new SpeedTradeException(
              ErrorCode.KYC_REQUIRED,
              "account " + account + "'s user is not verified (KYC not APPROVED)");
      case DENIED -> throw denied(result);
      default ->
          throw new SpeedTradeException(
              ErrorCode.ORDER_REJECTED, "order refused by the order service: " + result.code());
    }
  }

  private static SpeedTradeException denied(OrderResult result) {
    RiskCode code = result.denial();
    ErrorCode mapped =
        code == null
            ? ErrorCode.ORDER_REJECTED
            : switch (code) {
              case INSUFFICIENT_BUYING_POWER -> ErrorCode.INSUFFICIENT_BUYING_POWER;
              case INSUFFICIENT_POSITION -> ErrorCode.INSUFFICIENT_QUANTITY;
              case MARKET_CLOSED -> ErrorCode.MARKET_CLOSED;
              case UNKNOWN_SYMBOL -> ErrorCode.UNKNOWN_SYMBOL;
              case NOT_TRADABLE -> ErrorCode.ASSET_NOT_TRADABLE;
              case NOT_FRACTIONABLE -> ErrorCode.ASSET_NOT_FRACTIONABLE;
              default -> ErrorCode.ORDER_REJECTED;
            };
    return new SpeedTradeException(mapped, "denied by risk check " + result.code());
  }

  @Override
  public Optional<BrokerOrder> order(String orderId) {
    requireId(orderId, "order id");
    return find(orderId).map(ClientBroker::view);
  }

  @Override
  public Optional<BrokerOrder> orderByClientOrderId(String clientOrderId) {
    requireId(clientOrderId, "client order id");
    return orders
        .order(account, clientOrderId)
        .filter(ClientBroker::wasPlaced)
        .map(ClientBroker::view);
  }

  /**
   * A denied order was refused before it was placed anywhere: as a broker's refused submission, it
   * is not an order of the account (the order service keeps it, with its code, for the books).
   */
  private static boolean wasPlaced(ClientOrder order) {
    return order.status() != ClientOrderStatus.DENIED;
  }

  @Override
  public void cancelOrder(String orderId) {
    requireId(orderId, "order id");
    ClientOrder order = find(orderId).orElseThrow(() -> notFound(orderId));
    OrderResult result = orders.cancel(account, order.clientOrderId());
    if (result.outcome() == OrderCode.INVALID_TRANSITION) {
      throw new SpeedTradeException(
          ErrorCode.ORDER_NOT_CANCELABLE,
          "order " + orderId + " is " + order.status() + " and cannot be canceled");
    }
  }

  @Override
  public List<CancelOutcome> cancelAllOrders() {
    List<CancelOutcome> outcomes = new ArrayList<>();
    for (ClientOrder order : orders.orders(account)) {
      if (!order.isOpen()) {
        continue;
      }
      OrderResult result = orders.cancel(account, order.clientOrderId());
      outcomes.add(
          result.outcome() == OrderCode.OK
              ? CancelOutcome.canceled(order.orderId())
              : new CancelOutcome(
                  order.orderId(),
                  ErrorCode.ORDER_NOT_CANCELABLE,
                  "order is " + order.status() + ": " + result.code()));
    }
    return outcomes;
  }

  @Override
  public BrokerOrder replaceOrder(String orderId, ReplaceRequest request) {
    requireId(orderId, "order id");
    if (request == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ORDER, "replace request must not be null");
    }
    ClientOrder order = find(orderId).orElseThrow(() -> notFound(orderId));
    String newCoid = request.clientOrderId();
    ReplaceOrder.Builder b =
        ReplaceOrder.builder(
            account,
            order.clientOrderId(),
            newCoid != null ? newCoid : UUID.randomUUID().toString());
    Quantity qty = request.qty();
    Price limit = request.limitPrice();
    Price stop = request.stopPrice();
    TimeInForce tif = request.timeInForce();
    if (qty != null) {
      b.qty(qty.value());
    }
    if (limit != null) {
      b.limitPrice(limit.value());
    }
    if (stop != null) {
      b.stopPrice(stop.value());
    }
    if (tif != null) {
      b.timeInForce(tif);
    }
    ReplaceOrder replace = b.build();
    OrderResult result = orders.replace(replace);
    switch (result.outcome()) {
      case OK -> {
        // The new order exists once the venue has replaced the old one; until then it is told
        // as the pending replacement it is.
        return orders
            .order(account, replace.newClientOrderId())
            .map(ClientBroker::view)
            .orElseGet(() -> view(required(result)));
      }
      case INVALID_TRANSITION, NOT_REPLACEABLE ->
          throw new SpeedTradeException(
              ErrorCode.ORDER_NOT_REPLACEABLE,
              "order " + orderId + " is " + order.status() + " and cannot be replaced");
      case CLIENT_ORDER_ID_IN_USE ->
          throw new SpeedTradeException(
              ErrorCode.DUPLICATE_CLIENT_ORDER_ID,
              "client order id '" + replace.newClientOrderId() + "' is already in use");
      case DENIED -> throw denied(result);
      default ->
          throw new SpeedTradeException(
              ErrorCode.ORDER_REJECTED, "replace refused by the order service: " + result.code());
    }
  }

  @Override
  public BrokerOrder closePosition(String symbolAsked) {
    String symbol = checkedSymbol(symbolAsked);
    ClientPosition position =
        orders.positions(account).stream()
            .filter(p -> p.symbol().equals(symbol) && p.qty().signum() != 0)
            .findFirst()
            .orElseThrow(
                () ->
                    new SpeedTradeException(
                        ErrorCode.POSITION_NOT_FOUND,
                        "account " + account + " holds no position in " + symbol));
    return submitOrder(
        OrderRequest.builder()
            .symbol(symbol)
            .side(position.qty().signum() > 0 ? OrderSide.SELL : OrderSide.BUY)
            .type(OrderType.MARKET)
            .timeInForce(TimeInForce.DAY)
            .qty(Quantity.of(position.qty().abs()))
            .build());
  }

  @Override
  public Asset asset(String symbol) {
    return venue.asset(checkedSymbol(symbol));
  }

  /**
   * Reads {@code symbol} as every order request does (trimmed, upper case, checked), refusing a
   * malformed one with {@link ErrorCode#INVALID_SYMBOL} before any call.
   */
  private static String checkedSymbol(@Nullable String symbol) {
    return OrderRequest.builder()
        .symbol(symbol == null ? "" : symbol)
        .side(OrderSide.BUY)
        .type(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY)
        .qty(Quantity.of(1))
        .build()
        .symbol();
  }

  @Override
  public Subscription subscribe(TradeUpdateListener listener) {
    if (listener == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "listener must not be null");
    }
    return orders.subscribe(
        account,
        event -> {
          TradeUpdate update = update(event);
          if (update != null) {
            listener.onEvent(update);
          }
        });
  }

  private static @Nullable TradeUpdate update(OrderEvent event) {
    if (event.type() == OrderEventType.DENIED) {
      // Refused before it was placed: as the broker SPI tells it, there is no such order.
      return null;
    }
    TradeUpdateEvent type =
        switch (event.type()) {
          case ACCEPTED -> TradeUpdateEvent.PENDING_NEW;
          case SENT -> TradeUpdateEvent.NEW;
          case DENIED, REJECTED -> TradeUpdateEvent.REJECTED;
          case PARTIALLY_FILLED -> TradeUpdateEvent.PARTIAL_FILL;
          case FILLED -> TradeUpdateEvent.FILL;
          case CANCEL_REQUESTED -> TradeUpdateEvent.PENDING_CANCEL;
          case CANCEL_REJECTED -> TradeUpdateEvent.ORDER_CANCEL_REJECTED;
          case CANCELED -> TradeUpdateEvent.CANCELED;
          case REPLACE_REQUESTED -> TradeUpdateEvent.PENDING_REPLACE;
          case REPLACE_REJECTED -> TradeUpdateEvent.ORDER_REPLACE_REJECTED;
          case REPLACED -> TradeUpdateEvent.REPLACED;
          case EXPIRED -> TradeUpdateEvent.EXPIRED;
        };
    OrderFill fill = event.fill();
    ClientOrder order = event.order();
    return new TradeUpdate(
        type,
        view(order),
        event.at(),
        fill == null ? null : Price.of(fill.price()),
        fill == null ? null : Quantity.of(fill.qty()),
        null,
        fill == null ? null : fill.execId());
  }

  private Optional<ClientOrder> find(String orderId) {
    return orders.orderById(account, orderId).filter(ClientBroker::wasPlaced);
  }

  private SpeedTradeException notFound(String orderId) {
    return new SpeedTradeException(
        ErrorCode.ORDER_NOT_FOUND, "account " + account + " has no order " + orderId);
  }

  private static void requireId(@Nullable String id, String what) {
    if (id == null || id.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, what + " must not be " + (id == null ? "null" : "blank"));
    }
  }

  private static ClientOrder required(OrderResult result) {
    ClientOrder order = result.order();
    if (order == null) {
      throw new IllegalStateException("an OK result names its order: " + result);
    }
    return order;
  }

  /** The order as the broker SPI tells orders: under its platform id. */
  static BrokerOrder view(ClientOrder o) {
    BigDecimal qty = o.qty();
    BigDecimal notional = o.notional();
    BigDecimal limit = o.limitPrice();
    BigDecimal stop = o.stopPrice();
    BigDecimal avg = o.avgFillPrice();
    ClientOrderStatus status = o.status();
    String replaces = o.replaces();
    String replacedBy = o.replacedBy();
    return new BrokerOrder(
        o.orderId(),
        o.clientOrderId(),
        o.symbol(),
        assetClass(o.symbol()),
        o.side(),
        o.type(),
        o.timeInForce(),
        qty == null ? null : Quantity.of(qty),
        notional == null ? null : Money.of(notional, USD),
        limit == null ? null : Price.of(limit),
        stop == null ? null : Price.of(stop),
        false,
        status(status),
        Quantity.of(o.filledQty()),
        avg == null ? null : Price.of(avg),
        o.createdAt(),
        o.updatedAt(),
        status == ClientOrderStatus.FILLED ? o.updatedAt() : null,
        status == ClientOrderStatus.CANCELED ? o.updatedAt() : null,
        status == ClientOrderStatus.EXPIRED ? o.updatedAt() : null,
        status == ClientOrderStatus.REJECTED || status == ClientOrderStatus.DENIED
            ? o.updatedAt()
            : null,
        o.reason(),
        replaces == null ? null : OrderEngine.orderId(o.account(), replaces),
        replacedBy == null ? null : OrderEngine.orderId(o.account(), replacedBy),
        status == ClientOrderStatus.REPLACED ? o.updatedAt() : null);
  }

  private static OrderStatus status(ClientOrderStatus status) {
    return switch (status) {
      case PENDING_NEW -> OrderStatus.PENDING_NEW;
      case ACCEPTED -> OrderStatus.NEW;
      case PARTIALLY_FILLED -> OrderStatus.PARTIALLY_FILLED;
      case FILLED -> OrderStatus.FILLED;
      case PENDING_CANCEL -> OrderStatus.PENDING_CANCEL;
      case PENDING_REPLACE -> OrderStatus.PENDING_REPLACE;
      case CANCELED -> OrderStatus.CANCELED;
      case REPLACED -> OrderStatus.REPLACED;
      case EXPIRED -> OrderStatus.EXPIRED;
      case DENIED, REJECTED -> OrderStatus.REJECTED;
    };
  }

  /** Alpaca's crypto symbols are pairs ({@code BTC/USD}); everything else is an equity. */
  private static AssetClass assetClass(String symbol) {
    return symbol.contains("/") ? AssetClass.CRYPTO : AssetClass.US_EQUITY;
  }

  private static Money usd(BigDecimal amount) {
    return Money.of(amount, USD);
  }

  @Override
  public String toString() {
    return "ClientBroker[" + account + " on " + venue + "]";
  }
}
