package dev.speedtrade.jdbc;

import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.InvestmentStore;
import dev.speedtrade.rebalance.RebalanceArguments;
import dev.speedtrade.rebalance.WeightMode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * An {@link InvestmentStore} in the table {@code rebalance_investments} (see {@link
 * SpeedTradeSchema}). The primary key (user, mode, bot) keeps one investment per bot; a sequence
 * keeps the order investments were first added in. Bad arguments are refused as {@link
 * InvestmentStore} says, before any statement; a value the database still refuses (SQLState class
 * 22 or 23) is {@code INVALID_INVESTMENT} on a write, {@code INVALID_ARGUMENT} on a read, never
 * {@code STORE_UNAVAILABLE}. Thread-safe; any number of hosts may share the database.
 */
public final class JdbcInvestmentStore implements InvestmentStore {
  private final DataSource dataSource;

  /**
   * Creates the store on {@code dataSource}, whose database {@link SpeedTradeSchema#migrate} has
   * set up.
   */
  public JdbcInvestmentStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public void put(String userId, TradingMode mode, BotInvestment investment) {
    RebalanceArguments.userId(userId);
    RebalanceArguments.mode(mode);
    RebalanceArguments.investment(investment);
    StoreWork.runInTransaction(
        dataSource,
        "saving an investment",
        ErrorCode.INVALID_INVESTMENT,
        connection -> {
          if (update(connection, userId, mode, investment) == 0) {
            SqlDialect dialect = SqlDialect.of(connection);
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO rebalance_investments"
                        + " (user_id, mode, bot_id, amount, weight_mode, position) VALUES (?, ?, ?, ?, ?, "
                        + dialect.nextValue("rebalance_investment_seq")
                        + ")")) {
              insert.setString(1, userId);
              insert.setString(2, mode.name());
              insert.setString(3, investment.botId());
              insert.setString(4, DecimalText.of(investment.amount()));
              insert.setString(5, investment.weightMode().name());
              insert.executeUpdate();
            } catch (SQLException e) {
              if (!StoreWork.isDuplicate(e)) {
                throw e;
              }
              connection.rollback();
              update(connection, userId, mode, investment);
            }
          }
        });
  }

  private static int update(
      Connection connection, String userId, TradingMode mode, BotInvestment investment)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE rebalance_investments"
                + " SET amount = ?, weight_mode = ? WHERE user_id = ? AND mode = ? AND bot_id = ?")) {
      update.setString(1, DecimalText.of(investment.amount()));
      update.setString(2, investment.weightMode().name());
      update.setString(3, userId);
      update.setString(4, mode.name());
      update.setString(5, investment.botId());
      return update.executeUpdate();
    }
  }

  @Override
  public boolean remove(String userId, TradingMode mode, String botId) {
    RebalanceArguments.userId(userId);
    RebalanceArguments.mode(mode);
    RebalanceArguments.botId(botId);
    return StoreWork.inTransaction(
        dataSource,
        "removing an investment",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM rebalance_investments WHERE user_id = ? AND mode = ? AND bot_id = ?")) {
            delete.setString(1, userId);
            delete.setString(2, mode.name());
            delete.setString(3, botId);
            return delete.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<BotInvestment> list(String userId, TradingMode mode) {
    RebalanceArguments.userId(userId);
    RebalanceArguments.mode(mode);
    return StoreWork.inTransaction(
        dataSource,
        "listing investments",
        ErrorCode.INVALID_ARGUMENT,
        connection -> {
          List<BotInvestment> investments = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT bot_id, amount, weight_mode"
                      + " FROM rebalance_investments WHERE user_id = ? AND mode = ? ORDER BY position")) {
            select.setString(1, userId);
            select.setString(2, mode.name());
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                investments.add(
                    new BotInvestment(
                        row.getString(1),
                        new BigDecimal(row.getString(2)),
                        WeightMode.valueOf(row.getString(3))));
              }
            }
          }
          return List.copyOf(investments);
        });
  }
}
