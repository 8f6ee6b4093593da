package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RiskControls;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderEventsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T15:00:00Z"));
  private final InMemoryLedger ledger = new InMemoryLedger(clock);
  private final InMemoryMarket market = new InMemoryMarket(true);
  private final RiskControls controls = RiskControls.inMemory(clock);
  private final AtomicInteger deposits = new AtomicInteger();

  OrderEventsTest() {
    market.put(Instrument.of("AAPL", AssetClass.US_EQUITY, new BigDecimal("100.00")));
  }

  @Test
  void anOrdersLifeIsReportedEventByEventWithItsFills() {
    OrderService orders = service(ExecutorsOnCaller.INSTANCE);
    open(orders, "alice", "10000.00");
    List<OrderEvent> seen = new ArrayList<>();
    orders.subscribe(seen::add);

    orders.submit(limitBuy("alice", "b1", "10"));
    orders.venue().venueAccept("alice", "b1");
    orders.venue().fill("alice", "b1", "e1", new BigDecimal("4"), new BigDecimal("99.50"));
    orders.cancel("alice", "b1");
    orders.venue().fill("alice", "b1", "e2", new BigDecimal("1"), new BigDecimal("99.75"));
    orders.venue().cancelAck("alice", "b1");
    orders.cancel("alice", "b1");

    assertThat(seen)
        .extracting(OrderEvent::type)
        .containsExactly(
            OrderEventType.ACCEPTED,
            OrderEventType.SENT,
            OrderEventType.PARTIALLY_FILLED,
            OrderEventType.CANCEL_REQUESTED,
            OrderEventType.PARTIALLY_FILLED,
            OrderEventType.CANCELED);
    assertThat(seen.get(2).fill().execId()).isEqualTo("e1");
    assertThat(seen.get(2).order().filledQty()).isEqualByComparingTo("4");
    assertThat(seen.get(4).order().status()).isEqualTo(ClientOrderStatus.PENDING_CANCEL);
    assertThat(seen.get(5).order().filledQty()).isEqualByComparingTo("5");
  }

  @Test
  void denialsRejectionsReplacesAndExpiriesAreReported() {
    OrderService orders = service(ExecutorsOnCaller.INSTANCE);
    open(orders, "alice", "1000.00");
    List<OrderEvent> seen = new ArrayList<>();
    orders.subscribe(seen::add);

    orders.submit(limitBuy("alice", "too-big", "50"));
    orders.submit(limitBuy("alice", "r1", "1"));
    orders.venue().venueReject("alice", "r1", "no");
    orders.submit(limitBuy("alice", "p1", "2"));
    orders.venue().venueAccept("alice", "p1");
    orders.replace(
        ReplaceOrder.builder("alice", "p1", "p2").limitPrice(new BigDecimal("99.00")).build());
    orders.venue().replaceAck("alice", "p1");
    orders.cancel("alice", "p2");
    orders.venue().cancelReject("alice", "p2");
    orders.venue().endOfDay();

    assertThat(seen)
        .extracting(e -> e.type() + " " + e.clientOrderId())
        .containsExactly(
            "DENIED too-big",
            "ACCEPTED r1",
            "REJECTED r1",
            "ACCEPTED p1",
            "SENT p1",
            "REPLACE_REQUESTED p1",
            "REPLACED p1",
            "ACCEPTED p2",
            "CANCEL_REQUESTED p2",
            "CANCEL_REJECTED p2",
            "EXPIRED p2");
    assertThat(seen.get(0).order().reason()).isEqualTo("INSUFFICIENT_BUYING_POWER");
  }

  @Test
  void aClientsSubscriptionReceivesOnlyItsOwnOrders() {
    OrderService orders = service(ExecutorsOnCaller.INSTANCE);
    open(orders, "alice", "1000.00");
    open(orders, "bob", "1000.00");
    List<String> alice = new ArrayList<>();
    Subscription subscription = orders.subscribe("alice", e -> alice.add(e.clientOrderId()));

    orders.submit(limitBuy("alice", "a1", "1"));
    orders.submit(limitBuy("bob", "b1", "1"));
    subscription.close();
    subscription.close();
    orders.submit(limitBuy("alice", "a2", "1"));

    assertThat(alice).containsExactly("a1");
  }

  @Test
  void aSlowListenerNeverHoldsUpAnOrder() throws InterruptedException {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      OrderService orders = service(pool);
      open(orders, "alice", "10000.00");
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch delivered = new CountDownLatch(3);
      orders.subscribe(
          event -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            delivered.countDown();
          });

      for (int i = 0; i < 3; i++) {
        assertThat(orders.submit(limitBuy("alice", "o" + i, "1")).code()).isEqualTo("OK");
      }

      assertThat(delivered.getCount()).isEqualTo(3);
      release.countDown();
      assertThat(delivered.await(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eventsOfEachOrderArriveInTheOrderOfItsChangesUnderConcurrentTrading() throws Exception {
    ExecutorService delivery = Executors.newFixedThreadPool(2);
    ExecutorService traders = Executors.newFixedThreadPool(8);
    try {
      OrderService orders = service(delivery);
      open(orders, "alice", "1000000.00");
      Map<String, List<OrderEvent>> byOrder = Collections.synchronizedMap(new HashMap<>());
      AtomicInteger count = new AtomicInteger();
      orders.subscribe(
          e -> {
            byOrder.computeIfAbsent(e.clientOrderId(), k -> new ArrayList<>()).add(e);
            count.incrementAndGet();
          });
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(
            traders.submit(
                () -> {
                  Random random = new Random(thread);
                  for (int i = 0; i < 50; i++) {
                    String coid = thread + "-" + i;
                    orders.submit(limitBuy("alice", coid, "10"));
                    orders.venue().venueAccept("alice", coid);
                    for (int f = 0; f < 1 + random.nextInt(3); f++) {
                      orders
                          .venue()
                          .fill("alice", coid, "x" + f, BigDecimal.ONE, new BigDecimal("99.00"));
                    }
                    if (random.nextBoolean()) {
                      orders.cancel("alice", coid);
                      orders.venue().cancelAck("alice", coid);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      int expected = 0;
      for (ClientOrder order : orders.orders("alice")) {
        expected +=
            2
                + order.filledQty().intValue()
                + (order.status() == ClientOrderStatus.CANCELED ? 2 : 0);
      }
      while (count.get() < expected && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }

      assertThat(count.get()).isEqualTo(expected);
      for (ClientOrder order : orders.orders("alice")) {
        List<OrderEvent> events = byOrder.get(order.clientOrderId());
        assertThat(events.get(0).type()).isEqualTo(OrderEventType.ACCEPTED);
        assertThat(events.get(1).type()).isEqualTo(OrderEventType.SENT);
        BigDecimal previous = BigDecimal.ZERO;
        for (OrderEvent event : events) {
          assertThat(event.order().filledQty()).isGreaterThanOrEqualTo(previous);
          previous = event.order().filledQty();
        }
        assertThat(events.get(events.size() - 1).order()).isEqualTo(order);
      }
    } finally {
      traders.shutdownNow();
      delivery.shutdownNow();
    }
  }

  private OrderService service(java.util.concurrent.Executor executor) {
    return OrderService.builder()
        .ledger(ledger)
        .market(market)
        .riskControls(controls)
        .clock(clock)
        .executor(executor)
        .build();
  }

  private void open(OrderService orders, String account, String cash) {
    orders.openAccount(account);
    ledger.submit(
        Transfer.single(
            "deposit-" + deposits.incrementAndGet(),
            ClientLedgerAccounts.PSP,
            ClientLedgerAccounts.cash(account),
            new BigDecimal(cash).movePointRight(2).longValueExact(),
            "deposit"));
  }

  private static SubmitOrder limitBuy(String account, String coid, String qty) {
    return SubmitOrder.builder()
        .account(account)
        .clientOrderId(coid)
        .symbol("AAPL")
        .side(OrderSide.BUY)
        .type(OrderType.LIMIT)
        .timeInForce(TimeInForce.DAY)
        .qty(new BigDecimal(qty))
        .limitPrice(new BigDecimal("100.00"))
        .build();
  }

  /** Delivers on the publishing thread, so that a test sees every event when a call returns. */
  private enum ExecutorsOnCaller implements java.util.concurrent.Executor {
    INSTANCE;

    @Override
    public void execute(Runnable command) {
      command.run();
    }
  }
}
