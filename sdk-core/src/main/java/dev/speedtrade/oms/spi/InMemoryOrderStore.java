package dev.speedtrade.oms.spi;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.OrderFill;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * An {@link OrderStore} in the JVM's memory, for tests, demos and single-process hosts: one lock
 * per account serializes its work. A work that throws keeps the writes it made before throwing (the
 * order service judges first and writes last, so it does not leave half a change).
 */
public final class InMemoryOrderStore implements OrderStore {
  private final ConcurrentMap<String, Book> books = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, OrderRef> refs = new ConcurrentHashMap<>();

  /** Creates a store with no account. */
  public InMemoryOrderStore() {}

  @Override
  public boolean createAccount(String account) {
    if (account == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "account must not be null");
    }
    return books.putIfAbsent(account, new Book(account, refs)) == null;
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
    return orderId == null ? Optional.empty() : Optional.ofNullable(refs.get(orderId));
  }

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
    private final ConcurrentMap<String, OrderRef> refs;
    private final Map<String, ClientOrder> orders = new LinkedHashMap<>();
    // The open orders by symbol, oldest first, kept with every put: a submit reads these only.
    private final Map<String, Map<String, ClientOrder>> openBySymbol = new HashMap<>();
    // The sums of those orders' open quantities by symbol, kept with every put: a submit reads
    // them.
    private final Map<String, OpenQuantities> openQuantities = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final List<OrderFill> fills = new ArrayList<>();
    private final Set<String> execIds = new HashSet<>();
    private final Map<String, ClientPosition> positions = new TreeMap<>();
    private final Deque<Instant> submits = new ArrayDeque<>();
    private final List<OutboxEntry> outbox = new ArrayList<>();

    Book(String account, ConcurrentMap<String, OrderRef> refs) {
      this.account = account;
      this.refs = refs;
    }

    @Override
    public void registerOrderId(String orderId, String clientOrderId) {
      refs.putIfAbsent(orderId, new OrderRef(account, clientOrderId));
    }

    @Override
    public String account() {
      return account;
    }

    @Override
    public Optional<ClientOrder> order(String clientOrderId) {
      return Optional.ofNullable(orders.get(clientOrderId));
    }

    @Override
    public List<ClientOrder> orders() {
      return List.copyOf(orders.values());
    }

    @Override
    public void putOrder(ClientOrder order) {
      ClientOrder before = orders.put(order.clientOrderId(), order);
      BigDecimal buyChange = BigDecimal.ZERO;
      BigDecimal sellChange = BigDecimal.ZERO;
      if (before != null && before.symbol().equals(order.symbol())) {
        if (before.isBuy()) {
          buyChange = buyChange.subtract(before.openQty());
        } else {
          sellChange = sellChange.subtract(before.openQty());
        }
      }
      if (order.isBuy()) {
        buyChange = buyChange.add(order.openQty());
      } else {
        sellChange = sellChange.add(order.openQty());
      }
      if (buyChange.signum() != 0 || sellChange.signum() != 0) {
        OpenQuantities sums = openQuantities.getOrDefault(order.symbol(), OpenQuantities.NONE);
        openQuantities.put(
            order.symbol(),
            new OpenQuantities(sums.buy().add(buyChange), sums.sell().add(sellChange)));
      }
      if (order.isOpen()) {
        openBySymbol
            .computeIfAbsent(order.symbol(), s -> new LinkedHashMap<>())
            .put(order.clientOrderId(), order);
      } else {
        Map<String, ClientOrder> open = openBySymbol.get(order.symbol());
        if (open != null) {
          open.remove(order.clientOrderId());
        }
      }
    }

    @Override
    public OpenQuantities openQuantities(String symbol) {
      return openQuantities.getOrDefault(symbol, OpenQuantities.NONE);
    }

    @Override
    public List<ClientOrder> openOrders(String symbol) {
      Map<String, ClientOrder> open = openBySymbol.get(symbol);
      if (open == null || open.isEmpty()) {
        return List.of();
      }
      // Oldest first: an order is open from its first put, and a closed one never opens again.
      return new ArrayList<>(open.values());
    }

    @Override
    public boolean isTaken(String clientOrderId) {
      return taken.contains(clientOrderId);
    }

    @Override
    public void take(String clientOrderId) {
      taken.add(clientOrderId);
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
      return Optional.ofNullable(positions.get(symbol));
    }

    @Override
    public List<ClientPosition> positions() {
      return List.copyOf(positions.values());
    }

    @Override
    public void putPosition(ClientPosition position) {
      positions.put(position.symbol(), position);
    }

    @Override
    public void recordSubmit(Instant at) {
      submits.addLast(at);
    }

    @Override
    public int submitsAfter(Instant after) {
      int count = 0;
      for (Instant at : submits) {
        if (at.isAfter(after)) {
          count++;
        }
      }
      return count;
    }

    @Override
    public void enqueue(OutboxEntry entry) {
      outbox.add(entry);
    }

    @Override
    public List<OutboxEntry> outbox() {
      return List.copyOf(outbox);
    }

    @Override
    public void dequeue(OutboxEntry entry) {
      outbox.remove(entry);
    }

    private static String key(String clientOrderId, String execId) {
      // Neither part is limited in what it holds; the length prefix keeps the pairs apart.
      return clientOrderId.length() + ":" + clientOrderId + execId;
    }
  }
}
