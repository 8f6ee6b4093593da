package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.FundingUser;
import dev.speedtrade.funding.Withdrawal;
import dev.speedtrade.funding.WithdrawalKind;
import dev.speedtrade.funding.WithdrawalStatus;
import dev.speedtrade.funding.spi.FundingBook;
import dev.speedtrade.kyc.KycStatus;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** What {@link JdbcFundingStore} does beyond the contract: failures, nesting, misuse, columns. */
class JdbcFundingStoreTest {
  private static final String CLABE = "002010077777777771";
  private static final Instant T0 = Instant.parse("2026-03-02T15:00:00.123456789Z");

  private final JdbcDataSource database = freshDatabase();
  private final JdbcFundingStore store = new JdbcFundingStore(database);

  private static JdbcDataSource freshDatabase() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:funding-store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SpeedTradeSchema.migrate(h2);
    return h2;
  }

  private static Withdrawal withdrawal(String id, Destination destination) {
    return new Withdrawal(
        id,
        "amy",
        WithdrawalKind.INSTANT,
        new BigDecimal("100.00"),
        new BigDecimal("1.75"),
        new BigDecimal("98.25"),
        WithdrawalStatus.PROCESSING,
        destination,
        null,
        null,
        T0,
        T0,
        null);
  }

  @Test
  void aStoreFailureTheWorkSwallowsStillRollsBackAndIsThrown() {
    String tooLong = "x".repeat(129);

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    book -> {
                      book.recordEvent("evt_1");
                      try {
                        book.recordEvent(tooLong);
                      } catch (SpeedTradeException ignored) {
                        // a careless work goes on
                      }
                      return Boolean.TRUE;
                    }))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              // what was being done and the SQLState; the database's own text stays on the cause
              assertThat(e.getMessage())
                  .contains("recording provider event", "SQLState 22001")
                  .doesNotContainIgnoringCase("too long");
            });

    boolean kept = store.inTransaction(book -> book.hasEvent("evt_1"));
    assertThat(kept).isFalse();
  }

  @Test
  void aRefusedDestinationLeavesTheTransactionSoundForTheRestOfTheWork() {
    String answer =
        store.inTransaction(
            book -> {
              book.putUser(new FundingUser("amy", KycStatus.APPROVED, null));
              try {
                book.putWithdrawal(withdrawal("w1", Destination.bank(CLABE)));
              } catch (SpeedTradeException e) {
                return e.code().name();
              }
              return "stored";
            });

    assertThat(answer).isEqualTo("INVALID_ARGUMENT");
    store.inTransaction(
        book -> {
          assertThat(book.user("amy")).isPresent();
          assertThat(book.withdrawals()).isEmpty();
          return null;
        });
  }

  @Test
  void noColumnHoldsAWholeClabe() throws SQLException {
    store.inTransaction(
        book -> {
          book.putWithdrawal(
              withdrawal("w1", Destination.Saved.of("amy", Destination.bank(CLABE), "tok_1")));
          return null;
        });

    List<String> values = new ArrayList<>();
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT * FROM funding_withdrawals")) {
      ResultSetMetaData columns = row.getMetaData();
      while (row.next()) {
        for (int i = 1; i <= columns.getColumnCount(); i++) {
          values.add(columns.getColumnLabel(i).toLowerCase() + "=" + row.getString(i));
        }
      }
    }
    assertThat(values)
        .contains(
            "destination_type=bank",
            "destination_masked=bank:****7771",
            "destination_fingerprint=" + Destination.bank(CLABE).fingerprint("amy"),
            "destination_token=tok_1")
        .noneMatch(value -> value.contains(CLABE.substring(0, 14)));
  }

  @Test
  void aNestedCallJoinsTheOuterOneAndFailsWithIt() {
    boolean seen =
        store.inTransaction(
            outer -> {
              outer.recordEvent("evt_1");
              return store.inTransaction(inner -> inner == outer && inner.hasEvent("evt_1"));
            });
    assertThat(seen).isTrue();

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    outer -> {
                      store.inTransaction(
                          inner -> {
                            inner.recordEvent("evt_2");
                            return null;
                          });
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    boolean kept = store.inTransaction(book -> book.hasEvent("evt_2"));
    assertThat(kept).isFalse();
  }

  @Test
  void aBookIsValidOnlyDuringItsCall() {
    AtomicReference<FundingBook> kept = new AtomicReference<>();
    store.inTransaction(
        book -> {
          kept.set(book);
          return null;
        });

    assertThatThrownBy(() -> kept.get().user("amy")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> kept.get().recordEvent("evt_1"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void misuseIsInvalidArgumentAndAnUnmigratedDatabaseIsUnavailable() {
    assertThatThrownBy(() -> store.inTransaction(null))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> new JdbcFundingStore(null))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));

    JdbcDataSource empty = new JdbcDataSource();
    empty.setURL("jdbc:h2:mem:funding-empty-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    assertThatThrownBy(() -> new JdbcFundingStore(empty).inTransaction(book -> book.users()))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
              assertThat(e.code().isRetryable()).isTrue();
            });
  }
}
