package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.testkit.ManualClock;
import dev.speedtrade.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the JDBC ledger reports when the database itself refuses data: a constraint or a value out
 * of range is the input's fault, so a bad-input code that says not to retry, never {@code
 * STORE_UNAVAILABLE}; and no message carries the statement or its values. The tables are narrowed
 * here by hand to make the database refuse what the ledger's own checks let through.
 */
class JdbcLedgerStoreErrorsTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final Instant START = Instant.parse("2026-01-05T14:30:00Z");

  @Test
  void aConstraintTheDatabaseAddsIsABadTransferOnH2() throws SQLException {
    checkConstraintViolation(h2());
  }

  @Test
  void aConstraintTheDatabaseAddsIsABadTransferOnPostgres() throws SQLException {
    checkConstraintViolation(postgres());
  }

  @Test
  void aValueTooLongForItsColumnIsABadTransferOnH2() throws SQLException {
    checkValueTooLong(h2());
  }

  @Test
  void aValueTooLongForItsColumnIsABadTransferOnPostgres() throws SQLException {
    checkValueTooLong(postgres());
  }

  @Test
  void anAccountTheDatabaseRefusesIsABadAccountOnH2() throws SQLException {
    DataSource dataSource = h2();
    JdbcLedger ledger = ledger(dataSource);
    execute(
        dataSource, "ALTER TABLE ledger_accounts ADD CONSTRAINT test_no_zzz CHECK (type <> 'zzz')");

    assertRefused(
        () -> ledger.createAccounts(List.of(LedgerAccount.of("a", "USD", "zzz"))),
        ErrorCode.INVALID_ACCOUNT);
    assertThat(ledger.createAccounts(List.of(LedgerAccount.of("a", "USD", "ok"))))
        .containsExactly(AccountResult.OK);
  }

  @Test
  void metadataAtItsLimitsInThreeByteCharactersFitsTheWidenedColumn() {
    JdbcLedger ledger = ledger(h2());
    ledger.createAccounts(
        List.of(LedgerAccount.of("a", "USD", "x"), LedgerAccount.of("b", "USD", "x")));
    java.util.Map<String, String> metadata = new java.util.TreeMap<>();
    for (int i = 0; i < Transfer.MAX_METADATA_ENTRIES; i++) {
      metadata.put(
          ("\u4e2d".repeat(Transfer.MAX_METADATA_KEY_LENGTH - 2)) + String.format("%02d", i),
          "\u4e2d".repeat(Transfer.MAX_METADATA_VALUE_LENGTH));
    }
    assertThat(
            ledger.createTransfers(
                List.of(Transfer.single("t", "a", "b", 5, "x").withMetadata(metadata))))
        .containsExactly(TransferResult.OK);
    assertThat(ledger.transfer("t").orElseThrow().transfer().metadata()).isEqualTo(metadata);
  }

  private static void checkConstraintViolation(DataSource dataSource) throws SQLException {
    JdbcLedger ledger = ledger(dataSource);
    ledger.createAccounts(
        List.of(LedgerAccount.of("a", "USD", "x"), LedgerAccount.of("b", "USD", "x")));
    execute(
        dataSource, "ALTER TABLE ledger_transfers ADD CONSTRAINT test_small CHECK (amount < 1000)");

    assertRefused(
        () -> ledger.createTransfers(List.of(Transfer.single("big", "a", "b", 5_000, "x"))),
        ErrorCode.INVALID_TRANSFER);
    assertRefused(
        () ->
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.single("small", "a", "b", 5, "x"),
                    Transfer.single("big", "a", "b", 5_000, "x"))),
        ErrorCode.INVALID_TRANSFER);
    assertThat(ledger.transfer("small")).isEmpty();
    assertThat(ledger.balances("a").orElseThrow().debitsPosted()).isZero();
    assertThat(ledger.createTransfers(List.of(Transfer.single("small", "a", "b", 5, "x"))))
        .containsExactly(TransferResult.OK);
  }

  private static void checkValueTooLong(DataSource dataSource) throws SQLException {
    JdbcLedger ledger = ledger(dataSource);
    ledger.createAccounts(
        List.of(LedgerAccount.of("a", "USD", "x"), LedgerAccount.of("b", "USD", "x")));
    execute(
        dataSource, "ALTER TABLE ledger_transfers ALTER COLUMN metadata SET DATA TYPE VARCHAR(20)");

    assertRefused(
        () ->
            ledger.createTransfers(
                List.of(
                    Transfer.single("t", "a", "b", 5, "x")
                        .withMetadata(Map.of("secret-looking", "value-that-is-long")))),
        ErrorCode.INVALID_TRANSFER);
    assertThat(ledger.transfer("t")).isEmpty();
  }

  private static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.code().isRetryable()).isFalse();
              assertThat(e.code().category()).isEqualTo(ErrorCode.Category.BAD_INPUT);
              assertThat(e.getMessage())
                  .doesNotContainIgnoringCase("insert")
                  .doesNotContainIgnoringCase("select")
                  .doesNotContainIgnoringCase("merge")
                  .doesNotContainIgnoringCase("ledger_")
                  .doesNotContain("value-that-is-long")
                  .doesNotContain("5000");
              assertThat(e.providerCode())
                  .hasValueSatisfying(state -> assertThat(state).matches("2[23].*"));
            });
  }

  private static JdbcLedger ledger(DataSource dataSource) {
    JdbcLedger ledger = JdbcLedger.builder(dataSource).clock(new ManualClock(START)).build();
    ledger.migrate();
    return ledger;
  }

  private static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:errors-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  private static DataSource postgres() throws SQLException {
    String schema = "errors_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(postgres.jdbcUrl());
    execute(dataSource, "CREATE SCHEMA " + schema);
    dataSource.setCurrentSchema(schema);
    return dataSource;
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
