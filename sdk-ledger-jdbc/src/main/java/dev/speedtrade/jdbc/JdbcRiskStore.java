package dev.speedtrade.jdbc;

import static dev.speedtrade.jdbc.Columns.text;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.risk.RateLimit;
import dev.speedtrade.risk.RiskLimits;
import dev.speedtrade.risk.RiskStore;
import dev.speedtrade.risk.TradingState;
import dev.speedtrade.risk.TradingStateChange;
import dev.speedtrade.risk.TradingWindow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RiskStore} in the {@code risk_*} tables of {@code V6__orders.sql} (see {@link
 * SpeedTradeSchema}), for any number of hosts sharing one database. Each call is one transaction.
 *
 * <p>{@link #setLimits} locks the account's limits row before it replaces the blocked symbols, so
 * concurrent settings never mix two sets; two hosts inserting the first row at once retry. {@link
 * #apply} first locks the platform's row of {@code risk_trading_states} (inserted by the
 * migration), so changes of every scope are applied one at a time: the state set and the history
 * entry appended commit together, and the history's order is the order they were applied in, on
 * every host. A lock wait the database gives up (H2's lock timeout) is retried.
 *
 * <p>Bad arguments (null, or a blank account to a write) are {@link ErrorCode#INVALID_ARGUMENT}
 * before any statement; a value the database refuses (an account or symbol longer than 128
 * characters: SQLState class 22 or 23) is {@link ErrorCode#INVALID_ARGUMENT} too, any other failure
 * {@link ErrorCode#STORE_UNAVAILABLE}. Thread-safe.
 */
final class JdbcRiskStore implements RiskStore {
  private static final int MAX_ATTEMPTS = 60;
  private static final String PLATFORM = "";

  private final DataSource dataSource;

  /**
   * Creates the store on {@code dataSource}, whose database {@link SpeedTradeSchema#migrate} has
   * set up.
   */
  JdbcRiskStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public RiskLimits limits(String account) {
    notNull(account, "account");
    return StoreWork.inTransaction(
        dataSource,
        "reading risk limits",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          RiskLimits.Builder limits = RiskLimits.builder();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT max_order_qty, max_order_notional, max_position_qty,"
                      + " trading_window_start, trading_window_end, rate_limit_orders,"
                      + " rate_limit_seconds FROM risk_limits WHERE account = ?")) {
            select.setString(1, account);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) {
                return RiskLimits.NONE;
              }
              var maxOrderQty = ExactDecimal.read(row, "max_order_qty");
              if (maxOrderQty != null) {
                limits.maxOrderQty(maxOrderQty);
              }
              var maxOrderNotional = ExactDecimal.read(row, "max_order_notional");
              if (maxOrderNotional != null) {
                limits.maxOrderNotional(maxOrderNotional);
              }
              var maxPositionQty = ExactDecimal.read(row, "max_position_qty");
              if (maxPositionQty != null) {
                limits.maxPositionQty(maxPositionQty);
              }
              String start = row.getString("trading_window_start");
              String end = row.getString("trading_window_end");
              if (start != null && end != null) {
                limits.tradingWindow(
                    new TradingWindow(LocalTime.parse(start), LocalTime.parse(end)));
              }
              int orders = row.getInt("rate_limit_orders");
              if (!row.wasNull()) {
                limits.rateLimit(new RateLimit(orders, row.getInt("rate_limit_seconds")));
              }
            }
          }
          Set<String> blocked = new HashSet<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT symbol FROM risk_blocked_symbols WHERE account = ?")) {
            select.setString(1, account);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                blocked.add(row.getString(1));
              }
            }
          }
          return limits.blockedSymbols(blocked).build();
        });
  }

  @Override
  public void setLimits(String account, RiskLimits limits) {
    notBlank(account, "account");
    notNull(limits, "limits");
    StoreWork.inRetryingTransaction(
        dataSource,
        "setting risk limits",
        MAX_ATTEMPTS,
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          // The row first: its lock keeps a concurrent setting away from the blocked symbols.
          if (writeLimits(
                  connection,
                  "UPDATE risk_limits SET max_order_qty = ?, max_order_notional = ?,"
                      + " max_position_qty = ?, trading_window_start = ?, trading_window_end = ?,"
                      + " rate_limit_orders = ?, rate_limit_seconds = ? WHERE account = ?",
                  account,
                  limits)
              == 0) {
            // A concurrent first insert makes this a unique violation: the transaction is retried.
            writeLimits(
                connection,
                "INSERT INTO risk_limits (max_order_qty, max_order_notional, max_position_qty,"
                    + " trading_window_start, trading_window_end, rate_limit_orders,"
                    + " rate_limit_seconds, account) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                account,
                limits);
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM risk_blocked_symbols WHERE account = ?")) {
            delete.setString(1, account);
            delete.executeUpdate();
          }
          if (!limits.blockedSymbols().isEmpty()) {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO risk_blocked_symbols (account, symbol) VALUES (?, ?)")) {
              for (String symbol : limits.blockedSymbols()) {
                insert.setString(1, account);
                insert.setString(2, symbol);
                insert.addBatch();
              }
              insert.executeBatch();
            }
          }
          return Boolean.TRUE;
        });
  }

  private static int writeLimits(
      Connection connection, String sql, String account, RiskLimits limits) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      ExactDecimal.bind(s, 1, limits.maxOrderQty());
      ExactDecimal.bind(s, 2, limits.maxOrderNotional());
      ExactDecimal.bind(s, 3, limits.maxPositionQty());
      TradingWindow window = limits.tradingWindow();
      text(s, 4, window == null ? null : window.start().toString());
      text(s, 5, window == null ? null : window.end().toString());
      RateLimit rate = limits.rateLimit();
      if (rate == null) {
        s.setNull(6, Types.INTEGER);
        s.setNull(7, Types.INTEGER);
      } else {
        s.setInt(6, rate.orders());
        s.setInt(7, rate.seconds());
      }
      s.setString(8, account);
      return s.executeUpdate();
    }
  }

  @Override
  public TradingState platformState() {
    return state(PLATFORM);
  }

  @Override
  public TradingState accountState(String account) {
    notNull(account, "account");
    // No change names a blank account (TradingStateChange refuses it); '' is the platform's row.
    return account.isBlank() ? TradingState.ACTIVE : state(account);
  }

  private TradingState state(String key) {
    return StoreWork.inTransaction(
        dataSource,
        "reading a trading state",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT state FROM risk_trading_states WHERE account = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? TradingState.valueOf(row.getString(1)) : TradingState.ACTIVE;
            }
          }
        });
  }

  @Override
  public void apply(TradingStateChange change) {
    notNull(change, "change");
    String account = change.account();
    String key = account == null ? PLATFORM : account;
    StoreWork.inRetryingTransaction(
        dataSource,
        "applying a trading state change",
        MAX_ATTEMPTS,
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          try (PreparedStatement lock =
              connection.prepareStatement(
                  "SELECT state FROM risk_trading_states WHERE account = ? FOR UPDATE")) {
            lock.setString(1, PLATFORM);
            try (ResultSet row = lock.executeQuery()) {
              if (!row.next()) {
                throw new SQLException(
                    "the platform's trading state row is missing: the migration inserts it",
                    "55000");
              }
            }
          }
          int updated;
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE risk_trading_states SET state = ? WHERE account = ?")) {
            update.setString(1, change.state().name());
            update.setString(2, key);
            updated = update.executeUpdate();
          }
          if (updated == 0) {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO risk_trading_states (account, state) VALUES (?, ?)")) {
              insert.setString(1, key);
              insert.setString(2, change.state().name());
              insert.executeUpdate();
            }
          }
          long seq;
          try (PreparedStatement next =
                  connection.prepareStatement(
                      "SELECT COALESCE(MAX(seq), 0) + 1 FROM risk_trading_state_history");
              ResultSet row = next.executeQuery()) {
            row.next();
            seq = row.getLong(1);
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO risk_trading_state_history"
                      + " (seq, account, state, operator, reason, at_seconds, at_nanos)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            text(insert, 2, account);
            insert.setString(3, change.state().name());
            insert.setString(4, change.operator());
            insert.setString(5, change.reason());
            insert.setLong(6, change.at().getEpochSecond());
            insert.setInt(7, change.at().getNano());
            insert.executeUpdate();
          }
          return Boolean.TRUE;
        });
  }

  @Override
  public List<TradingStateChange> history() {
    return StoreWork.inTransaction(
        dataSource,
        "reading the trading state history",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          List<TradingStateChange> history = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT account, state, operator, reason, at_seconds, at_nanos"
                          + " FROM risk_trading_state_history ORDER BY seq");
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              history.add(
                  new TradingStateChange(
                      row.getString("account"),
                      TradingState.valueOf(row.getString("state")),
                      row.getString("operator"),
                      row.getString("reason"),
                      Instant.ofEpochSecond(row.getLong("at_seconds"), row.getInt("at_nanos"))));
            }
          }
          return List.copyOf(history);
        });
  }

  private static void notNull(@Nullable Object value, String what) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
    }
  }

  private static void notBlank(@Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, what + " must not be null or blank, got '" + value + "'");
    }
  }
}
