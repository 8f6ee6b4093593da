package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientOrderStatus;
import dev.speedtrade.oms.OrderCode;
import dev.speedtrade.oms.OrderFill;
import dev.speedtrade.oms.OrderResult;
import dev.speedtrade.oms.Portfolio;
import dev.speedtrade.testkit.PostgresExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scale-out: hosts that share nothing but one PostgreSQL database (each its own pool, JDBC stores
 * and {@link JdbcLedger}) race on one client account. The database alone keeps the invariants: one
 * order per client order id, one fill per exec id per order, never an overfill, a ledger that
 * balances. First two hosts in this JVM, then this JVM against a second one ({@link
 * OrderHostMain}).
 */
class JdbcOrderServiceScaleOutPostgresTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final int THREADS = 8;

  private static @Nullable OrderHost hostA;
  private static @Nullable OrderHost hostB;

  @BeforeAll
  static void openHosts() {
    hostA = new OrderHost(postgres.jdbcUrl(), "host-a", 2 * THREADS + 2);
    hostB = new OrderHost(postgres.jdbcUrl(), "host-b", 2 * THREADS + 2);
  }

  @AfterAll
  static void closeHosts() {
    if (hostA != null) {
      hostA.close();
    }
    if (hostB != null) {
      hostB.close();
    }
  }

  private static OrderHost a() {
    return java.util.Objects.requireNonNull(hostA);
  }

  private static OrderHost b() {
    return java.util.Objects.requireNonNull(hostB);
  }

  /** Opens {@code account} through both hosts (the second finds it open) with 2000.00 of cash. */
  private static void open(String account) {
    assertThat(a().orders.openAccount(account)).isEqualTo(OrderCode.OK);
    assertThat(b().orders.openAccount(account)).isEqualTo(OrderCode.EXISTS);
    a().deposit(account, account, 2000_00);
  }

  @Test
  void twoHostsSubmittingOneClientOrderIdMakeOneOrder() throws Exception {
    String account = "race-submit";
    open(account);

    for (int round = 1; round <= 5; round++) {
      String coid = "c" + round;
      List<OrderResult> results =
          race(
              THREADS,
              i -> (i % 2 == 0 ? a() : b()).orders.submit(OrderHost.buy(account, coid, "1")));

      assertThat(results).extracting(OrderResult::outcome).containsOnlyOnce(OrderCode.OK);
      assertThat(results)
          .extracting(OrderResult::outcome)
          .filteredOn(code -> code != OrderCode.OK)
          .containsOnly(OrderCode.EXISTS)
          .hasSize(THREADS - 1);
    }

    for (OrderHost host : List.of(a(), b())) {
      assertThat(host.orders.orders(account))
          .extracting(ClientOrder::clientOrderId)
          .containsExactly("c1", "c2", "c3", "c4", "c5");
      // Five holds of 1 x 100.00, each taken once.
      Portfolio portfolio = host.orders.portfolio(account);
      assertThat(portfolio.cash()).isEqualByComparingTo("2000.00");
      assertThat(portfolio.buyingPower()).isEqualByComparingTo("1500.00");
    }
    assertThat(a().trialBalance()).containsExactly(0, 0);
  }

  @Test
  void twoHostsFillingOneOrderNeverOverfillAndApplyEachExecIdOnce() throws Exception {
    String account = "race-fill";
    open(account);
    assertThat(a().orders.submit(OrderHost.buy(account, "c1", "10")).outcome())
        .isEqualTo(OrderCode.OK);
    assertThat(b().orders.venue().venueAccept(account, "c1").outcome()).isEqualTo(OrderCode.OK);
    // Fifteen exec ids of qty 1 for an order of 10, each sent by both hosts, in a shuffled order.
    List<String> tasks = new ArrayList<>();
    for (int i = 1; i <= 15; i++) {
      tasks.add("A e" + i);
      tasks.add("B e" + i);
    }
    Collections.shuffle(tasks);

    List<OrderResult> results = new ArrayList<>();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    try {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<List<OrderResult>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int first = t;
        futures.add(
            executor.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  List<OrderResult> mine = new ArrayList<>();
                  for (int k = first; k < tasks.size(); k += THREADS) {
                    String[] task = tasks.get(k).split(" ");
                    OrderHost host = task[0].equals("A") ? a() : b();
                    mine.add(
                        host.orders
                            .venue()
                            .fill(
                                account, "c1", task[1], BigDecimal.ONE, new BigDecimal("100.00")));
                  }
                  return mine;
                }));
      }
      for (Future<List<OrderResult>> future : futures) {
        results.addAll(future.get(120, TimeUnit.SECONDS));
      }
    } finally {
      executor.shutdownNow();
    }

    Map<OrderCode, Long> counts =
        results.stream()
            .collect(Collectors.groupingBy(OrderResult::outcome, Collectors.counting()));
    // Ten fills fit; each applied exec id's other attempt is a duplicate; the five exec ids left
    // find the order FILLED.
    assertThat(counts)
        .containsOnly(
            Map.entry(OrderCode.OK, 10L),
            Map.entry(OrderCode.DUPLICATE_FILL, 10L),
            Map.entry(OrderCode.INVALID_TRANSITION, 10L));
    assertFilledOnce(account, 10);
  }

  @Test
  void aHostInAnotherJvmSubmittingTheSameClientOrderIdGetsOneOrder() throws Exception {
    String account = "jvm-submit";
    open(account);

    Child child = Child.start(postgres.jdbcUrl(), "submit", account, "c1", String.valueOf(THREADS));
    List<OrderResult> mine;
    try {
      child.go();
      mine = race(THREADS, i -> a().orders.submit(OrderHost.buy(account, "c1", "10")));
    } finally {
      child.finish();
    }

    List<String> codes = new ArrayList<>();
    mine.forEach(r -> codes.add(r.code()));
    codes.addAll(child.codes());
    assertThat(codes).hasSize(2 * THREADS).containsOnlyOnce("OK");
    assertThat(codes).filteredOn(c -> !c.equals("OK")).containsOnly("EXISTS");
    assertThat(b().orders.orders(account))
        .extracting(ClientOrder::clientOrderId)
        .containsOnly("c1");
    assertThat(b().orders.portfolio(account).buyingPower()).isEqualByComparingTo("1000.00");
    assertThat(a().trialBalance()).containsExactly(0, 0);
  }

  @Test
  void aHostInAnotherJvmFillingTheSameOrderNeverOverfills() throws Exception {
    String account = "jvm-fill";
    open(account);
    assertThat(a().orders.submit(OrderHost.buy(account, "c1", "10")).outcome())
        .isEqualTo(OrderCode.OK);
    assertThat(a().orders.venue().venueAccept(account, "c1").outcome()).isEqualTo(OrderCode.OK);
    List<String> execs = new ArrayList<>();
    for (int i = 1; i <= 15; i++) {
      execs.add("e" + i);
    }
    Collections.shuffle(execs);

    Child child = Child.start(postgres.jdbcUrl(), "fill", account, "c1", "15", "4");
    List<OrderResult> mine = new ArrayList<>();
    try {
      child.go();
      List<List<OrderResult>> parts =
          race(
              4,
              t -> {
                List<OrderResult> part = new ArrayList<>();
                for (int k = t; k < execs.size(); k += 4) {
                  part.add(
                      b().orders
                          .venue()
                          .fill(
                              account,
                              "c1",
                              execs.get(k),
                              BigDecimal.ONE,
                              new BigDecimal("100.00")));
                }
                return part;
              });
      parts.forEach(mine::addAll);
    } finally {
      child.finish();
    }

    List<String> codes = new ArrayList<>();
    mine.forEach(r -> codes.add(r.code()));
    codes.addAll(child.codes());
    Map<String, Long> counts =
        codes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(counts)
        .containsOnly(
            Map.entry("OK", 10L),
            Map.entry("DUPLICATE_FILL", 10L),
            Map.entry("INVALID_TRANSITION", 10L));
    assertFilledOnce(account, 10);
  }

  /**
   * Checks that order c1 of {@code account} is FILLED by {@code qty} fills of 1, each exec id once.
   */
  private static void assertFilledOnce(String account, int qty) {
    for (OrderHost host : List.of(a(), b())) {
      ClientOrder order = host.orders.order(account, "c1").orElseThrow();
      assertThat(order.status()).isEqualTo(ClientOrderStatus.FILLED);
      assertThat(order.filledQty()).isEqualByComparingTo(BigDecimal.valueOf(qty));
      List<OrderFill> fills = host.orders.fills(account);
      assertThat(fills).hasSize(qty);
      assertThat(fills).extracting(OrderFill::execId).doesNotHaveDuplicates();
      assertThat(host.orders.positions(account))
          .singleElement()
          .satisfies(p -> assertThat(p.qty()).isEqualByComparingTo(BigDecimal.valueOf(qty)));
      Portfolio portfolio = host.orders.portfolio(account);
      // 2000.00 deposited, qty x 100.00 spent, nothing held any more.
      BigDecimal left = new BigDecimal("2000.00").subtract(BigDecimal.valueOf(qty * 100L));
      assertThat(portfolio.cash()).isEqualByComparingTo(left);
      assertThat(portfolio.buyingPower()).isEqualByComparingTo(left);
    }
    assertThat(a().trialBalance()).containsExactly(0, 0);
  }

  /** A task run on one of several threads, told its index. */
  private interface Indexed<T> {
    T run(int index) throws Exception;
  }

  private static <T> List<T> race(int threads, Indexed<T> task) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        Callable<T> call =
            () -> {
              start.await(30, TimeUnit.SECONDS);
              return task.run(index);
            };
        futures.add(executor.submit(call));
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

  /** {@link OrderHostMain} in a JVM of its own, on this JVM's class path. */
  private static final class Child {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final List<String> lines = new ArrayList<>();

    private Child(Process process) {
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static Child start(String... args) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(OrderHostMain.class.getName());
      command.addAll(List.of(args));
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Child child = new Child(process);
      child.expect("READY");
      return child;
    }

    /** Tells the child to start racing. */
    void go() throws IOException {
      in.write("GO\n");
      in.flush();
    }

    /** Reads the child's results up to DONE and waits for it to exit with 0. */
    void finish() throws Exception {
      try {
        expect("DONE");
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
      } finally {
        process.destroyForcibly();
      }
    }

    /** The codes of the child's RESULT lines. */
    List<String> codes() {
      List<String> codes = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("RESULT ")) {
          codes.add(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return codes;
    }

    private void expect(String marker) throws IOException {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (line.equals(marker)) {
          return;
        }
      }
      throw new IllegalStateException(
          "the child JVM ended before " + marker + "; it printed " + lines);
    }
  }
}
