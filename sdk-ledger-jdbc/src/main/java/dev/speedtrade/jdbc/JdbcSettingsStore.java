package dev.speedtrade.jdbc;

import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.rebalance.RebalanceArguments;
import dev.speedtrade.rebalance.ReserveMode;
import dev.speedtrade.rebalance.ScheduledUser;
import dev.speedtrade.rebalance.SettingsStore;
import dev.speedtrade.rebalance.TickerPair;
import dev.speedtrade.rebalance.TradingSettings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A {@link SettingsStore} in the table {@code rebalance_settings} (see {@link SpeedTradeSchema}),
 * one row per user and mode. Bad arguments are refused as {@link SettingsStore} says, before any
 * statement; a value the database still refuses (SQLState class 22 or 23) is {@code
 * INVALID_SETTINGS} on a write, {@code INVALID_ARGUMENT} on a read, never {@code
 * STORE_UNAVAILABLE}. Thread-safe; any number of hosts may share the database.
 */
public final class JdbcSettingsStore implements SettingsStore {
  private static final String COLUMNS =
      "order_type, limit_percent, fallback_ticker, reserve_mode, reserve_amount,"
          + " paired_tickers, min_trade_percent, minutes_before_close, enabled";

  private static final String UPDATE =
      "UPDATE rebalance_settings SET order_type = ?, limit_percent = ?,"
          + " fallback_ticker = ?, reserve_mode = ?, reserve_amount = ?, paired_tickers = ?, min_trade_percent = ?,"
          + " minutes_before_close = ?, enabled = ? WHERE user_id = ? AND mode = ?";
  private static final String INSERT =
      "INSERT INTO rebalance_settings ("
          + COLUMNS
          + ", user_id, mode)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final DataSource dataSource;

  /**
   * Creates the store on {@code dataSource}, whose database {@link SpeedTradeSchema#migrate} has
   * set up.
   */
  public JdbcSettingsStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public void put(String userId, TradingMode mode, TradingSettings settings) {
    RebalanceArguments.userId(userId);
    RebalanceArguments.mode(mode);
    RebalanceArguments.settings(settings);
    StoreWork.runInTransaction(
        dataSource,
        "saving settings",
        ErrorCode.INVALID_SETTINGS,
        connection -> {
          if (write(connection, UPDATE, userId, mode, settings) == 0) {
            try {
              write(connection, INSERT, userId, mode, settings);
            } catch (SQLException e) {
              if (!StoreWork.isDuplicate(e)) {
                throw e;
              }
              // Another host inserted the row first: ours replaces it.
              connection.rollback();
              write(connection, UPDATE, userId, mode, settings);
            }
          }
        });
  }

  private static int write(
      Connection connection, String sql, String userId, TradingMode mode, TradingSettings settings)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, settings.orderType().name());
      statement.setString(2, DecimalText.of(settings.limitPercent()));
      statement.setString(3, settings.fallbackTicker());
      statement.setString(4, settings.cashReserveMode().name());
      statement.setString(5, DecimalText.of(settings.cashReserveAmount()));
      statement.setString(
          6,
          settings.pairedTickers().stream()
              .map(pair -> pair.first() + PAIR_SEPARATOR + pair.second())
              .collect(Collectors.joining(",")));
      statement.setString(7, DecimalText.of(settings.minTradePercent()));
      statement.setInt(8, settings.minutesBeforeClose());
      statement.setBoolean(9, settings.enabled());
      statement.setString(10, userId);
      statement.setString(11, mode.name());
      return statement.executeUpdate();
    }
  }

  @Override
  public Optional<TradingSettings> get(String userId, TradingMode mode) {
    RebalanceArguments.userId(userId);
    RebalanceArguments.mode(mode);
    return StoreWork.inTransaction(
        dataSource,
        "reading settings",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM rebalance_settings WHERE user_id = ? AND mode = ?")) {
            select.setString(1, userId);
            select.setString(2, mode.name());
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(settings(row)) : Optional.<TradingSettings>empty();
            }
          }
        });
  }

  @Override
  public List<ScheduledUser> enabled() {
    return StoreWork.inTransaction(
        dataSource,
        "listing enabled users",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          List<ScheduledUser> users = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT user_id, mode, "
                      + COLUMNS
                      + " FROM rebalance_settings WHERE enabled = TRUE ORDER BY user_id")) {
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                users.add(
                    new ScheduledUser(
                        row.getString("user_id"),
                        TradingMode.valueOf(row.getString("mode")),
                        settings(row)));
              }
            }
          }
          users.sort(
              java.util.Comparator.comparing(ScheduledUser::userId)
                  .thenComparing(ScheduledUser::mode));
          return List.copyOf(users);
        });
  }

  /**
   * Between a pair's two symbols: no symbol holds it, where crypto pairs hold a slash ({@code
   * BTC/USD}).
   */
  private static final String PAIR_SEPARATOR = "|";

  private static TradingSettings settings(ResultSet row) throws SQLException {
    List<TickerPair> pairs = new ArrayList<>();
    String encoded = row.getString("paired_tickers");
    if (!encoded.isEmpty()) {
      for (String pair : encoded.split(",")) {
        // Rows written before pairs were kept as FIRST|SECOND hold FIRST/SECOND, of symbols without
        // a slash.
        String[] symbols =
            pair.contains(PAIR_SEPARATOR) ? pair.split("\\|", 2) : pair.split("/", 2);
        pairs.add(new TickerPair(symbols[0], symbols[1]));
      }
    }
    return TradingSettings.builder()
        .orderType(OrderType.valueOf(row.getString("order_type")))
        .limitPercent(new BigDecimal(row.getString("limit_percent")))
        .fallbackTicker(row.getString("fallback_ticker"))
        .cashReserve(
            ReserveMode.valueOf(row.getString("reserve_mode")),
            new BigDecimal(row.getString("reserve_amount")))
        .pairedTickers(pairs)
        .minTradePercent(new BigDecimal(row.getString("min_trade_percent")))
        .minutesBeforeClose(row.getInt("minutes_before_close"))
        .enabled(row.getBoolean("enabled"))
        .build();
  }
}
