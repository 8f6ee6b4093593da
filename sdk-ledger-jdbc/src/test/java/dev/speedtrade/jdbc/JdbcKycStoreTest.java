package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycReview;
import dev.speedtrade.kyc.KycVerification;
import dev.speedtrade.kyc.spi.KycBook;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** What {@link JdbcKycStore} does beyond the contract: failures, misuse, the label text. */
class JdbcKycStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-02T15:00:00Z");

  private static JdbcDataSource database(boolean migrated) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:kyc-store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    if (migrated) {
      SpeedTradeSchema.migrate(h2);
    }
    return h2;
  }

  private final JdbcKycStore store = new JdbcKycStore(database(true));

  private static KycVerification pending(String user, String applicant) {
    return new KycVerification(user, applicant, KycReview.pending(), 1, T0, T0);
  }

  private Optional<KycVerification> verification(String user) {
    return store.read(book -> book.verification(user));
  }

  @Test
  void aStoreFailureTheWorkSwallowsStillRollsBackAndIsThrown() {
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    book -> {
                      book.putVerification(pending("alice", "a1"));
                      try {
                        book.putVerification(pending("bob", "a1"));
                      } catch (SpeedTradeException ignored) {
                        // a careless work goes on
                      }
                      return Boolean.TRUE;
                    }))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));

    assertThat(verification("alice")).isEmpty();
  }

  @Test
  void anIdLongerThanItsColumnIsInvalidArgumentWithoutTheDatabasesText() {
    String tooLong = "a".repeat(129);

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    book -> {
                      book.putVerification(pending("alice", tooLong));
                      return null;
                    }))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("SQLState").doesNotContain(tooLong);
            });
    assertThat(verification("alice")).isEmpty();
  }

  @Test
  void aDatabaseWithoutTheTablesIsStoreUnavailable() {
    JdbcKycStore unmigrated = new JdbcKycStore(database(false));

    assertThatThrownBy(() -> unmigrated.inTransaction(book -> book.verification("alice")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    assertThatThrownBy(() -> unmigrated.read(book -> book.verification("alice")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
  }

  @Test
  void aBookIsValidOnlyDuringItsCall() {
    AtomicReference<KycBook> kept = new AtomicReference<>();
    store.read(
        book -> {
          kept.set(book);
          return null;
        });

    assertThatThrownBy(() -> kept.get().verification("alice"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nullWorkOrArgumentsAreInvalidArgument() {
    assertThatThrownBy(() -> store.inTransaction(null))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> store.read(book -> book.verification(null)))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void labelTextKeepsEveryLabelAndRefusesWhatItDidNotWrite() throws SQLException {
    List<String> labels = List.of("7:FORGERY", "", "a:b", ":", "日本", "12");
    // KycReview refuses a blank label; the text itself does not care.
    assertThat(LabelText.decode(LabelText.encode(labels))).isEqualTo(labels);
    assertThat(LabelText.encode(List.of("FORGERY", "A:B"))).isEqualTo("7:FORGERY3:A:B");
    assertThat(LabelText.decode("")).isEmpty();
    for (String bad : new String[] {"x", "3:ab", "-1:", "7FORGERY", ":"}) {
      assertThatThrownBy(() -> LabelText.decode(bad)).isInstanceOf(SQLException.class);
    }
  }
}
