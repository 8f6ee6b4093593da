package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.EventFanOut;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic, in-process paper broker: one account on a {@link SimulatedMarket}, for examples,
 * tests and benchmarks. {@link #builder()} builds a market with this one account on it; {@link
 * SimulatedMarket#openAccount} opens any number of accounts on one market, and {@link
 * SimulatedAccounts} gives each user of a platform one of them.
 *
 * <p>One cash account in US dollars, long positions only (no margin, no shorting). Time comes from
 * the market's injected {@link Clock}; randomness (partial fills, rejections, latency, the price
 * path, order ids) from {@link Random}s seeded by {@link Builder#seed(long)}, so the same calls in
 * the same order give the same results.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Orders execute at the symbol's current price: market orders at once, limit orders when the
 *       price is at the limit or better, stop orders once the price reaches the stop (buy: at or
 *       above, sell: at or below), then as market or limit orders.
 *   <li>Each fill moves cash by quantity times price, rounded to the cent {@link
 *       RoundingMode#HALF_EVEN}. Average entry and fill prices are quantity-weighted means to 34
 *       significant digits ({@link MathContext#DECIMAL128}), shown rounded {@code HALF_EVEN} to 9
 *       decimals.
 *   <li>US equities trade on the NYSE calendar (holidays, 13:00 early closes). An equity order with
 *       time in force {@code DAY}, {@code IOC} or {@code FOK} is refused with {@link
 *       ErrorCode#MARKET_CLOSED} outside the regular session (outside 4:00 to 20:00 New York time,
 *       17:00 on early-close days, for extended-hours orders); {@code DAY} orders expire at the
 *       close (extended: at the end of after-hours). {@code GTC} orders wait for the open; {@code
 *       OPG} orders are taken before the open and get one chance at the open, then expire; {@code
 *       CLS} orders get one chance at the close, then expire.
 *   <li>Crypto trades around the clock, with time in force {@code GTC} or {@code IOC} as Alpaca
 *       requires.
 *   <li>Fractional quantities and notional orders need a fractionable asset; for equities, time in
 *       force {@code DAY}. A notional order becomes units at its first fill (rounded down to 9
 *       decimals) and fills completely.
 *   <li>Refused outright, as a real broker refuses them: an unknown symbol ({@link
 *       ErrorCode#UNKNOWN_SYMBOL}), an inactive or untradable asset ({@link
 *       ErrorCode#ASSET_NOT_TRADABLE}), a buy above buying power ({@link
 *       ErrorCode#INSUFFICIENT_BUYING_POWER}), a sell above the units held and not already reserved
 *       by open sells ({@link ErrorCode#INSUFFICIENT_QUANTITY}), a reused client order id ({@link
 *       ErrorCode#DUPLICATE_CLIENT_ORDER_ID}), an order that could cross an opposite open order in
 *       the same symbol ({@link ErrorCode#WASH_TRADE}).
 *   <li>Buying power is cash minus what open buy orders reserve (remaining units at the limit
 *       price, the stop price or the current price, whichever the order could pay; or the
 *       notional).
 *   <li>With {@link Builder#partialFillPercent(int)}, that share of executions fills only 10-90% of
 *       what remains (whole units for whole-unit orders); the rest waits for the next print. With
 *       {@link Builder#rejectionPercent(int)}, that share of accepted orders is rejected at once
 *       with status {@link OrderStatus#REJECTED}.
 *   <li>{@link #replaceOrder} replaces a working ({@code NEW} or {@code PARTIALLY_FILLED}) quantity
 *       order at once, as Alpaca's replace does once it completes: a new order (a new id, {@link
 *       BrokerOrder#replaces()} naming the old one) for the quantity asked or the old order's
 *       unfilled rest, and the old order {@link OrderStatus#REPLACED} with its fills. Final,
 *       accepted (waiting for the open) and notional orders are refused with {@link
 *       ErrorCode#ORDER_NOT_REPLACEABLE}.
 *   <li>Each fill's trade update carries an execution id that is a name-based UUID of the order id
 *       and the fill's number: deterministic, and unique per fill.
 * </ul>
 *
 * <p>Each order gets one chance to execute against each price print: when it is placed, when its
 * session opens, and at every later {@link #setPrice} or {@link #step()}. So the rest of a partly
 * filled order waits for the next print, as it waits for new liquidity on a real market. Every call
 * first lets the clock act: orders whose time in force has passed expire, and orders whose session
 * has opened get their chance. Trade updates reach listeners on the calling thread after the
 * broker's lock is released, one at a time and in order.
 *
 * <p>Thread-safe: the market's lock guards the state of all its accounts.
 */
public final class SimulatedBroker implements Broker {
  private static final Currency USD = Currency.getInstance("USD");
  private static final int PERCENT = 100;

  private final SimulatedMarket market;
  private final String accountId;
  private final Random random;
  private final Random latencyRandom;
  private final Map<String, SimulatedOrder> orders = new LinkedHashMap<>();

  /** The orders not yet final, oldest first; final ones leave it at the end of each operation. */
  private final Map<String, SimulatedOrder> working = new LinkedHashMap<>();

  private final Map<String, SimulatedOrder> ordersByClientId = new HashMap<>();
  private final EventFanOut<TradeUpdate> updates = new EventFanOut<>();
  private final SimulatedPortfolio portfolio;

  SimulatedBroker(
      SimulatedMarket market, String accountId, Money cash, Random random, Random latencyRandom) {
    this.market = market;
    this.accountId = accountId;
    this.portfolio = new SimulatedPortfolio(cash);
    this.random = random;
    this.latencyRandom = latencyRandom;
  }

  /** Returns a builder: a clock, a seed, cash, listings, and the behaviours to simulate. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the market this account trades on. */
  public SimulatedMarket market() {
    return market;
  }

  /** Returns the market data view of the account's market: one snapshot per listed symbol. */
  public MarketData marketData() {
    return market.marketData();
  }

  /** Returns the NYSE market clock of the account's market, on its injected {@link Clock}. */
  public MarketClock marketClock() {
    return market.marketClock();
  }

  /** Returns the account id the broker reports. */
  public String accountId() {
    return accountId;
  }

  // ---------------------------------------------------------------- Broker

  @Override
  public Account account() {
    return call(
        now ->
            new Account(
                accountId,
                AccountStatus.ACTIVE,
                portfolio.cash(),
                portfolio.equity(this::currentPrice),
                buyingPower(),
                false));
  }

  @Override
  public List<Position> positions() {
    return call(now -> portfolio.positions(this::currentPrice));
  }

  @Override
  public List<BrokerOrder> openOrders() {
    return call(
        now ->
            working.values().stream()
                .filter(SimulatedOrder::isOpen)
                .map(SimulatedOrder::toValue)
                .toList());
  }

  @Override
  public BrokerOrder submitOrder(OrderRequest request) {
    if (request == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ORDER, "order request must not be null");
    }
    return call(now -> submit(request, now));
  }

  @Override
  public Optional<BrokerOrder> order(String orderId) {
    checkId(orderId, "order id");
    return call(now -> Optional.ofNullable(orders.get(orderId)).map(SimulatedOrder::toValue));
  }

  @Override
  public Optional<BrokerOrder> orderByClientOrderId(String clientOrderId) {
    checkId(clientOrderId, "client order id");
    return call(
        now ->
            Optional.ofNullable(ordersByClientId.get(clientOrderId)).map(SimulatedOrder::toValue));
  }

  @Override
  public void cancelOrder(String orderId) {
    checkId(orderId, "order id");
    call(
        now -> {
          SimulatedOrder order = orders.get(orderId);
          if (order == null) {
            throw new SpeedTradeException(
                ErrorCode.ORDER_NOT_FOUND, "no order with id '" + orderId + "'");
          }
          if (!order.isOpen()) {
            throw new SpeedTradeException(
                ErrorCode.ORDER_NOT_CANCELABLE,
                "order '" + orderId + "' is " + order.status + " and cannot be canceled");
          }
          cancel(order, now);
          return null;
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here the replacement is immediate: when the call returns the old order is {@link
   * OrderStatus#REPLACED} and the new one placed (and, when marketable, executed), with the trade
   * updates {@link TradeUpdateEvent#REPLACED} then {@link TradeUpdateEvent#NEW} (then any fill). A
   * refused replacement throws and changes nothing; no {@link
   * TradeUpdateEvent#ORDER_REPLACE_REJECTED} update is sent. Only a {@link OrderStatus#NEW} or
   * {@link OrderStatus#PARTIALLY_FILLED} quantity order can be replaced; for a US equity a new
   * quantity is whole shares, and the quantity of a fractional order cannot change. The new order
   * is checked as a submission is (market hours, wash trades, buying power, the units held), with
   * the old order's reservation released.
   */
  @Override
  public BrokerOrder replaceOrder(String orderId, ReplaceRequest request) {
    checkId(orderId, "order id");
    if (request == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ORDER, "replace request must not be null");
    }
    return call(now -> replace(orderId, request, now));
  }

  @Override
  public List<CancelOutcome> cancelAllOrders() {
    return call(
        now -> {
          List<CancelOutcome> outcomes = new ArrayList<>();
          for (SimulatedOrder order : working.values()) {
            if (order.isOpen()) {
              cancel(order, now);
              outcomes.add(CancelOutcome.canceled(order.id));
            }
          }
          return List.copyOf(outcomes);
        });
  }

  @Override
  public BrokerOrder closePosition(String symbol) {
    String normalized = Symbols.normalize(symbol);
    return call(
        now -> {
          SimulatedHolding holding = portfolio.holding(normalized);
          if (holding == null) {
            throw new SpeedTradeException(
                ErrorCode.POSITION_NOT_FOUND, "no position in '" + normalized + "' to close");
          }
          OrderRequest close =
              OrderRequest.builder()
                  .symbol(normalized)
                  .side(OrderSide.SELL)
                  .qty(Quantity.of(holding.qty))
                  .timeInForce(
                      holding.assetClass == AssetClass.CRYPTO ? TimeInForce.GTC : TimeInForce.DAY)
                  .build();
          return submit(close, now);
        });
  }

  @Override
  public Asset asset(String symbol) {
    String normalized = Symbols.normalize(symbol);
    return call(now -> listing(normalized).asset());
  }

  @Override
  public Subscription subscribe(TradeUpdateListener listener) {
    if (listener == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "listener must not be null");
    }
    return updates.subscribe(listener);
  }

  // ---------------------------------------------------------------- operating the simulation

  /**
   * Sets the current price of {@code symbol} on the account's market, as {@link
   * SimulatedMarket#setPrice} does.
   */
  public void setPrice(String symbol, Price price) {
    market.setPrice(symbol, price);
  }

  /**
   * Returns the current price of {@code symbol} on the account's market, as {@link
   * SimulatedMarket#price}.
   */
  public Price price(String symbol) {
    return market.price(symbol);
  }

  /** Lists or relists an asset on the account's market, as {@link SimulatedMarket#list} does. */
  public void list(Asset asset, Price price) {
    market.list(asset, price);
  }

  /**
   * Moves the account's market one step along its random walk, as {@link SimulatedMarket#step()}
   * does.
   */
  public void step() {
    market.step();
  }

  /**
   * Adds {@code amount} to the account's cash (a negative amount withdraws it).
   *
   * @throws SpeedTradeException {@link ErrorCode#CURRENCY_MISMATCH} for an amount not in US dollars
   */
  public void deposit(Money amount) {
    Objects.requireNonNull(amount, "amount");
    operate(
        now -> {
          portfolio.deposit(amount);
          matchAll(now);
          return null;
        });
  }

  /**
   * Fills {@code qty} units of the open quantity order {@code orderId} at {@code price}, whatever
   * the symbol's current price, as if a counterparty had crossed it there: the way for a test to
   * script a partial fill (or a fill at a price the market never printed). The fill moves cash and
   * the position and sends its trade update as a fill at the market does; the market price does not
   * move.
   *
   * @return the order after the fill
   * @throws SpeedTradeException {@link ErrorCode#ORDER_NOT_FOUND} for an unknown id; {@link
   *     ErrorCode#INVALID_ARGUMENT} for an order that is not open or is notional, more than its
   *     unfilled quantity, or a price the order does not take (beyond its limit, before its stop);
   *     {@link ErrorCode#INSUFFICIENT_BUYING_POWER} for a buy the cash does not cover
   */
  public BrokerOrder fill(String orderId, Quantity qty, Price price) {
    checkId(orderId, "order id");
    Objects.requireNonNull(qty, "qty");
    Objects.requireNonNull(price, "price");
    return operate(
        now -> {
          SimulatedOrder order = orders.get(orderId);
          if (order == null) {
            throw new SpeedTradeException(
                ErrorCode.ORDER_NOT_FOUND, "no order with id '" + orderId + "'");
          }
          if (!order.isOpen() || order.request.notional() != null) {
            throw new SpeedTradeException(
                ErrorCode.INVALID_ARGUMENT,
                "order '"
                    + orderId
                    + "' cannot be filled by hand: it is "
                    + (order.isOpen() ? "notional" : order.status));
          }
          Quantity remaining = order.remaining(price);
          if (qty.isZero() || qty.compareTo(remaining) > 0) {
            throw new SpeedTradeException(
                ErrorCode.INVALID_ARGUMENT,
                "fill of "
                    + qty
                    + " for order '"
                    + orderId
                    + "', which has "
                    + remaining
                    + " open");
          }
          if (!order.isMarketableAt(price)) {
            throw new SpeedTradeException(
                ErrorCode.INVALID_ARGUMENT, "order '" + orderId + "' does not take price " + price);
          }
          Money cashMove = SimulatedPortfolio.cashMove(qty, price);
          if (order.side() == OrderSide.BUY && !portfolio.covers(cashMove)) {
            throw new SpeedTradeException(
                ErrorCode.INSUFFICIENT_BUYING_POWER,
                "fill costs " + cashMove + ", above the cash held " + portfolio.cash());
          }
          recordFill(order, qty, price, listing(order.request.symbol()), now);
          return order.toValue();
        });
  }

  /**
   * Lets the clock act on every account of the market, as {@link SimulatedMarket#matchOrders()}
   * does.
   */
  public void matchOrders() {
    market.matchOrders();
  }

  // ---------------------------------------------------------------- internals, under the market's
  // lock

  private <T> T call(Function<Instant, T> operation) {
    return market.call(this, latencyRandom, operation);
  }

  private <T> T operate(Function<Instant, T> operation) {
    return market.operate(this, operation);
  }

  private SimulatedListing listing(String symbol) {
    return market.listing(symbol);
  }

  private Price currentPrice(String symbol) {
    return market.listing(symbol).price();
  }

  /** Adds a starting position; only while the market opens the account. */
  void hold(StartingPosition position, AssetClass assetClass) {
    portfolio.hold(position, assetClass);
  }

  /** Drops the orders that became final from the working set. */
  void prune() {
    working.values().removeIf(order -> !order.isOpen());
  }

  /** Delivers the queued trade updates; never under the lock. */
  void deliver() {
    updates.deliver();
  }

  /**
   * Refuses a null or blank id the same way every {@link Broker} does: {@link
   * ErrorCode#INVALID_ARGUMENT}.
   */
  private static void checkId(@Nullable String id, String what) {
    if (id == null || id.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, what + " must not be " + (id == null ? "null" : "blank"));
    }
  }

  static void checkUsd(Money amount) {
    if (!amount.currency().equals(USD)) {
      throw new SpeedTradeException(
          ErrorCode.CURRENCY_MISMATCH, "the simulated account holds USD, not " + amount.currency());
    }
  }

  private BrokerOrder submit(OrderRequest request, Instant now) {
    SimulatedListing listing = listing(request.symbol());
    Asset asset = listing.asset();
    if (!asset.isTradable()) {
      throw new SpeedTradeException(
          ErrorCode.ASSET_NOT_TRADABLE,
          "asset '" + asset.symbol() + "' is not tradable (" + asset.status() + ")");
    }
    Money notional = request.notional();
    if (notional != null && !notional.currency().equals(USD)) {
      throw new SpeedTradeException(
          ErrorCode.CURRENCY_MISMATCH,
          "the simulated account trades in USD, not "
              + notional.currency()
              + ": notional "
              + notional);
    }
    if (request.isFractional() && !asset.fractionable()) {
      throw new SpeedTradeException(
          ErrorCode.ASSET_NOT_FRACTIONABLE,
          "asset '"
              + asset.symbol()
              + "' is not fractionable: order whole units, not "
              + (request.notional() != null ? "notional " + request.notional() : request.qty()));
    }
    String clientOrderId = request.clientOrderId() == null ? newId() : request.clientOrderId();
    SimulatedOrder earlier = ordersByClientId.get(clientOrderId);
    if (earlier != null) {
      throw new SpeedTradeException(
          ErrorCode.DUPLICATE_CLIENT_ORDER_ID,
          "client order id '" + clientOrderId + "' is already used by order " + earlier.id);
    }
    SimulatedSessions.Timing timing = market.sessions().accept(request, asset.assetClass(), now);
    checkWashTrade(request, null);
    checkFunds(request, listing.price(), null);

    SimulatedOrder order =
        register(newId(), clientOrderId, request, asset.assetClass(), timing, now, null);
    if (market.rejectionPercent() > 0 && random.nextInt(PERCENT) < market.rejectionPercent()) {
      order.reject("simulated rejection", now);
      publish(TradeUpdateEvent.REJECTED, order, now);
      return order.toValue();
    }
    start(order, now);
    return order.toValue();
  }

  private SimulatedOrder register(
      String id,
      String clientOrderId,
      OrderRequest request,
      AssetClass assetClass,
      SimulatedSessions.Timing timing,
      Instant now,
      @Nullable String replaces) {
    SimulatedOrder order =
        new SimulatedOrder(
            id,
            clientOrderId,
            request,
            assetClass,
            now,
            timing.expiresAt(),
            timing.auctionDay(),
            timing.status(),
            replaces);
    orders.put(order.id, order);
    working.put(order.id, order);
    ordersByClientId.put(clientOrderId, order);
    return order;
  }

  /** Announces a registered order and gives it its first chance to execute. */
  private void start(SimulatedOrder order, Instant now) {
    publish(TradeUpdateEvent.NEW, order, now);
    if (market.sessions().mayTrade(order, now)) {
      execute(order, now);
    }
    TimeInForce tif = order.request.timeInForce();
    if (order.isOpen() && (tif == TimeInForce.IOC || tif == TimeInForce.FOK)) {
      cancel(order, now);
    }
  }

  private BrokerOrder replace(String orderId, ReplaceRequest change, Instant now) {
    SimulatedOrder old = orders.get(orderId);
    if (old == null) {
      throw new SpeedTradeException(
          ErrorCode.ORDER_NOT_FOUND, "no order with id '" + orderId + "'");
    }
    OrderRequest asked = old.request;
    if (!old.isReplaceable()) {
      throw new SpeedTradeException(
          ErrorCode.ORDER_NOT_REPLACEABLE,
          "order '"
              + orderId
              + "' "
              + (asked.notional() != null && old.isOpen()
                  ? "is a notional order, which cannot be replaced; cancel it and submit anew"
                  : "is " + old.status + " and cannot be replaced"));
    }
    if (change.trail() != null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ORDER,
          "trail applies only to trailing stop orders; order '"
              + orderId
              + "' is a "
              + asked.type()
              + " order");
    }
    if (change.limitPrice() != null && !asked.type().hasLimitPrice()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ORDER,
          "limitPrice: order '" + orderId + "' is a " + asked.type() + " order, without one");
    }
    if (change.stopPrice() != null && !asked.type().hasStopPrice()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ORDER,
          "stopPrice: order '" + orderId + "' is a " + asked.type() + " order, without one");
    }
    Quantity askedQty = Objects.requireNonNull(asked.qty());
    Quantity newQty = change.qty();
    if (newQty != null && old.assetClass == AssetClass.US_EQUITY) {
      if (!askedQty.isWhole()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ORDER,
            "qty: the quantity of fractional equity order '" + orderId + "' cannot change");
      }
      if (!newQty.isWhole()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ORDER,
            "qty: an equity order is replaced in whole shares, got " + newQty);
      }
    }
    SimulatedListing listing = listing(asked.symbol());
    Asset asset = listing.asset();
    if (!asset.isTradable()) {
      throw new SpeedTradeException(
          ErrorCode.ASSET_NOT_TRADABLE,
          "asset '" + asset.symbol() + "' is not tradable (" + asset.status() + ")");
    }
    OrderRequest.Builder builder =
        asked.toBuilder()
            .qty(newQty != null ? newQty : askedQty.minus(old.filledQty))
            .limitPrice(change.limitPrice() != null ? change.limitPrice() : asked.limitPrice())
            .stopPrice(change.stopPrice() != null ? change.stopPrice() : asked.stopPrice())
            .timeInForce(change.timeInForce() != null ? change.timeInForce() : asked.timeInForce());
    String clientOrderId = change.clientOrderId() == null ? newId() : change.clientOrderId();
    OrderRequest replacement = builder.clientOrderId(clientOrderId).build();
    SimulatedOrder earlier = ordersByClientId.get(clientOrderId);
    if (earlier != null) {
      throw new SpeedTradeException(
          ErrorCode.DUPLICATE_CLIENT_ORDER_ID,
          "client order id '" + clientOrderId + "' is already used by order " + earlier.id);
    }
    SimulatedSessions.Timing timing = market.sessions().accept(replacement, old.assetClass, now);
    checkWashTrade(replacement, old);
    checkFunds(replacement, listing.price(), old);

    String newOrderId = newId();
    old.replace(newOrderId, now);
    publish(TradeUpdateEvent.REPLACED, old, now);
    SimulatedOrder order =
        register(newOrderId, clientOrderId, replacement, old.assetClass, timing, now, old.id);
    start(order, now);
    return order.toValue();
  }

  /** Refuses {@code request} when it could cross an open order other than {@code replaced}. */
  private void checkWashTrade(OrderRequest request, @Nullable SimulatedOrder replaced) {
    for (SimulatedOrder open : working.values()) {
      if (open != replaced
          && open.isOpen()
          && open.request.symbol().equals(request.symbol())
          && open.side() != request.side()
          && couldCross(request, open.request)) {
        throw new SpeedTradeException(
            ErrorCode.WASH_TRADE,
            "potential wash trade: a "
                + request.side()
                + " of "
                + request.symbol()
                + " could cross open "
                + open.side()
                + " order "
                + open.id);
      }
    }
  }

  private static boolean couldCross(OrderRequest incoming, OrderRequest resting) {
    Price incomingLimit = incoming.limitPrice();
    Price restingLimit = resting.limitPrice();
    if (incomingLimit == null || restingLimit == null) {
      return true;
    }
    OrderRequest buy = incoming.side() == OrderSide.BUY ? incoming : resting;
    OrderRequest sell = buy == incoming ? resting : incoming;
    return Objects.requireNonNull(buy.limitPrice())
            .compareTo(Objects.requireNonNull(sell.limitPrice()))
        >= 0;
  }

  /**
   * Refuses a buy above buying power, or a sell above the units available, counting what open
   * orders other than {@code replaced} reserve.
   */
  private void checkFunds(OrderRequest request, Price price, @Nullable SimulatedOrder replaced) {
    if (request.side() == OrderSide.BUY) {
      Money cost = reservedFor(request, Quantity.ZERO, price);
      Money buyingPower = buyingPower(replaced);
      if (cost.compareTo(buyingPower) > 0) {
        throw new SpeedTradeException(
            ErrorCode.INSUFFICIENT_BUYING_POWER,
            "buy of "
                + describe(request)
                + " costs up to "
                + cost
                + ", above buying power "
                + buyingPower);
      }
      return;
    }
    BigDecimal held = portfolio.held(request.symbol());
    BigDecimal reserved = BigDecimal.ZERO;
    for (SimulatedOrder open : working.values()) {
      if (open != replaced
          && open.isOpen()
          && open.side() == OrderSide.SELL
          && open.request.symbol().equals(request.symbol())) {
        reserved = reserved.add(open.remaining(price).value());
      }
    }
    BigDecimal wanted =
        request.qty() != null
            ? request.qty().value()
            : Objects.requireNonNull(request.notional())
                .amount()
                .divide(price.value(), Quantity.MAX_SCALE, RoundingMode.CEILING);
    BigDecimal available = held.subtract(reserved);
    if (wanted.compareTo(available) > 0) {
      throw new SpeedTradeException(
          ErrorCode.INSUFFICIENT_QUANTITY,
          "sell of "
              + describe(request)
              + " exceeds the "
              + available.toPlainString()
              + " available (held "
              + held.toPlainString()
              + ", reserved by open sells "
              + reserved.toPlainString()
              + ")");
    }
  }

  private static String describe(OrderRequest request) {
    return (request.qty() != null ? request.qty() + " " : request.notional() + " of ")
        + request.symbol();
  }

  /** Cash minus what open buys reserve; never below zero. */
  private Money buyingPower() {
    return buyingPower(null);
  }

  /** Cash minus what open buys other than {@code excluded} reserve; never below zero. */
  private Money buyingPower(@Nullable SimulatedOrder excluded) {
    Money reserved = Money.zero(USD);
    for (SimulatedOrder open : working.values()) {
      if (open != excluded && open.isOpen() && open.side() == OrderSide.BUY) {
        reserved =
            reserved.plus(
                reservedFor(
                    open.request, open.filledQty, market.listing(open.request.symbol()).price()));
      }
    }
    return portfolio.buyingPower(reserved);
  }

  /** The most a buy's unfilled part could cost, rounded up to the cent. */
  private static Money reservedFor(OrderRequest request, Quantity filled, Price price) {
    Money notional = request.notional();
    if (notional != null) {
      return filled.isZero() ? notional : Money.zero(USD);
    }
    Price limit = request.limitPrice();
    Price stop = request.stopPrice();
    Price worst = limit != null ? limit : stop != null && stop.compareTo(price) > 0 ? stop : price;
    Quantity remaining = Objects.requireNonNull(request.qty()).minus(filled);
    return Money.of(worst.times(remaining), USD, RoundingMode.CEILING);
  }

  void catchUp(Instant now) {
    for (SimulatedOrder order : working.values()) {
      if (!order.isOpen()) {
        continue;
      }
      TradingDay auction = order.auctionDay;
      if (order.request.timeInForce() == TimeInForce.CLS
          && auction != null
          && !now.isBefore(auction.close().toInstant())) {
        execute(order, auction.close().toInstant());
        if (order.isOpen()) {
          expire(order, auction.close().toInstant());
        }
      }
      Instant expiresAt = order.expiresAt;
      if (order.isOpen() && expiresAt != null && !now.isBefore(expiresAt)) {
        expire(order, expiresAt);
      }
    }
    matchAll(now);
  }

  /** Gives every open order that may trade now its one chance at its symbol's latest print. */
  void matchAll(Instant now) {
    for (SimulatedOrder order : working.values()) {
      if (order.isOpen()
          && order.triedAtVersion != market.listing(order.request.symbol()).version()
          && market.sessions().mayTrade(order, now)) {
        execute(order, now);
        if (order.isOpen() && order.request.timeInForce() == TimeInForce.OPG) {
          expire(order, now);
        }
      }
    }
  }

  private void execute(SimulatedOrder order, Instant now) {
    SimulatedListing listing = market.listing(order.request.symbol());
    Price price = listing.price();
    order.triedAtVersion = listing.version();
    if (!order.isMarketableAt(price)) {
      return;
    }
    Quantity remaining = order.remaining(price);
    if (remaining.isZero()) {
      order.reject(
          "notional " + order.request.notional() + " buys less than 1e-9 units at " + price, now);
      publish(TradeUpdateEvent.REJECTED, order, now);
      return;
    }
    Quantity fill = remaining;
    if (order.request.notional() == null
        && market.partialFillPercent() > 0
        && random.nextInt(PERCENT) < market.partialFillPercent()) {
      fill = partOf(remaining, Objects.requireNonNull(order.request.qty()).isWhole());
    }
    if (order.request.timeInForce() == TimeInForce.FOK && fill.compareTo(remaining) < 0) {
      return;
    }
    Money cashMove = SimulatedPortfolio.cashMove(fill, price);
    if (order.side() == OrderSide.BUY && !portfolio.covers(cashMove)) {
      order.reject(
          "insufficient cash at fill: " + cashMove + " needed, " + portfolio.cash() + " held", now);
      publish(TradeUpdateEvent.REJECTED, order, now);
      return;
    }
    recordFill(order, fill, price, listing, now);
  }

  /** Books a fill the order and the cash allow: portfolio, order, volume, trade update. */
  private void recordFill(
      SimulatedOrder order, Quantity fill, Price price, SimulatedListing listing, Instant now) {
    BigDecimal after =
        portfolio.fill(order.side(), order.request.symbol(), order.assetClass, fill, price);
    order.recordFill(fill, price, now);
    listing.addVolume(fill, now);
    TradeUpdateEvent event =
        order.status == OrderStatus.FILLED ? TradeUpdateEvent.FILL : TradeUpdateEvent.PARTIAL_FILL;
    updates.queue(
        new TradeUpdate(event, order.toValue(), now, price, fill, after, executionId(order)));
  }

  /**
   * Returns 10-90% of {@code remaining}, whole units when {@code whole}; all of it if that is 0.
   */
  private Quantity partOf(Quantity remaining, boolean whole) {
    int percent = 10 + random.nextInt(81);
    BigDecimal part =
        remaining
            .value()
            .multiply(BigDecimal.valueOf(percent))
            .divide(
                BigDecimal.valueOf(PERCENT), whole ? 0 : Quantity.MAX_SCALE, RoundingMode.FLOOR);
    return part.signum() == 0 ? remaining : Quantity.of(part);
  }

  private void expire(SimulatedOrder order, Instant now) {
    order.expire(now);
    publish(TradeUpdateEvent.EXPIRED, order, now);
  }

  private void cancel(SimulatedOrder order, Instant now) {
    order.cancel(now);
    publish(TradeUpdateEvent.CANCELED, order, now);
  }

  private void publish(TradeUpdateEvent event, SimulatedOrder order, Instant now) {
    updates.queue(new TradeUpdate(event, order.toValue(), now, null, null, null));
  }

  /**
   * The execution id of the order's latest fill: a name-based UUID of the order id and the fill's
   * number, so that ids repeat run to run without drawing from the seeded random.
   */
  private static String executionId(SimulatedOrder order) {
    return UUID.nameUUIDFromBytes(
            (order.id + "/fill/" + order.fills).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** A version-4 UUID drawn from the seeded random, so that ids repeat run to run. */
  private String newId() {
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }

  @Override
  public String toString() {
    return "SimulatedBroker{account=" + accountId + "}";
  }

  /**
   * Builds a {@link SimulatedBroker} on a market of its own. Defaults: the system UTC clock, seed
   * 0, account {@code SIM-ACCOUNT}, 100,000.00 USD of cash, no listings, no partial fills,
   * rejections or latency. Not thread-safe.
   */
  public static final class Builder {
    private final SimulatedMarket.Builder market = SimulatedMarket.builder();
    private String accountId = "SIM-ACCOUNT";
    private Money cash = Money.of("100000.00", USD);
    private final Map<String, StartingPosition> positions = new TreeMap<>();

    private Builder() {}

    /** Sets the time source for market hours, expiry and timestamps. */
    public Builder clock(Clock clock) {
      market.clock(clock);
      return this;
    }

    /** Sets the seed of every random choice (ids, partial fills, rejections, latency, prices). */
    public Builder seed(long seed) {
      market.seed(seed);
      return this;
    }

    /** Sets the account id the broker reports. */
    public Builder accountId(String accountId) {
      if (Objects.requireNonNull(accountId, "accountId").isBlank()) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "account id must not be blank");
      }
      this.accountId = accountId;
      return this;
    }

    /**
     * Sets the starting cash.
     *
     * @throws SpeedTradeException {@link ErrorCode#CURRENCY_MISMATCH} for an amount not in US
     *     dollars
     */
    public Builder cash(Money cash) {
      checkUsd(Objects.requireNonNull(cash, "cash"));
      this.cash = cash;
      return this;
    }

    /** Lists an asset at a starting price; listing a symbol again replaces it. */
    public Builder listing(Asset asset, Price price) {
      market.listing(asset, price);
      return this;
    }

    /** Lists the demo market of {@link SimulatedMarket.Builder#demoListings()}. */
    public Builder demoListings() {
      market.demoListings();
      return this;
    }

    /** Starts the account with a long position in a listed symbol. */
    public Builder position(String symbol, Quantity qty, Price avgEntryPrice) {
      StartingPosition position = new StartingPosition(symbol, qty, avgEntryPrice);
      positions.put(position.symbol(), position);
      return this;
    }

    /** Sets the share (0-100) of executions that fill only part of what remains. */
    public Builder partialFillPercent(int percent) {
      market.partialFillPercent(percent);
      return this;
    }

    /** Sets the share (0-100) of accepted orders that are rejected at once. */
    public Builder rejectionPercent(int percent) {
      market.rejectionPercent(percent);
      return this;
    }

    /** Makes every broker and market data call wait a seeded random time between min and max. */
    public Builder latency(Duration min, Duration max) {
      market.latency(min, max);
      return this;
    }

    /** Replaces how latency is waited out (parking the thread); tests may record it instead. */
    public Builder latencySleeper(Consumer<Duration> sleeper) {
      market.latencySleeper(sleeper);
      return this;
    }

    /**
     * Enables {@link SimulatedBroker#step()}, as {@link SimulatedMarket.Builder#randomWalk} does.
     */
    public Builder randomWalk(BigDecimal maxStepPercent) {
      market.randomWalk(maxStepPercent);
      return this;
    }

    /** Returns the simulated broker. */
    public SimulatedBroker build() {
      return market.build().openSoleAccount(accountId, cash, List.copyOf(positions.values()));
    }
  }
}
