package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Migrations: from several hosts at once, into a schema that already holds other tables; every
 * version applied once, the rows the scripts insert (the funding lock row, the platform's trading
 * state) there once.
 */
class JdbcLedgerMigrationTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  @Test
  void severalHostsMigratingAtOnceAllSucceedAndApplyTheScriptOnce() throws Exception {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE host_orders (id BIGINT PRIMARY KEY)");
    }
    int hosts = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(hosts);
    try {
      List<Future<JdbcLedger>> migrated = new ArrayList<>();
      for (int i = 0; i < hosts; i++) {
        Callable<JdbcLedger> host =
            () -> {
              PGSimpleDataSource dataSource = new PGSimpleDataSource();
              dataSource.setURL(postgres.jdbcUrl());
              JdbcLedger ledger = JdbcLedger.builder(dataSource).build();
              start.await();
              ledger.migrate();
              return ledger;
            };
        migrated.add(pool.submit(host));
      }
      start.countDown();
      List<JdbcLedger> ledgers = new ArrayList<>();
      for (Future<JdbcLedger> future : migrated) {
        ledgers.add(future.get());
      }
      assertThat(ledgers.get(0).createAccounts(List.of(LedgerAccount.of("a", "USD", "t"))))
          .containsExactly(AccountResult.OK);
      assertThat(ledgers.get(3).account("a")).isPresent();
    } finally {
      pool.shutdownNow();
    }
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      for (String version : List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")) {
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM speedtrade_schema_history WHERE version = '"
                    + version
                    + "' AND success")) {
          rows.next();
          assertThat(rows.getInt(1)).as("version %s applied once", version).isEqualTo(1);
        }
      }
      // rows the scripts insert are there once, however many hosts migrated
      for (String table : List.of("funding_lock", "risk_trading_states")) {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
          rows.next();
          assertThat(rows.getInt(1)).as(table).isEqualTo(1);
        }
      }
    }
  }
}
