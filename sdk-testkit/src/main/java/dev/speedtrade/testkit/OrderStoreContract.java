package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientOrderStatus;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.OrderFill;
import dev.speedtrade.oms.PendingReplace;
import dev.speedtrade.oms.spi.AccountBook;
import dev.speedtrade.oms.spi.OpenQuantities;
import dev.speedtrade.oms.spi.OrderRef;
import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.oms.spi.OutboxEntry;
import dev.speedtrade.oms.spi.OutboxKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link OrderStore} and the {@link AccountBook} it hands out, as JUnit 5 tests. An
 * implementation extends this class and returns a fresh, empty store from {@link #newStore()};
 * every test gets a new one.
 *
 * <pre>{@code
 * class MyOrderStoreTest extends OrderStoreContract {
 *   protected OrderStore newStore() { return new MyOrderStore(freshDatabase()); }
 * }
 * }</pre>
 *
 * <p>What every store keeps: every field of what it is given, exactly ({@link BigDecimal}s with
 * their scale, {@link Instant}s to the nanosecond, absent values absent); the sort orders the SPI's
 * Javadoc promises; work on one account serialized (no lost update from 16 threads), work on two
 * accounts in parallel. A store that runs each {@link OrderStore#inAccount} in a transaction
 * ({@link #discardsWritesOfAFailedWork()}) keeps none of the writes of a work that throws.
 */
public abstract class OrderStoreContract {
  private static final Instant T0 = Instant.parse("2026-01-05T15:00:00.123456789Z");

  /** Creates the contract; subclasses supply the store. */
  protected OrderStoreContract() {}

  /** Returns an empty store: no account open. */
  protected abstract OrderStore newStore();

  /**
   * Returns true when the store keeps none of the writes of a work that throws (a database runs the
   * work in a transaction and rolls it back); false for a store that keeps them, as {@link
   * dev.speedtrade.oms.spi.InMemoryOrderStore} documents. True unless overridden.
   */
  protected boolean discardsWritesOfAFailedWork() {
    return true;
  }

  // ------------------------------------------------------------------ accounts

  @Test
  void creatingAnAccountTwiceOpensItOnce() {
    OrderStore store = newStore();

    assertThat(store.hasAccount("alice")).isFalse();
    assertThat(store.createAccount("alice")).isTrue();
    assertThat(store.createAccount("alice")).isFalse();
    assertThat(store.hasAccount("alice")).isTrue();
    assertThat(store.accounts()).containsExactly("alice");
  }

  @Test
  void reopeningAnAccountKeepsItsBook() {
    OrderStore store = newStore();
    store.createAccount("alice");
    write(store, "alice", book -> book.putOrder(order("alice", "c1")));

    assertThat(store.createAccount("alice")).isFalse();
    assertThat(orderOf(store, "alice", "c1")).contains(order("alice", "c1"));
  }

  @Test
  void accountsAreListedByCodePoint() {
    OrderStore store = newStore();
    for (String account : List.of("bob", "alice", "Zed", "alice-2", "10", "9")) {
      store.createAccount(account);
    }

    assertThat(store.accounts()).containsExactly("10", "9", "Zed", "alice", "alice-2", "bob");
  }

  @Test
  void concurrentOpeningsOfOneAccountOpenItOnce() throws Exception {
    OrderStore store = newStore();
    List<Boolean> created = race(8, () -> store.createAccount("alice"));

    assertThat(created).containsOnlyOnce(true);
    assertThat(store.accounts()).containsExactly("alice");
  }

  @Test
  void workOnAnAccountNotOpenIsAccountNotFoundAndDoesNotRun() {
    OrderStore store = newStore();
    store.createAccount("alice");
    AtomicBoolean ran = new AtomicBoolean();

    assertThatThrownBy(
            () ->
                store.inAccount(
                    "bob",
                    book -> {
                      ran.set(true);
                      return 1;
                    }))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND));
    assertThat(ran).isFalse();
    assertThat(store.hasAccount("bob")).isFalse();
  }

  @Test
  void theBookNamesItsAccountAndTheWorksResultIsReturned() {
    OrderStore store = newStore();
    store.createAccount("alice");

    String account = store.inAccount("alice", AccountBook::account);
    Integer answer = store.inAccount("alice", book -> 42);

    assertThat(account).isEqualTo("alice");
    assertThat(answer).isEqualTo(42);
  }

  @Test
  void aNewBookIsEmpty() {
    OrderStore store = newStore();
    store.createAccount("alice");

    store.inAccount(
        "alice",
        book -> {
          assertThat(book.orders()).isEmpty();
          assertThat(book.order("c1")).isEmpty();
          assertThat(book.isTaken("c1")).isFalse();
          assertThat(book.hasFill("c1", "e1")).isFalse();
          assertThat(book.fills()).isEmpty();
          assertThat(book.positions()).isEmpty();
          assertThat(book.position("AAPL")).isEmpty();
          assertThat(book.submitsAfter(Instant.EPOCH)).isZero();
          assertThat(book.outbox()).isEmpty();
          return Boolean.TRUE;
        });
  }

  // ------------------------------------------------------------------ orders

  @Test
  void anOrderComesBackWithEveryField() {
    OrderStore store = newStore();
    store.createAccount("alice");
    ClientOrder order = order("alice", "c1");

    write(store, "alice", book -> book.putOrder(order));

    assertThat(orderOf(store, "alice", "c1")).contains(order);
    assertThat(ordersOf(store, "alice")).containsExactly(order);
  }

  @Test
  void anOrderComesBackWithItsAbsentFieldsAbsent() {
    OrderStore store = newStore();
    store.createAccount("alice");
    ClientOrder bare = bareOrder("alice", "c1");
    ClientOrder pendingWithNothingAsked =
        withPendingReplace(
            bareOrder("alice", "c2"),
            new PendingReplace("c3", null, null, null, null, new BigDecimal("190.00")));

    write(
        store,
        "alice",
        book -> {
          book.putOrder(bare);
          book.putOrder(pendingWithNothingAsked);
        });

    assertThat(orderOf(store, "alice", "c1")).contains(bare);
    assertThat(orderOf(store, "alice", "c2")).contains(pendingWithNothingAsked);
  }

  @Test
  void decimalsComeBackExactlyWithTheirScale() {
    OrderStore store = newStore();
    store.createAccount("alice");
    List<BigDecimal> values =
        List.of(
            new BigDecimal("0.000000001"),
            new BigDecimal("1.000000000000000000000000000000000000000000000000001"),
            new BigDecimal("123456789012345678901234567890.123456789012345678901234567890"),
            new BigDecimal("5.000"),
            new BigDecimal("0E-12"),
            new BigDecimal("1E+3"),
            new BigDecimal("-42.50"));
    List<ClientOrder> orders = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      BigDecimal v = values.get(i);
      orders.add(
          new ClientOrder(
              "alice",
              "d" + i,
              orderId("d", "alice", "d" + i),
              "AAPL",
              OrderSide.BUY,
              OrderType.STOP_LIMIT,
              TimeInForce.GTC,
              v,
              null,
              v,
              v,
              ClientOrderStatus.PENDING_REPLACE,
              null,
              v,
              v,
              v,
              null,
              null,
              true,
              new PendingReplace("n" + i, v, v, v, TimeInForce.IOC, v),
              v,
              1,
              null,
              T0,
              T0));
    }
    write(store, "alice", book -> orders.forEach(book::putOrder));

    assertThat(ordersOf(store, "alice")).containsExactlyElementsOf(orders);
  }

  @Test
  void idsKeepEveryCharacter() {
    OrderStore store = newStore();
    String account = "acc:ünï çødé/1 " + "x".repeat(100);
    String coid = "c1 ünï:çødé/'\";-- " + "y".repeat(100);
    String exec = "e1 'ñ' \"x\" " + "z".repeat(100);
    store.createAccount(account);
    ClientOrder order = order(account, coid);
    OrderFill fill = fill(account, coid, exec, "1", "1.00");

    write(
        store,
        account,
        book -> {
          book.putOrder(order);
          book.take(coid);
          book.addFill(fill);
        });

    assertThat(store.accounts()).containsExactly(account);
    store.inAccount(
        account,
        book -> {
          assertThat(book.account()).isEqualTo(account);
          assertThat(book.order(coid)).contains(order);
          assertThat(book.isTaken(coid)).isTrue();
          assertThat(book.hasFill(coid, exec)).isTrue();
          assertThat(book.fills()).containsExactly(fill);
          return Boolean.TRUE;
        });
  }

  @Test
  void puttingAnOrderAgainReplacesIt() {
    OrderStore store = newStore();
    store.createAccount("alice");
    ClientOrder first = order("alice", "c1");
    ClientOrder second = withPendingReplace(bareOrder("alice", "c1"), null);

    write(store, "alice", book -> book.putOrder(first));
    write(store, "alice", book -> book.putOrder(second));

    assertThat(ordersOf(store, "alice")).containsExactly(second);
    write(store, "alice", book -> book.putOrder(first));
    assertThat(ordersOf(store, "alice")).containsExactly(first);
  }

  @Test
  void ordersAreListedOldestFirstAndARewriteKeepsItsPlace() {
    OrderStore store = newStore();
    store.createAccount("alice");
    List<String> ids = List.of("b", "B", "a1", "a", "10", "9", "a-2");

    write(
        store, "alice", book -> ids.subList(0, 4).forEach(id -> book.putOrder(order("alice", id))));
    write(
        store, "alice", book -> ids.subList(4, 7).forEach(id -> book.putOrder(order("alice", id))));
    write(store, "alice", book -> book.putOrder(order("alice", "B")));

    assertThat(ordersOf(store, "alice"))
        .extracting(ClientOrder::clientOrderId)
        .containsExactlyElementsOf(ids);
  }

  @Test
  void openOrdersOfASymbolAreTheOpenOnesInItOldestFirst() {
    OrderStore store = newStore();
    store.createAccount("alice");
    ClientOrder first = order("alice", "z-first");
    ClientOrder second = order("alice", "a-second");
    ClientOrder closed = order("alice", "m-closed");
    write(
        store,
        "alice",
        book -> {
          book.putOrder(first);
          book.putOrder(closed);
          book.putOrder(second);
          book.putOrder(withStatus(closed, ClientOrderStatus.CANCELED));
        });

    List<ClientOrder> open = store.inAccount("alice", book -> book.openOrders(first.symbol()));

    assertThat(open).extracting(ClientOrder::clientOrderId).containsExactly("z-first", "a-second");
    List<ClientOrder> none =
        store.inAccount("alice", book -> book.openOrders("NOT-" + first.symbol()));
    assertThat(none).isEmpty();
  }

  @Test
  void openQuantitiesSumTheOpenQtyOrdersOfASymbolPerSide() {
    OrderStore store = newStore();
    store.createAccount("alice");
    ClientOrder open = order("alice", "open");
    ClientOrder closed = order("alice", "closed");
    write(
        store,
        "alice",
        book -> {
          book.putOrder(open);
          book.putOrder(closed);
          book.putOrder(withStatus(closed, ClientOrderStatus.CANCELED));
          book.putOrder(bareOrder("alice", "notional-sell"));
        });

    OpenQuantities sums = store.inAccount("alice", book -> book.openQuantities(open.symbol()));

    assertThat(sums.buy()).isEqualByComparingTo(open.openQty());
    assertThat(sums.buy()).isEqualByComparingTo("16.500000001");
    assertThat(sums.sell()).isEqualByComparingTo("0");
    write(store, "alice", book -> book.putOrder(withStatus(open, ClientOrderStatus.FILLED)));
    OpenQuantities after = store.inAccount("alice", book -> book.openQuantities(open.symbol()));
    assertThat(after.buy()).isEqualByComparingTo("0");
  }

  @Test
  void anOrderIsSeenInTheWorkThatPutIt() {
    OrderStore store = newStore();
    store.createAccount("alice");
    ClientOrder order = order("alice", "c1");

    store.inAccount(
        "alice",
        book -> {
          book.putOrder(order);
          assertThat(book.order("c1")).contains(order);
          assertThat(book.orders()).containsExactly(order);
          return Boolean.TRUE;
        });
  }

  @Test
  void accountsKeepTheirOwnBooks() {
    OrderStore store = newStore();
    store.createAccount("alice");
    store.createAccount("bob");
    ClientOrder alices = order("alice", "c1");
    ClientOrder bobs = bareOrder("bob", "c1");

    write(
        store,
        "alice",
        book -> {
          book.putOrder(alices);
          book.take("c1");
          book.addFill(fill("alice", "c1", "e1", "1", "10.00"));
          book.putPosition(position("alice", "AAPL"));
          book.recordSubmit(T0);
          book.enqueue(entry("x1", "c1"));
        });
    write(store, "bob", book -> book.putOrder(bobs));

    assertThat(orderOf(store, "bob", "c1")).contains(bobs);
    store.inAccount(
        "bob",
        book -> {
          assertThat(book.orders()).containsExactly(bobs);
          assertThat(book.isTaken("c1")).isFalse();
          assertThat(book.hasFill("c1", "e1")).isFalse();
          assertThat(book.fills()).isEmpty();
          assertThat(book.positions()).isEmpty();
          assertThat(book.submitsAfter(Instant.EPOCH)).isZero();
          assertThat(book.outbox()).isEmpty();
          return Boolean.TRUE;
        });
    assertThat(orderOf(store, "alice", "c1")).contains(alices);
  }

  // ------------------------------------------------------------------ taken ids

  @Test
  void aTakenClientOrderIdStaysTakenForGood() {
    OrderStore store = newStore();
    store.createAccount("alice");

    write(store, "alice", book -> book.take("c1"));
    write(store, "alice", book -> book.take("c1"));

    store.inAccount(
        "alice",
        book -> {
          assertThat(book.isTaken("c1")).isTrue();
          assertThat(book.isTaken("C1")).isFalse();
          assertThat(book.isTaken("c2")).isFalse();
          // Taking names no order: a replace takes its new id before the order exists.
          assertThat(book.order("c1")).isEmpty();
          assertThat(book.orders()).isEmpty();
          return Boolean.TRUE;
        });
    write(store, "alice", book -> book.putOrder(order("alice", "c1")));
    assertThat(isTaken(store, "alice", "c1")).isTrue();
  }

  @Test
  void puttingAnOrderDoesNotTakeItsId() {
    OrderStore store = newStore();
    store.createAccount("alice");

    write(store, "alice", book -> book.putOrder(order("alice", "c1")));

    assertThat(isTaken(store, "alice", "c1")).isFalse();
  }

  // ------------------------------------------------------------------ platform order ids

  @Test
  void aRegisteredOrderIdLocatesItsAccountAndClientOrderIdForGood() {
    OrderStore store = newStore();
    store.createAccount("alice");
    store.createAccount("bob");

    write(
        store,
        "alice",
        book -> {
          book.registerOrderId("id-1", "c1");
          book.registerOrderId("id-2", "c2");
        });
    write(store, "bob", book -> book.registerOrderId("id-3", "c1"));
    write(store, "alice", book -> book.registerOrderId("id-1", "c1"));

    assertThat(store.locate("id-1")).contains(new OrderRef("alice", "c1"));
    assertThat(store.locate("id-2")).contains(new OrderRef("alice", "c2"));
    assertThat(store.locate("id-3")).contains(new OrderRef("bob", "c1"));
    assertThat(store.locate("id-4")).isEmpty();
    assertThat(store.locate("ID-1")).isEmpty();
  }

  @Test
  void aRegistrationIsLocatedOnceItsWorkHasReturned() {
    OrderStore store = newStore();
    store.createAccount("alice");

    write(store, "alice", book -> book.registerOrderId("id-1", "c1"));

    // Registering names no order and takes no id.
    store.inAccount(
        "alice",
        book -> {
          assertThat(book.order("c1")).isEmpty();
          assertThat(book.isTaken("c1")).isFalse();
          return Boolean.TRUE;
        });
    assertThat(store.locate("id-1")).contains(new OrderRef("alice", "c1"));
  }

  @Test
  void everyThreadLocatesAnOrderIdRegisteredOnAnotherOnceItsWorkHasReturned() throws Exception {
    OrderStore store = newStore();
    int threads = 4;
    int perThread = 50;
    for (int t = 0; t < threads; t++) {
      store.createAccount("acct-" + t);
    }
    AtomicInteger next = new AtomicInteger();
    List<String> registered = Collections.synchronizedList(new ArrayList<>());

    // Each thread registers ids in its own account; after each registration has returned, it
    // locates its own and one any thread registered before: none may be missing.
    List<Integer> missing =
        race(
            threads,
            () -> {
              int me = next.getAndIncrement();
              SplittableRandom random = new SplittableRandom(me);
              int misses = 0;
              for (int i = 0; i < perThread; i++) {
                String clientOrderId = "c" + i;
                String orderId = "id-" + me + "-" + clientOrderId;
                write(store, "acct-" + me, book -> book.registerOrderId(orderId, clientOrderId));
                registered.add(orderId);
                String anyones = registered.get(random.nextInt(registered.size()));
                if (store.locate(orderId).isEmpty() || store.locate(anyones).isEmpty()) {
                  misses++;
                }
              }
              return misses;
            });

    assertThat(missing).containsOnly(0);
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(store.locate("id-" + t + "-c" + i)).contains(new OrderRef("acct-" + t, "c" + i));
      }
    }
  }

  // ------------------------------------------------------------------ fills

  @Test
  void fillsComeBackInTheOrderAppliedWithEveryField() {
    OrderStore store = newStore();
    store.createAccount("alice");
    OrderFill f1 = fill("alice", "c2", "e9", "0.123456789", "190.123456789012");
    OrderFill f2 = fill("alice", "c1", "e1", "10", "5.00");
    OrderFill f3 =
        new OrderFill(
            "alice",
            "c1",
            "e0",
            "BTC/USD",
            OrderSide.SELL,
            new BigDecimal("1E+2"),
            new BigDecimal("0.0001000"),
            new BigDecimal("0.01"),
            Instant.parse("1999-12-31T23:59:59.999999999Z"));

    write(store, "alice", book -> book.addFill(f1));
    write(
        store,
        "alice",
        book -> {
          book.addFill(f2);
          book.addFill(f3);
        });

    assertThat(fillsOf(store, "alice")).containsExactly(f1, f2, f3);
  }

  @Test
  void anExecIdIsAppliedPerOrder() {
    OrderStore store = newStore();
    store.createAccount("alice");

    write(store, "alice", book -> book.addFill(fill("alice", "c1", "e1", "1", "1.00")));

    store.inAccount(
        "alice",
        book -> {
          assertThat(book.hasFill("c1", "e1")).isTrue();
          assertThat(book.hasFill("c2", "e1")).isFalse();
          assertThat(book.hasFill("c1", "e2")).isFalse();
          assertThat(book.hasFill("c1", "E1")).isFalse();
          book.addFill(fill("alice", "c2", "e1", "2", "1.00"));
          assertThat(book.hasFill("c2", "e1")).isTrue();
          return Boolean.TRUE;
        });
    assertThat(fillsOf(store, "alice")).hasSize(2);
  }

  // ------------------------------------------------------------------ positions

  @Test
  void puttingAPositionAgainReplacesItAndPositionsAreSortedBySymbol() {
    OrderStore store = newStore();
    store.createAccount("alice");
    ClientPosition msft = position("alice", "MSFT");
    ClientPosition aapl = position("alice", "AAPL");
    ClientPosition btc =
        new ClientPosition(
            "alice",
            "BTC/USD",
            new BigDecimal("-0.000000001"),
            new BigDecimal("-0.01"),
            new BigDecimal("123456789012345.67"));
    ClientPosition aaplClosed =
        new ClientPosition(
            "alice",
            "AAPL",
            new BigDecimal("0.000"),
            new BigDecimal("0.00"),
            new BigDecimal("-12.34"));

    write(
        store,
        "alice",
        book -> {
          book.putPosition(msft);
          book.putPosition(aapl);
          book.putPosition(btc);
        });
    write(store, "alice", book -> book.putPosition(aaplClosed));
    write(store, "alice", book -> book.putPosition(ClientPosition.flat("alice", "a")));

    store.inAccount(
        "alice",
        book -> {
          assertThat(book.positions())
              .containsExactly(aaplClosed, btc, msft, ClientPosition.flat("alice", "a"));
          assertThat(book.position("AAPL")).contains(aaplClosed);
          assertThat(book.position("aapl")).isEmpty();
          return Boolean.TRUE;
        });
  }

  // ------------------------------------------------------------------ submits

  @Test
  void submitsAreCountedStrictlyAfterAnInstantToTheNanosecond() {
    OrderStore store = newStore();
    store.createAccount("alice");

    write(
        store,
        "alice",
        book -> {
          book.recordSubmit(T0);
          book.recordSubmit(T0);
          book.recordSubmit(T0.plusNanos(1));
        });
    write(store, "alice", book -> book.recordSubmit(T0.plusSeconds(1)));

    store.inAccount(
        "alice",
        book -> {
          assertThat(book.submitsAfter(T0.minusNanos(1))).isEqualTo(4);
          assertThat(book.submitsAfter(T0)).isEqualTo(2);
          assertThat(book.submitsAfter(T0.plusNanos(1))).isEqualTo(1);
          assertThat(book.submitsAfter(T0.plusSeconds(1).minusNanos(1))).isEqualTo(1);
          assertThat(book.submitsAfter(T0.plusSeconds(1))).isZero();
          assertThat(book.submitsAfter(Instant.EPOCH)).isEqualTo(4);
          return Boolean.TRUE;
        });
  }

  @Test
  void submitsRecordedOutOfTimeOrderAreCountedByTheirInstants() {
    OrderStore store = newStore();
    store.createAccount("alice");

    // A clock that stepped back between two submits.
    write(store, "alice", book -> book.recordSubmit(T0.plusSeconds(5)));
    write(store, "alice", book -> book.recordSubmit(T0.plusSeconds(2)));
    write(store, "alice", book -> book.recordSubmit(T0.plusSeconds(9)));
    write(store, "alice", book -> book.recordSubmit(T0.plusSeconds(1)));

    store.inAccount(
        "alice",
        book -> {
          assertThat(book.submitsAfter(T0)).isEqualTo(4);
          assertThat(book.submitsAfter(T0.plusSeconds(1))).isEqualTo(3);
          assertThat(book.submitsAfter(T0.plusSeconds(3))).isEqualTo(2);
          assertThat(book.submitsAfter(T0.plusSeconds(5))).isEqualTo(1);
          assertThat(book.submitsAfter(T0.plusSeconds(9))).isZero();
          return Boolean.TRUE;
        });
  }

  @Test
  void submitsBeforeTheEpochAreCountedToo() {
    OrderStore store = newStore();
    store.createAccount("alice");
    Instant before = Instant.parse("1969-12-31T23:59:59.5Z");

    write(store, "alice", book -> book.recordSubmit(before));

    store.inAccount(
        "alice",
        book -> {
          assertThat(book.submitsAfter(before.minusNanos(1))).isEqualTo(1);
          assertThat(book.submitsAfter(before)).isZero();
          return Boolean.TRUE;
        });
  }

  // ------------------------------------------------------------------ outbox

  @Test
  void theOutboxIsOldestFirstAndDequeueRemovesOneEntry() {
    OrderStore store = newStore();
    store.createAccount("alice");
    OutboxEntry z = entry("z", "c1");
    OutboxEntry a =
        new OutboxEntry("a", OutboxKind.BUY_FILL, "c2", "exec 'ü'", 1, 2, 123_456_789_012L, 55);
    OutboxEntry m = new OutboxEntry("m", OutboxKind.SELL_TO_CASH, "c3", "e1", 0, 0, 1, 0);

    write(
        store,
        "alice",
        book -> {
          book.enqueue(z);
          book.enqueue(a);
        });
    write(store, "alice", book -> book.enqueue(m));
    assertThat(outboxOf(store, "alice")).containsExactly(z, a, m);

    write(store, "alice", book -> book.dequeue(a));
    assertThat(outboxOf(store, "alice")).containsExactly(z, m);

    write(store, "alice", book -> book.dequeue(a));
    OutboxEntry b = new OutboxEntry("b", OutboxKind.SELL_TO_UNSETTLED, "c4", "e2", 0, 0, 7, 0);
    write(store, "alice", book -> book.enqueue(b));
    assertThat(outboxOf(store, "alice")).containsExactly(z, m, b);

    store.inAccount(
        "alice",
        book -> {
          for (OutboxEntry entry : book.outbox()) {
            book.dequeue(entry);
          }
          assertThat(book.outbox()).isEmpty();
          return Boolean.TRUE;
        });
    assertThat(outboxOf(store, "alice")).isEmpty();
  }

  // ------------------------------------------------------------------ serialization

  @Test
  void sixteenThreadsUpdatingOneAccountLoseNoUpdate() throws Exception {
    OrderStore store = newStore();
    store.createAccount("alice");
    write(store, "alice", book -> book.putOrder(withGeneration(order("alice", "counter"), 0)));
    int threads = 16;
    int rounds = 25;

    race(
        threads,
        () -> {
          for (int i = 0; i < rounds; i++) {
            store.inAccount(
                "alice",
                book -> {
                  ClientOrder current = book.order("counter").orElseThrow();
                  book.putOrder(withGeneration(current, current.holdGeneration() + 1));
                  book.recordSubmit(T0);
                  return Boolean.TRUE;
                });
          }
          return Boolean.TRUE;
        });

    store.inAccount(
        "alice",
        book -> {
          assertThat(book.order("counter").orElseThrow().holdGeneration())
              .isEqualTo(threads * rounds);
          assertThat(book.submitsAfter(T0.minusNanos(1))).isEqualTo(threads * rounds);
          return Boolean.TRUE;
        });
  }

  @Test
  void workOnAnotherAccountRunsWhileOneAccountIsBusy() throws Exception {
    OrderStore store = newStore();
    store.createAccount("alice");
    store.createAccount("bob");
    CountDownLatch aliceEntered = new CountDownLatch(1);
    CountDownLatch releaseAlice = new CountDownLatch(1);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> alice =
          executor.submit(
              () ->
                  store.inAccount(
                      "alice",
                      book -> {
                        book.take("a1");
                        aliceEntered.countDown();
                        await(releaseAlice);
                        return Boolean.TRUE;
                      }));
      assertThat(aliceEntered.await(30, TimeUnit.SECONDS)).isTrue();

      Future<Boolean> bob =
          executor.submit(
              () ->
                  store.inAccount(
                      "bob",
                      book -> {
                        book.take("b1");
                        return book.isTaken("b1");
                      }));
      // Bob's work finishes while Alice's is still running: accounts are not serialized together.
      assertThat(bob.get(30, TimeUnit.SECONDS)).isTrue();
      assertThat(alice.isDone()).isFalse();

      releaseAlice.countDown();
      assertThat(alice.get(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      releaseAlice.countDown();
      executor.shutdownNow();
    }
    assertThat(isTaken(store, "alice", "a1")).isTrue();
    assertThat(isTaken(store, "bob", "b1")).isTrue();
  }

  // ------------------------------------------------------------------ failed work

  @Test
  void aWorkThatThrowsPropagatesItsException() {
    OrderStore store = newStore();
    store.createAccount("alice");
    IllegalStateException failure = new IllegalStateException("the work failed");

    assertThatThrownBy(
            () ->
                store.inAccount(
                    "alice",
                    book -> {
                      book.take("c1");
                      throw failure;
                    }))
        .isSameAs(failure);

    // The account is not left busy.
    String free = store.inAccount("alice", book -> "free");
    assertThat(free).isEqualTo("free");
  }

  @Test
  void aWorkThatThrowsKeepsNoneOfItsWrites() {
    if (!discardsWritesOfAFailedWork()) {
      return; // This store documents that it keeps them.
    }
    OrderStore store = newStore();
    store.createAccount("alice");
    ClientOrder before = order("alice", "c0");
    write(
        store,
        "alice",
        book -> {
          book.putOrder(before);
          book.take("c0");
          book.addFill(fill("alice", "c0", "e0", "1", "1.00"));
          book.putPosition(position("alice", "AAPL"));
          book.recordSubmit(T0);
          book.enqueue(entry("x0", "c0"));
        });
    IllegalArgumentException failure = new IllegalArgumentException("judged wrong");

    assertThatThrownBy(
            () ->
                store.inAccount(
                    "alice",
                    book -> {
                      book.putOrder(order("alice", "c1"));
                      book.putOrder(withGeneration(before, 9));
                      book.take("c1");
                      book.addFill(fill("alice", "c1", "e1", "1", "1.00"));
                      book.putPosition(ClientPosition.flat("alice", "AAPL"));
                      book.putPosition(position("alice", "MSFT"));
                      book.recordSubmit(T0.plusSeconds(1));
                      book.enqueue(entry("x1", "c1"));
                      book.dequeue(entry("x0", "c0"));
                      book.registerOrderId("id-1", "c1");
                      throw failure;
                    }))
        .isSameAs(failure);

    store.inAccount(
        "alice",
        book -> {
          assertThat(book.orders()).containsExactly(before);
          assertThat(book.isTaken("c1")).isFalse();
          assertThat(book.hasFill("c1", "e1")).isFalse();
          assertThat(book.fills()).extracting(OrderFill::execId).containsExactly("e0");
          assertThat(book.positions()).containsExactly(position("alice", "AAPL"));
          assertThat(book.submitsAfter(T0)).isZero();
          assertThat(book.outbox()).containsExactly(entry("x0", "c0"));
          return Boolean.TRUE;
        });
    assertThat(store.locate("id-1")).isEmpty();
  }

  // ------------------------------------------------------------------ fixtures

  /** Returns an order with every field present. */
  protected static ClientOrder order(String account, String clientOrderId) {
    return new ClientOrder(
        account,
        clientOrderId,
        orderId("order", account, clientOrderId),
        "AAPL",
        OrderSide.BUY,
        OrderType.LIMIT,
        TimeInForce.DAY,
        new BigDecimal("20.000000001"),
        null,
        new BigDecimal("190.00"),
        new BigDecimal("189.5000"),
        ClientOrderStatus.PENDING_REPLACE,
        "a reason",
        new BigDecimal("3.5"),
        new BigDecimal("665.087500"),
        new BigDecimal("665.09"),
        "c0",
        "c9",
        true,
        new PendingReplace(
            "c9",
            new BigDecimal("16.5"),
            new BigDecimal("191.25"),
            new BigDecimal("0.0001"),
            TimeInForce.GTC,
            new BigDecimal("191.2500")),
        new BigDecimal("190.00"),
        3,
        "venue-" + clientOrderId,
        T0,
        T0.plusSeconds(5).plusNanos(1));
  }

  /** Returns a notional order with every nullable field null. */
  protected static ClientOrder bareOrder(String account, String clientOrderId) {
    return new ClientOrder(
        account,
        clientOrderId,
        orderId("bare", account, clientOrderId),
        "BTC/USD",
        OrderSide.SELL,
        OrderType.MARKET,
        TimeInForce.IOC,
        null,
        new BigDecimal("100.00"),
        null,
        null,
        ClientOrderStatus.DENIED,
        null,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        new BigDecimal("0.00"),
        null,
        null,
        false,
        null,
        null,
        0,
        null,
        Instant.EPOCH,
        Instant.parse("2026-01-05T15:00:00Z"));
  }

  private static ClientOrder withPendingReplace(
      ClientOrder o, @Nullable PendingReplace pendingReplace) {
    return new ClientOrder(
        o.account(),
        o.clientOrderId(),
        o.orderId(),
        o.symbol(),
        o.side(),
        o.type(),
        o.timeInForce(),
        o.qty(),
        o.notional(),
        o.limitPrice(),
        o.stopPrice(),
        o.status(),
        o.reason(),
        o.filledQty(),
        o.filledValue(),
        o.filledAmount(),
        o.replaces(),
        o.replacedBy(),
        o.acknowledged(),
        pendingReplace,
        o.reserveBasis(),
        o.holdGeneration(),
        o.venueOrderId(),
        o.createdAt(),
        o.updatedAt());
  }

  private static ClientOrder withStatus(ClientOrder o, ClientOrderStatus status) {
    return new ClientOrder(
        o.account(),
        o.clientOrderId(),
        o.orderId(),
        o.symbol(),
        o.side(),
        o.type(),
        o.timeInForce(),
        o.qty(),
        o.notional(),
        o.limitPrice(),
        o.stopPrice(),
        status,
        o.reason(),
        o.filledQty(),
        o.filledValue(),
        o.filledAmount(),
        o.replaces(),
        o.replacedBy(),
        o.acknowledged(),
        status == ClientOrderStatus.PENDING_REPLACE ? o.pendingReplace() : null,
        o.reserveBasis(),
        o.holdGeneration(),
        o.venueOrderId(),
        o.createdAt(),
        o.updatedAt());
  }

  private static ClientOrder withGeneration(ClientOrder o, int generation) {
    return new ClientOrder(
        o.account(),
        o.clientOrderId(),
        o.orderId(),
        o.symbol(),
        o.side(),
        o.type(),
        o.timeInForce(),
        o.qty(),
        o.notional(),
        o.limitPrice(),
        o.stopPrice(),
        o.status(),
        o.reason(),
        o.filledQty(),
        o.filledValue(),
        o.filledAmount(),
        o.replaces(),
        o.replacedBy(),
        o.acknowledged(),
        o.pendingReplace(),
        o.reserveBasis(),
        generation,
        o.venueOrderId(),
        o.createdAt(),
        o.updatedAt());
  }

  private static OrderFill fill(
      String account, String clientOrderId, String execId, String qty, String price) {
    BigDecimal q = new BigDecimal(qty);
    BigDecimal p = new BigDecimal(price);
    return new OrderFill(
        account,
        clientOrderId,
        execId,
        "AAPL",
        OrderSide.BUY,
        q,
        p,
        q.multiply(p).setScale(2, java.math.RoundingMode.HALF_EVEN),
        T0.plusMillis(7));
  }

  private static ClientPosition position(String account, String symbol) {
    return new ClientPosition(
        account,
        symbol,
        new BigDecimal("12.000000001"),
        new BigDecimal("2280.00"),
        new BigDecimal("-3.21"));
  }

  private static OutboxEntry entry(String id, String clientOrderId) {
    return new OutboxEntry(id, OutboxKind.HOLD_CHANGE, clientOrderId, null, 1, 2, 0, 380_00);
  }

  // ------------------------------------------------------------------ helpers

  private static void write(OrderStore store, String account, Consumer<AccountBook> work) {
    store.inAccount(
        account,
        book -> {
          work.accept(book);
          return Boolean.TRUE;
        });
  }

  private static Optional<ClientOrder> orderOf(
      OrderStore store, String account, String clientOrderId) {
    return store.inAccount(account, book -> book.order(clientOrderId));
  }

  private static List<ClientOrder> ordersOf(OrderStore store, String account) {
    return store.inAccount(account, AccountBook::orders);
  }

  private static List<OrderFill> fillsOf(OrderStore store, String account) {
    return store.inAccount(account, AccountBook::fills);
  }

  private static List<OutboxEntry> outboxOf(OrderStore store, String account) {
    return store.inAccount(account, AccountBook::outbox);
  }

  private static boolean isTaken(OrderStore store, String account, String clientOrderId) {
    return store.inAccount(account, book -> book.isTaken(clientOrderId));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code task} on {@code threads} threads started together; returns their results. */
  private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            executor.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return task.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      executor.shutdownNow();
    }
  }

  /** A platform order id as the service makes them: a name-based UUID of the order's names. */
  private static String orderId(String kind, String account, String clientOrderId) {
    return UUID.nameUUIDFromBytes(
            (kind + "\n" + account + "\n" + clientOrderId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
