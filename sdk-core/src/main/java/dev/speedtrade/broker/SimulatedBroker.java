package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic, in-process paper broker: {@link Broker}, with its {@link #marketData()} and {@link
 * #marketClock()}, for examples, tests and benchmarks.
 *
 * <p>One cash account in US dollars, long positions only (no margin, no shorting). Time comes from the
 * injected {@link Clock}; randomness (partial fills, rejections, latency, the price path, order ids)
 * from a {@link Random} seeded by {@link Builder#seed(long)}, so the same calls in the same order give
 * the same results.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Orders execute at the symbol's current price: market orders at once, limit orders when the
 *       price is at the limit or better, stop orders once the price reaches the stop (buy: at or above,
 *       sell: at or below), then as market or limit orders.
 *   <li>Each fill moves cash by quantity times price, rounded to the cent {@link RoundingMode#HALF_EVEN}.
 *       Average entry and fill prices are quantity-weighted means to 34 significant digits ({@link
 *       MathContext#DECIMAL128}), shown rounded {@code HALF_EVEN} to 9 decimals.
 *   <li>US equities trade on the NYSE calendar (holidays, 13:00 early closes). An equity order with
 *       time in force {@code DAY}, {@code IOC} or {@code FOK} is refused with {@link
 *       ErrorCode#MARKET_CLOSED} outside the regular session (outside 4:00 to 20:00 New York time,
 *       17:00 on early-close days, for extended-hours orders); {@code DAY} orders expire at the close
 *       (extended: at the end of after-hours). {@code GTC} orders wait for the open; {@code OPG}
 *       orders are taken before the open and get one chance at the open, then expire; {@code CLS}
 *       orders get one chance at the close, then expire.
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
 *       ErrorCode#DUPLICATE_CLIENT_ORDER_ID}), an order that could cross an opposite open order in the
 *       same symbol ({@link ErrorCode#WASH_TRADE}).
 *   <li>Buying power is cash minus what open buy orders reserve (remaining units at the limit price,
 *       the stop price or the current price, whichever the order could pay; or the notional).
 *   <li>With {@link Builder#partialFillPercent(int)}, that share of executions fills only 10-90% of
 *       what remains (whole units for whole-unit orders); the rest waits for the next print. With
 *       {@link Builder#rejectionPercent(int)}, that share of accepted orders is rejected at once with
 *       status {@link OrderStatus#REJECTED}.
 * </ul>
 *
 * <p>Each order gets one chance to execute against each price print: when it is placed, when its
 * session opens, and at every later {@link #setPrice} or {@link #step()}. So the rest of a partly
 * filled order waits for the next print, as it waits for new liquidity on a real market. Every call
 * first lets the clock act: orders whose time in force has passed expire, and orders whose session
 * has opened get their chance. Trade updates reach listeners on the calling thread after the
 * broker's lock is released, one at a time and in order.
 *
 * <p>Thread-safe: one lock guards all state.
 */
public final class SimulatedBroker implements Broker {
  private static final Currency USD = Currency.getInstance("USD");
  private static final int PERCENT = 100;

  private final Object lock = new Object();
  private final Clock clock;
  private final SimulatedMarketClock marketClock;
  private final SimulatedSessions sessions;
  private final Random random;
  private final Random latencyRandom;
  private final String accountId;
  private final int partialFillPercent;
  private final int rejectionPercent;
  private final Duration minLatency;
  private final Duration maxLatency;
  private final Consumer<Duration> sleeper;
  private final @Nullable BigDecimal randomWalkPercent;
  private final MarketData marketData = this::snapshots;

  private final Map<String, SimulatedListing> listings = new TreeMap<>();
  private final Map<String, SimulatedOrder> orders = new LinkedHashMap<>();
  /** The orders not yet final, oldest first; final ones leave it at the end of each operation. */
  private final Map<String, SimulatedOrder> working = new LinkedHashMap<>();
  private final Map<String, SimulatedOrder> ordersByClientId = new HashMap<>();
  private final Map<String, SimulatedHolding> holdings = new TreeMap<>();
  private final TradeUpdateFanOut updates = new TradeUpdateFanOut();
  private Money cash;

  private SimulatedBroker(Builder builder) {
    this.clock = builder.clock;
    this.marketClock = new SimulatedMarketClock(clock);
    this.sessions = new SimulatedSessions(marketClock);
    this.random = new Random(builder.seed);
    this.latencyRandom = new Random(builder.seed ^ 0x5DEECE66DL);
    this.accountId = builder.accountId;
    this.partialFillPercent = builder.partialFillPercent;
    this.rejectionPercent = builder.rejectionPercent;
    this.minLatency = builder.minLatency;
    this.maxLatency = builder.maxLatency;
    this.sleeper = builder.sleeper;
    this.randomWalkPercent = builder.randomWalkPercent;
    this.cash = builder.cash;
    Instant now = clock.instant();
    builder.listings.forEach((symbol, listing) ->
        listings.put(symbol, new SimulatedListing(listing.asset(), listing.price(), now)));
    builder.positions.forEach((symbol, position) -> {
      SimulatedListing listing = listings.get(symbol);
      if (listing == null) {
        throw new SpeedTradeException(
            ErrorCode.UNKNOWN_SYMBOL, "position in unlisted symbol '" + symbol + "'");
      }
      holdings.put(symbol, new SimulatedHolding(listing.asset().assetClass(), position.qty().value(),
          position.avgEntryPrice().value()));
    });
  }

  /** Returns a builder: a clock, a seed, cash, listings, and the behaviours to simulate. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the market data view of this simulation: one snapshot per listed symbol. */
  public MarketData marketData() {
    return marketData;
  }

  /** Returns the NYSE market clock of this simulation, on its injected {@link Clock}. */
  public MarketClock marketClock() {
    return marketClock;
  }

  // ---------------------------------------------------------------- Broker

  @Override
  public Account account() {
    return call(now -> {
      Money equity = cash;
      for (Map.Entry<String, SimulatedHolding> entry : holdings.entrySet()) {
        equity = equity.plus(entry.getValue().marketValue(listings.get(entry.getKey()).price()));
      }
      return new Account(accountId, AccountStatus.ACTIVE, cash, equity, buyingPower(), false);
    });
  }

  @Override
  public List<Position> positions() {
    return call(now -> {
      List<Position> positions = new ArrayList<>();
      holdings.forEach((symbol, holding) ->
          positions.add(holding.toPosition(symbol, listings.get(symbol).price())));
      return List.copyOf(positions);
    });
  }

  @Override
  public List<BrokerOrder> openOrders() {
    return call(now -> working.values().stream()
        .filter(SimulatedOrder::isOpen).map(SimulatedOrder::toValue).toList());
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
    return call(now -> Optional.ofNullable(orders.get(orderId)).map(SimulatedOrder::toValue));
  }

  @Override
  public Optional<BrokerOrder> orderByClientOrderId(String clientOrderId) {
    return call(now ->
        Optional.ofNullable(ordersByClientId.get(clientOrderId)).map(SimulatedOrder::toValue));
  }

  @Override
  public void cancelOrder(String orderId) {
    call(now -> {
      SimulatedOrder order = orders.get(orderId);
      if (order == null) {
        throw new SpeedTradeException(ErrorCode.ORDER_NOT_FOUND, "no order with id '" + orderId + "'");
      }
      if (!order.isOpen()) {
        throw new SpeedTradeException(ErrorCode.ORDER_NOT_CANCELABLE,
            "order '" + orderId + "' is " + order.status + " and cannot be canceled");
      }
      cancel(order, now);
      return null;
    });
  }

  @Override
  public List<CancelOutcome> cancelAllOrders() {
    return call(now -> {
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
    return call(now -> {
      SimulatedHolding holding = holdings.get(normalized);
      if (holding == null) {
        throw new SpeedTradeException(
            ErrorCode.POSITION_NOT_FOUND, "no position in '" + normalized + "' to close");
      }
      OrderRequest close = OrderRequest.builder()
          .symbol(normalized).side(OrderSide.SELL).qty(Quantity.of(holding.qty))
          .timeInForce(holding.assetClass == AssetClass.CRYPTO ? TimeInForce.GTC : TimeInForce.DAY)
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
    return updates.subscribe(listener);
  }

  // ---------------------------------------------------------------- operating the simulation

  /**
   * Sets the current price of {@code symbol}, as a trade printed on the market at the clock's now,
   * and matches open orders against it.
   *
   * @throws SpeedTradeException {@link ErrorCode#UNKNOWN_SYMBOL} when the symbol is not listed
   */
  public void setPrice(String symbol, Price price) {
    String normalized = Symbols.normalize(symbol);
    Objects.requireNonNull(price, "price");
    operate(now -> {
      listing(normalized).setPrice(price, now);
      matchAll(now);
      return null;
    });
  }

  /**
   * Returns the current price of {@code symbol}.
   *
   * @throws SpeedTradeException {@link ErrorCode#UNKNOWN_SYMBOL} when the symbol is not listed
   */
  public Price price(String symbol) {
    String normalized = Symbols.normalize(symbol);
    synchronized (lock) {
      return listing(normalized).price();
    }
  }

  /**
   * Lists a new asset at {@code price}, or replaces the listing of a known one (to make it inactive or
   * untradable, say) and sets its price.
   */
  public void list(Asset asset, Price price) {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(price, "price");
    operate(now -> {
      SimulatedListing known = listings.get(asset.symbol());
      if (known == null) {
        listings.put(asset.symbol(), new SimulatedListing(asset, price, now));
      } else {
        known.relist(asset);
        known.setPrice(price, now);
      }
      matchAll(now);
      return null;
    });
  }

  /**
   * Moves every price one step along the seeded random walk set by {@link
   * Builder#randomWalk(BigDecimal)}, then matches open orders.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when no random walk was configured
   */
  public void step() {
    BigDecimal walk = randomWalkPercent;
    if (walk == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "step() needs a random walk: set Builder.randomWalk(...)");
    }
    operate(now -> {
      for (SimulatedListing listing : listings.values()) {
        listing.setPrice(PricePath.next(listing.price(), walk, random), now);
      }
      matchAll(now);
      return null;
    });
  }

  /**
   * Adds {@code amount} to the account's cash (a negative amount withdraws it).
   *
   * @throws SpeedTradeException {@link ErrorCode#CURRENCY_MISMATCH} for an amount not in US dollars
   */
  public void deposit(Money amount) {
    Objects.requireNonNull(amount, "amount");
    operate(now -> {
      cash = cash.plus(amount);
      matchAll(now);
      return null;
    });
  }

  /**
   * Expires what the clock says has expired and matches every open order that may trade now. Every
   * other call does this first; call it after moving a test clock to see the effects at once.
   */
  public void matchOrders() {
    operate(now -> null);
  }

  // ---------------------------------------------------------------- internals, under the lock

  private <T> T call(Function<Instant, T> operation) {
    simulateLatency();
    return operate(operation);
  }

  private <T> T operate(Function<Instant, T> operation) {
    T result;
    try {
      synchronized (lock) {
        Instant now = clock.instant();
        catchUp(now);
        result = operation.apply(now);
        working.values().removeIf(order -> !order.isOpen());
      }
    } finally {
      updates.deliver();
    }
    return result;
  }

  private void simulateLatency() {
    long spread = maxLatency.toNanos() - minLatency.toNanos();
    if (maxLatency.isZero()) {
      return;
    }
    long nanos = minLatency.toNanos() + (spread == 0 ? 0 : latencyRandom.nextLong(spread + 1));
    sleeper.accept(Duration.ofNanos(nanos));
  }

  private SimulatedListing listing(String symbol) {
    SimulatedListing listing = listings.get(symbol);
    if (listing == null) {
      throw new SpeedTradeException(ErrorCode.UNKNOWN_SYMBOL, "unknown symbol '" + symbol + "'");
    }
    return listing;
  }

  private BrokerOrder submit(OrderRequest request, Instant now) {
    SimulatedListing listing = listing(request.symbol());
    Asset asset = listing.asset();
    if (!asset.isTradable()) {
      throw new SpeedTradeException(ErrorCode.ASSET_NOT_TRADABLE,
          "asset '" + asset.symbol() + "' is not tradable (" + asset.status() + ")");
    }
    Money notional = request.notional();
    if (notional != null && !notional.currency().equals(USD)) {
      throw new SpeedTradeException(ErrorCode.CURRENCY_MISMATCH,
          "the simulated account trades in USD, not " + notional.currency() + ": notional " + notional);
    }
    if (request.isFractional() && !asset.fractionable()) {
      throw new SpeedTradeException(ErrorCode.ASSET_NOT_FRACTIONABLE,
          "asset '" + asset.symbol() + "' is not fractionable: order whole units, not "
              + (request.notional() != null ? "notional " + request.notional() : request.qty()));
    }
    String clientOrderId = request.clientOrderId() == null ? newId() : request.clientOrderId();
    SimulatedOrder earlier = ordersByClientId.get(clientOrderId);
    if (earlier != null) {
      throw new SpeedTradeException(ErrorCode.DUPLICATE_CLIENT_ORDER_ID,
          "client order id '" + clientOrderId + "' is already used by order " + earlier.id);
    }
    SimulatedSessions.Timing timing = sessions.accept(request, asset.assetClass(), now);
    checkWashTrade(request);
    checkFunds(request, listing.price());

    SimulatedOrder order = new SimulatedOrder(newId(), clientOrderId, request, asset.assetClass(),
        now, timing.expiresAt(), timing.auctionDay(), timing.status());
    orders.put(order.id, order);
    working.put(order.id, order);
    ordersByClientId.put(clientOrderId, order);
    if (rejectionPercent > 0 && random.nextInt(PERCENT) < rejectionPercent) {
      order.reject("simulated rejection", now);
      publish(TradeUpdateEvent.REJECTED, order, now);
      return order.toValue();
    }
    publish(TradeUpdateEvent.NEW, order, now);
    if (sessions.mayTrade(order, now)) {
      execute(order, now);
    }
    TimeInForce tif = request.timeInForce();
    if (order.isOpen() && (tif == TimeInForce.IOC || tif == TimeInForce.FOK)) {
      cancel(order, now);
    }
    return order.toValue();
  }

  private void checkWashTrade(OrderRequest request) {
    for (SimulatedOrder open : working.values()) {
      if (open.isOpen() && open.request.symbol().equals(request.symbol())
          && open.side() != request.side() && couldCross(request, open.request)) {
        throw new SpeedTradeException(ErrorCode.WASH_TRADE,
            "potential wash trade: a " + request.side() + " of " + request.symbol()
                + " could cross open " + open.side() + " order " + open.id);
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
    return Objects.requireNonNull(buy.limitPrice()).compareTo(Objects.requireNonNull(sell.limitPrice())) >= 0;
  }

  private void checkFunds(OrderRequest request, Price price) {
    if (request.side() == OrderSide.BUY) {
      Money cost = reservedFor(request, Quantity.ZERO, price);
      Money buyingPower = buyingPower();
      if (cost.compareTo(buyingPower) > 0) {
        throw new SpeedTradeException(ErrorCode.INSUFFICIENT_BUYING_POWER,
            "buy of " + describe(request) + " costs up to " + cost + ", above buying power "
                + buyingPower);
      }
      return;
    }
    SimulatedHolding holding = holdings.get(request.symbol());
    BigDecimal held = holding == null ? BigDecimal.ZERO : holding.qty;
    BigDecimal reserved = BigDecimal.ZERO;
    for (SimulatedOrder open : working.values()) {
      if (open.isOpen() && open.side() == OrderSide.SELL && open.request.symbol().equals(request.symbol())) {
        reserved = reserved.add(open.remaining(price).value());
      }
    }
    BigDecimal wanted = request.qty() != null ? request.qty().value()
        : Objects.requireNonNull(request.notional()).amount()
            .divide(price.value(), Quantity.MAX_SCALE, RoundingMode.CEILING);
    BigDecimal available = held.subtract(reserved);
    if (wanted.compareTo(available) > 0) {
      throw new SpeedTradeException(ErrorCode.INSUFFICIENT_QUANTITY,
          "sell of " + describe(request) + " exceeds the " + available.toPlainString()
              + " available (held " + held.toPlainString() + ", reserved by open sells "
              + reserved.toPlainString() + ")");
    }
  }

  private static String describe(OrderRequest request) {
    return (request.qty() != null ? request.qty() + " " : request.notional() + " of ") + request.symbol();
  }

  /** Cash minus what open buys reserve; never below zero. */
  private Money buyingPower() {
    Money reserved = Money.zero(USD);
    for (SimulatedOrder open : working.values()) {
      if (open.isOpen() && open.side() == OrderSide.BUY) {
        reserved = reserved.plus(
            reservedFor(open.request, open.filledQty, listings.get(open.request.symbol()).price()));
      }
    }
    Money power = cash.minus(reserved);
    return power.isNegative() ? Money.zero(USD) : power;
  }

  /** The most a buy's unfilled part could cost, rounded up to the cent. */
  private static Money reservedFor(OrderRequest request, Quantity filled, Price price) {
    Money notional = request.notional();
    if (notional != null) {
      return filled.isZero() ? notional : Money.zero(USD);
    }
    Price limit = request.limitPrice();
    Price stop = request.stopPrice();
    Price worst = limit != null ? limit
        : stop != null && stop.compareTo(price) > 0 ? stop : price;
    Quantity remaining = Objects.requireNonNull(request.qty()).minus(filled);
    return Money.of(worst.times(remaining), USD, RoundingMode.CEILING);
  }

  private void catchUp(Instant now) {
    for (SimulatedOrder order : working.values()) {
      if (!order.isOpen()) {
        continue;
      }
      TradingDay auction = order.auctionDay;
      if (order.request.timeInForce() == TimeInForce.CLS && auction != null
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
  private void matchAll(Instant now) {
    for (SimulatedOrder order : working.values()) {
      if (order.isOpen() && order.triedAtVersion != listings.get(order.request.symbol()).version()
          && sessions.mayTrade(order, now)) {
        execute(order, now);
        if (order.isOpen() && order.request.timeInForce() == TimeInForce.OPG) {
          expire(order, now);
        }
      }
    }
  }

  private void execute(SimulatedOrder order, Instant now) {
    SimulatedListing listing = listings.get(order.request.symbol());
    Price price = listing.price();
    order.triedAtVersion = listing.version();
    if (!order.isMarketableAt(price)) {
      return;
    }
    Quantity remaining = order.remaining(price);
    if (remaining.isZero()) {
      order.reject("notional " + order.request.notional() + " buys less than 1e-9 units at " + price, now);
      publish(TradeUpdateEvent.REJECTED, order, now);
      return;
    }
    Quantity fill = remaining;
    if (order.request.notional() == null && partialFillPercent > 0
        && random.nextInt(PERCENT) < partialFillPercent) {
      fill = partOf(remaining, Objects.requireNonNull(order.request.qty()).isWhole());
    }
    if (order.request.timeInForce() == TimeInForce.FOK && fill.compareTo(remaining) < 0) {
      return;
    }
    Money cashMove = Money.of(price.times(fill), USD, RoundingMode.HALF_EVEN);
    if (order.side() == OrderSide.BUY && cashMove.compareTo(cash) > 0) {
      order.reject("insufficient cash at fill: " + cashMove + " needed, " + cash + " held", now);
      publish(TradeUpdateEvent.REJECTED, order, now);
      return;
    }
    String symbol = order.request.symbol();
    if (order.side() == OrderSide.BUY) {
      cash = cash.minus(cashMove);
      holdings.computeIfAbsent(symbol, s -> new SimulatedHolding(order.assetClass, BigDecimal.ZERO, BigDecimal.ZERO))
          .buy(fill.value(), price.value());
    } else {
      cash = cash.plus(cashMove);
      SimulatedHolding holding = holdings.get(symbol);
      holding.sell(fill.value());
      if (holding.isEmpty()) {
        holdings.remove(symbol);
      }
    }
    order.recordFill(fill, price, now);
    listing.addVolume(fill, now);
    SimulatedHolding after = holdings.get(symbol);
    TradeUpdateEvent event = order.status == OrderStatus.FILLED
        ? TradeUpdateEvent.FILL : TradeUpdateEvent.PARTIAL_FILL;
    updates.queue(new TradeUpdate(event, order.toValue(), now, price, fill,
        after == null ? BigDecimal.ZERO : after.qty));
  }

  /** Returns 10-90% of {@code remaining}, whole units when {@code whole}; all of it if that is 0. */
  private Quantity partOf(Quantity remaining, boolean whole) {
    int percent = 10 + random.nextInt(81);
    BigDecimal part = remaining.value().multiply(BigDecimal.valueOf(percent))
        .divide(BigDecimal.valueOf(PERCENT), whole ? 0 : Quantity.MAX_SCALE, RoundingMode.FLOOR);
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

  private Map<String, Snapshot> snapshots(Collection<String> symbols) {
    Objects.requireNonNull(symbols, "symbols");
    List<String> wanted = symbols.stream().map(Symbols::normalize).distinct().toList();
    return call(now -> {
      Map<String, Snapshot> snapshots = new LinkedHashMap<>();
      for (String symbol : wanted) {
        SimulatedListing listing = listings.get(symbol);
        if (listing != null) {
          snapshots.put(symbol, listing.snapshot(now));
        }
      }
      return java.util.Collections.unmodifiableMap(snapshots);
    });
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
   * Builds a {@link SimulatedBroker}. Defaults: the system UTC clock, seed 0, account {@code
   * SIM-ACCOUNT}, 100,000.00 USD of cash, no listings, no partial fills, rejections or latency.
   * Not thread-safe.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private long seed;
    private String accountId = "SIM-ACCOUNT";
    private Money cash = Money.of("100000.00", USD);
    private final Map<String, Listing> listings = new TreeMap<>();
    private final Map<String, StartingPosition> positions = new TreeMap<>();
    private int partialFillPercent;
    private int rejectionPercent;
    private Duration minLatency = Duration.ZERO;
    private Duration maxLatency = Duration.ZERO;
    private Consumer<Duration> sleeper = duration -> LockSupport.parkNanos(duration.toNanos());
    private @Nullable BigDecimal randomWalkPercent;

    private Builder() {}

    private record Listing(Asset asset, Price price) {}

    private record StartingPosition(Quantity qty, Price avgEntryPrice) {}

    /** Sets the time source for market hours, expiry and timestamps. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the seed of every random choice (ids, partial fills, rejections, latency, prices). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets the account id the broker reports. */
    public Builder accountId(String accountId) {
      if (accountId == null || accountId.isBlank()) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "account id must not be blank");
      }
      this.accountId = accountId;
      return this;
    }

    /**
     * Sets the starting cash.
     *
     * @throws SpeedTradeException {@link ErrorCode#CURRENCY_MISMATCH} for an amount not in US dollars
     */
    public Builder cash(Money cash) {
      Objects.requireNonNull(cash, "cash");
      if (!cash.currency().equals(USD)) {
        throw new SpeedTradeException(
            ErrorCode.CURRENCY_MISMATCH, "the simulated account holds USD, not " + cash.currency());
      }
      this.cash = cash;
      return this;
    }

    /** Lists an asset at a starting price; listing a symbol again replaces it. */
    public Builder listing(Asset asset, Price price) {
      Objects.requireNonNull(asset, "asset");
      Objects.requireNonNull(price, "price");
      listings.put(asset.symbol(), new Listing(asset, price));
      return this;
    }

    /**
     * Lists a small demo market: the ETFs {@code SPY QQQ TLT BIL SGOV SH}, the stocks {@code AAPL
     * MSFT}, the non-fractionable {@code BRK.A}, the delisted {@code OLDCO}, and the crypto pairs
     * {@code BTC/USD ETH/USD}, at plausible prices.
     */
    public Builder demoListings() {
      listing(Asset.usEquity("SPY", "SPDR S&P 500 ETF Trust"), Price.of("590.25"));
      listing(Asset.usEquity("QQQ", "Invesco QQQ Trust"), Price.of("505.10"));
      listing(Asset.usEquity("TLT", "iShares 20+ Year Treasury Bond ETF"), Price.of("90.50"));
      listing(Asset.usEquity("BIL", "SPDR Bloomberg 1-3 Month T-Bill ETF"), Price.of("91.55"));
      listing(Asset.usEquity("SGOV", "iShares 0-3 Month Treasury Bond ETF"), Price.of("100.40"));
      listing(Asset.usEquity("SH", "ProShares Short S&P500"), Price.of("40.20"));
      listing(Asset.usEquity("AAPL", "Apple Inc."), Price.of("229.87"));
      listing(Asset.usEquity("MSFT", "Microsoft Corporation"), Price.of("415.30"));
      listing(new Asset("BRK.A", "Berkshire Hathaway Inc. Class A", AssetClass.US_EQUITY,
          AssetStatus.ACTIVE, true, false), Price.of("705000.00"));
      listing(new Asset("OLDCO", "Delisted Old Company", AssetClass.US_EQUITY,
          AssetStatus.INACTIVE, false, false), Price.of("1.05"));
      listing(Asset.crypto("BTC/USD", "Bitcoin"), Price.of("97250.5"));
      listing(Asset.crypto("ETH/USD", "Ethereum"), Price.of("3410.25"));
      return this;
    }

    /** Starts the account with a long position in a listed symbol. */
    public Builder position(String symbol, Quantity qty, Price avgEntryPrice) {
      Objects.requireNonNull(qty, "qty");
      Objects.requireNonNull(avgEntryPrice, "avgEntryPrice");
      if (qty.isZero()) {
        throw new SpeedTradeException(ErrorCode.INVALID_QUANTITY, "a starting position needs units");
      }
      positions.put(Symbols.normalize(symbol), new StartingPosition(qty, avgEntryPrice));
      return this;
    }

    /** Sets the share (0-100) of executions that fill only part of what remains. */
    public Builder partialFillPercent(int percent) {
      this.partialFillPercent = checkPercent(percent, "partial fill percent");
      return this;
    }

    /** Sets the share (0-100) of accepted orders that are rejected at once. */
    public Builder rejectionPercent(int percent) {
      this.rejectionPercent = checkPercent(percent, "rejection percent");
      return this;
    }

    /** Makes every broker and market data call wait a seeded random time between min and max. */
    public Builder latency(Duration min, Duration max) {
      if (min == null || max == null || min.isNegative() || max.compareTo(min) < 0) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT,
            "latency needs 0 <= min <= max, got " + min + " and " + max);
      }
      this.minLatency = min;
      this.maxLatency = max;
      return this;
    }

    /** Replaces how latency is waited out (parking the thread); tests may record it instead. */
    public Builder latencySleeper(Consumer<Duration> sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Enables {@link SimulatedBroker#step()}: each step moves each price by a seeded uniform random
     * percentage in {@code [-maxStepPercent, +maxStepPercent]}, rounded to the cent (to 4 decimals
     * below one dollar) {@link RoundingMode#HALF_EVEN}, never below 0.0001.
     */
    public Builder randomWalk(BigDecimal maxStepPercent) {
      if (maxStepPercent == null || maxStepPercent.signum() <= 0
          || maxStepPercent.compareTo(BigDecimal.valueOf(50)) > 0) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT,
            "random walk step must be above 0 and at most 50 percent, got " + maxStepPercent);
      }
      this.randomWalkPercent = maxStepPercent;
      return this;
    }

    /** Returns the simulated broker. */
    public SimulatedBroker build() {
      return new SimulatedBroker(this);
    }

    private static int checkPercent(int percent, String what) {
      if (percent < 0 || percent > PERCENT) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, what + " must be 0-100, got " + percent);
      }
      return percent;
    }
  }
}
