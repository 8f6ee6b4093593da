package dev.speedtrade.jdbc;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.rebalance.ExecutionClaim;
import dev.speedtrade.rebalance.ExecutionEvent;
import dev.speedtrade.rebalance.ExecutionKey;
import dev.speedtrade.rebalance.ExecutionOrder;
import dev.speedtrade.rebalance.ExecutionRecord;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.ExecutionStore;
import dev.speedtrade.rebalance.OrderPhase;
import dev.speedtrade.rebalance.PlanTarget;
import dev.speedtrade.rebalance.PlanWarning;
import dev.speedtrade.rebalance.PriceSource;
import dev.speedtrade.rebalance.RebalanceArguments;
import dev.speedtrade.rebalance.WarningCode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ExecutionStore} in the {@code rebalance_execution*} tables (see {@link
 * SpeedTradeSchema}).
 *
 * <p>The unique key (user, mode, market date) makes one execution per day. A claim holds a row lock
 * ({@code SELECT ... FOR UPDATE NOWAIT} on the execution's row of {@code
 * rebalance_execution_claims}) in a transaction on a connection of its own, kept open until the
 * claim is closed: the database refuses the lock to every other claimant, in this JVM or any other,
 * and releases it by itself when the holder's connection dies, so that a crashed run can be
 * resumed. No lease or heartbeat is kept by the SDK. Each running execution therefore holds one
 * connection of the pool besides the ones its writes use: size the pool for twice the executions
 * that may run at once.
 *
 * <p>Orders and outcomes are written in their own short transactions, so that a write made before a
 * crash survives it. Bad arguments are refused as {@link ExecutionStore} says, before any
 * statement; a value the database still refuses (SQLState class 22 or 23) is {@code
 * INVALID_ARGUMENT}, never {@code STORE_UNAVAILABLE}. Thread-safe.
 */
public final class JdbcExecutionStore implements ExecutionStore {
  private static final String ORDER_COLUMNS =
      "client_order_id, phase, generation, side, symbol, qty, price,"
          + " order_type, status, filled_qty, broker_order_id, error";
  private static final String ERROR = "ERROR";

  private final DataSource dataSource;

  /**
   * Creates the store on {@code dataSource}, whose database {@link SpeedTradeSchema#migrate} has
   * set up.
   */
  public JdbcExecutionStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public Optional<ExecutionClaim> claim(ExecutionKey key, Instant now) {
    RebalanceArguments.required(key, "key");
    RebalanceArguments.required(now, "now");
    String id = key.executionId();
    insertIfAbsent(key, now);
    Connection lock = null;
    try {
      lock = dataSource.getConnection();
      lock.setAutoCommit(false);
      SqlDialect dialect = SqlDialect.of(lock);
      try (PreparedStatement select =
          lock.prepareStatement(
              "SELECT execution_id FROM rebalance_execution_claims WHERE execution_id = ? FOR UPDATE NOWAIT")) {
        select.setString(1, id);
        select.executeQuery().close();
      } catch (SQLException e) {
        if (dialect.isLockNotAvailable(e)) {
          unlock(lock);
          return Optional.empty();
        }
        throw e;
      }
      ExecutionRecord current = read(id).orElseThrow();
      if (current.status().isFinal()) {
        unlock(lock);
        return Optional.empty();
      }
      StoreWork.runInTransaction(
          dataSource,
          "claiming an execution",
          ErrorCode.INVALID_ARGUMENT,
          connection -> {
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE rebalance_executions"
                        + " SET attempt = attempt + 1, status = 'RUNNING', finished_at_micros = NULL WHERE id = ?")) {
              update.setString(1, id);
              update.executeUpdate();
            }
            insertEvent(
                connection,
                new ExecutionEvent(
                    id,
                    now,
                    current.attempt() + 1,
                    ExecutionEvent.Kind.CLAIMED,
                    ExecutionEvent.SYSTEM,
                    ""));
          });
      // The lock keeps every other claimant out: the record read above is current but for the
      // attempt.
      return Optional.of(
          new Claim(
              id,
              lock,
              new ExecutionRecord(
                  current.id(),
                  current.key(),
                  ExecutionStatus.RUNNING,
                  current.attempt() + 1,
                  current.startedAt(),
                  null,
                  current.targets(),
                  current.warnings(),
                  current.errors(),
                  current.orders())));
    } catch (SQLException e) {
      if (lock != null) {
        unlock(lock);
      }
      throw StoreWork.failed("claiming an execution", e, ErrorCode.INVALID_ARGUMENT);
    } catch (RuntimeException e) {
      if (lock != null) {
        unlock(lock);
      }
      throw e;
    }
  }

  /** Creates the execution (attempt 0) and its claim row unless another run already has. */
  private void insertIfAbsent(ExecutionKey key, Instant now) {
    String id = key.executionId();
    insertIgnoringDuplicate(
        "INSERT INTO rebalance_executions (id, user_id, mode, market_date, status, attempt,"
            + " started_at_micros) VALUES (?, ?, ?, ?, 'RUNNING', 0, ?)",
        statement -> {
          statement.setString(1, id);
          statement.setString(2, key.userId());
          statement.setString(3, key.mode().name());
          statement.setDate(4, Date.valueOf(key.marketDate()));
          statement.setLong(5, TransferRows.toMicros(now));
        });
    insertIgnoringDuplicate(
        "INSERT INTO rebalance_execution_claims (execution_id) VALUES (?)",
        statement -> statement.setString(1, id));
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private void insertIgnoringDuplicate(String sql, Binder binder) {
    StoreWork.runInTransaction(
        dataSource,
        "creating an execution",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          try (PreparedStatement insert = connection.prepareStatement(sql)) {
            binder.bind(insert);
            insert.executeUpdate();
          } catch (SQLException e) {
            if (!StoreWork.isDuplicate(e)) {
              throw e;
            }
            connection.rollback();
          }
        });
  }

  private static void unlock(Connection lock) {
    try (lock) {
      lock.rollback();
    } catch (SQLException ignored) {
      // A broken connection holds no lock.
    }
  }

  @Override
  public ExecutionRecord reopen(ExecutionKey key, String operator, String reason, Instant now) {
    RebalanceArguments.required(key, "key");
    RebalanceArguments.required(now, "now");
    // The operator and the reason are checked before the execution is looked up, as every argument
    // is.
    ExecutionEvent.reopened(key.executionId(), now, 0, operator, reason);
    String id = key.executionId();
    StoreWork.runInTransaction(
        dataSource,
        "re-opening an execution",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          ExecutionStatus status;
          int attempt;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT status, attempt FROM rebalance_executions WHERE id = ? FOR UPDATE")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) {
                throw new SpeedTradeException(ErrorCode.EXECUTION_NOT_FOUND, "no execution " + key);
              }
              status = ExecutionStatus.valueOf(row.getString(1));
              attempt = row.getInt(2);
            }
          }
          ExecutionEvent event = ExecutionEvent.reopened(id, now, attempt, operator, reason);
          if (status != ExecutionStatus.FAILED) {
            throw new SpeedTradeException(
                ErrorCode.EXECUTION_NOT_REOPENABLE,
                "execution " + key + " is " + status + "; only a FAILED one can be re-opened");
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE rebalance_executions SET status = 'PENDING' WHERE id = ?")) {
            update.setString(1, id);
            update.executeUpdate();
          }
          insertEvent(connection, event);
        });
    return read(id).orElseThrow();
  }

  @Override
  public List<ExecutionEvent> history(ExecutionKey key) {
    RebalanceArguments.required(key, "key");
    return StoreWork.inTransaction(
        dataSource,
        "reading an execution's history",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          List<ExecutionEvent> events = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT at_micros, attempt, kind, actor, detail"
                      + " FROM rebalance_execution_events WHERE execution_id = ? ORDER BY seq")) {
            select.setString(1, key.executionId());
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                events.add(
                    new ExecutionEvent(
                        key.executionId(),
                        TransferRows.fromMicros(row.getLong(1)),
                        row.getInt(2),
                        ExecutionEvent.Kind.valueOf(row.getString(3)),
                        row.getString(4),
                        row.getString(5)));
              }
            }
          }
          return events;
        });
  }

  private static void insertEvent(Connection connection, ExecutionEvent event) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO rebalance_execution_events"
                + " (execution_id, seq, at_micros, attempt, kind, actor, detail) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1"
                + " FROM rebalance_execution_events WHERE execution_id = ?), ?, ?, ?, ?, ?)")) {
      insert.setString(1, event.executionId());
      insert.setString(2, event.executionId());
      insert.setLong(3, TransferRows.toMicros(event.at()));
      insert.setInt(4, event.attempt());
      insert.setString(5, event.kind().name());
      insert.setString(6, event.actor());
      insert.setString(
          7, event.detail().length() > 4096 ? event.detail().substring(0, 4096) : event.detail());
      insert.executeUpdate();
    }
  }

  @Override
  public Optional<ExecutionRecord> find(ExecutionKey key) {
    RebalanceArguments.required(key, "key");
    return read(key.executionId());
  }

  @Override
  public List<ExecutionRecord> list(String userId, TradingMode mode, LocalDate from, LocalDate to) {
    RebalanceArguments.userId(userId);
    RebalanceArguments.mode(mode);
    RebalanceArguments.required(from, "from");
    RebalanceArguments.required(to, "to");
    List<String> ids =
        StoreWork.inTransaction(
            dataSource,
            "listing executions",
            ErrorCode.INVALID_ARGUMENT,
            connection -> {
              List<String> found = new ArrayList<>();
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT id FROM rebalance_executions"
                          + " WHERE user_id = ? AND mode = ? AND market_date >= ? AND market_date <= ? ORDER BY market_date")) {
                select.setString(1, userId);
                select.setString(2, mode.name());
                select.setDate(3, Date.valueOf(from));
                select.setDate(4, Date.valueOf(to));
                try (ResultSet row = select.executeQuery()) {
                  while (row.next()) {
                    found.add(row.getString(1));
                  }
                }
              }
              return found;
            });
    List<ExecutionRecord> records = new ArrayList<>();
    ids.forEach(id -> read(id).ifPresent(records::add));
    return records;
  }

  private Optional<ExecutionRecord> read(String id) {
    return StoreWork.inTransaction(
        dataSource,
        "reading an execution",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT user_id, mode, market_date, status,"
                      + " attempt, started_at_micros, finished_at_micros FROM rebalance_executions WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) {
                return Optional.<ExecutionRecord>empty();
              }
              ExecutionKey key =
                  new ExecutionKey(
                      row.getString(1),
                      TradingMode.valueOf(row.getString(2)),
                      row.getDate(3).toLocalDate());
              long finished = row.getLong(7);
              Instant finishedAt = row.wasNull() ? null : TransferRows.fromMicros(finished);
              List<PlanWarning> warnings = new ArrayList<>();
              List<String> errors = new ArrayList<>();
              readMessages(connection, id, warnings, errors);
              return Optional.of(
                  new ExecutionRecord(
                      id,
                      key,
                      ExecutionStatus.valueOf(row.getString(4)),
                      row.getInt(5),
                      TransferRows.fromMicros(row.getLong(6)),
                      finishedAt,
                      readTargets(connection, id),
                      warnings,
                      errors,
                      readOrders(connection, id, null)));
            }
          }
        });
  }

  private static List<ExecutionOrder> readOrders(
      Connection connection, String executionId, @Nullable String clientOrderId)
      throws SQLException {
    List<ExecutionOrder> orders = new ArrayList<>();
    String sql =
        "SELECT "
            + ORDER_COLUMNS
            + " FROM rebalance_execution_orders WHERE execution_id = ?"
            + (clientOrderId == null ? "" : " AND client_order_id = ?")
            + " ORDER BY seq";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, executionId);
      if (clientOrderId != null) {
        select.setString(2, clientOrderId);
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String status = row.getString(9);
          orders.add(
              new ExecutionOrder(
                  row.getString(1),
                  OrderPhase.valueOf(row.getString(2)),
                  row.getInt(3),
                  OrderSide.valueOf(row.getString(4)),
                  row.getString(5),
                  new BigDecimal(row.getString(6)),
                  decimal(row.getString(7)),
                  OrderType.valueOf(row.getString(8)),
                  status == null ? null : OrderStatus.valueOf(status),
                  new BigDecimal(row.getString(10)),
                  row.getString(11),
                  row.getString(12)));
        }
      }
    }
    return orders;
  }

  private static List<PlanTarget> readTargets(Connection connection, String executionId)
      throws SQLException {
    List<PlanTarget> targets = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT symbol, weight, dollars, price, price_source,"
                + " current_qty, target_qty FROM rebalance_execution_targets WHERE execution_id = ? ORDER BY seq")) {
      select.setString(1, executionId);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String source = row.getString(5);
          targets.add(
              new PlanTarget(
                  row.getString(1),
                  new BigDecimal(row.getString(2)),
                  new BigDecimal(row.getString(3)),
                  decimal(row.getString(4)),
                  source == null ? null : PriceSource.valueOf(source),
                  new BigDecimal(row.getString(6)),
                  decimal(row.getString(7))));
        }
      }
    }
    return targets;
  }

  private static void readMessages(
      Connection connection, String executionId, List<PlanWarning> warnings, List<String> errors)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT kind, text FROM rebalance_execution_messages WHERE execution_id = ? ORDER BY seq")) {
      select.setString(1, executionId);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          if (row.getString(1).equals(ERROR)) {
            errors.add(row.getString(2));
          } else {
            warnings.add(new PlanWarning(WarningCode.valueOf(row.getString(1)), row.getString(2)));
          }
        }
      }
    }
  }

  private static @Nullable BigDecimal decimal(@Nullable String text) {
    return text == null ? null : new BigDecimal(text);
  }

  private static @Nullable String text(@Nullable BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  /** A claim: the lock connection, and writes in short transactions of their own. */
  private final class Claim implements ExecutionClaim {
    private final String id;
    private final Connection lock;
    private final ExecutionRecord claimed;
    private boolean closed;

    Claim(String id, Connection lock, ExecutionRecord claimed) {
      this.id = id;
      this.lock = lock;
      this.claimed = claimed;
    }

    @Override
    public ExecutionRecord execution() {
      return claimed;
    }

    @Override
    public Optional<ExecutionOrder> order(String clientOrderId) {
      RebalanceArguments.required(clientOrderId, "clientOrderId");
      open();
      return StoreWork.inTransaction(
          dataSource,
          "reading an order",
          ErrorCode.INVALID_ARGUMENT,
          connection -> readOrders(connection, id, clientOrderId).stream().findFirst());
    }

    @Override
    public void saveOrder(ExecutionOrder order) {
      RebalanceArguments.required(order, "order");
      open();
      StoreWork.runInTransaction(
          dataSource,
          "saving an order",
          ErrorCode.INVALID_ARGUMENT,
          connection -> {
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE rebalance_execution_orders SET"
                        + " phase = ?, generation = ?, side = ?, symbol = ?, qty = ?, price = ?, order_type = ?, status = ?,"
                        + " filled_qty = ?, broker_order_id = ?, error = ? WHERE client_order_id = ? AND execution_id = ?")) {
              bindOrder(update, order, 1);
              update.setString(12, order.clientOrderId());
              update.setString(13, id);
              if (update.executeUpdate() > 0) {
                return;
              }
            }
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO rebalance_execution_orders"
                        + " (phase, generation, side, symbol, qty, price, order_type, status, filled_qty, broker_order_id, error,"
                        + " client_order_id, execution_id, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " (SELECT COALESCE(MAX(seq), 0) + 1 FROM rebalance_execution_orders WHERE execution_id = ?))")) {
              bindOrder(insert, order, 1);
              insert.setString(12, order.clientOrderId());
              insert.setString(13, id);
              insert.setString(14, id);
              insert.executeUpdate();
            }
          });
    }

    private void bindOrder(PreparedStatement statement, ExecutionOrder order, int first)
        throws SQLException {
      int i = first;
      statement.setString(i++, order.phase().name());
      statement.setInt(i++, order.generation());
      statement.setString(i++, order.side().name());
      statement.setString(i++, order.symbol());
      statement.setString(i++, order.qty().toPlainString());
      statement.setString(i++, text(order.price()));
      statement.setString(i++, order.type().name());
      statement.setString(i++, order.status() == null ? null : order.status().name());
      statement.setString(i++, order.filledQty().toPlainString());
      statement.setString(i++, order.brokerOrderId());
      if (order.error() == null) {
        statement.setNull(i, Types.VARCHAR);
      } else {
        statement.setString(
            i, order.error().length() > 4096 ? order.error().substring(0, 4096) : order.error());
      }
    }

    @Override
    public void finish(
        ExecutionStatus status,
        List<PlanTarget> targets,
        List<PlanWarning> warnings,
        List<String> errors,
        Instant finishedAt) {
      RebalanceArguments.outcome(status, targets, warnings, errors, finishedAt);
      open();
      StoreWork.runInTransaction(
          dataSource,
          "finishing an execution",
          ErrorCode.INVALID_ARGUMENT,
          connection -> {
            record(
                connection,
                status,
                finishedAt,
                targets,
                warnings,
                errors,
                new ExecutionEvent(
                    id,
                    finishedAt,
                    claimed.attempt(),
                    ExecutionEvent.Kind.FINISHED,
                    ExecutionEvent.SYSTEM,
                    status.name()));
          });
    }

    @Override
    public void release(List<String> errors, Instant at) {
      RebalanceArguments.required(errors, "errors");
      RebalanceArguments.required(at, "at");
      open();
      StoreWork.runInTransaction(
          dataSource,
          "giving an execution back",
          ErrorCode.INVALID_ARGUMENT,
          connection -> {
            try (PreparedStatement count =
                connection.prepareStatement(
                    "SELECT COUNT(*) FROM rebalance_execution_orders WHERE execution_id = ?")) {
              count.setString(1, id);
              try (ResultSet row = count.executeQuery()) {
                row.next();
                if (row.getLong(1) > 0) {
                  throw new IllegalStateException(
                      "execution " + id + " has orders and cannot be given back");
                }
              }
            }
            record(
                connection,
                ExecutionStatus.PENDING,
                at,
                List.of(),
                List.of(),
                errors,
                new ExecutionEvent(
                    id,
                    at,
                    claimed.attempt(),
                    ExecutionEvent.Kind.RELEASED,
                    ExecutionEvent.SYSTEM,
                    String.join("; ", errors)));
          });
    }

    /** Sets the status and its time, replaces the targets and messages, and adds {@code event}. */
    private void record(
        Connection connection,
        ExecutionStatus status,
        Instant at,
        List<PlanTarget> targets,
        List<PlanWarning> warnings,
        List<String> errors,
        ExecutionEvent event)
        throws SQLException {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE rebalance_executions SET status = ?, finished_at_micros = ? WHERE id = ?")) {
        update.setString(1, status.name());
        update.setLong(2, TransferRows.toMicros(at));
        update.setString(3, id);
        update.executeUpdate();
      }
      for (String table : List.of("rebalance_execution_targets", "rebalance_execution_messages")) {
        try (PreparedStatement delete =
            connection.prepareStatement("DELETE FROM " + table + " WHERE execution_id = ?")) {
          delete.setString(1, id);
          delete.executeUpdate();
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO rebalance_execution_targets"
                  + " (execution_id, seq, symbol, weight, dollars, price, price_source, current_qty, target_qty)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int seq = 0;
        for (PlanTarget target : targets) {
          insert.setString(1, id);
          insert.setInt(2, seq++);
          insert.setString(3, target.symbol());
          insert.setString(4, target.weight().toPlainString());
          insert.setString(5, target.dollars().toPlainString());
          insert.setString(6, text(target.price()));
          insert.setString(7, target.priceSource() == null ? null : target.priceSource().name());
          insert.setString(8, target.currentQty().toPlainString());
          insert.setString(9, text(target.targetQty()));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO rebalance_execution_messages (execution_id, seq, kind, text) VALUES (?, ?, ?, ?)")) {
        int seq = 0;
        for (PlanWarning warning : warnings) {
          addMessage(insert, seq++, warning.code().name(), warning.detail());
        }
        for (String error : errors) {
          addMessage(insert, seq++, ERROR, error);
        }
        insert.executeBatch();
      }
      insertEvent(connection, event);
    }

    private void addMessage(PreparedStatement insert, int seq, String kind, String text)
        throws SQLException {
      insert.setString(1, id);
      insert.setInt(2, seq);
      insert.setString(3, kind);
      insert.setString(4, text.length() > 4096 ? text.substring(0, 4096) : text);
      insert.addBatch();
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        unlock(lock);
      }
    }

    private void open() {
      if (closed) {
        throw new IllegalStateException("the claim on execution " + id + " is closed");
      }
    }
  }
}
