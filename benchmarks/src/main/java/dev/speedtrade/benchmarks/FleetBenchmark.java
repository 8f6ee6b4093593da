package dev.speedtrade.benchmarks;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.SimulatedAccounts;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.broker.StartingPosition;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionResult;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.StaticAllocationSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * A fleet's daily rebalance through the platform: {@link #users} users on one {@link SpeedTrade},
 * each with its own simulated paper account on one market whose every broker and market data call
 * takes {@link #latencyMillis} ms, their investments in the platform's stores, all executed by
 * {@link RebalanceService#executeNow} on a pool of {@link #threads} threads, as a scheduler runs
 * them minutes before the close. One measured run (wall time in seconds); the target is 5 minutes
 * for 10,000 users at 50 ms on a 2-core machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
public class FleetBenchmark {
  private static final Clock BEFORE_CLOSE =
      Clock.fixed(Instant.parse("2026-11-24T20:50:00Z"), ZoneOffset.UTC);

  /** How many users. */
  @Param("10000")
  public int users = 10_000;

  /** The latency of every broker and market data call. */
  @Param("50")
  public int latencyMillis = 50;

  /** How many executions run at once. */
  @Param("500")
  public int threads = 500;

  private @Nullable SpeedTrade platform;

  /** Opens every user's account and stores their investments. */
  @Setup(Level.Iteration)
  public void fleet() {
    StaticAllocationSource bots =
        new StaticAllocationSource()
            .put(
                "growth",
                Allocation.of(Map.of("QQQ", new BigDecimal("0.5"), "MSFT", new BigDecimal("0.3"))))
            .put(
                "income",
                Allocation.of(Map.of("TLT", new BigDecimal("0.6"), "BIL", new BigDecimal("0.4"))));
    Duration latency = Duration.ofMillis(latencyMillis);
    SimulatedAccounts accounts =
        SimulatedAccounts.on(
            SimulatedMarket.builder()
                .clock(BEFORE_CLOSE)
                .demoListings()
                .latency(latency, latency)
                .build());
    for (int i = 0; i < users; i++) {
      accounts.open(
          "user-" + i,
          TradingMode.PAPER,
          Money.of("2000.00", "USD"),
          List.of(new StartingPosition("SPY", Quantity.of(5 + i % 20), Price.of("550.00"))));
    }
    SpeedTrade built = SpeedTrade.builder().accounts(accounts).allocations(bots).build();
    for (int i = 0; i < users; i++) {
      built
          .rebalance()
          .investments()
          .put(
              "user-" + i,
              TradingMode.PAPER,
              BotInvestment.percent("growth", new BigDecimal("60")));
      built
          .rebalance()
          .investments()
          .put(
              "user-" + i,
              TradingMode.PAPER,
              BotInvestment.percent("income", new BigDecimal("30")));
    }
    platform = built;
  }

  /** Closes the platform. */
  @TearDown(Level.Iteration)
  public void close() {
    if (platform != null) {
      platform.close();
      platform = null;
    }
  }

  /** Every user's execution, {@link #threads} at a time; fails unless every one succeeded. */
  @Benchmark
  public int executeTheFleet() throws Exception {
    RebalanceService rebalance = Objects.requireNonNull(platform).rebalance();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ExecutionResult>> runs = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        String userId = "user-" + i;
        runs.add(pool.submit(() -> rebalance.executeNow(userId, TradingMode.PAPER, false)));
      }
      int succeeded = 0;
      for (Future<ExecutionResult> run : runs) {
        ExecutionResult result = run.get();
        if (result.record() != null && result.record().status() == ExecutionStatus.SUCCESS) {
          succeeded++;
        }
      }
      if (succeeded != users) {
        throw new IllegalStateException(succeeded + " of " + users + " executions succeeded");
      }
      return succeeded;
    } finally {
      pool.shutdownNow();
    }
  }
}
