package dev.speedtrade.benchmarks;

import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.Holding;
import dev.speedtrade.rebalance.PlanInput;
import dev.speedtrade.rebalance.ReferencePrices;
import dev.speedtrade.rebalance.SymbolWeight;
import dev.speedtrade.rebalance.TickerPair;
import dev.speedtrade.rebalance.TradePlan;
import dev.speedtrade.rebalance.TradePlanner;
import dev.speedtrade.rebalance.TradingSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning one account's rebalance at the size the rebalance issue names: 50 bots over a universe
 * of 500 symbols, 200 positions held, 10 ticker pairs; each bot weights {@link #symbolsPerBot} of
 * the symbols (all 500 is the worst case: 25,000 weights to merge). Target: at most 5 ms a plan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RebalanceBenchmark {
  private static final int BOTS = 50;
  private static final int SYMBOLS = 500;

  /** How many of the 500 symbols each bot weights. */
  @org.openjdk.jmh.annotations.Param({"50", "500"})
  public int symbolsPerBot = 500;

  private PlanInput input = PlanInput.builder(BigDecimal.ONE).build();

  /** Builds the account, the bots' weights and the prices, with a fixed seed. */
  @Setup(Level.Trial)
  public void input() {
    SplittableRandom random = new SplittableRandom(5);
    List<String> symbols = new ArrayList<>();
    Map<String, ReferencePrices> prices = new HashMap<>();
    for (int i = 0; i < SYMBOLS; i++) {
      String symbol = "S" + i;
      symbols.add(symbol);
      prices.put(symbol, ReferencePrices.ask(BigDecimal.valueOf(1 + random.nextInt(50_000), 2)));
    }
    List<BotInvestment> investments = new ArrayList<>();
    Map<String, Allocation> allocations = new HashMap<>();
    for (int bot = 0; bot < BOTS; bot++) {
      String botId = "bot-" + bot;
      investments.add(
          BotInvestment.dollars(botId, BigDecimal.valueOf(10_000 + random.nextInt(20_000))));
      List<SymbolWeight> weights = new ArrayList<>();
      int first = random.nextInt(SYMBOLS);
      BigDecimal each =
          BigDecimal.ONE.divide(
              BigDecimal.valueOf(symbolsPerBot), java.math.MathContext.DECIMAL128);
      for (int i = 0; i < symbolsPerBot; i++) {
        weights.add(new SymbolWeight(symbols.get((first + i) % SYMBOLS), each));
      }
      allocations.put(botId, Allocation.of(weights));
    }
    List<Holding> holdings = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      holdings.add(
          new Holding(
              symbols.get(random.nextInt(SYMBOLS)), BigDecimal.valueOf(1 + random.nextInt(1000))));
    }
    List<TickerPair> pairs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pairs.add(new TickerPair(symbols.get(2 * i), symbols.get(2 * i + 1)));
    }
    input =
        PlanInput.builder(new BigDecimal("1500000"))
            .cash(new BigDecimal("250000"))
            .holdings(holdings)
            .settings(TradingSettings.builder().pairedTickers(pairs).fallbackTicker("S499").build())
            .investments(investments)
            .allocations(allocations)
            .prices(prices)
            .build();
  }

  /** Steps 1 to 10 on the whole input. */
  @Benchmark
  public TradePlan plan() {
    return TradePlanner.plan(input);
  }
}
