package dev.speedtrade.benchmarks;

import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Quantity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * Orders per second through the simulated broker: a market buy that fills at once, then the sell
 * that closes it. A broker keeps every order it was given, so the benchmark starts a fresh broker
 * every {@value #ROUND_TRIPS_PER_BROKER} round trips to measure a broker of a steady size, not the
 * garbage collector.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SimulatedBrokerBenchmark {
  /** 10:30 in New York on a trading day. */
  private static final Clock OPEN =
      Clock.fixed(Instant.parse("2026-11-24T15:30:00Z"), ZoneOffset.UTC);

  private final OrderRequest buy =
      OrderRequest.builder().symbol("SPY").side(OrderSide.BUY).qty(Quantity.of(1)).build();
  private final OrderRequest sell =
      OrderRequest.builder().symbol("SPY").side(OrderSide.SELL).qty(Quantity.of(1)).build();
  private static final int ROUND_TRIPS_PER_BROKER = 1000;

  private SimulatedBroker broker = SimulatedBroker.builder().build();
  private int roundTrips;

  /** A fresh broker per iteration. */
  @Setup(Level.Iteration)
  public void newBroker() {
    broker =
        SimulatedBroker.builder()
            .clock(OPEN)
            .demoListings()
            .cash(Money.of("1000000.00", "USD"))
            .build();
  }

  /** One round trip: a filled market buy and the filled market sell that undoes it. */
  @Benchmark
  public BrokerOrder buyThenSell() {
    if (++roundTrips % ROUND_TRIPS_PER_BROKER == 0) {
      newBroker();
    }
    broker.submitOrder(buy);
    return broker.submitOrder(sell);
  }
}
