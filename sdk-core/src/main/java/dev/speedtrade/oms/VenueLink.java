package dev.speedtrade.oms;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.ReplaceRequest;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradeUpdateEvent;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.oms.spi.OrderRef;
import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.oms.spi.OutboxEntry;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the books to one venue: does the venue work of the outbox (send, cancel, replace) on the
 * service's executor, and turns the venue's trade updates into {@link VenueEvents}.
 *
 * <ul>
 *   <li><b>Ids.</b> An order goes to the venue under its platform order id as the venue's client
 *       order id: unique across clients (two clients' {@code c1} never meet) and the same on every
 *       retry, so the venue itself refuses a second copy.
 *   <li><b>Order.</b> One account's venue work runs one entry at a time, in outbox order: a cancel
 *       never overtakes the send of its order. Accounts run in parallel.
 *   <li><b>Lost answers.</b> A send whose answer is lost (a timeout, a 5xx, an unreadable body) is
 *       looked up at the venue by its client order id: found, it is recorded as sent; not found,
 *       the entry stays in the outbox and is sent again, under the same id, by the next drain of
 *       the account (its next command, venue event, or {@link OrderService#recover()}).
 *   <li><b>Fills.</b> A fill heard with the venue's execution id is applied under that id. A fill
 *       inferred from the order's state (polled, no execution id) applies only the part of the
 *       venue's filled qty the books do not hold yet, so a fill heard before and polled again
 *       (after a restart) counts once.
 *   <li><b>Refusals.</b> A venue refusal of a send is a venueReject with the venue's code, of a
 *       cancel a cancelReject, of a replace a replaceReject.
 * </ul>
 */
final class VenueLink implements TradeUpdateListener {
  private static final Logger log = LoggerFactory.getLogger(VenueLink.class);
  private static final Currency USD = Currency.getInstance(ClientLedgerAccounts.CURRENCY);

  private final Broker venue;
  private final Executor executor;
  private final OrderStore store;
  private final OrderEngine engine;
  private final ConcurrentMap<String, AccountWork> work = new ConcurrentHashMap<>();
  // Accounts whose venue work stopped on an answer that was not sure; retried by the service's
  // timer, and by the account's next call.
  private final Set<String> retrying = ConcurrentHashMap.newKeySet();
  private volatile @Nullable Subscription subscription;

  VenueLink(Broker venue, Executor executor, OrderStore store, OrderEngine engine) {
    this.venue = venue;
    this.executor = executor;
    this.store = store;
    this.engine = engine;
  }

  Broker venue() {
    return venue;
  }

  /** Subscribes to the venue's trade updates. */
  void start() {
    subscription = venue.subscribe(this);
  }

  /** Ends the subscription to the venue's trade updates. */
  void stop() {
    Subscription current = subscription;
    if (current != null) {
      current.close();
    }
  }

  /**
   * Queues {@code entry}'s venue work unless it is queued or running already, and starts the
   * account's work. Called with committed entries only; never blocks.
   */
  void dispatch(String account, OutboxEntry entry) {
    work.computeIfAbsent(account, AccountWork::new).offer(entry);
  }

  /**
   * Queues {@code entry}'s venue work unless it is queued or running already, without starting
   * anything: called under the account's serialization, so that reading the outbox and queuing its
   * work are one step (an entry whose work has just finished is gone from the outbox, never queued
   * twice). {@link #start} then runs it, outside the serialization.
   */
  void queue(String account, OutboxEntry entry) {
    work.computeIfAbsent(account, AccountWork::new).add(entry);
  }

  /**
   * Starts {@code account}'s queued venue work, if any: called outside the account's serialization,
   * since an executor may run the work at once, on this thread, and the venue's answers come back
   * through that serialization.
   */
  void start(String account) {
    AccountWork queued = work.get(account);
    if (queued != null) {
      queued.kick();
    }
  }

  /** Returns the accounts whose venue work waits to be tried again, forgetting them. */
  Set<String> takeRetrying() {
    Set<String> accounts = new java.util.HashSet<>();
    for (String account : retrying) {
      if (retrying.remove(account)) {
        accounts.add(account);
      }
    }
    return accounts;
  }

  // ---------------------------------------------------------------- venue work

  /** What became of one entry's venue work. */
  private enum Done {
    /** The venue answered: the entry leaves the outbox. */
    ANSWERED,
    /** The venue did not answer for sure: the entry stays and is done again later. */
    RETRY
  }

  private Done perform(String account, OutboxEntry entry) {
    Optional<ClientOrder> found = engine.read(account, book -> book.order(entry.clientOrderId()));
    if (found.isEmpty()) {
      return finish(account, entry, null);
    }
    ClientOrder order = found.get();
    return switch (entry.kind()) {
      case SEND -> send(account, entry, order);
      case CANCEL -> cancel(account, entry, order);
      case REPLACE -> replace(account, entry, order);
      default -> throw new IllegalStateException("not venue work: " + entry);
    };
  }

  private Done send(String account, OutboxEntry entry, ClientOrder order) {
    if (!order.isOpen()) {
      return finish(account, entry, null);
    }
    if (order.status() == ClientOrderStatus.PENDING_CANCEL && !order.acknowledged()) {
      // Canceled before it was sent: unless an earlier attempt reached the venue, nothing is there.
      Optional<BrokerOrder> atVenue = lookUp(order);
      if (atVenue.isEmpty()) {
        engine.cancelAck(account, order.clientOrderId());
        return finish(account, entry, null);
      }
      return finish(account, entry, atVenue.get().id());
    }
    try {
      BrokerOrder placed = venue.submitOrder(request(order));
      return finish(account, entry, placed.id());
    } catch (SpeedTradeException e) {
      if (e.code() == ErrorCode.DUPLICATE_CLIENT_ORDER_ID) {
        return lookUp(order)
            .map(o -> finish(account, entry, o.id()))
            .orElseGet(() -> retry(entry, e));
      }
      if (isRefusal(e)) {
        engine.venueReject(account, order.clientOrderId(), e.code().name());
        return finish(account, entry, null);
      }
      return afterUnknownAnswer(account, entry, order, e);
    } catch (RuntimeException e) {
      return afterUnknownAnswer(account, entry, order, e);
    }
  }

  private Done afterUnknownAnswer(
      String account, OutboxEntry entry, ClientOrder order, RuntimeException cause) {
    Optional<BrokerOrder> atVenue;
    try {
      atVenue = lookUp(order);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      return retry(entry, cause);
    }
    return atVenue.map(o -> finish(account, entry, o.id())).orElseGet(() -> retry(entry, cause));
  }

  private Done cancel(String account, OutboxEntry entry, ClientOrder order) {
    if (order.status() != ClientOrderStatus.PENDING_CANCEL) {
      return finish(account, entry, null);
    }
    try {
      String venueId = venueOrderId(order);
      if (venueId == null) {
        if (!order.acknowledged()) {
          engine.cancelAck(account, order.clientOrderId());
        } else {
          engine.cancelReject(account, order.clientOrderId());
        }
        return finish(account, entry, null);
      }
      venue.cancelOrder(venueId);
      return finish(account, entry, null);
    } catch (SpeedTradeException e) {
      if (isRefusal(e) || e.code() == ErrorCode.ORDER_NOT_FOUND) {
        engine.cancelReject(account, order.clientOrderId());
        return finish(account, entry, null);
      }
      return retry(entry, e);
    } catch (RuntimeException e) {
      return retry(entry, e);
    }
  }

  private Done replace(String account, OutboxEntry entry, ClientOrder order) {
    PendingReplace pending = order.pendingReplace();
    if (order.status() != ClientOrderStatus.PENDING_REPLACE || pending == null) {
      return finish(account, entry, null);
    }
    try {
      String venueId = venueOrderId(order);
      if (venueId == null) {
        engine.replaceReject(account, order.clientOrderId());
        return finish(account, entry, null);
      }
      venue.replaceOrder(venueId, replaceRequest(account, pending));
      return finish(account, entry, null);
    } catch (SpeedTradeException e) {
      if (isRefusal(e) || e.code() == ErrorCode.ORDER_NOT_FOUND) {
        engine.replaceReject(account, order.clientOrderId());
        return finish(account, entry, null);
      }
      return retry(entry, e);
    } catch (RuntimeException e) {
      return retry(entry, e);
    }
  }

  private @Nullable String venueOrderId(ClientOrder order) {
    String known = order.venueOrderId();
    return known != null ? known : lookUp(order).map(BrokerOrder::id).orElse(null);
  }

  private Optional<BrokerOrder> lookUp(ClientOrder order) {
    return venue.orderByClientOrderId(order.orderId());
  }

  private Done finish(String account, OutboxEntry entry, @Nullable String venueOrderId) {
    engine.venueWorkDone(account, entry, venueOrderId);
    return Done.ANSWERED;
  }

  private static Done retry(OutboxEntry entry, RuntimeException cause) {
    log.warn("Venue work {} did not complete; it stays in the outbox: {}", entry.id(), cause);
    return Done.RETRY;
  }

  /**
   * A definite refusal by the venue: anything but an outside failure (a provider or store problem,
   * which may have happened after the venue acted) or this JVM closing.
   */
  private static boolean isRefusal(SpeedTradeException e) {
    ErrorCode.Category category = e.code().category();
    if (e.code() == ErrorCode.ORDER_REJECTED) {
      return true;
    }
    return category != ErrorCode.Category.PROVIDER
        && category != ErrorCode.Category.STORE
        && e.code() != ErrorCode.CLOSED;
  }

  private static OrderRequest request(ClientOrder order) {
    BigDecimal qty = order.qty();
    BigDecimal notional = order.notional();
    BigDecimal limit = order.limitPrice();
    BigDecimal stop = order.stopPrice();
    OrderRequest.Builder b =
        OrderRequest.builder()
            .symbol(order.symbol())
            .side(order.side())
            .type(order.type())
            .timeInForce(order.timeInForce())
            .clientOrderId(order.orderId());
    if (qty != null) {
      b.qty(Quantity.of(qty));
    }
    if (notional != null) {
      b.notional(Money.of(notional, USD));
    }
    if (limit != null) {
      b.limitPrice(Price.of(limit));
    }
    if (stop != null) {
      b.stopPrice(Price.of(stop));
    }
    return b.build();
  }

  private static ReplaceRequest replaceRequest(String account, PendingReplace pending) {
    BigDecimal qty = pending.qty();
    BigDecimal limit = pending.limitPrice();
    BigDecimal stop = pending.stopPrice();
    ReplaceRequest.Builder b =
        ReplaceRequest.builder()
            .clientOrderId(OrderEngine.orderId(account, pending.newClientOrderId()));
    if (qty != null) {
      b.qty(Quantity.of(qty));
    }
    if (limit != null) {
      b.limitPrice(Price.of(limit));
    }
    if (stop != null) {
      b.stopPrice(Price.of(stop));
    }
    if (pending.timeInForce() != null) {
      b.timeInForce(pending.timeInForce());
    }
    return b.build();
  }

  // ---------------------------------------------------------------- trade updates

  @Override
  public void onEvent(TradeUpdate update) {
    BrokerOrder order = update.order();
    Optional<OrderRef> ref = store.locate(order.clientOrderId());
    if (ref.isEmpty()) {
      log.debug("Trade update for order {} the books do not know: ignored", order.id());
      return;
    }
    String account = ref.get().account();
    String coid = ref.get().clientOrderId();
    OrderResult result = apply(update, account, coid);
    if (result != null && result.outcome() == OrderCode.ORDER_NOT_FOUND) {
      // The new order of a replace, heard of before the venue's "replaced" for the old one.
      if (engine.ackReplaceCreating(account, coid)) {
        result = apply(update, account, coid);
      }
    }
    if (result == null) {
      return;
    }
    if (result.outcome() != OrderCode.OK) {
      log.debug("Trade update {} for {}/{}: {}", update.event(), account, coid, result.code());
    }
    ClientOrder known = result.order();
    if (known != null && known.venueOrderId() == null) {
      engine.recordVenueOrderId(account, coid, order.id());
    }
    String newCoid = known == null ? null : known.replacedBy();
    String newVenueId = order.replacedBy();
    if (update.event() == TradeUpdateEvent.REPLACED && newCoid != null && newVenueId != null) {
      engine.recordVenueOrderId(account, newCoid, newVenueId);
    }
  }

  private @Nullable OrderResult apply(TradeUpdate update, String account, String coid) {
    return switch (update.event()) {
      case NEW -> engine.venueAccept(account, coid);
      case PARTIAL_FILL, FILL -> fill(update, account, coid);
      case CANCELED -> engine.cancelAck(account, coid);
      case EXPIRED -> engine.expire(account, coid);
      case REJECTED -> engine.venueReject(account, coid, update.order().rejectReason());
      case REPLACED -> engine.replaceAck(account, coid);
      case ORDER_CANCEL_REJECTED -> engine.cancelReject(account, coid);
      case ORDER_REPLACE_REJECTED -> engine.replaceReject(account, coid);
      // Working states the books already hold, and states the contract has no event for.
      case PENDING_NEW,
          PENDING_CANCEL,
          PENDING_REPLACE,
          DONE_FOR_DAY,
          STOPPED,
          SUSPENDED,
          CALCULATED ->
          null;
    };
  }

  private @Nullable OrderResult fill(TradeUpdate update, String account, String coid) {
    Quantity qty = update.qty();
    Price price = update.price();
    if (qty == null || price == null) {
      throw new IllegalStateException("a fill update carries its qty and price: " + update);
    }
    String execId = update.executionId();
    BigDecimal fillQty = qty.value();
    if (execId == null) {
      // Inferred from the order's state (a poll), not heard: the venue's filled qty is the fact,
      // and the books may hold some or all of it already from fills heard with their execution ids
      // (a poll after a restart re-reports them). Apply only what the books lack, named after the
      // venue's filled qty, so that the same state reported twice applies once.
      BigDecimal venueFilled = update.order().filledQty().value();
      BigDecimal booked =
          engine
              .read(account, book -> book.order(coid))
              .map(ClientOrder::filledQty)
              .orElse(BigDecimal.ZERO);
      BigDecimal missing = venueFilled.subtract(booked);
      if (missing.signum() <= 0) {
        log.debug("Polled fill of {}/{} already in the books: ignored", account, coid);
        return null;
      }
      fillQty = fillQty.min(missing);
      execId = update.order().id() + "@" + venueFilled.toPlainString();
    }
    return engine.fill(account, coid, execId, fillQty, price.value());
  }

  @Override
  public void onStreamFailure(SpeedTradeException failure) {
    log.error(
        "The venue's trade update stream failed for good ({}): order states stop following the"
            + " venue until it is mended; reconcileWithVenue lists what was missed",
        failure.code(),
        failure);
  }

  // ---------------------------------------------------------------- per-account queues

  /** One account's venue work: one entry at a time, in the order dispatched. */
  private final class AccountWork implements Runnable {
    private final String account;
    private final Queue<OutboxEntry> queued = new ConcurrentLinkedQueue<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();

    AccountWork(String account) {
      this.account = account;
    }

    void offer(OutboxEntry entry) {
      if (add(entry)) {
        schedule();
      }
    }

    /** Queues {@code entry} unless it is queued or running; true when it was queued. */
    boolean add(OutboxEntry entry) {
      if (known.add(entry.id())) {
        queued.add(entry);
        return true;
      }
      return false;
    }

    void kick() {
      if (!queued.isEmpty()) {
        schedule();
      }
    }

    private void schedule() {
      if (!running.compareAndSet(false, true)) {
        return;
      }
      try {
        executor.execute(this);
      } catch (RejectedExecutionException e) {
        running.set(false);
        log.warn("The order service's executor refused venue work for {}", account, e);
      }
    }

    @Override
    public void run() {
      OutboxEntry entry;
      while ((entry = queued.peek()) != null) {
        Done done;
        try {
          done = perform(account, entry);
        } catch (RuntimeException e) {
          done = retry(entry, e);
        }
        if (done == Done.RETRY) {
          retrying.add(account);
          // Keep the order: forget this entry and those behind it; the next drain offers them
          // again.
          OutboxEntry dropped;
          while ((dropped = queued.poll()) != null) {
            known.remove(dropped.id());
          }
          break;
        }
        queued.poll();
        known.remove(entry.id());
      }
      running.set(false);
      if (!queued.isEmpty()) {
        schedule();
      }
    }
  }
}
