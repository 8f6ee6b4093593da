package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Eight threads submit, replace and cancel on two shared accounts while others apply the venue's
 * accepts, fills, acks and expiries: the books end consistent (each order's filledQty is its fills,
 * each position its fills, the ledger's cash the fills) with a zero trial balance.
 */
class OrderConcurrencyTest {
  private static final List<String> ACCOUNTS = List.of("alice", "bob");
  private static final int THREADS = 8;
  private static final int OPERATIONS = 400;

  @Test
  void eightThreadsTradingWhileFillsArriveLeaveConsistentBooks() throws Exception {
    Desk desk =
        Desk.monday()
            .instrument(
                new Instrument(
                    "AAPL", AssetClass.US_EQUITY, true, true, true, new BigDecimal("100.00")))
            .instrument(
                new Instrument(
                    "BTC/USD", AssetClass.CRYPTO, true, true, false, new BigDecimal("50.00")))
            .open("alice", "200000.00")
            .open("bob", "150000.00");
    List<List<String>> known = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Integer>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                Random random = new Random(1000L + thread);
                int ok = 0;
                for (int i = 0; i < OPERATIONS; i++) {
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
      applied += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(applied).isGreaterThan(THREADS * OPERATIONS / 4);
    assertThat(desk.orders.fills("alice").size() + desk.orders.fills("bob").size())
        .isGreaterThan(100);
    desk.checkBooks();
    desk.venue().endOfDay();
    desk.checkBooks();
  }

  /** One random command or venue event; true when it answered OK. */
  private static boolean step(
      Desk desk, Random random, String account, List<String> known, String name) {
    VenueEvents venue = desk.venue();
    String existing = known.isEmpty() ? "none" : known.get(random.nextInt(known.size()));
    int choice = random.nextInt(100);
    OrderResult result;
    if (choice < 25 || known.isEmpty()) {
      boolean crypto = random.nextInt(4) == 0;
      String coid = "c" + name;
      result =
          desk.orders.submit(
              Desk.order(
                      account,
                      coid,
                      crypto ? "BTC/USD" : "AAPL",
                      random.nextBoolean() ? OrderSide.BUY : OrderSide.SELL,
                      Integer.toString(1 + random.nextInt(5)))
                  .limitPrice(Integer.toString(90 + random.nextInt(20)))
                  .timeInForce(
                      crypto
                          ? dev.speedtrade.broker.TimeInForce.GTC
                          : dev.speedtrade.broker.TimeInForce.DAY)
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
}
