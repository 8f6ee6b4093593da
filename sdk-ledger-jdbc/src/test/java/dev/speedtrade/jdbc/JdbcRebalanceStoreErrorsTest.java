package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionClaim;
import dev.speedtrade.rebalance.ExecutionKey;
import dev.speedtrade.rebalance.ExecutionOrder;
import dev.speedtrade.rebalance.OrderPhase;
import dev.speedtrade.rebalance.TradingSettings;
import dev.speedtrade.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the JDBC rebalance stores report when the database itself refuses data: a value too long for
 * its column or a constraint is the input's fault, so a bad-input code that says not to retry
 * ({@code INVALID_INVESTMENT}, {@code INVALID_SETTINGS}, {@code INVALID_ARGUMENT}), never {@code
 * STORE_UNAVAILABLE}; nothing is written, and no message carries the statement, a table or a value.
 * The tables are narrowed here by hand to make the database refuse what the stores' own checks let
 * through.
 */
class JdbcRebalanceStoreErrorsTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final Instant NOW = Instant.parse("2026-11-24T20:50:00Z");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final String REFUSED_USER = "refused-user-by-check";

  @Test
  void aBotIdTooLongForItsNarrowedColumnIsAnInvalidInvestmentOnH2() throws SQLException {
    checkValueTooLong(h2());
  }

  @Test
  void aBotIdTooLongForItsNarrowedColumnIsAnInvalidInvestmentOnPostgres() throws SQLException {
    checkValueTooLong(postgres());
  }

  @Test
  void settingsACheckConstraintRefusesAreInvalidSettingsOnH2() throws SQLException {
    checkSettingsConstraint(h2());
  }

  @Test
  void settingsACheckConstraintRefusesAreInvalidSettingsOnPostgres() throws SQLException {
    checkSettingsConstraint(postgres());
  }

  @Test
  void anOrderACheckConstraintRefusesIsAnInvalidArgumentOnH2() throws SQLException {
    checkOrderConstraint(h2());
  }

  @Test
  void anOrderACheckConstraintRefusesIsAnInvalidArgumentOnPostgres() throws SQLException {
    checkOrderConstraint(postgres());
  }

  private static void checkValueTooLong(DataSource dataSource) throws SQLException {
    JdbcInvestmentStore store = new JdbcInvestmentStore(dataSource);
    execute(
        dataSource,
        "ALTER TABLE rebalance_investments ALTER COLUMN bot_id SET DATA TYPE VARCHAR(4)");

    assertRefused(
        () ->
            store.put(
                "u1", TradingMode.PAPER, BotInvestment.dollars("value-too-long", BigDecimal.TEN)),
        ErrorCode.INVALID_INVESTMENT,
        "value-too-long");

    assertThat(store.list("u1", TradingMode.PAPER)).isEmpty();
    store.put("u1", TradingMode.PAPER, BotInvestment.dollars("fits", BigDecimal.TEN));
    assertThat(store.list("u1", TradingMode.PAPER))
        .extracting(BotInvestment::botId)
        .containsExactly("fits");
  }

  private static void checkSettingsConstraint(DataSource dataSource) throws SQLException {
    JdbcSettingsStore store = new JdbcSettingsStore(dataSource);
    execute(
        dataSource,
        "ALTER TABLE rebalance_settings ADD CONSTRAINT test_refuses_user CHECK (user_id <> '"
            + REFUSED_USER
            + "')");

    assertRefused(
        () -> store.put(REFUSED_USER, TradingMode.PAPER, TradingSettings.defaults()),
        ErrorCode.INVALID_SETTINGS,
        REFUSED_USER);

    assertThat(store.get(REFUSED_USER, TradingMode.PAPER)).isEmpty();
    store.put("u1", TradingMode.PAPER, TradingSettings.defaults());
    assertThat(store.get("u1", TradingMode.PAPER)).contains(TradingSettings.defaults());
  }

  private static void checkOrderConstraint(DataSource dataSource) throws SQLException {
    JdbcExecutionStore store = new JdbcExecutionStore(dataSource);
    execute(
        dataSource,
        "ALTER TABLE rebalance_execution_orders ADD CONSTRAINT test_refuses_symbol"
            + " CHECK (symbol <> 'REFUSEDSYM')");
    ExecutionKey key = new ExecutionKey("u1", TradingMode.PAPER, DAY);

    try (ExecutionClaim claim = store.claim(key, NOW).orElseThrow()) {
      assertRefused(
          () -> claim.saveOrder(order(key, "REFUSEDSYM")),
          ErrorCode.INVALID_ARGUMENT,
          "REFUSEDSYM");
      claim.saveOrder(order(key, "SPY"));
    }

    assertThat(store.find(key).orElseThrow().orders())
        .extracting(ExecutionOrder::symbol)
        .containsExactly("SPY");
  }

  private static ExecutionOrder order(ExecutionKey key, String symbol) {
    return new ExecutionOrder(
        key.executionId() + "-SS0-" + symbol,
        OrderPhase.SELL,
        0,
        OrderSide.SELL,
        symbol,
        new BigDecimal("10.5"),
        null,
        OrderType.MARKET,
        null,
        BigDecimal.ZERO,
        null,
        null);
  }

  private static void assertRefused(ThrowingCallable call, ErrorCode code, String value) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).as("code of %s", e).isEqualTo(code);
              assertThat(e.code().isRetryable()).isFalse();
              assertThat(e.code().category()).isEqualTo(ErrorCode.Category.BAD_INPUT);
              assertThat(e.getMessage())
                  .doesNotContainIgnoringCase("insert")
                  .doesNotContainIgnoringCase("update")
                  .doesNotContainIgnoringCase("select")
                  .doesNotContainIgnoringCase("rebalance_")
                  .doesNotContainIgnoringCase("test_refuses")
                  .doesNotContain(value);
              assertThat(e.providerCode())
                  .hasValueSatisfying(state -> assertThat(state).matches("2[23].*"));
            });
  }

  private static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:rebalance-errors-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SpeedTradeSchema.migrate(h2);
    return h2;
  }

  private static DataSource postgres() throws SQLException {
    String schema =
        "rebalance_errors_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(postgres.jdbcUrl());
    execute(dataSource, "CREATE SCHEMA " + schema);
    dataSource.setCurrentSchema(schema);
    SpeedTradeSchema.migrate(dataSource);
    return dataSource;
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
