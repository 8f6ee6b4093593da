package dev.speedtrade.oms;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.EventDispatcher;
import dev.speedtrade.event.EventListener;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.kyc.KycGate;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.oms.spi.InMemoryOrderStore;
import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.risk.RiskControls;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The omnibus order service as a host calls it: opens client accounts, takes their orders (submit,
 * cancel, replace) through pre-trade risk, applies what the venue answers ({@link #venue()}), and
 * keeps each account's orders, fills, positions, cash and buying power. The contract is {@code
 * docs/orders-contract.md}.
 *
 * <p><b>Outcomes.</b> Everything the contract answers with a code is an {@link OrderResult}; an
 * exception ({@link SpeedTradeException}) is for misuse (a null or blank id, a null enum or number:
 * {@link ErrorCode#INVALID_ARGUMENT}) or a failure of the store or ledger.
 *
 * <p><b>Cash.</b> Cash lives in the {@link Ledger} ({@link ClientLedgerAccounts}): a buy's reserve
 * is a pending transfer from the client's cash, a fill posts what it spent and holds what is left,
 * a sale credits the client's unsettled cash (us_equity) or cash (crypto). The ledger's trial
 * balance is zero after every call.
 *
 * <p>Thread-safe: calls on one account are applied one at a time ({@link OrderStore}); calls on
 * different accounts run in parallel.
 */
public final class OrderService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OrderService.class);
  private final OrderStore store;
  private final OrderEngine engine;
  private final RiskControls controls;
  private final @Nullable VenueLink venue;
  private final @Nullable ExecutorService ownedExecutor;
  private final OrderEventPublisher publisher;
  private final OrderMetrics metrics;
  private volatile boolean closed;
  private @Nullable ScheduledExecutorService retryTimer;

  private OrderService(Builder b) {
    this.store = Args.notNull(b.store, "store");
    this.controls = Args.notNull(b.riskControls, "riskControls");
    ClientCash cash = new ClientCash(Args.notNull(b.ledger, "ledger"));
    cash.openPlatform();
    Executor supplied = b.executor;
    ExecutorService owned = supplied == null ? newExecutor() : null;
    this.ownedExecutor = owned;
    Executor executor = supplied != null ? supplied : Args.notNull(owned, "executor");
    this.publisher = new OrderEventPublisher(EventDispatcher.on(executor));
    this.engine =
        new OrderEngine(
            store,
            cash,
            Args.notNull(b.market, "market"),
            controls,
            Args.notNull(b.clock, "clock"),
            publisher,
            b.metrics,
            b.kyc);
    this.metrics = b.metrics;
    if (metrics != OrderMetrics.NONE) {
      publisher.dispatcher().subscribe(metrics::event);
    }
    Broker venueBroker = b.venue;
    if (venueBroker == null) {
      this.venue = null;
    } else {
      this.venue = new VenueLink(venueBroker, executor, store, engine);
      engine.attach(venue);
      venue.start();
      if (!b.venueRetry.isZero()) {
        VenueLink link = venue;
        ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                task -> {
                  Thread thread = new Thread(task, "speedtrade-orders-retry");
                  thread.setDaemon(true);
                  return thread;
                });
        long millis = b.venueRetry.toMillis();
        timer.scheduleWithFixedDelay(
            () -> retryVenueWork(link), millis, millis, TimeUnit.MILLISECONDS);
        this.retryTimer = timer;
      }
    }
  }

  private OrderResult measured(String command, Supplier<OrderResult> work) {
    if (metrics == OrderMetrics.NONE) {
      return work.get();
    }
    long start = System.nanoTime();
    OrderResult result = work.get();
    metrics.command(command, result, System.nanoTime() - start);
    return result;
  }

  private static ExecutorService newExecutor() {
    AtomicInteger threads = new AtomicInteger();
    return Executors.newCachedThreadPool(
        task -> {
          Thread thread = new Thread(task, "speedtrade-orders-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Stops following the venue: ends the subscription to its trade updates and shuts down the
   * executor the service made for itself (never one the host supplied). Orders and books stay in
   * the store; a new service on the same store and venue carries on from them ({@link #recover()}).
   */
  /** Tries again the venue work that stopped on an unsure answer; never throws. */
  private void retryVenueWork(VenueLink link) {
    for (String account : link.takeRetrying()) {
      try {
        engine.retry(account);
      } catch (RuntimeException e) {
        log.warn("Retrying the venue work of {} failed; it stays in the outbox", account, e);
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new SpeedTradeException(ErrorCode.CLOSED, "this order service is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    ScheduledExecutorService timer = retryTimer;
    if (timer != null) {
      timer.shutdownNow();
    }
    VenueLink link = venue;
    if (link != null) {
      link.stop();
    }
    ExecutorService owned = ownedExecutor;
    if (owned != null) {
      owned.shutdown();
    }
  }

  /** Returns a builder: ledger, market, risk controls and clock are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens {@code accountId}'s book and creates its ledger accounts; idempotent.
   *
   * @return {@link OrderCode#OK} when opened, {@link OrderCode#EXISTS} when it was open
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for an id that is not 1-64
   *     characters of {@code [A-Za-z0-9._-]} (it names ledger accounts); {@link
   *     ErrorCode#INVALID_ACCOUNT} when the ledger holds accounts of that name with other fields
   */
  public OrderCode openAccount(String accountId) {
    Args.accountId(accountId);
    engine.cash().openAccount(accountId);
    return store.createAccount(accountId) ? OrderCode.OK : OrderCode.EXISTS;
  }

  /** Returns true when {@code accountId} is open. */
  public boolean hasAccount(String accountId) {
    return store.hasAccount(accountId);
  }

  /** Returns the open accounts, sorted by code point. */
  public List<String> accounts() {
    return store.accounts();
  }

  /**
   * Submits an order: {@link OrderCode#ACCOUNT_NOT_FOUND}, then {@link OrderCode#EXISTS} or {@link
   * OrderCode#CLIENT_ORDER_ID_IN_USE} for a taken client order id (nothing recorded), then the
   * twenty risk checks (a failure records the order {@link ClientOrderStatus#DENIED}), else the
   * order is {@link ClientOrderStatus#PENDING_NEW} and a buy's reserve is held.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null request
   */
  public OrderResult submit(SubmitOrder request) {
    return measured("submit", () -> engine.submit(request));
  }

  /**
   * Asks to cancel an order: PENDING_NEW, ACCEPTED or PARTIALLY_FILLED to PENDING_CANCEL; no risk
   * check (a halted account can cancel). The reserve is released when the venue acknowledges.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id
   */
  public OrderResult cancel(String account, String clientOrderId) {
    return measured("cancel", () -> engine.cancel(account, clientOrderId));
  }

  /**
   * Asks to replace an order: judged {@link OrderCode#ACCOUNT_NOT_FOUND}, {@link
   * OrderCode#ORDER_NOT_FOUND}, {@link OrderCode#INVALID_TRANSITION} (not ACCEPTED or
   * PARTIALLY_FILLED), {@link OrderCode#NOT_REPLACEABLE} (notional), {@link
   * OrderCode#CLIENT_ORDER_ID_IN_USE}, then risk checks 1-19 on the new order with the old one left
   * out of every sum. On OK the order is PENDING_REPLACE, the new client order id is taken, and the
   * larger of the two reserves is held. The result names the old order.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null request
   */
  public OrderResult replace(ReplaceOrder request) {
    return measured("replace", () -> engine.replace(request));
  }

  /** Returns what applies the venue's answers to the books. */
  public VenueEvents venue() {
    return engine;
  }

  /** Returns the risk controls (limits and kill switch) the service judges with. */
  public RiskControls risk() {
    return controls;
  }

  /** Returns {@code account}'s order {@code clientOrderId}; empty when either does not exist. */
  public Optional<ClientOrder> order(String account, String clientOrderId) {
    Args.id(clientOrderId, "clientOrderId");
    if (!store.hasAccount(Args.id(account, "account"))) {
      return Optional.empty();
    }
    return engine.read(account, book -> book.order(clientOrderId));
  }

  /** Returns {@code account}'s orders, oldest first; empty for an unknown account. */
  public List<ClientOrder> orders(String account) {
    if (!store.hasAccount(Args.id(account, "account"))) {
      return List.of();
    }
    return engine.read(account, book -> book.orders());
  }

  /** Returns {@code account}'s fills in the order applied; empty for an unknown account. */
  public List<OrderFill> fills(String account) {
    if (!store.hasAccount(Args.id(account, "account"))) {
      return List.of();
    }
    return engine.read(account, book -> book.fills());
  }

  /**
   * Returns {@code account}'s positions (one per symbol it ever had a fill in) sorted by symbol;
   * empty for an unknown account.
   */
  public List<ClientPosition> positions(String account) {
    if (!store.hasAccount(Args.id(account, "account"))) {
      return List.of();
    }
    return engine.read(account, book -> book.positions());
  }

  /**
   * Returns {@code account}'s cash, buying power, equity and P&amp;L now, each position valued at
   * its instrument's mark (at its cost basis when the market no longer lists the symbol).
   *
   * @throws SpeedTradeException {@link ErrorCode#ACCOUNT_NOT_FOUND} for an account not open
   */
  public Portfolio portfolio(String account) {
    Args.id(account, "account");
    if (!store.hasAccount(account)) {
      throw new SpeedTradeException(
          ErrorCode.ACCOUNT_NOT_FOUND, "account '" + account + "' is not open");
    }
    return engine.read(
        account,
        book -> {
          ClientCash.Funds funds = engine.cash().funds(account);
          BigDecimal cash = funds.cash();
          BigDecimal buyingPower = funds.buyingPower();
          BigDecimal value = BigDecimal.ZERO.setScale(2);
          BigDecimal realized = BigDecimal.ZERO.setScale(2);
          BigDecimal unrealized = BigDecimal.ZERO.setScale(2);
          List<ClientPosition> positions = book.positions();
          // Each mark read once: on a venue, a read is a call to its market data.
          Map<String, @Nullable BigDecimal> marks = new HashMap<>();
          for (ClientPosition p : positions) {
            marks.put(p.symbol(), mark(p));
          }
          BigDecimal dayPnl = dayPnl(positions, marks, book.fills());
          for (ClientPosition p : positions) {
            BigDecimal mark = marks.get(p.symbol());
            BigDecimal mv = mark == null ? p.costBasis() : p.marketValue(mark);
            value = value.add(mv);
            unrealized = unrealized.add(mv.subtract(p.costBasis()));
            realized = realized.add(p.realizedPnl());
          }
          return new Portfolio(
              account,
              cash,
              buyingPower,
              cash.add(value),
              value,
              realized,
              unrealized,
              dayPnl,
              positions,
              known(marks));
        });
  }

  private static Map<String, BigDecimal> known(Map<String, @Nullable BigDecimal> marks) {
    Map<String, BigDecimal> known = new HashMap<>();
    marks.forEach(
        (symbol, mark) -> {
          if (mark != null) {
            known.put(symbol, mark);
          }
        });
    return known;
  }

  private @Nullable BigDecimal mark(ClientPosition position) {
    return engine.market().instrument(position.symbol()).map(i -> i.mark()).orElse(null);
  }

  /**
   * Registers {@code listener} for the events of every client's orders, until the subscription is
   * closed. Events arrive on the service's executor, in the order of each account's changes; a slow
   * listener delays only its own events, never an order. Closing twice does nothing.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null listener
   */
  public Subscription subscribe(EventListener<? super OrderEvent> listener) {
    checkOpen();
    return publisher.dispatcher().subscribe(Args.notNull(listener, "listener"));
  }

  /**
   * Registers {@code listener} for the events of {@code account}'s orders only, as {@link
   * #subscribe(EventListener)} does for all.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank account or a
   *     null listener
   */
  public Subscription subscribe(String account, EventListener<? super OrderEvent> listener) {
    checkOpen();
    String id = Args.id(account, "account");
    return publisher
        .dispatcher()
        .subscribe(event -> event.account().equals(id), Args.notNull(listener, "listener"));
  }

  /**
   * The P&amp;L since the previous close: what each position held at the close made since, and what
   * each of today's fills made since its price. Null when a previous close or a mark is unknown.
   */
  private @Nullable BigDecimal dayPnl(
      List<ClientPosition> positions,
      Map<String, @Nullable BigDecimal> marks,
      List<OrderFill> fills) {
    ZoneId newYork = ZoneId.of("America/New_York");
    LocalDate today = LocalDate.ofInstant(engine.clock().instant(), newYork);
    BigDecimal total = BigDecimal.ZERO;
    for (ClientPosition p : positions) {
      BigDecimal mark = marks.get(p.symbol());
      if (mark == null) {
        return null;
      }
      BigDecimal heldAtClose = p.qty();
      for (OrderFill f : fills) {
        if (f.symbol().equals(p.symbol()) && LocalDate.ofInstant(f.at(), newYork).equals(today)) {
          BigDecimal signed = f.side() == OrderSide.BUY ? f.qty() : f.qty().negate();
          heldAtClose = heldAtClose.subtract(signed);
          total = total.add(signed.multiply(mark.subtract(f.price())));
        }
      }
      if (heldAtClose.signum() != 0) {
        Optional<BigDecimal> close = engine.market().previousClose(p.symbol());
        if (close.isEmpty()) {
          return null;
        }
        total = total.add(heldAtClose.multiply(mark.subtract(close.get())));
      }
    }
    return total.setScale(2, RoundingMode.HALF_EVEN);
  }

  /** The market the service judges with. */
  MarketView market() {
    return engine.market();
  }

  /** Returns {@code account}'s order whose platform id is {@code orderId}, if any. */
  Optional<ClientOrder> orderById(String account, String orderId) {
    return store
        .locate(orderId)
        .filter(ref -> ref.account().equals(account))
        .flatMap(ref -> order(account, ref.clientOrderId()));
  }

  /**
   * Checks every account's books against its fills and the ledger against the books, and returns
   * what disagrees; repairs nothing and does no pending work (it neither drains an outbox nor
   * posts). The fills are the record. Per account, under its serialization, in one pass:
   *
   * <ul>
   *   <li>each order's filledQty, filledAmount and filledValue against the sums of its fills, and
   *       its status against its fills ({@link DiscrepancyKind#STATUS_MISMATCH}, {@link
   *       DiscrepancyKind#OVERFILLED}); a fill of an order the book does not hold;
   *   <li>each position's qty, cost basis and realized P&amp;L against the fills replayed in order
   *       by the contract's average-cost rules;
   *   <li>each outbox entry, reported as pending work ({@link DiscrepancyKind#OUTBOX_PENDING}), not
   *       as an error;
   *   <li>unless the outbox holds ledger work (the ledger then differs by exactly that work): each
   *       open buy's live hold against its reserve, every other live {@code buy_reserve} hold on
   *       the client's accounts ({@link DiscrepancyKind#ORPHAN_HOLD}), and the sums of what the
   *       ledger says the service spent on buys (posted holds and {@code buy} transfers) and
   *       credited for sales ({@code sell} transfers) against the fills' amounts.
   * </ul>
   *
   * Deposits and withdrawals are not the service's and are not compared. Thread-safe; calls on the
   * accounts go on meanwhile (each account is read as of one moment). Cost: one read of each
   * account's book and one paged read of its three ledger accounts' transfers.
   *
   * @return every discrepancy found, in the order of the accounts; empty when all agree
   * @throws SpeedTradeException when the store or the ledger fails
   */
  public Reconciliation reconcileInternal() {
    return new BookReconciler(store, engine.cash().ledger(), engine.clock()).run();
  }

  /**
   * Compares the books with the venue and returns each difference with a suggested {@link Remedy};
   * changes nothing at the venue nor in the books. A host runs it at start-up (after {@link
   * #recover()}) or when the venue's trade update stream was interrupted. Compares:
   *
   * <ul>
   *   <li>each order open in the books with its venue order (found by its venue order id, else by
   *       its platform order id as the venue's client order id): missing at the venue ({@link
   *       DiscrepancyKind#VENUE_ORDER_MISSING}, or pending work when its send is still queued),
   *       final at the venue ({@link DiscrepancyKind#VENUE_ORDER_CLOSED}, naming the event to
   *       apply), and its filled qty against the venue order's;
   *   <li>each order open at the venue whose client order id the books do not know ({@link
   *       DiscrepancyKind#UNKNOWN_VENUE_ORDER}) or hold closed ({@link
   *       DiscrepancyKind#OPEN_ONLY_AT_VENUE});
   *   <li>per symbol, the sum of the client positions against the venue's omnibus position.
   * </ul>
   *
   * The books and the venue are read one after the other, not at one instant: a difference found
   * while orders are being sent or filled may be in flight, and is worth checking again.
   *
   * @return every difference found; empty when the books and the venue agree
   * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} when the service has no venue (an
   *     empty report would claim an agreement nothing checked); the venue's exception when a call
   *     to it fails
   */
  public Reconciliation reconcileWithVenue() {
    VenueLink link = venue;
    if (link == null) {
      throw new SpeedTradeException(
          ErrorCode.MISSING_ADAPTER,
          "this order service has no venue to reconcile with: build it with Builder.venue(broker)");
    }
    return new VenueReconciler(store, link.venue(), engine.clock()).run();
  }

  /**
   * Does the ledger work every account's outbox still holds (after a crash, before the first call);
   * every other call first does its own account's.
   */
  public void recover() {
    engine.recover();
  }

  /** Builds an {@link OrderService}. Setters refuse null; not thread-safe. */
  public static final class Builder {
    private @Nullable OrderStore store = new InMemoryOrderStore();
    private @Nullable Ledger ledger;
    private @Nullable MarketView market;
    private @Nullable RiskControls riskControls;
    private @Nullable Clock clock;
    private @Nullable Broker venue;
    private @Nullable Executor executor;
    private OrderMetrics metrics = OrderMetrics.NONE;
    private @Nullable KycGate kyc;
    private Duration venueRetry = Duration.ofSeconds(5);

    private Builder() {}

    /** Sets where the books are kept; an {@link InMemoryOrderStore} by default. */
    public Builder store(OrderStore value) {
      store = Args.notNull(value, "store");
      return this;
    }

    /** Sets the ledger that holds the clients' cash (required). */
    public Builder ledger(Ledger value) {
      ledger = Args.notNull(value, "ledger");
      return this;
    }

    /** Sets where instruments, marks and the market's hours are read (required). */
    public Builder market(MarketView value) {
      market = Args.notNull(value, "market");
      return this;
    }

    /** Sets the limits and trading states risk judges with (required). */
    public Builder riskControls(RiskControls value) {
      riskControls = Args.notNull(value, "riskControls");
      return this;
    }

    /**
     * Sets the venue every client order is sent to, in the platform's name (the omnibus account),
     * and whose trade updates drive the orders' states. Without a venue the service records orders
     * and applies {@link OrderService#venue() venue events} given to it by hand (scripts, tests).
     */
    public Builder venue(Broker value) {
      venue = Args.notNull(value, "venue");
      return this;
    }

    /**
     * Sets the executor the venue work (sending, cancelling, replacing) and the delivery of events
     * run on; by default the service makes a cached pool of daemon threads, shut down by {@link
     * OrderService#close()}.
     */
    public Builder executor(Executor value) {
      executor = Args.notNull(value, "executor");
      return this;
    }

    /**
     * Sets how long venue work that stopped on an unsure answer (a timeout, a 5xx, the venue
     * unreachable) waits before the service tries it again on its own: 5 seconds by default; {@link
     * Duration#ZERO} leaves it to the account's next call and {@link OrderService#recover()}.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a negative duration
     */
    public Builder venueRetry(Duration value) {
      if (Args.notNull(value, "venueRetry").isNegative()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "venueRetry must not be negative, got " + value);
      }
      venueRetry = value;
      return this;
    }

    /**
     * Sets where the service's measurements go ({@link MicrometerOrderMetrics} for a Micrometer
     * registry); {@link OrderMetrics#NONE}, measuring nothing, by default.
     */
    public Builder metrics(OrderMetrics value) {
      metrics = Args.notNull(value, "metrics");
      return this;
    }

    /**
     * Refuses the submits of an account whose user {@code value} does not answer APPROVED ({@link
     * OrderCode#KYC_REQUIRED}, nothing recorded); cancels are never refused. By default no
     * verification is asked.
     */
    public Builder kyc(KycGate value) {
      kyc = Args.notNull(value, "kyc");
      return this;
    }

    /** Sets the clock every instant is read from (required). */
    public Builder clock(Clock value) {
      clock = Args.notNull(value, "clock");
      return this;
    }

    /**
     * Returns the service, creating the platform's ledger accounts if they do not exist.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} naming a missing part; {@link
     *     ErrorCode#INVALID_ACCOUNT} when the ledger holds platform accounts with other fields
     */
    public OrderService build() {
      return new OrderService(this);
    }
  }
}
