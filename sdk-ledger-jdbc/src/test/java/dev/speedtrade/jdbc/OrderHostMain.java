package dev.speedtrade.jdbc;

import dev.speedtrade.oms.OrderResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A second host in its own JVM, for {@link JdbcOrderServiceScaleOutPostgresTest}: opens an {@link
 * OrderHost} on the database its first argument names, prints {@code READY}, waits for a line on
 * standard input, races the parent, prints one {@code RESULT <key> <code>} line per call, then
 * {@code DONE}.
 *
 * <ul>
 *   <li>{@code URL submit ACCOUNT CLIENT_ORDER_ID THREADS}: each thread submits the same order.
 *   <li>{@code URL fill ACCOUNT CLIENT_ORDER_ID EXEC_COUNT THREADS}: the threads apply fills of qty
 *       1 at 100.00 with exec ids {@code e1..eN}, each once, in a shuffled order.
 * </ul>
 */
final class OrderHostMain {
  private OrderHostMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String url = args[0];
    String mode = args[1];
    String account = args[2];
    String coid = args[3];
    List<String> keys = new ArrayList<>();
    int threads;
    if (mode.equals("submit")) {
      threads = Integer.parseInt(args[4]);
      for (int i = 0; i < threads; i++) {
        keys.add(coid);
      }
    } else {
      int execs = Integer.parseInt(args[4]);
      threads = Integer.parseInt(args[5]);
      for (int i = 1; i <= execs; i++) {
        keys.add("e" + i);
      }
      Collections.shuffle(keys);
    }
    try (OrderHost host = new OrderHost(url, "child-host", 2 * threads + 2)) {
      out.println("READY");
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (in.readLine() == null) {
        throw new IllegalStateException("the parent closed standard input before GO");
      }
      ExecutorService executor = Executors.newFixedThreadPool(threads);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (String key : keys) {
          results.add(
              executor.submit(
                  () -> {
                    OrderResult result =
                        mode.equals("submit")
                            ? host.orders.submit(OrderHost.buy(account, coid, "10"))
                            : host.orders
                                .venue()
                                .fill(account, coid, key, BigDecimal.ONE, new BigDecimal("100.00"));
                    return "RESULT " + key + " " + result.code();
                  }));
        }
        for (Future<String> result : results) {
          out.println(result.get(120, TimeUnit.SECONDS));
        }
      } finally {
        executor.shutdownNow();
      }
    }
    out.println("DONE");
  }
}
