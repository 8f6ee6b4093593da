package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.rebalance.TickerPair;
import dev.speedtrade.rebalance.TradingSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** What only the JDBC settings store does: read the rows older versions wrote. */
class JdbcSettingsStoreTest {

  @Test
  void pairsWrittenAsFirstSlashSecondByEarlierVersionsStillRead() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:settings-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SpeedTradeSchema.migrate(h2);
    JdbcSettingsStore store = new JdbcSettingsStore(h2);
    store.put("u1", TradingMode.PAPER, TradingSettings.builder().build());
    try (Connection connection = h2.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE rebalance_settings SET paired_tickers = 'SPY/SH,QQQ/PSQ' WHERE user_id = 'u1'");
    }

    assertThat(store.get("u1", TradingMode.PAPER).orElseThrow().pairedTickers())
        .containsExactly(new TickerPair("SPY", "SH"), new TickerPair("QQQ", "PSQ"));
  }
}
