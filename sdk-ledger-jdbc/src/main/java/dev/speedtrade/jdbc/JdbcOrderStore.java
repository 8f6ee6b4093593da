package dev.speedtrade.jdbc;

import static dev.speedtrade.jdbc.Columns.instant;
import static dev.speedtrade.jdbc.Columns.text;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientOrderStatus;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.OrderFill;
import dev.speedtrade.oms.PendingReplace;
import dev.speedtrade.oms.spi.AccountBook;
import dev.speedtrade.oms.spi.OrderRef;
import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.oms.spi.OutboxEntry;
import dev.speedtrade.oms.spi.OutboxKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OrderStore} in the {@code oms_*} tables of {@code V6__orders.sql} (see {@link
 * SpeedTradeSchema}), for any number of hosts sharing one database.
 *
 * <p><b>Serialization.</b> Each {@link #inAccount} call is one transaction on one connection that
 * first locks the account's row in {@code oms_accounts} ({@code SELECT ... FOR UPDATE}) and holds
 * the lock until it commits: work on one account is serialized across every JVM, and each work sees
 * what every earlier one committed (READ COMMITTED, the default of H2 and PostgreSQL, suffices: all
 * the book's rows are only written under that lock). A lock wait the database gives up (H2's lock
 * timeout, a host's PostgreSQL {@code lock_timeout}) is waited again, up to {@value
 * #MAX_LOCK_ATTEMPTS} times, before anything was done. Unique constraints back the invariants
 * should anything write without the lock: one order per client order id in an account, one fill per
 * exec id per order, one row per taken id. A nested call on the same account on the same thread
 * joins the outer call's transaction (as a reentrant lock would); the book it hands out is then the
 * outer one.
 *
 * <p><b>Failure.</b> When the work throws, the transaction is rolled back (none of its writes are
 * kept) and the exception propagates as it was. When a statement of the book fails, the book method
 * throws a {@link SpeedTradeException} ({@link ErrorCode#INVALID_ARGUMENT} for a value the database
 * refuses, SQLState class 22 or 23: an id longer than 128 characters, say; else {@link
 * ErrorCode#STORE_UNAVAILABLE}), and the call rolls back and throws it even if the work caught it.
 * A book method given an order, fill or position of another account throws {@link
 * ErrorCode#INVALID_ARGUMENT}: a row belongs to the book's account.
 *
 * <p>Thread-safe. Each call holds one pooled connection for the whole work: a work that also uses
 * the same pool (the ledger, on the same data source) needs a pool larger than the number of
 * concurrent calls.
 */
final class JdbcOrderStore implements OrderStore {
  /** How many times a lock wait the database gave up is waited again. */
  static final int MAX_LOCK_ATTEMPTS = RowLock.MAX_ATTEMPTS;

  private static final List<String> ORDER_COLUMNS =
      List.of(
          "order_id",
          "symbol",
          "side",
          "order_type",
          "time_in_force",
          "qty",
          "notional",
          "limit_price",
          "stop_price",
          "status",
          "reason",
          "filled_qty",
          "filled_value",
          "filled_amount",
          "replaces",
          "replaced_by",
          "acknowledged",
          "pending_client_order_id",
          "pending_qty",
          "pending_limit_price",
          "pending_stop_price",
          "pending_time_in_force",
          "pending_basis",
          "reserve_basis",
          "hold_generation",
          "venue_order_id",
          "created_seconds",
          "created_nanos",
          "updated_seconds",
          "updated_nanos");

  private static final String SELECT_ORDERS =
      "SELECT client_order_id, " + String.join(", ", ORDER_COLUMNS) + " FROM oms_orders";
  private static final String UPDATE_ORDER =
      "UPDATE oms_orders SET "
          + String.join(" = ?, ", ORDER_COLUMNS)
          + " = ? WHERE account = ? AND client_order_id = ?";
  private static final String INSERT_ORDER =
      "INSERT INTO oms_orders ("
          + String.join(", ", ORDER_COLUMNS)
          + ", account, client_order_id, seq) VALUES ("
          + "?, ".repeat(ORDER_COLUMNS.size() + 2)
          + "?)";

  private static final String FILL_COLUMNS =
      "client_order_id, exec_id, symbol, side, qty, price, amount, at_seconds, at_nanos";
  private static final String OUTBOX_COLUMNS =
      "id, kind, client_order_id, exec_id, from_hold, to_hold, amount, reserve";

  private final DataSource dataSource;

  /** The books this thread has open, by account: a nested call joins the outer one. */
  private final ThreadLocal<Map<String, Book>> open = ThreadLocal.withInitial(HashMap::new);

  /**
   * Creates the store on {@code dataSource}, whose database {@link SpeedTradeSchema#migrate} has
   * set up.
   */
  JdbcOrderStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public boolean createAccount(String account) {
    if (account == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "account must not be null");
    }
    return StoreWork.inTransaction(
        dataSource,
        "opening an order book",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          if (exists(connection, account)) {
            return false;
          }
          try (PreparedStatement insert =
              connection.prepareStatement("INSERT INTO oms_accounts (account) VALUES (?)")) {
            insert.setString(1, account);
            insert.executeUpdate();
            return true;
          } catch (SQLException e) {
            if (!StoreWork.isDuplicate(e)) {
              throw e;
            }
            // Another host opened it first.
            connection.rollback();
            return false;
          }
        });
  }

  @Override
  public boolean hasAccount(String account) {
    if (account == null) {
      return false;
    }
    return StoreWork.inTransaction(
        dataSource,
        "looking up an order book",
        ErrorCode.INVALID_ARGUMENT,
        connection -> exists(connection, account));
  }

  private static boolean exists(Connection connection, String account) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT account FROM oms_accounts WHERE account = ?")) {
      select.setString(1, account);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  @Override
  public List<String> accounts() {
    return StoreWork.inTransaction(
        dataSource,
        "listing order books",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          List<String> accounts = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT account FROM oms_accounts");
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              accounts.add(row.getString(1));
            }
          }
          accounts.sort(CodePointOrder.INSTANCE);
          return List.copyOf(accounts);
        });
  }

  @Override
  public Optional<OrderRef> locate(String orderId) {
    if (orderId == null) {
      return Optional.empty();
    }
    return StoreWork.inTransaction(
        dataSource,
        "locating a platform order id",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT account, client_order_id FROM oms_order_refs WHERE order_id = ?")) {
            select.setString(1, orderId);
            try (ResultSet row = select.executeQuery()) {
              return row.next()
                  ? Optional.of(new OrderRef(row.getString(1), row.getString(2)))
                  : Optional.<OrderRef>empty();
            }
          }
        });
  }

  @Override
  public <T> T inAccount(String account, Function<AccountBook, T> work) {
    if (account == null) {
      throw new SpeedTradeException(ErrorCode.ACCOUNT_NOT_FOUND, "no order book for account null");
    }
    if (work == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "work must not be null");
    }
    Map<String, Book> books = open.get();
    Book outer = books.get(account);
    if (outer != null) {
      return work.apply(outer);
    }
    try (Connection connection = dataSource.getConnection()) {
      boolean committed = false;
      try {
        connection.setAutoCommit(false);
        if (!lock(connection, account)) {
          throw new SpeedTradeException(
              ErrorCode.ACCOUNT_NOT_FOUND, "no order book for account '" + account + "'");
        }
        Book book = new Book(connection, account);
        books.put(account, book);
        T result;
        try {
          result = work.apply(book);
        } finally {
          books.remove(account);
          book.closed = true;
        }
        SpeedTradeException failure = book.calls.failure();
        if (failure != null) {
          throw failure; // the work caught it and went on: its writes are not all there
        }
        connection.commit();
        committed = true;
        return result;
      } finally {
        if (!committed) {
          StoreWork.rollbackQuietly(connection);
        }
      }
    } catch (SQLException e) {
      throw StoreWork.refusedOrUnavailable(
          "working on the order book of '" + account + "'", e, ErrorCode.INVALID_ARGUMENT);
    }
  }

  /** Locks {@code account}'s row; returns false when there is none. */
  private static boolean lock(Connection connection, String account) throws SQLException {
    return RowLock.lock(
        connection, "SELECT account FROM oms_accounts WHERE account = ? FOR UPDATE", account);
  }

  /** One account's book on the connection of one {@link #inAccount} call. */
  private static final class Book implements AccountBook {
    private final Connection connection;
    private final String account;
    private final Thread owner = Thread.currentThread();
    boolean closed;
    final SqlCalls calls;

    Book(Connection connection, String account) {
      this.connection = connection;
      this.calls = new SqlCalls(" of '" + account + "'");
      this.account = account;
    }

    @Override
    public String account() {
      return account;
    }

    @Override
    public Optional<ClientOrder> order(String clientOrderId) {
      checkOpen();
      notNull(clientOrderId, "clientOrderId");
      return calls.query(
          "reading an order",
          () -> {
            try (PreparedStatement select =
                connection.prepareStatement(
                    SELECT_ORDERS + " WHERE account = ? AND client_order_id = ?")) {
              select.setString(1, account);
              select.setString(2, clientOrderId);
              try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(order(row)) : Optional.<ClientOrder>empty();
              }
            }
          });
    }

    @Override
    public List<ClientOrder> orders() {
      checkOpen();
      return calls.query(
          "reading the orders",
          () -> {
            List<ClientOrder> orders = new ArrayList<>();
            try (PreparedStatement select =
                connection.prepareStatement(SELECT_ORDERS + " WHERE account = ? ORDER BY seq")) {
              select.setString(1, account);
              try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                  orders.add(order(row));
                }
              }
            }
            return List.copyOf(orders);
          });
    }

    @Override
    public List<ClientOrder> openOrders(String symbol) {
      checkOpen();
      notNull(symbol, "symbol");
      return calls.query(
          "reading the open orders",
          () -> {
            List<ClientOrder> orders = new ArrayList<>();
            try (PreparedStatement select =
                connection.prepareStatement(
                    SELECT_ORDERS
                        + " WHERE account = ? AND symbol = ? AND status IN ('PENDING_NEW',"
                        + " 'ACCEPTED', 'PARTIALLY_FILLED', 'PENDING_CANCEL', 'PENDING_REPLACE')"
                        + " ORDER BY seq")) {
              select.setString(1, account);
              select.setString(2, symbol);
              try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                  orders.add(order(row));
                }
              }
            }
            return List.copyOf(orders);
          });
    }

    @Override
    public void putOrder(ClientOrder order) {
      checkOpen();
      notNull(order, "order");
      ownAccount(order.account(), "order");
      calls.update(
          "saving an order",
          () -> {
            if (writeOrder(UPDATE_ORDER, order, null) == 0) {
              writeOrder(INSERT_ORDER, order, nextSeq("oms_orders"));
            }
          });
    }

    private int writeOrder(String sql, ClientOrder o, @Nullable Long seq) throws SQLException {
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        int i = 0;
        s.setString(++i, o.orderId());
        s.setString(++i, o.symbol());
        s.setString(++i, o.side().name());
        s.setString(++i, o.type().name());
        s.setString(++i, o.timeInForce().name());
        ExactDecimal.bind(s, ++i, o.qty());
        ExactDecimal.bind(s, ++i, o.notional());
        ExactDecimal.bind(s, ++i, o.limitPrice());
        ExactDecimal.bind(s, ++i, o.stopPrice());
        s.setString(++i, o.status().name());
        text(s, ++i, o.reason());
        ExactDecimal.bind(s, ++i, o.filledQty());
        ExactDecimal.bind(s, ++i, o.filledValue());
        ExactDecimal.bind(s, ++i, o.filledAmount());
        text(s, ++i, o.replaces());
        text(s, ++i, o.replacedBy());
        s.setBoolean(++i, o.acknowledged());
        PendingReplace p = o.pendingReplace();
        text(s, ++i, p == null ? null : p.newClientOrderId());
        ExactDecimal.bind(s, ++i, p == null ? null : p.qty());
        ExactDecimal.bind(s, ++i, p == null ? null : p.limitPrice());
        ExactDecimal.bind(s, ++i, p == null ? null : p.stopPrice());
        TimeInForce pendingTif = p == null ? null : p.timeInForce();
        text(s, ++i, pendingTif == null ? null : pendingTif.name());
        ExactDecimal.bind(s, ++i, p == null ? null : p.basis());
        ExactDecimal.bind(s, ++i, o.reserveBasis());
        s.setInt(++i, o.holdGeneration());
        text(s, ++i, o.venueOrderId());
        s.setLong(++i, o.createdAt().getEpochSecond());
        s.setInt(++i, o.createdAt().getNano());
        s.setLong(++i, o.updatedAt().getEpochSecond());
        s.setInt(++i, o.updatedAt().getNano());
        s.setString(++i, account);
        s.setString(++i, o.clientOrderId());
        if (seq != null) {
          s.setLong(++i, seq);
        }
        return s.executeUpdate();
      }
    }

    private ClientOrder order(ResultSet row) throws SQLException {
      String pendingId = row.getString("pending_client_order_id");
      PendingReplace pending = null;
      if (pendingId != null) {
        String tif = row.getString("pending_time_in_force");
        pending =
            new PendingReplace(
                pendingId,
                ExactDecimal.read(row, "pending_qty"),
                ExactDecimal.read(row, "pending_limit_price"),
                ExactDecimal.read(row, "pending_stop_price"),
                tif == null ? null : TimeInForce.valueOf(tif),
                ExactDecimal.require(row, "pending_basis"));
      }
      return new ClientOrder(
          account,
          row.getString("client_order_id"),
          row.getString("order_id"),
          row.getString("symbol"),
          OrderSide.valueOf(row.getString("side")),
          OrderType.valueOf(row.getString("order_type")),
          TimeInForce.valueOf(row.getString("time_in_force")),
          ExactDecimal.read(row, "qty"),
          ExactDecimal.read(row, "notional"),
          ExactDecimal.read(row, "limit_price"),
          ExactDecimal.read(row, "stop_price"),
          ClientOrderStatus.valueOf(row.getString("status")),
          row.getString("reason"),
          ExactDecimal.require(row, "filled_qty"),
          ExactDecimal.require(row, "filled_value"),
          ExactDecimal.require(row, "filled_amount"),
          row.getString("replaces"),
          row.getString("replaced_by"),
          row.getBoolean("acknowledged"),
          pending,
          ExactDecimal.read(row, "reserve_basis"),
          row.getInt("hold_generation"),
          row.getString("venue_order_id"),
          instant(row, "created"),
          instant(row, "updated"));
    }

    @Override
    public boolean isTaken(String clientOrderId) {
      checkOpen();
      notNull(clientOrderId, "clientOrderId");
      return calls.query(
          "looking up a client order id",
          () ->
              exists(
                  "SELECT client_order_id FROM oms_taken_ids"
                      + " WHERE account = ? AND client_order_id = ?",
                  clientOrderId));
    }

    @Override
    public void take(String clientOrderId) {
      checkOpen();
      notNull(clientOrderId, "clientOrderId");
      calls.update(
          "taking a client order id",
          () -> {
            if (!exists(
                "SELECT client_order_id FROM oms_taken_ids"
                    + " WHERE account = ? AND client_order_id = ?",
                clientOrderId)) {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO oms_taken_ids (account, client_order_id) VALUES (?, ?)")) {
                insert.setString(1, account);
                insert.setString(2, clientOrderId);
                insert.executeUpdate();
              }
            }
          });
    }

    @Override
    public void registerOrderId(String orderId, String clientOrderId) {
      checkOpen();
      notNull(orderId, "orderId");
      notNull(clientOrderId, "clientOrderId");
      calls.update(
          "registering a platform order id",
          () -> {
            // The first registration of an id stands, as in memory. Ids are derived from the
            // account and the client order id, so no other account's transaction registers this
            // one.
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT order_id FROM oms_order_refs WHERE order_id = ?")) {
              select.setString(1, orderId);
              try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                  return;
                }
              }
            }
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO oms_order_refs (order_id, account, client_order_id)"
                        + " VALUES (?, ?, ?)")) {
              insert.setString(1, orderId);
              insert.setString(2, account);
              insert.setString(3, clientOrderId);
              insert.executeUpdate();
            }
          });
    }

    @Override
    public boolean hasFill(String clientOrderId, String execId) {
      checkOpen();
      notNull(clientOrderId, "clientOrderId");
      notNull(execId, "execId");
      return calls.query(
          "looking up a fill",
          () -> {
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT exec_id FROM oms_fills"
                        + " WHERE account = ? AND client_order_id = ? AND exec_id = ?")) {
              select.setString(1, account);
              select.setString(2, clientOrderId);
              select.setString(3, execId);
              try (ResultSet row = select.executeQuery()) {
                return row.next();
              }
            }
          });
    }

    @Override
    public List<OrderFill> fills() {
      checkOpen();
      return calls.query(
          "reading the fills",
          () -> {
            List<OrderFill> fills = new ArrayList<>();
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT " + FILL_COLUMNS + " FROM oms_fills WHERE account = ? ORDER BY seq")) {
              select.setString(1, account);
              try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                  fills.add(
                      new OrderFill(
                          account,
                          row.getString("client_order_id"),
                          row.getString("exec_id"),
                          row.getString("symbol"),
                          OrderSide.valueOf(row.getString("side")),
                          ExactDecimal.require(row, "qty"),
                          ExactDecimal.require(row, "price"),
                          ExactDecimal.require(row, "amount"),
                          instant(row, "at")));
                }
              }
            }
            return List.copyOf(fills);
          });
    }

    @Override
    public void addFill(OrderFill fill) {
      checkOpen();
      notNull(fill, "fill");
      ownAccount(fill.account(), "fill");
      calls.update(
          "recording a fill",
          () -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO oms_fills (account, seq, "
                        + FILL_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
              insert.setString(1, account);
              insert.setLong(2, nextSeq("oms_fills"));
              insert.setString(3, fill.clientOrderId());
              insert.setString(4, fill.execId());
              insert.setString(5, fill.symbol());
              insert.setString(6, fill.side().name());
              ExactDecimal.bind(insert, 7, fill.qty());
              ExactDecimal.bind(insert, 8, fill.price());
              ExactDecimal.bind(insert, 9, fill.amount());
              insert.setLong(10, fill.at().getEpochSecond());
              insert.setInt(11, fill.at().getNano());
              insert.executeUpdate();
            }
          });
    }

    @Override
    public Optional<ClientPosition> position(String symbol) {
      checkOpen();
      notNull(symbol, "symbol");
      return calls.query(
          "reading a position",
          () -> {
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT symbol, qty, cost_basis, realized_pnl FROM oms_positions"
                        + " WHERE account = ? AND symbol = ?")) {
              select.setString(1, account);
              select.setString(2, symbol);
              try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(position(row)) : Optional.<ClientPosition>empty();
              }
            }
          });
    }

    @Override
    public List<ClientPosition> positions() {
      checkOpen();
      return calls.query(
          "reading the positions",
          () -> {
            List<ClientPosition> positions = new ArrayList<>();
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT symbol, qty, cost_basis, realized_pnl FROM oms_positions"
                        + " WHERE account = ?")) {
              select.setString(1, account);
              try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                  positions.add(position(row));
                }
              }
            }
            positions.sort(Comparator.comparing(ClientPosition::symbol, CodePointOrder.INSTANCE));
            return List.copyOf(positions);
          });
    }

    private ClientPosition position(ResultSet row) throws SQLException {
      return new ClientPosition(
          account,
          row.getString("symbol"),
          ExactDecimal.require(row, "qty"),
          ExactDecimal.require(row, "cost_basis"),
          ExactDecimal.require(row, "realized_pnl"));
    }

    @Override
    public void putPosition(ClientPosition position) {
      checkOpen();
      notNull(position, "position");
      ownAccount(position.account(), "position");
      calls.update(
          "saving a position",
          () -> {
            int updated;
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE oms_positions SET qty = ?, cost_basis = ?, realized_pnl = ?"
                        + " WHERE account = ? AND symbol = ?")) {
              bindPosition(update, position);
              updated = update.executeUpdate();
            }
            if (updated == 0) {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO oms_positions (qty, cost_basis, realized_pnl, account, symbol)"
                          + " VALUES (?, ?, ?, ?, ?)")) {
                bindPosition(insert, position);
                insert.executeUpdate();
              }
            }
          });
    }

    private void bindPosition(PreparedStatement s, ClientPosition p) throws SQLException {
      ExactDecimal.bind(s, 1, p.qty());
      ExactDecimal.bind(s, 2, p.costBasis());
      ExactDecimal.bind(s, 3, p.realizedPnl());
      s.setString(4, account);
      s.setString(5, p.symbol());
    }

    @Override
    public void recordSubmit(Instant at) {
      checkOpen();
      notNull(at, "at");
      calls.update(
          "recording a submit",
          () -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO oms_submits (account, seq, at_seconds, at_nanos)"
                        + " VALUES (?, ?, ?, ?)")) {
              insert.setString(1, account);
              insert.setLong(2, nextSeq("oms_submits"));
              insert.setLong(3, at.getEpochSecond());
              insert.setInt(4, at.getNano());
              insert.executeUpdate();
            }
          });
    }

    @Override
    public int submitsAfter(Instant after) {
      checkOpen();
      notNull(after, "after");
      return calls.query(
          "counting submits",
          () -> {
            try (PreparedStatement count =
                connection.prepareStatement(
                    "SELECT COUNT(*) FROM oms_submits WHERE account = ?"
                        + " AND (at_seconds > ? OR (at_seconds = ? AND at_nanos > ?))")) {
              count.setString(1, account);
              count.setLong(2, after.getEpochSecond());
              count.setLong(3, after.getEpochSecond());
              count.setInt(4, after.getNano());
              try (ResultSet row = count.executeQuery()) {
                row.next();
                return Math.toIntExact(row.getLong(1));
              }
            }
          });
    }

    @Override
    public void enqueue(OutboxEntry entry) {
      checkOpen();
      notNull(entry, "entry");
      calls.update(
          "adding to the outbox",
          () -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO oms_outbox (account, seq, "
                        + OUTBOX_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
              insert.setString(1, account);
              insert.setLong(2, nextSeq("oms_outbox"));
              insert.setString(3, entry.id());
              insert.setString(4, entry.kind().name());
              insert.setString(5, entry.clientOrderId());
              text(insert, 6, entry.execId());
              insert.setInt(7, entry.fromHold());
              insert.setInt(8, entry.toHold());
              insert.setLong(9, entry.amount());
              insert.setLong(10, entry.reserve());
              insert.executeUpdate();
            }
          });
    }

    @Override
    public List<OutboxEntry> outbox() {
      checkOpen();
      return calls.query(
          "reading the outbox",
          () -> {
            List<OutboxEntry> entries = new ArrayList<>();
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT "
                        + OUTBOX_COLUMNS
                        + " FROM oms_outbox WHERE account = ? ORDER BY seq")) {
              select.setString(1, account);
              try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                  entries.add(
                      new OutboxEntry(
                          row.getString("id"),
                          OutboxKind.valueOf(row.getString("kind")),
                          row.getString("client_order_id"),
                          row.getString("exec_id"),
                          row.getInt("from_hold"),
                          row.getInt("to_hold"),
                          row.getLong("amount"),
                          row.getLong("reserve")));
                }
              }
            }
            return List.copyOf(entries);
          });
    }

    @Override
    public void dequeue(OutboxEntry entry) {
      checkOpen();
      notNull(entry, "entry");
      calls.update(
          "removing from the outbox",
          () -> {
            try (PreparedStatement delete =
                connection.prepareStatement(
                    "DELETE FROM oms_outbox WHERE account = ? AND id = ?")) {
              delete.setString(1, account);
              delete.setString(2, entry.id());
              delete.executeUpdate();
            }
          });
    }

    // ---------------------------------------------------------------- helpers

    /** The next of the account's sequence numbers in {@code table}: safe under the account lock. */
    private long nextSeq(String table) throws SQLException {
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT COALESCE(MAX(seq), 0) + 1 FROM " + table + " WHERE account = ?")) {
        select.setString(1, account);
        try (ResultSet row = select.executeQuery()) {
          row.next();
          return row.getLong(1);
        }
      }
    }

    private boolean exists(String sql, String clientOrderId) throws SQLException {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, account);
        select.setString(2, clientOrderId);
        try (ResultSet row = select.executeQuery()) {
          return row.next();
        }
      }
    }

    private void checkOpen() {
      if (closed || Thread.currentThread() != owner) {
        throw new IllegalStateException(
            "the book of '" + account + "' is only valid during its inAccount call, on its thread");
      }
    }

    private void ownAccount(String of, String what) {
      if (!account.equals(of)) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "a "
                + what
                + " of account '"
                + of
                + "' does not belong in the book of '"
                + account
                + "'");
      }
    }
  }

  private static void notNull(@Nullable Object value, String what) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
    }
  }
}
