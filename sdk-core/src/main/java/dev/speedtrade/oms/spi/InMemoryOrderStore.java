package dev.speedtrade.oms.spi;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.OrderFill;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OrderStore} in the JVM's memory, for tests, demos and single-process hosts: one lock
 * per account serializes its work. A work that throws keeps the writes it made before throwing (the
 * order service judges first and writes last, so it does not leave half a change).
 *
 * <p>Platform order ids ({@link AccountBook#registerOrderId}) are appended to a queue when
 * registered and filed into the platform-wide index by the first {@link #locate} after them (which
 * waits for a filing under way), so a submit never touches, or grows, an index shared by every
 * account. A registration is found by every thread once its work has returned.
 */
public final class InMemoryOrderStore implements OrderStore {
  private final ConcurrentMap<String, Book> books = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, OrderRef> refs = new ConcurrentHashMap<>();
  // Registrations not yet filed in refs: registering (on every submit) only appends here, and the
  // first lookup after files them, under filing's lock (so no lookup misses a registration that
  // happened before it).
  private final Queue<Registration> unfiled = new ConcurrentLinkedQueue<>();
  private final Object filing = new Object();

  /** Creates a store with no account. */
  public InMemoryOrderStore() {}

  @Override
  public boolean createAccount(String account) {
    if (account == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "account must not be null");
    }
    return books.putIfAbsent(account, new Book(account, unfiled)) == null;
  }

  @Override
  public boolean hasAccount(String account) {
    return account != null && books.containsKey(account);
  }

  @Override
  public List<String> accounts() {
    List<String> accounts = new ArrayList<>(books.keySet());
    accounts.sort(null);
    return accounts;
  }

  @Override
  public Optional<OrderRef> locate(String orderId) {
    if (orderId == null) {
      return Optional.empty();
    }
    OrderRef ref = refs.get(orderId);
    if (ref == null) {
      // Even with nothing left to file, the lock waits out a filing another lookup is doing.
      synchronized (filing) {
        Registration r;
        while ((r = unfiled.poll()) != null) {
          refs.putIfAbsent(r.orderId(), r.ref());
        }
      }
      ref = refs.get(orderId);
    }
    return Optional.ofNullable(ref);
  }

  /** A platform order id registered for an account's order, not yet filed. */
  private record Registration(String orderId, OrderRef ref) {}

  @Override
  public <T> T inAccount(String account, Function<AccountBook, T> work) {
    Book book = account == null ? null : books.get(account);
    if (book == null) {
      throw new SpeedTradeException(
          ErrorCode.ACCOUNT_NOT_FOUND, "no order book for account '" + account + "'");
    }
    synchronized (book) {
      return work.apply(book);
    }
  }

  /** One account's book; guarded by its own monitor. */
  private static final class Book implements AccountBook {
    private final String account;
    private final Queue<Registration> registrations;
    // Each client order id the book knows (taken, or an order's): one lookup answers both.
    private final Map<String, Id> ids = new HashMap<>();
    // The ids with an order, in the order of their orders' first puts.
    private final List<Id> orders = new ArrayList<>();
    // Each symbol's open orders, their open quantities and the position: a submit reads these.
    private final Map<String, SymbolBook> symbols = new HashMap<>();
    private final List<OrderFill> fills = new ArrayList<>();
    private final Set<String> execIds = new HashSet<>();
    // The instants of the submits, in time order, as seconds and nanoseconds: a submit counts the
    // latest ones, and plain arrays are read without visiting an object each.
    private long[] submitSeconds = new long[8];
    private int[] submitNanos = new int[8];
    private int submitCount;
    // Null while empty, as it nearly always is: a submit asks, and need not visit a list to learn.
    private @Nullable List<OutboxEntry> outbox;

    Book(String account, Queue<Registration> registrations) {
      this.account = account;
      this.registrations = registrations;
    }

    @Override
    public void registerOrderId(String orderId, String clientOrderId) {
      registrations.add(new Registration(orderId, new OrderRef(account, clientOrderId)));
    }

    @Override
    public String account() {
      return account;
    }

    @Override
    public Optional<ClientOrder> order(String clientOrderId) {
      Id id = ids.get(clientOrderId);
      return id == null ? Optional.empty() : Optional.ofNullable(id.order);
    }

    @Override
    public List<ClientOrder> orders() {
      List<ClientOrder> all = new ArrayList<>(orders.size());
      for (Id id : orders) {
        all.add(Objects.requireNonNull(id.order));
      }
      return Collections.unmodifiableList(all);
    }

    @Override
    public void putOrder(ClientOrder order) {
      Id id = id(order.clientOrderId());
      ClientOrder before = id.order;
      id.order = order;
      if (before == null) {
        orders.add(id);
      }
      if (before != null && !before.symbol().equals(order.symbol())) {
        symbol(before.symbol()).remove(before);
        before = null;
      }
      SymbolBook symbol = symbol(order.symbol());
      symbol.put(before, order);
    }

    private SymbolBook symbol(String symbol) {
      SymbolBook known = symbols.get(symbol);
      if (known == null) {
        known = new SymbolBook();
        symbols.put(symbol, known);
      }
      return known;
    }

    @Override
    public OpenQuantities openQuantities(String symbol) {
      SymbolBook known = symbols.get(symbol);
      return known == null ? OpenQuantities.NONE : known.quantities;
    }

    @Override
    public List<ClientOrder> openOrders(String symbol) {
      SymbolBook known = symbols.get(symbol);
      if (known == null || known.orders.isEmpty()) {
        return List.of();
      }
      // Oldest first: an order is open from its first put, and a closed one never opens again.
      return new ArrayList<>(known.orders.values());
    }

    @Override
    public boolean isTaken(String clientOrderId) {
      Id id = ids.get(clientOrderId);
      return id != null && id.taken;
    }

    @Override
    public void take(String clientOrderId) {
      id(clientOrderId).taken = true;
    }

    private Id id(String clientOrderId) {
      Id id = ids.get(clientOrderId);
      if (id == null) {
        id = new Id();
        ids.put(clientOrderId, id);
      }
      return id;
    }

    @Override
    public boolean hasFill(String clientOrderId, String execId) {
      return execIds.contains(key(clientOrderId, execId));
    }

    @Override
    public List<OrderFill> fills() {
      return List.copyOf(fills);
    }

    @Override
    public void addFill(OrderFill fill) {
      fills.add(fill);
      execIds.add(key(fill.clientOrderId(), fill.execId()));
    }

    @Override
    public Optional<ClientPosition> position(String symbol) {
      SymbolBook known = symbols.get(symbol);
      return known == null ? Optional.empty() : Optional.ofNullable(known.position);
    }

    @Override
    public List<ClientPosition> positions() {
      List<ClientPosition> all = new ArrayList<>();
      for (SymbolBook symbol : symbols.values()) {
        if (symbol.position != null) {
          all.add(symbol.position);
        }
      }
      all.sort(Comparator.comparing(ClientPosition::symbol));
      return Collections.unmodifiableList(all);
    }

    @Override
    public void putPosition(ClientPosition position) {
      symbol(position.symbol()).position = position;
    }

    @Override
    public void recordSubmit(Instant at) {
      if (submitCount == submitSeconds.length) {
        submitSeconds = Arrays.copyOf(submitSeconds, submitCount * 2);
        submitNanos = Arrays.copyOf(submitNanos, submitCount * 2);
      }
      // A clock that stepped back inserts a little before the end.
      int i = submitCount;
      while (i > 0 && isAfter(i - 1, at.getEpochSecond(), at.getNano())) {
        submitSeconds[i] = submitSeconds[i - 1];
        submitNanos[i] = submitNanos[i - 1];
        i--;
      }
      submitSeconds[i] = at.getEpochSecond();
      submitNanos[i] = at.getNano();
      submitCount++;
    }

    @Override
    public int submitsAfter(Instant after) {
      long seconds = after.getEpochSecond();
      int nanos = after.getNano();
      int count = 0;
      for (int i = submitCount - 1; i >= 0 && isAfter(i, seconds, nanos); i--) {
        count++;
      }
      return count;
    }

    /** True when submit {@code i} was strictly after the instant {@code seconds}.{@code nanos}. */
    private boolean isAfter(int i, long seconds, int nanos) {
      return submitSeconds[i] > seconds || (submitSeconds[i] == seconds && submitNanos[i] > nanos);
    }

    @Override
    public void enqueue(OutboxEntry entry) {
      List<OutboxEntry> entries = outbox;
      if (entries == null) {
        entries = new ArrayList<>();
        outbox = entries;
      }
      entries.add(entry);
    }

    @Override
    public List<OutboxEntry> outbox() {
      List<OutboxEntry> entries = outbox;
      return entries == null ? List.of() : List.copyOf(entries);
    }

    @Override
    public void dequeue(OutboxEntry entry) {
      List<OutboxEntry> entries = outbox;
      if (entries != null && entries.remove(entry) && entries.isEmpty()) {
        outbox = null;
      }
    }

    /** A client order id: taken or not, and its order if it has one. */
    private static final class Id {
      private boolean taken;
      private @Nullable ClientOrder order;
    }

    /**
     * What the book holds of one symbol, together because a submit reads it all: the open orders
     * (oldest first), the sums of their open quantities, and the position.
     */
    private static final class SymbolBook {
      private final Map<String, ClientOrder> orders = new LinkedHashMap<>();
      private OpenQuantities quantities = OpenQuantities.NONE;
      private @Nullable ClientPosition position;

      /** Replaces {@code before} (null: none) with {@code after}, both of this symbol. */
      void put(@Nullable ClientOrder before, ClientOrder after) {
        BigDecimal buy = quantities.buy();
        BigDecimal sell = quantities.sell();
        if (before != null && before.openQty().signum() != 0) {
          if (before.isBuy()) {
            buy = buy.subtract(before.openQty());
          } else {
            sell = sell.subtract(before.openQty());
          }
        }
        if (after.openQty().signum() != 0) {
          if (after.isBuy()) {
            buy = buy.add(after.openQty());
          } else {
            sell = sell.add(after.openQty());
          }
        }
        if (buy != quantities.buy() || sell != quantities.sell()) {
          quantities = new OpenQuantities(buy, sell);
        }
        if (after.isOpen()) {
          orders.put(after.clientOrderId(), after);
        } else {
          orders.remove(after.clientOrderId());
        }
      }

      /** Takes {@code order} out (its symbol changed: never, from the order service). */
      void remove(ClientOrder order) {
        if (order.openQty().signum() != 0) {
          quantities =
              order.isBuy()
                  ? new OpenQuantities(
                      quantities.buy().subtract(order.openQty()), quantities.sell())
                  : new OpenQuantities(
                      quantities.buy(), quantities.sell().subtract(order.openQty()));
        }
        orders.remove(order.clientOrderId());
      }
    }

    private static String key(String clientOrderId, String execId) {
      // Neither part is limited in what it holds; the length prefix keeps the pairs apart.
      return clientOrderId.length() + ":" + clientOrderId + execId;
    }
  }
}
