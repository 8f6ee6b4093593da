package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.OrderFill;
import dev.speedtrade.oms.spi.AccountBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** What {@link JdbcOrderStore} does beyond the contract: failures, nesting, misuse. */
class JdbcOrderStoreTest {
  private final JdbcOrderStore store = new JdbcOrderStore(freshDatabase());

  private static JdbcDataSource freshDatabase() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:order-store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SpeedTradeSchema.migrate(h2);
    return h2;
  }

  @Test
  void aStoreFailureTheWorkSwallowsStillRollsBackAndIsThrown() {
    store.createAccount("alice");
    String tooLong = "x".repeat(129);

    assertThatThrownBy(
            () ->
                store.inAccount(
                    "alice",
                    book -> {
                      book.take("c1");
                      try {
                        book.take(tooLong);
                      } catch (SpeedTradeException ignored) {
                        // a careless work goes on
                      }
                      return Boolean.TRUE;
                    }))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));

    boolean taken = store.inAccount("alice", book -> book.isTaken("c1"));
    assertThat(taken).isFalse();
  }

  @Test
  void anAccountIdLongerThanTheColumnIsInvalidArgument() {
    assertThatThrownBy(() -> store.createAccount("a".repeat(129)))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> store.createAccount(null))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(store.hasAccount(null)).isFalse();
  }

  @Test
  void aNestedCallOnTheSameAccountJoinsTheOuterOne() {
    store.createAccount("alice");

    boolean seen =
        store.inAccount(
            "alice",
            outer -> {
              outer.take("c1");
              return store.inAccount(
                  "alice",
                  inner -> {
                    assertThat(inner).isSameAs(outer);
                    return inner.isTaken("c1");
                  });
            });

    assertThat(seen).isTrue();
  }

  @Test
  void aBookIsUselessAfterItsCall() {
    store.createAccount("alice");
    AtomicReference<AccountBook> kept = new AtomicReference<>();
    store.inAccount(
        "alice",
        book -> {
          kept.set(book);
          return Boolean.TRUE;
        });

    assertThatThrownBy(() -> kept.get().take("c1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rowsOfAnotherAccountDoNotGoInABook() {
    store.createAccount("alice");

    assertThatThrownBy(
            () ->
                store.inAccount(
                    "alice",
                    book -> {
                      book.putPosition(ClientPosition.flat("bob", "AAPL"));
                      return Boolean.TRUE;
                    }))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(
            () ->
                store.inAccount(
                    "alice",
                    book -> {
                      book.addFill(
                          new OrderFill(
                              "bob",
                              "c1",
                              "e1",
                              "AAPL",
                              OrderSide.BUY,
                              BigDecimal.ONE,
                              BigDecimal.ONE,
                              new BigDecimal("1.00"),
                              Instant.EPOCH));
                      return Boolean.TRUE;
                    }))
        .isInstanceOf(SpeedTradeException.class);
  }

  @Test
  void theSameExecIdTwiceOnOneOrderIsRefusedByTheDatabase() {
    store.createAccount("alice");
    OrderFill fill =
        new OrderFill(
            "alice",
            "c1",
            "e1",
            "AAPL",
            OrderSide.BUY,
            BigDecimal.ONE,
            BigDecimal.ONE,
            new BigDecimal("1.00"),
            Instant.EPOCH);

    assertThatThrownBy(
            () ->
                store.inAccount(
                    "alice",
                    book -> {
                      book.addFill(fill);
                      book.addFill(fill);
                      return Boolean.TRUE;
                    }))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    List<OrderFill> fills = store.inAccount("alice", AccountBook::fills);
    assertThat(fills).isEmpty();
  }
}
