package dev.speedtrade.benchmarks;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientOrderStatus;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.oms.OrderResult;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.SubmitOrder;
import dev.speedtrade.oms.spi.InMemoryOrderStore;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.PreTradeRisk;
import dev.speedtrade.risk.ProposedOrder;
import dev.speedtrade.risk.RateLimit;
import dev.speedtrade.risk.RiskCode;
import dev.speedtrade.risk.RiskContext;
import dev.speedtrade.risk.RiskControls;
import dev.speedtrade.risk.RiskLimits;
import dev.speedtrade.risk.TradingState;
import dev.speedtrade.risk.TradingWindow;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The order service on its in-memory stores, one thread (issue 12), beside what it is built on.
 *
 * <p><b>Orders per second</b> ({@link Mode#Throughput}):
 *
 * <ul>
 *   <li>{@link #submit}: one buy limit order that passes all twenty risk checks, through {@link
 *       OrderService#submit}: judge, risk, the reserve held in the ledger, the order recorded.
 *   <li>{@link #submitCancelAck}: the same submit, then the client's cancel and the venue's
 *       cancelAck, which voids the hold: a round trip that leaves the account with nothing open.
 *   <li>{@link #ledgerHold}: the reserve's pending transfer alone, on a bare {@link InMemoryLedger}
 *       (the ledger work a submit cannot do without).
 *   <li>{@link #ledgerTransfer}: a single transfer between two client accounts, as {@code
 *       InMemoryLedgerBenchmark} measures it (the ledger's own rate).
 * </ul>
 *
 * <p><b>Steady state.</b> The order service keeps every order for good (a book never forgets an
 * order, the ledger never forgets a transfer), so a run that never started afresh would measure a
 * book that grows without end. Each measured iteration therefore gets a fresh service with {@value
 * #ACCOUNTS} funded accounts, each already holding {@code history} closed orders (set straight into
 * the store, as a day of earlier trading would leave them); the submits pick a random account, so
 * in a 2 s iteration each account gains a few dozen orders at most. The bare ledger is swapped for
 * a fresh funded one every {@value #TRANSFERS_PER_LEDGER} transfers, as {@code
 * InMemoryLedgerBenchmark} does, from a pool built outside the measurement.
 *
 * <p><b>Risk alone</b> ({@link Mode#SampleTime}, percentiles): {@link #riskChecks} runs {@link
 * PreTradeRisk#firstFailure} on one realistic context (every limit set, all twenty checks pass)
 * beside {@link #riskBaseline}, a single field comparison, which shows the timer's floor.
 *
 * <p><b>JVM.</b> {@code -XX:+AlwaysPreTouch}: without it every new 4 KB page of the young
 * generation is a page fault the first time an allocation reaches it, which on this kind of virtual
 * machine costs about 10 microseconds: one risk check run in ten paid one (p90 of 10 us against
 * 0.19 us pre-touched). A service that has run for a while reuses pages it already touched. Each
 * iteration prints its measured part's allocation and collections ({@code [measured part: ...]}),
 * since JMH's {@code -prof gc} also counts the setup.
 *
 * <p>A listener of every order event is subscribed ({@link OrderService#subscribe}); it only counts
 * them, on the service's own executor.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class OrderBenchmark {
  static final int ACCOUNTS = 10_000;
  static final int TRANSFERS_PER_LEDGER = 100_000;

  /** 10:00 in New York on a Monday: the market is open. */
  static final Instant NOW = Instant.parse("2026-01-05T15:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String SYMBOL = "AAPL";
  static final BigDecimal MARK = new BigDecimal("190.00");
  static final BigDecimal QTY = BigDecimal.ONE;
  static final BigDecimal LIMIT = new BigDecimal("190.00");

  /** $1,000,000 per account: room for thousands of reserves of $190. */
  static final long CASH_CENTS = 100_000_000L;

  /**
   * The limits every account has: each check reads something. The rate limit is generous because
   * the clock is fixed: every submit of an iteration is "now".
   */
  static final RiskLimits LIMITS =
      RiskLimits.builder()
          .maxOrderQty(new BigDecimal("1000"))
          .maxOrderNotional(new BigDecimal("1000000"))
          .maxPositionQty(new BigDecimal("1000000"))
          .blockedSymbols(Set.of("GME", "AMC", "BBBY"))
          .tradingWindow(TradingWindow.parse("04:00-20:00"))
          .rateLimit(new RateLimit(100_000, 60))
          .build();

  static final Instrument INSTRUMENT =
      new Instrument(SYMBOL, AssetClass.US_EQUITY, true, true, false, MARK);

  static String account(int i) {
    return "acct-" + i;
  }

  /** A fresh order service with funded accounts, each holding {@code history} closed orders. */
  @State(Scope.Thread)
  public static class Desk {
    /** Closed orders already in each account's book (the account's past). */
    @Param({"0", "100"})
    public int history;

    final String[] accounts = new String[ACCOUNTS];
    final SplittableRandom random = new SplittableRandom(42);
    final Meter meter = new Meter();
    OrderService orders;
    long sequence;
    long refused;
    final AtomicLong delivered = new AtomicLong();

    /** Builds the service the iteration submits to; not measured. */
    @Setup(Level.Iteration)
    public void open() {
      if (orders != null) {
        orders.close();
      }
      InMemoryLedger ledger = new InMemoryLedger(CLOCK);
      InMemoryMarket market = new InMemoryMarket(true);
      market.put(INSTRUMENT);
      RiskControls controls = RiskControls.inMemory(CLOCK);
      InMemoryOrderStore store = new InMemoryOrderStore();
      orders =
          OrderService.builder()
              .store(store)
              .ledger(ledger)
              .market(market)
              .riskControls(controls)
              .clock(CLOCK)
              .build();
      // A host listens to every event; this one does nothing with them (delivered on the
      // service's own executor, another thread).
      orders.subscribe(event -> delivered.incrementAndGet());
      List<Transfer> deposits = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        String account = account(i);
        accounts[i] = account;
        orders.openAccount(account);
        controls.setLimits(account, LIMITS);
        deposits.add(
            Transfer.single(
                "deposit:" + account,
                ClientLedgerAccounts.PSP,
                ClientLedgerAccounts.cash(account),
                CASH_CENTS,
                "deposit"));
        if (history > 0) {
          seedHistory(store, account);
        }
      }
      for (TransferResult r : ledger.createTransfers(deposits)) {
        if (!r.isSuccess()) {
          throw new IllegalStateException("deposit refused: " + r);
        }
      }
      sequence = 0;
      refused = 0;
      // The new world is old before the measurement starts, as a running service's books are;
      // else the first young collections of the iteration copy all of it.
      System.gc();
      meter.start();
    }

    /** Puts {@code history} canceled buys, submitted a day ago, into the account's book. */
    private void seedHistory(InMemoryOrderStore store, String account) {
      Instant before = NOW.minusSeconds(86_400);
      store.inAccount(
          account,
          book -> {
            for (int j = 0; j < history; j++) {
              String coid = "old-" + j;
              book.take(coid);
              book.recordSubmit(before);
              book.putOrder(
                  new ClientOrder(
                      account,
                      coid,
                      "old-" + account + "-" + j,
                      SYMBOL,
                      OrderSide.BUY,
                      OrderType.LIMIT,
                      TimeInForce.DAY,
                      QTY,
                      null,
                      LIMIT,
                      null,
                      ClientOrderStatus.CANCELED,
                      null,
                      BigDecimal.ZERO,
                      BigDecimal.ZERO,
                      BigDecimal.ZERO.setScale(2),
                      null,
                      null,
                      true,
                      null,
                      LIMIT,
                      0,
                      null,
                      before,
                      before));
            }
            return null;
          });
    }

    /** A buy of 1 AAPL at its mark, limit, day, with a client order id never used before. */
    SubmitOrder nextBuy() {
      return SubmitOrder.builder()
          .account(accounts[random.nextInt(ACCOUNTS)])
          .clientOrderId("c-" + ++sequence)
          .symbol(SYMBOL)
          .side(OrderSide.BUY)
          .type(OrderType.LIMIT)
          .timeInForce(TimeInForce.DAY)
          .qty(QTY)
          .limitPrice(LIMIT)
          .build();
    }

    OrderResult expectOk(OrderResult result) {
      if (!result.isOk()) {
        refused++;
      }
      return result;
    }

    /** Fails the run when any call of the iteration was not answered OK. */
    @TearDown(Level.Iteration)
    public void check() {
      meter.stop(sequence);
      System.out.printf("  [events delivered to the listener: %,d]%n", delivered.getAndSet(0));
      if (refused > 0) {
        throw new IllegalStateException(refused + " calls were not answered OK");
      }
    }
  }

  /**
   * A bare ledger of {@value #ACCOUNTS} funded client cash accounts and the broker account; a fresh
   * one every {@value #TRANSFERS_PER_LEDGER} transfers, taken from a pool built outside the
   * measurement.
   */
  @State(Scope.Thread)
  public static class Ledgers {
    private static final int POOL = 32;

    final String[] cash = new String[ACCOUNTS];
    final SplittableRandom random = new SplittableRandom(42);
    final Deque<InMemoryLedger> pool = new ArrayDeque<>();
    final Meter meter = new Meter();
    InMemoryLedger ledger;
    long sequence;
    long builtInline;
    long refused;

    /** Lists the account ids. */
    @Setup(Level.Trial)
    public void ids() {
      for (int i = 0; i < ACCOUNTS; i++) {
        cash[i] = ClientLedgerAccounts.cash(account(i));
      }
    }

    /** Fills the pool of fresh ledgers; not measured. */
    @Setup(Level.Iteration)
    public void fill() {
      while (pool.size() < POOL) {
        pool.add(funded());
      }
      ledger = pool.poll();
      sequence = 0;
      refused = 0;
      System.gc();
      meter.start();
    }

    private InMemoryLedger funded() {
      InMemoryLedger l = new InMemoryLedger(CLOCK);
      List<LedgerAccount> accounts = new ArrayList<>(ClientLedgerAccounts.platform());
      List<Transfer> deposits = new ArrayList<>();
      for (String id : cash) {
        accounts.add(
            LedgerAccount.of(
                id,
                ClientLedgerAccounts.CURRENCY,
                "user_cash",
                AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
        deposits.add(
            Transfer.single("deposit:" + id, ClientLedgerAccounts.PSP, id, CASH_CENTS, "deposit"));
      }
      l.createAccounts(accounts);
      l.createTransfers(deposits);
      return l;
    }

    /** Returns the ledger to post to, swapping in a fresh one every so often. */
    InMemoryLedger ledger() {
      if (++sequence % TRANSFERS_PER_LEDGER == 0) {
        InMemoryLedger next = pool.poll();
        if (next == null) {
          builtInline++;
          next = funded();
        }
        ledger = next;
      }
      return ledger;
    }

    List<TransferResult> expectOk(List<TransferResult> results) {
      if (!results.get(0).isSuccess()) {
        refused++;
      }
      return results;
    }

    /** Fails the run when a transfer was refused; says when the pool ran dry. */
    @TearDown(Level.Iteration)
    public void check() {
      meter.stop(sequence);
      if (refused > 0) {
        throw new IllegalStateException(refused + " transfers were refused");
      }
      if (builtInline > 0) {
        System.out.println("(pool ran dry: " + builtInline + " ledgers built in the measurement)");
        builtInline = 0;
      }
    }
  }

  /**
   * Allocation and collections of the measured part of an iteration alone: JMH's {@code -prof gc}
   * also counts the iteration's setup (a whole new service, and its {@code System.gc()}).
   */
  static final class Meter {
    private final com.sun.management.ThreadMXBean thread =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long bytes;
    private long gcCount;
    private long gcMillis;

    void start() {
      bytes = thread.getCurrentThreadAllocatedBytes();
      gcCount = gcCount();
      gcMillis = gcMillis();
    }

    void stop(long ops) {
      long allocated = thread.getCurrentThreadAllocatedBytes() - bytes;
      System.out.printf(
          "  [measured part: %,d ops, %,d B/op, %d collections, %,d ms of GC]%n",
          ops, ops == 0 ? 0 : allocated / ops, gcCount() - gcCount, gcMillis() - gcMillis);
    }

    private static long gcCount() {
      long n = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        n += gc.getCollectionCount();
      }
      return n;
    }

    private static long gcMillis() {
      long n = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        n += gc.getCollectionTime();
      }
      return n;
    }
  }

  /** One context every check reads and passes: a buy limit with every limit set. */
  @State(Scope.Thread)
  public static class Risk {
    final PreTradeRisk risk = new PreTradeRisk();
    RiskContext context;

    /** Builds the context and checks that it passes. */
    @Setup(Level.Trial)
    public void context() {
      ProposedOrder order =
          new ProposedOrder(
              SYMBOL,
              OrderSide.BUY,
              OrderType.LIMIT,
              TimeInForce.DAY,
              new BigDecimal("10"),
              null,
              new BigDecimal("189.95"),
              null);
      context =
          new RiskContext(
              order,
              INSTRUMENT,
              TradingState.ACTIVE,
              LIMITS,
              new BigDecimal("25"),
              new BigDecimal("5"),
              BigDecimal.ZERO,
              new BigDecimal("48210.55"),
              new BigDecimal("1899.50"),
              true,
              NOW,
              3,
              false);
      Optional<RiskCode> failure = risk.firstFailure(context);
      if (failure.isPresent()) {
        throw new IllegalStateException("the context fails " + failure.get());
      }
    }
  }

  // ------------------------------------------------------------------ orders per second

  /** One submit of a buy limit that passes every check: its reserve is held, it is PENDING_NEW. */
  @Benchmark
  public OrderResult submit(Desk desk) {
    return desk.expectOk(desk.orders.submit(desk.nextBuy()));
  }

  /** A submit, the client's cancel and the venue's cancelAck (the hold is voided). */
  @Benchmark
  public OrderResult submitCancelAck(Desk desk) {
    SubmitOrder buy = desk.nextBuy();
    desk.expectOk(desk.orders.submit(buy));
    desk.expectOk(desk.orders.cancel(buy.account(), buy.clientOrderId()));
    return desk.expectOk(desk.orders.venue().cancelAck(buy.account(), buy.clientOrderId()));
  }

  /** The reserve's pending transfer alone, client cash to the broker, as the submit posts it. */
  @Benchmark
  public List<TransferResult> ledgerHold(Ledgers l) {
    InMemoryLedger ledger = l.ledger();
    return l.expectOk(
        ledger.createLinkedTransfers(
            List.of(
                Transfer.pending(
                    "hold-" + l.sequence,
                    l.cash[l.random.nextInt(ACCOUNTS)],
                    ClientLedgerAccounts.BROKER,
                    19_000,
                    "buy_reserve"))));
  }

  /** One single-phase transfer between two random client accounts, alone in its call. */
  @Benchmark
  public List<TransferResult> ledgerTransfer(Ledgers l) {
    InMemoryLedger ledger = l.ledger();
    int debit = l.random.nextInt(ACCOUNTS);
    int credit = (debit + 1 + l.random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    return l.expectOk(
        ledger.createTransfers(
            List.of(
                Transfer.single(
                    "t-" + l.sequence,
                    l.cash[debit],
                    l.cash[credit],
                    1 + l.random.nextInt(10_000),
                    "payment"))));
  }

  // ------------------------------------------------------------------ risk alone

  /** The twenty pre-trade checks on a context that passes them all. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Optional<RiskCode> riskChecks(Risk r) {
    return r.risk.firstFailure(r.context);
  }

  /** The floor of the same measurement: one comparison (check 1's) on the same context. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public boolean riskBaseline(Risk r) {
    return r.context.state() == TradingState.HALTED;
  }
}
