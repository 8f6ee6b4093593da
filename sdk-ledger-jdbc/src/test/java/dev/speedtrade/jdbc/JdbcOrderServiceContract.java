package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.AssetStatus;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientOrderStatus;
import dev.speedtrade.oms.DiscrepancyKind;
import dev.speedtrade.oms.OrderCode;
import dev.speedtrade.oms.OrderResult;
import dev.speedtrade.oms.Reconciliation;
import dev.speedtrade.oms.ReplaceOrder;
import dev.speedtrade.oms.SubmitOrder;
import dev.speedtrade.oms.VenueEvents;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The order service on the JDBC stores and ledger of one database, as the in-memory engine's tests
 * run it ({@code OrderConcurrencyTest}, {@code VenueLinkTest}): eight threads trading while the
 * venue's events arrive, and a crash between recording an order and sending it. Subclasses give the
 * database.
 */
abstract class JdbcOrderServiceContract {
  /** Threads calling the service at once; the pool must hold twice as many connections. */
  static final int THREADS = 8;

  /**
   * Connections a pool needs for {@link #THREADS} callers: each holds its book and the ledger's.
   */
  static final int POOL_SIZE = 2 * THREADS + 2;

  private static final List<String> ACCOUNTS = List.of("alice", "bob");

  /**
   * Returns a data source on an empty database, migrated, pooling at least {@link #POOL_SIZE}
   * connections.
   */
  protected abstract DataSource database();

  /**
   * How many commands and events each of the eight threads runs: as many as fit in a few seconds.
   */
  protected abstract int operationsPerThread();

  // ---------------------------------------------------------------- eight threads

  @Test
  void eightThreadsTradingWhileFillsArriveLeaveConsistentBooks() throws Exception {
    OrderDesk desk = new OrderDesk(database());
    desk.open("alice", "200000.00", "alice");
    desk.open("bob", "150000.00", "bob");
    Map<String, BigDecimal> deposits =
        Map.of("alice", new BigDecimal("200000.00"), "bob", new BigDecimal("150000.00"));
    List<List<String>> known = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    int operations = operationsPerThread();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Integer>> done = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  Random random = new Random(1000L + thread);
                  int ok = 0;
                  for (int i = 0; i < operations; i++) {
                    int a = random.nextInt(ACCOUNTS.size());
                    if (step(desk, random, ACCOUNTS.get(a), known.get(a), thread + "-" + i)) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      start.countDown();
      int applied = 0;
      for (Future<Integer> f : done) {
        applied += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(applied).isGreaterThan(THREADS * operations / 4);
    } finally {
      pool.shutdownNow();
    }
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(desk.orders.fills("alice").size() + desk.orders.fills("bob").size())
        .isGreaterThan(THREADS * operations / 10);
    desk.checkBooks(deposits);
    desk.orders.venue().endOfDay();
    desk.checkBooks(deposits);
    assertThat(desk.orders.orders("alice"))
        .filteredOn(o -> o.timeInForce() == TimeInForce.DAY)
        .noneMatch(ClientOrder::isOpen);
  }

  /** One random command or venue event, as {@code OrderConcurrencyTest} runs; true when OK. */
  private static boolean step(
      OrderDesk desk, Random random, String account, List<String> known, String name) {
    VenueEvents venue = desk.orders.venue();
    String existing = known.isEmpty() ? "none" : known.get(random.nextInt(known.size()));
    int choice = random.nextInt(100);
    OrderResult result;
    if (choice < 25 || known.isEmpty()) {
      boolean crypto = random.nextInt(4) == 0;
      String coid = "c" + name;
      result =
          desk.orders.submit(
              OrderDesk.limit(
                      account,
                      coid,
                      crypto ? "BTC/USD" : "AAPL",
                      random.nextBoolean() ? OrderSide.BUY : OrderSide.SELL,
                      Integer.toString(1 + random.nextInt(5)),
                      Integer.toString(90 + random.nextInt(20)))
                  .timeInForce(crypto ? TimeInForce.GTC : TimeInForce.DAY)
                  .build());
      known.add(coid);
    } else if (choice < 35) {
      result = venue.venueAccept(account, existing);
    } else if (choice < 65) {
      result =
          venue.fill(
              account,
              existing,
              "x" + name,
              new BigDecimal(1 + random.nextInt(3)),
              new BigDecimal(85 + random.nextInt(30) + ".25"));
    } else if (choice < 73) {
      result = desk.orders.cancel(account, existing);
    } else if (choice < 79) {
      result = venue.cancelAck(account, existing);
    } else if (choice < 85) {
      String coid = "r" + name;
      result =
          desk.orders.replace(
              ReplaceOrder.builder(account, existing, coid)
                  .limitPrice(new BigDecimal(90 + random.nextInt(20)))
                  .build());
      if (result.isOk()) {
        known.add(coid);
      }
    } else if (choice < 92) {
      result = venue.replaceAck(account, existing);
    } else if (choice < 96) {
      result = venue.replaceReject(account, existing);
    } else if (choice < 99) {
      result = venue.cancelReject(account, existing);
    } else {
      result = venue.expire(account, existing);
    }
    return result.isOk();
  }

  // ---------------------------------------------------------------- crash between record and send

  @Test
  void anOrderRecordedButNeverSentBeforeACrashIsSentOnceAfterTheRestart() {
    DataSource database = database();
    SimulatedBroker venue = venue();
    List<Runnable> neverRun = new ArrayList<>();
    OrderDesk crashed = new OrderDesk(database, venue, neverRun::add);
    crashed.open("alice", "10000.00", "alice");

    assertThat(crashed.orders.submit(limitBuy("c1")).outcome()).isEqualTo(OrderCode.OK);

    assertThat(crashed.orders.order("alice", "c1").orElseThrow().status())
        .isEqualTo(ClientOrderStatus.PENDING_NEW);
    assertThat(venue.openOrders()).isEmpty();
    assertThat(neverRun).isNotEmpty();
    Reconciliation beforeRestart = crashed.orders.reconcileInternal();
    assertThat(beforeRestart.problems()).isEmpty();
    assertThat(beforeRestart.pendingWork())
        .singleElement()
        .satisfies(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.OUTBOX_PENDING));
    crashed.orders.close();

    AtomicInteger sends = new AtomicInteger();
    OrderDesk restarted = new OrderDesk(database, counting(venue, sends), Runnable::run);
    restarted.orders.recover();
    assertThat(venue.openOrders()).hasSize(1);
    restarted.orders.recover();
    assertThat(venue.openOrders()).hasSize(1);
    restarted.orders.close();
    OrderDesk again = new OrderDesk(database, counting(venue, sends), Runnable::run);
    again.orders.recover();

    assertThat(sends).hasValue(1);
    assertThat(venue.openOrders()).hasSize(1);
    ClientOrder order = again.orders.order("alice", "c1").orElseThrow();
    assertThat(order.status()).isEqualTo(ClientOrderStatus.ACCEPTED);
    assertThat(order.venueOrderId()).isEqualTo(venue.openOrders().get(0).id());
    assertThat(venue.openOrders().get(0).clientOrderId()).isEqualTo(order.orderId());
    assertThat(again.orders.portfolio("alice").buyingPower()).isEqualByComparingTo("8200.00");
    again.checkBooks(Map.of("alice", new BigDecimal("10000.00")));
    assertThat(again.orders.reconcileWithVenue().discrepancies()).isEmpty();
    again.orders.close();
  }

  @Test
  void aSendThatReachedTheVenueBeforeACrashIsNotSentAgainAfterTheRestart() {
    DataSource database = database();
    SimulatedBroker venue = venue();
    AtomicInteger attempts = new AtomicInteger();
    Broker answerLostLookupsFail =
        new ForwardingBroker(venue) {
          @Override
          public BrokerOrder submitOrder(OrderRequest request) {
            attempts.incrementAndGet();
            venue.submitOrder(request);
            throw new IllegalStateException("connection reset");
          }

          @Override
          public Optional<BrokerOrder> orderByClientOrderId(String clientOrderId) {
            throw new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE, "venue unreachable");
          }
        };
    OrderDesk crashed = new OrderDesk(database, answerLostLookupsFail, Runnable::run);
    crashed.open("alice", "10000.00", "alice");
    assertThat(crashed.orders.submit(limitBuy("c1")).outcome()).isEqualTo(OrderCode.OK);
    assertThat(crashed.orders.reconcileInternal().pendingWork())
        .as("the send stays in the outbox")
        .singleElement()
        .satisfies(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.OUTBOX_PENDING));
    crashed.orders.close();

    OrderDesk restarted = new OrderDesk(database, venue, Runnable::run);
    restarted.orders.recover();
    restarted.orders.recover();

    assertThat(attempts).hasValue(1);
    assertThat(venue.openOrders()).hasSize(1);
    ClientOrder order = restarted.orders.order("alice", "c1").orElseThrow();
    assertThat(order.venueOrderId()).isEqualTo(venue.openOrders().get(0).id());
    assertThat(order.status()).isEqualTo(ClientOrderStatus.ACCEPTED);
    restarted.checkBooks(Map.of("alice", new BigDecimal("10000.00")));
    assertThat(restarted.orders.reconcileWithVenue().discrepancies()).isEmpty();
    restarted.orders.close();
  }

  // ---------------------------------------------------------------- fixture

  /** A simulated omnibus account listing AAPL at 190.00, on the desks' clock. */
  private static SimulatedBroker venue() {
    return SimulatedBroker.builder()
        .clock(Clock.fixed(OrderDesk.MONDAY, ZoneOffset.UTC))
        .cash(Money.of("1000000.00", "USD"))
        .listing(
            new Asset("AAPL", "AAPL", AssetClass.US_EQUITY, AssetStatus.ACTIVE, true, true),
            Price.of("190.00"))
        .build();
  }

  /** {@code venue}, counting each order sent to it in {@code sends}. */
  private static Broker counting(Broker venue, AtomicInteger sends) {
    return new ForwardingBroker(venue) {
      @Override
      public BrokerOrder submitOrder(OrderRequest request) {
        sends.incrementAndGet();
        return super.submitOrder(request);
      }
    };
  }

  /** alice's limit buy of 10 AAPL at 180.00: it rests at the venue, 1800.00 held. */
  private static SubmitOrder limitBuy(String coid) {
    return OrderDesk.limit("alice", coid, "AAPL", OrderSide.BUY, "10", "180.00").build();
  }
}
