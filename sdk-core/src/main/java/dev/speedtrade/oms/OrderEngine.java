package dev.speedtrade.oms;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.kyc.KycGate;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.oms.spi.AccountBook;
import dev.speedtrade.oms.spi.OpenQuantities;
import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.oms.spi.OutboxEntry;
import dev.speedtrade.oms.spi.OutboxKind;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.PreTradeRisk;
import dev.speedtrade.risk.ProposedOrder;
import dev.speedtrade.risk.RateLimit;
import dev.speedtrade.risk.Reserve;
import dev.speedtrade.risk.RiskCode;
import dev.speedtrade.risk.RiskContext;
import dev.speedtrade.risk.RiskControls;
import dev.speedtrade.risk.RiskLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Applies commands (submit, cancel, replace) and venue events to the books, exactly as the
 * contract's state table and judging order say.
 *
 * <p>Order of work for each call on an account: under the account's serialization, do what the
 * outbox still holds, judge, take a submit's hold in the ledger (before the order is recorded), and
 * record the change with the outbox entries it owes; then, in a second call on the account, do
 * those entries. A change is thus never lost between the books and the ledger: an entry stays in
 * the outbox until its ledger work is done, and that work is idempotent.
 */
final class OrderEngine implements VenueEvents {
  private final OrderStore store;
  private final ClientCash cash;
  private final MarketView market;
  private final RiskControls controls;
  private final Clock clock;
  private final PreTradeRisk risk = new PreTradeRisk();
  private volatile @Nullable VenueLink venue;
  private final OrderEventPublisher events;
  private final ConcurrentMap<String, Client> clients = new ConcurrentHashMap<>();
  private final OrderMetrics metrics;

  private final @Nullable KycGate kyc;

  OrderEngine(
      OrderStore store,
      ClientCash cash,
      MarketView market,
      RiskControls controls,
      Clock clock,
      OrderEventPublisher events,
      OrderMetrics metrics,
      @Nullable KycGate kyc) {
    this.kyc = kyc;
    this.store = store;
    this.cash = cash;
    this.market = market;
    this.controls = controls;
    this.clock = clock;
    this.events = events;
    this.metrics = metrics;
  }

  /** Runs the pre-trade checks, timing them when the service measures. */
  private Optional<RiskCode> judge(RiskContext ctx) {
    if (metrics == OrderMetrics.NONE) {
      return risk.firstFailure(ctx);
    }
    long start = System.nanoTime();
    Optional<RiskCode> failure = risk.firstFailure(ctx);
    metrics.riskCheck(System.nanoTime() - start);
    return failure;
  }

  /**
   * Runs {@code work} on {@code account}'s book under the store's serialization, and publishes the
   * events of what it wrote once the store has kept it, in the order of the account's changes.
   */
  private <T> T withBook(String account, Function<AccountBook, T> work) {
    return withBook(account, clients.get(account), work);
  }

  /**
   * As {@link #withBook(String, Function)}, with what the engine keeps of the account when the
   * caller has it (null: found or made under the account's serialization, where the account is
   * known to exist).
   */
  private <T> T withBook(String account, @Nullable Client client, Function<AccountBook, T> work) {
    Ticket ticket = new Ticket(client);
    boolean kept = false;
    try {
      T result =
          store.inAccount(
              account,
              book -> {
                Client known = ticket.client;
                if (known == null) {
                  known = client(account);
                  ticket.client = known;
                } else if (ticket.number >= 0) {
                  // The store ran the work again (a retried transaction): the first run wrote
                  // nothing.
                  known.events().complete(ticket.number, List.of());
                }
                ticket.number = known.events().take();
                RecordingBook recording = new RecordingBook(book);
                T value = work.apply(recording);
                ticket.events = recording.events(clock.instant());
                ticket.queuedVenueWork = recording.queuedVenueWork();
                return value;
              });
      kept = true;
      return result;
    } finally {
      Client known = ticket.client;
      if (known != null && ticket.number >= 0) {
        known.events().complete(ticket.number, kept ? ticket.events : List.of());
      }
      VenueLink link = venue;
      if (ticket.queuedVenueWork && link != null) {
        // Started only now, outside the account's serialization: an executor that runs the work
        // at once (on this thread) must not call the venue, whose answers come back through this
        // account's serialization, while holding it.
        link.start(account);
      }
    }
  }

  /** What the engine keeps of {@code account}, made on first use; the account must exist. */
  private Client client(String account) {
    Client known = clients.get(account);
    return known != null
        ? known
        : clients.computeIfAbsent(
            account, a -> new Client(events.newSequencer(), cash.ids(account)));
  }

  /** What the engine keeps of {@code account}, or null when the store has no such account. */
  private @Nullable Client existingClient(String account) {
    Client known = clients.get(account);
    if (known != null) {
      return known;
    }
    // Only an account the store has gets an entry, and no account is ever removed.
    return store.hasAccount(account) ? client(account) : null;
  }

  /**
   * What the engine keeps of an account it has worked on, found with one lookup: the sequencer of
   * its events and its ledger account ids.
   */
  private record Client(OrderEventPublisher.Sequencer events, ClientCash.AccountIds ledger) {}

  /** The ticket of one change and the events it will publish. */
  private static final class Ticket {
    private @Nullable Client client;
    private long number = -1;
    private List<OrderEvent> events = List.of();
    private boolean queuedVenueWork;

    Ticket(@Nullable Client client) {
      this.client = client;
    }
  }

  /** Sends orders to {@code link}'s venue from now on. */
  void attach(VenueLink link) {
    venue = link;
  }

  // ---------------------------------------------------------------- commands

  OrderResult submit(SubmitOrder request) {
    Args.notNull(request, "submit request");
    return onClient(request.account(), (book, client) -> judgeSubmit(book, client, request));
  }

  OrderResult cancel(String account, String clientOrderId) {
    return onOrder(
        account,
        clientOrderId,
        (book, order) -> {
          if (!isWorking(order.status())) {
            return OrderResult.of(OrderCode.INVALID_TRANSITION, order);
          }
          ClientOrder.Draft d = order.draft();
          d.status = ClientOrderStatus.PENDING_CANCEL;
          enqueueVenueWork(book, OutboxKind.CANCEL, order.clientOrderId());
          return save(book, d);
        });
  }

  OrderResult replace(ReplaceOrder request) {
    Args.notNull(request, "replace request");
    return onOrder(
        request.account(),
        request.clientOrderId(),
        (book, order) -> judgeReplace(book, order, request));
  }

  // ---------------------------------------------------------------- venue events

  @Override
  public OrderResult venueAccept(String account, String clientOrderId) {
    return onOrder(
        account,
        clientOrderId,
        (book, order) -> {
          ClientOrder.Draft d = order.draft();
          if (order.status() == ClientOrderStatus.PENDING_NEW) {
            d.status = ClientOrderStatus.ACCEPTED;
          } else if (order.status() != ClientOrderStatus.PENDING_CANCEL || order.acknowledged()) {
            return OrderResult.of(OrderCode.INVALID_TRANSITION, order);
          }
          d.acknowledged = true;
          return save(book, d);
        });
  }

  @Override
  public OrderResult venueReject(String account, String clientOrderId, @Nullable String reason) {
    return onOrder(
        account,
        clientOrderId,
        (book, order) -> {
          boolean unacknowledgedCancel =
              order.status() == ClientOrderStatus.PENDING_CANCEL && !order.acknowledged();
          if (order.status() != ClientOrderStatus.PENDING_NEW && !unacknowledgedCancel) {
            return OrderResult.of(OrderCode.INVALID_TRANSITION, order);
          }
          ClientOrder.Draft d = order.draft();
          d.status = ClientOrderStatus.REJECTED;
          d.reason = reason;
          close(book, d);
          return save(book, d);
        });
  }

  @Override
  public OrderResult fill(
      String account, String clientOrderId, String execId, BigDecimal qty, BigDecimal price) {
    Args.id(execId, "execId");
    Args.notNull(qty, "fill qty");
    Args.notNull(price, "fill price");
    return onOrder(
        account, clientOrderId, (book, order) -> judgeFill(book, order, execId, qty, price));
  }

  @Override
  public OrderResult cancelAck(String account, String clientOrderId) {
    return onOrder(
        account, clientOrderId, (book, order) -> end(book, order, ClientOrderStatus.CANCELED));
  }

  @Override
  public OrderResult cancelReject(String account, String clientOrderId) {
    return onOrder(
        account,
        clientOrderId,
        (book, order) -> {
          if (order.status() != ClientOrderStatus.PENDING_CANCEL) {
            return OrderResult.of(OrderCode.INVALID_TRANSITION, order);
          }
          ClientOrder.Draft d = order.draft();
          d.status = working(order);
          return save(book, d);
        });
  }

  @Override
  public OrderResult replaceAck(String account, String clientOrderId) {
    return onOrder(account, clientOrderId, this::applyReplaceAck);
  }

  @Override
  public OrderResult replaceReject(String account, String clientOrderId) {
    return onOrder(
        account,
        clientOrderId,
        (book, order) -> {
          if (order.status() != ClientOrderStatus.PENDING_REPLACE) {
            return OrderResult.of(OrderCode.INVALID_TRANSITION, order);
          }
          ClientOrder.Draft d = order.draft();
          d.status = working(order);
          d.pendingReplace = null;
          rehold(book, d);
          return save(book, d);
        });
  }

  @Override
  public OrderResult expire(String account, String clientOrderId) {
    return onOrder(
        account, clientOrderId, (book, order) -> end(book, order, ClientOrderStatus.EXPIRED));
  }

  @Override
  public void endOfDay() {
    for (String account : store.accounts()) {
      withBook(
          account,
          book -> {
            drain(book);
            for (ClientOrder order : book.orders()) {
              if (order.isOpen() && order.timeInForce() == TimeInForce.DAY) {
                end(book, order, ClientOrderStatus.EXPIRED);
              }
            }
            return Boolean.TRUE;
          });
      drainLater(account);
    }
  }

  /** Does what every account's outbox still holds: at start-up, after a crash. */
  void recover() {
    for (String account : store.accounts()) {
      drainLater(account);
    }
  }

  // ---------------------------------------------------------------- judging

  private OrderResult judgeSubmit(AccountBook book, Client client, SubmitOrder s) {
    String coid = s.clientOrderId();
    if (book.isTaken(coid)) {
      ClientOrder existing = book.order(coid).orElse(null);
      if (existing != null && existing.replaces() == null && sameRequest(existing, s)) {
        return OrderResult.of(OrderCode.EXISTS, existing);
      }
      return OrderResult.of(OrderCode.CLIENT_ORDER_ID_IN_USE, existing);
    }
    if (kyc != null && kyc.status(book.account()) != KycStatus.APPROVED) {
      return OrderResult.of(OrderCode.KYC_REQUIRED, null);
    }
    Instant now = clock.instant();
    Instrument instrument = market.instrument(s.symbol()).orElse(null);
    ProposedOrder proposed =
        new ProposedOrder(
            s.symbol(),
            s.side(),
            s.type(),
            s.timeInForce(),
            s.qty(),
            s.notional(),
            s.limitPrice(),
            s.stopPrice());
    BigDecimal basis = basis(proposed, instrument);
    BigDecimal reserve = reserve(proposed, basis);
    RiskLimits limits = controls.limits(book.account());
    RateLimit rate = limits.rateLimit();
    int recent = rate == null ? 0 : book.submitsAfter(now.minusSeconds(rate.seconds()));
    ClientCash.Funds funds = cash.funds(client.ledger());
    RiskContext ctx =
        context(
            book, proposed, instrument, limits, reserve, now, recent, null, funds.buyingPower());
    Optional<RiskCode> failure = judge(ctx);
    if (failure.isPresent()) {
      return deny(book, s, failure.get(), now);
    }
    int generation = 0;
    if (proposed.isBuy()) {
      if (!cash.hold(client.ledger(), coid, 1, ClientCash.cents(reserve), funds.available())) {
        // Funds moved between the check and the hold (a withdrawal held the client's cash).
        return deny(book, s, RiskCode.INSUFFICIENT_BUYING_POWER, now);
      }
      generation = 1;
    }
    ClientOrder order =
        newOrder(
            s,
            ClientOrderStatus.PENDING_NEW,
            null,
            s.notional() == null ? basis : null,
            generation,
            now);
    book.take(coid);
    book.registerOrderId(order.orderId(), coid);
    book.putOrder(order);
    book.recordSubmit(now);
    enqueueVenueWork(book, OutboxKind.SEND, coid);
    return OrderResult.of(OrderCode.OK, order);
  }

  private OrderResult deny(AccountBook book, SubmitOrder s, RiskCode code, Instant now) {
    ClientOrder order = newOrder(s, ClientOrderStatus.DENIED, code.name(), null, 0, now);
    book.take(s.clientOrderId());
    book.putOrder(order);
    return OrderResult.denied(code, order);
  }

  private OrderResult judgeReplace(AccountBook book, ClientOrder order, ReplaceOrder r) {
    if (order.status() != ClientOrderStatus.ACCEPTED
        && order.status() != ClientOrderStatus.PARTIALLY_FILLED) {
      return OrderResult.of(OrderCode.INVALID_TRANSITION, order);
    }
    if (order.isNotional()) {
      return OrderResult.of(OrderCode.NOT_REPLACEABLE, order);
    }
    if (book.isTaken(r.newClientOrderId())) {
      return OrderResult.of(OrderCode.CLIENT_ORDER_ID_IN_USE, order);
    }
    Instant now = clock.instant();
    Instrument instrument = market.instrument(order.symbol()).orElse(null);
    ProposedOrder proposed =
        new ProposedOrder(
            order.symbol(),
            order.side(),
            order.type(),
            orElse(r.timeInForce(), order.timeInForce()),
            orElse(r.qty(), Args.notNull(order.remaining(), "remaining")),
            null,
            r.limitPrice() != null ? r.limitPrice() : order.limitPrice(),
            r.stopPrice() != null ? r.stopPrice() : order.stopPrice());
    BigDecimal basis = basis(proposed, instrument);
    BigDecimal reserve = reserve(proposed, basis);
    RiskContext ctx =
        context(
            book,
            proposed,
            instrument,
            controls.limits(book.account()),
            reserve,
            now,
            0,
            order,
            cash.buyingPower(book.account()));
    Optional<RiskCode> failure = judge(ctx);
    if (failure.isPresent()) {
      return OrderResult.denied(failure.get(), order);
    }
    ClientOrder.Draft d = order.draft();
    d.status = ClientOrderStatus.PENDING_REPLACE;
    d.pendingReplace =
        new PendingReplace(
            r.newClientOrderId(),
            r.qty(),
            r.limitPrice(),
            r.stopPrice(),
            r.timeInForce(),
            Args.notNull(basis, "basis of the new order"));
    rehold(book, d);
    book.take(r.newClientOrderId());
    book.registerOrderId(orderId(book.account(), r.newClientOrderId()), r.newClientOrderId());
    enqueueVenueWork(book, OutboxKind.REPLACE, order.clientOrderId());
    return save(book, d);
  }

  private OrderResult judgeFill(
      AccountBook book, ClientOrder order, String execId, BigDecimal qty, BigDecimal price) {
    if (book.hasFill(order.clientOrderId(), execId)) {
      return OrderResult.of(OrderCode.DUPLICATE_FILL, order);
    }
    ClientOrderStatus status = order.status();
    if (!isWorking(status)
        && status != ClientOrderStatus.PENDING_CANCEL
        && status != ClientOrderStatus.PENDING_REPLACE
        && status != ClientOrderStatus.CANCELED) {
      return OrderResult.of(OrderCode.INVALID_TRANSITION, order);
    }
    if (qty.signum() <= 0 || price.signum() <= 0) {
      return OrderResult.of(OrderCode.INVALID_FILL, order);
    }
    BigDecimal amount = qty.multiply(price).setScale(2, RoundingMode.HALF_EVEN);
    BigDecimal notional = order.notional();
    BigDecimal orderQty = order.qty();
    if (notional != null
        ? order.filledAmount().add(amount).compareTo(notional) > 0
        : order.filledQty().add(qty).compareTo(Args.notNull(orderQty, "qty")) > 0) {
      return OrderResult.of(OrderCode.OVERFILL, order);
    }
    if (order.timeInForce() == TimeInForce.FOK
        && notional == null
        && qty.compareTo(Args.notNull(order.remaining(), "remaining")) < 0) {
      return OrderResult.of(OrderCode.FOK_PARTIAL_FILL, order);
    }
    Instant now = clock.instant();
    ClientOrder.Draft d = order.draft();
    d.filledQty = order.filledQty().add(qty);
    d.filledValue = order.filledValue().add(qty.multiply(price));
    d.filledAmount = order.filledAmount().add(amount);
    d.acknowledged = true;
    d.updatedAt = now;
    boolean complete = Args.notNull(d.build().remaining(), "remaining").signum() == 0;
    if (complete) {
      d.status = ClientOrderStatus.FILLED;
      d.pendingReplace = null;
    } else if (isWorking(status)) {
      d.status = ClientOrderStatus.PARTIALLY_FILLED;
    }
    String account = book.account();
    book.addFill(
        new OrderFill(
            account,
            order.clientOrderId(),
            execId,
            order.symbol(),
            order.side(),
            qty,
            price,
            amount,
            now));
    ClientPosition position =
        book.position(order.symbol()).orElseGet(() -> ClientPosition.flat(account, order.symbol()));
    book.putPosition(PositionMath.apply(position, order.side(), qty, price, amount));
    String entryId =
        "fill/" + order.clientOrderId().length() + "/" + order.clientOrderId() + "/" + execId;
    if (order.isBuy()) {
      long reserve = ClientCash.cents(d.build().reserve());
      int to = reserve > 0 ? order.holdGeneration() + 1 : 0;
      book.enqueue(
          new OutboxEntry(
              entryId,
              OutboxKind.BUY_FILL,
              order.clientOrderId(),
              execId,
              order.holdGeneration(),
              to,
              ClientCash.cents(amount),
              reserve));
      d.holdGeneration = to;
    } else {
      boolean crypto =
          market
              .instrument(order.symbol())
              .map(i -> i.assetClass() == AssetClass.CRYPTO)
              .orElse(false);
      book.enqueue(
          new OutboxEntry(
              entryId,
              crypto ? OutboxKind.SELL_TO_CASH : OutboxKind.SELL_TO_UNSETTLED,
              order.clientOrderId(),
              execId,
              0,
              0,
              ClientCash.cents(amount),
              0));
    }
    return save(book, d);
  }

  private OrderResult applyReplaceAck(AccountBook book, ClientOrder order) {
    PendingReplace pending = order.pendingReplace();
    if (order.status() != ClientOrderStatus.PENDING_REPLACE || pending == null) {
      return OrderResult.of(OrderCode.INVALID_TRANSITION, order);
    }
    Instant now = clock.instant();
    ClientOrder.Draft old = order.draft();
    old.status = ClientOrderStatus.REPLACED;
    old.replacedBy = pending.newClientOrderId();
    old.pendingReplace = null;
    close(book, old);
    OrderResult result = save(book, old);

    String coid = pending.newClientOrderId();
    ClientOrder.Draft d = order.draft();
    d.clientOrderId = coid;
    d.orderId = orderId(book.account(), coid);
    d.timeInForce = orElse(pending.timeInForce(), order.timeInForce());
    d.qty = orElse(pending.qty(), Args.notNull(order.remaining(), "remaining"));
    d.limitPrice = pending.limitPrice() != null ? pending.limitPrice() : order.limitPrice();
    d.stopPrice = pending.stopPrice() != null ? pending.stopPrice() : order.stopPrice();
    d.status = ClientOrderStatus.ACCEPTED;
    d.reason = null;
    d.filledQty = BigDecimal.ZERO;
    d.filledValue = BigDecimal.ZERO;
    d.filledAmount = BigDecimal.ZERO.setScale(2);
    d.replaces = order.clientOrderId();
    d.replacedBy = null;
    d.acknowledged = true;
    d.pendingReplace = null;
    d.reserveBasis = pending.basis();
    d.holdGeneration = 0;
    d.venueOrderId = null;
    d.createdAt = now;
    d.updatedAt = now;
    rehold(book, d);
    book.putOrder(d.build());
    return result;
  }

  // ---------------------------------------------------------------- helpers

  /** Moves an open order to a final status (CANCELED, EXPIRED), releasing what it held. */
  private OrderResult end(AccountBook book, ClientOrder order, ClientOrderStatus status) {
    if (!order.isOpen()) {
      return OrderResult.of(OrderCode.INVALID_TRANSITION, order);
    }
    ClientOrder.Draft d = order.draft();
    d.status = status;
    d.pendingReplace = null;
    close(book, d);
    return save(book, d);
  }

  /** Releases the order's hold, if it has one. */
  private static void close(AccountBook book, ClientOrder.Draft d) {
    if (d.holdGeneration > 0) {
      book.enqueue(holdChange(d, 0, 0));
      d.holdGeneration = 0;
    }
  }

  /** Holds the order's reserve as it now is as the next generation of its hold (buys only). */
  private static void rehold(AccountBook book, ClientOrder.Draft d) {
    if (d.side != dev.speedtrade.broker.OrderSide.BUY) {
      return;
    }
    long reserve = ClientCash.cents(d.build().reserve());
    int to = reserve > 0 ? d.holdGeneration + 1 : 0;
    book.enqueue(holdChange(d, to, reserve));
    d.holdGeneration = to;
  }

  private static OutboxEntry holdChange(ClientOrder.Draft d, int to, long reserve) {
    return new OutboxEntry(
        "hold/"
            + d.clientOrderId.length()
            + "/"
            + d.clientOrderId
            + "/"
            + d.holdGeneration
            + "/"
            + to,
        OutboxKind.HOLD_CHANGE,
        d.clientOrderId,
        null,
        d.holdGeneration,
        to,
        0,
        reserve);
  }

  private OrderResult save(AccountBook book, ClientOrder.Draft d) {
    d.updatedAt = clock.instant();
    ClientOrder order = d.build();
    book.putOrder(order);
    return OrderResult.of(OrderCode.OK, order);
  }

  /** Returns the contract's {@code W}: where an order goes back to when a request is refused. */
  private static ClientOrderStatus working(ClientOrder order) {
    if (order.filledQty().signum() > 0) {
      return ClientOrderStatus.PARTIALLY_FILLED;
    }
    return order.acknowledged() ? ClientOrderStatus.ACCEPTED : ClientOrderStatus.PENDING_NEW;
  }

  /** PENDING_NEW, ACCEPTED or PARTIALLY_FILLED: open with no request pending. */
  private static boolean isWorking(ClientOrderStatus status) {
    return status == ClientOrderStatus.PENDING_NEW
        || status == ClientOrderStatus.ACCEPTED
        || status == ClientOrderStatus.PARTIALLY_FILLED;
  }

  private RiskContext context(
      AccountBook book,
      ProposedOrder proposed,
      @Nullable Instrument instrument,
      RiskLimits limits,
      BigDecimal reserve,
      Instant now,
      int recentSubmits,
      @Nullable ClientOrder excluded,
      BigDecimal fundsBuyingPower) {
    OpenQuantities open = book.openQuantities(proposed.symbol());
    BigDecimal openBuy = open.buy();
    BigDecimal openSell = open.sell();
    if (excluded != null) {
      // The order a replace would replace is left out of the sums.
      if (excluded.isBuy()) {
        openBuy = openBuy.subtract(excluded.openQty());
      } else {
        openSell = openSell.subtract(excluded.openQty());
      }
    }
    BigDecimal buyingPower = fundsBuyingPower;
    if (excluded != null) {
      buyingPower = buyingPower.add(excluded.reserve());
    }
    BigDecimal p =
        book.position(proposed.symbol()).map(ClientPosition::qty).orElse(BigDecimal.ZERO);
    return new RiskContext(
        proposed,
        instrument,
        controls.effectiveState(book.account()),
        limits,
        p,
        openBuy,
        openSell,
        buyingPower,
        reserve,
        market.isOpen(),
        now,
        recentSubmits,
        excluded != null);
  }

  /**
   * Returns a qty order's reserve basis at the mark now, or null when it has none (no instrument, a
   * notional order, a missing price: pre-trade risk refuses those before the basis matters).
   */
  private static @Nullable BigDecimal basis(ProposedOrder o, @Nullable Instrument instrument) {
    if (instrument == null || o.qty() == null) {
      return null;
    }
    OrderType type = o.type();
    if ((type.hasLimitPrice() && o.limitPrice() == null)
        || (type == OrderType.STOP && o.stopPrice() == null)) {
      return null;
    }
    return Reserve.basis(type, o.limitPrice(), o.stopPrice(), instrument.mark());
  }

  /** Returns what the order would reserve: zero for a sell, or where risk refuses it anyway. */
  private static BigDecimal reserve(ProposedOrder o, @Nullable BigDecimal basis) {
    BigDecimal zero = BigDecimal.ZERO.setScale(2);
    if (!o.isBuy()) {
      return zero;
    }
    BigDecimal notional = o.notional();
    if (notional != null) {
      return notional.signum() > 0 ? notional.setScale(2, RoundingMode.CEILING) : zero;
    }
    BigDecimal qty = o.qty();
    if (qty == null || basis == null || qty.signum() <= 0 || basis.signum() < 0) {
      return zero;
    }
    return Reserve.reserve(qty, basis);
  }

  private ClientOrder newOrder(
      SubmitOrder s,
      ClientOrderStatus status,
      @Nullable String reason,
      @Nullable BigDecimal basis,
      int generation,
      Instant now) {
    return new ClientOrder(
        s.account(),
        s.clientOrderId(),
        orderId(s.account(), s.clientOrderId()),
        s.symbol(),
        s.side(),
        s.type(),
        s.timeInForce(),
        s.qty(),
        s.notional(),
        s.limitPrice(),
        s.stopPrice(),
        status,
        reason,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO.setScale(2),
        null,
        null,
        false,
        null,
        basis,
        generation,
        null,
        now,
        now);
  }

  /** The platform's id of an order: a name-based UUID of its account and client order id. */
  static String orderId(String account, String clientOrderId) {
    byte[] name =
        (account.length() + ":" + account + clientOrderId).getBytes(StandardCharsets.UTF_8);
    // UUID.nameUUIDFromBytes(name), with a copy of a ready digest instead of a provider lookup.
    byte[] md5 = md5().digest(name);
    md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
    md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
    ByteBuffer bits = ByteBuffer.wrap(md5);
    return new UUID(bits.getLong(), bits.getLong()).toString();
  }

  private static MessageDigest md5() {
    try {
      return (MessageDigest) MD5.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException missing) {
        throw new IllegalStateException("every JVM has MD5", missing);
      }
    }
  }

  /** Never updated: each order id digests with a copy of it. */
  private static final MessageDigest MD5 = newMd5();

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }

  private static boolean sameRequest(ClientOrder o, SubmitOrder s) {
    return o.symbol().equals(s.symbol())
        && o.side() == s.side()
        && o.type() == s.type()
        && o.timeInForce() == s.timeInForce()
        && same(o.qty(), s.qty())
        && same(o.notional(), s.notional())
        && same(o.limitPrice(), s.limitPrice())
        && same(o.stopPrice(), s.stopPrice());
  }

  /** Compares decimals numerically; absent equals only absent. */
  private static boolean same(@Nullable BigDecimal a, @Nullable BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  private static <T> T orElse(@Nullable T value, T fallback) {
    return value != null ? value : fallback;
  }

  // ---------------------------------------------------------------- serialization

  private OrderResult onOrder(
      String account,
      String clientOrderId,
      BiFunction<AccountBook, ClientOrder, OrderResult> work) {
    Args.id(clientOrderId, "clientOrderId");
    return onAccount(
        account,
        book ->
            book.order(clientOrderId)
                .map(order -> work.apply(book, order))
                .orElseGet(() -> OrderResult.of(OrderCode.ORDER_NOT_FOUND, null)));
  }

  private OrderResult onAccount(String account, Function<AccountBook, OrderResult> work) {
    return onClient(account, (book, client) -> work.apply(book));
  }

  /** Runs {@code work} on the account's book, with what the engine keeps of the account. */
  private OrderResult onClient(String account, BiFunction<AccountBook, Client, OrderResult> work) {
    Args.id(account, "account");
    Client client = existingClient(account);
    if (client == null) {
      return OrderResult.of(OrderCode.ACCOUNT_NOT_FOUND, null);
    }
    boolean[] owesWork = {false};
    OrderResult result =
        withBook(
            account,
            client,
            book -> {
              drain(book);
              OrderResult answer = work.apply(book, client);
              owesWork[0] = !book.outbox().isEmpty();
              return answer;
            });
    if (owesWork[0]) {
      drainLater(account);
    }
    return result;
  }

  /** Does the account's outbox in a call of its own, after the change that filled it is kept. */
  /** Does {@code account}'s outbox again: its ledger work now, its venue work dispatched. */
  void retry(String account) {
    drainLater(account);
  }

  private void drainLater(String account) {
    withBook(
        account,
        book -> {
          drain(book);
          return Boolean.TRUE;
        });
  }

  /**
   * Does the outbox's ledger work now, and queues its venue work with the venue link, to be started
   * once the account's serialization is left ({@link RecordingBook#noteVenueWork}).
   */
  private void drain(AccountBook book) {
    for (OutboxEntry entry : book.outbox()) {
      if (entry.kind().isVenueWork()) {
        VenueLink link = venue;
        if (link != null) {
          if (book instanceof RecordingBook recording) {
            link.queue(book.account(), entry);
            recording.noteVenueWork();
          } else {
            link.dispatch(book.account(), entry);
          }
        }
        continue;
      }
      cash.complete(book.account(), entry);
      book.dequeue(entry);
    }
  }

  /** Records venue work the change owes, when the service has a venue. */
  private void enqueueVenueWork(AccountBook book, OutboxKind kind, String clientOrderId) {
    if (venue == null) {
      return;
    }
    String id =
        kind.name().toLowerCase(java.util.Locale.ROOT)
            + "/"
            + clientOrderId.length()
            + "/"
            + clientOrderId
            + "/"
            + clock.instant();
    book.enqueue(new OutboxEntry(id, kind, clientOrderId, null, 0, 0, 0, 0));
  }

  /**
   * Removes {@code entry}'s venue work from the outbox once the venue answered, recording the
   * venue's id of the order when it gave one.
   */
  void venueWorkDone(String account, OutboxEntry entry, @Nullable String venueOrderId) {
    withBook(
        account,
        book -> {
          book.dequeue(entry);
          if (venueOrderId != null) {
            setVenueOrderId(book, entry.clientOrderId(), venueOrderId);
          }
          return Boolean.TRUE;
        });
  }

  /** Records the venue's id of an order, when the books do not have it yet. */
  void recordVenueOrderId(String account, String clientOrderId, String venueOrderId) {
    withBook(
        account,
        book -> {
          setVenueOrderId(book, clientOrderId, venueOrderId);
          return Boolean.TRUE;
        });
  }

  private static void setVenueOrderId(AccountBook book, String clientOrderId, String venueId) {
    book.order(clientOrderId)
        .filter(o -> o.venueOrderId() == null)
        .ifPresent(
            o -> {
              ClientOrder.Draft d = o.draft();
              d.venueOrderId = venueId;
              book.putOrder(d.build());
            });
  }

  /**
   * Applies the replaceAck of the order whose pending replace creates {@code clientOrderId}, when
   * the venue speaks of the new order first; true when it did.
   */
  boolean ackReplaceCreating(String account, String clientOrderId) {
    Optional<String> old =
        read(
            account,
            book ->
                book.orders().stream()
                    .filter(
                        o -> {
                          PendingReplace p = o.pendingReplace();
                          return p != null && p.newClientOrderId().equals(clientOrderId);
                        })
                    .map(ClientOrder::clientOrderId)
                    .findFirst());
    return old.isPresent() && replaceAck(account, old.get()).outcome() == OrderCode.OK;
  }

  /** Runs {@code read} on {@code account}'s book after doing its outbox. */
  <T> T read(String account, Function<AccountBook, T> read) {
    return withBook(
        account,
        book -> {
          drain(book);
          return read.apply(book);
        });
  }

  ClientCash cash() {
    return cash;
  }

  MarketView market() {
    return market;
  }

  Clock clock() {
    return clock;
  }
}
