package dev.speedtrade.benchmarks;

import dev.speedtrade.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Money's exact parsing and arithmetic beside their floors: {@code new BigDecimal(text)} for
 * parsing and a bare {@code Math.addExact} for addition. The ratios say what validation costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MoneyBenchmark {
  private final Currency usd = Currency.getInstance("USD");
  private final String text = "12345.67";
  private final Money left = Money.of("12345.67", "USD");
  private final Money right = Money.of("0.33", "USD");
  private final long leftMinor = 1234567;
  private final long rightMinor = 33;

  /** Floor for parsing: the decimal alone. */
  @Benchmark
  public BigDecimal parseBigDecimalFloor() {
    return new BigDecimal(text);
  }

  /** Parsing into exact minor units, with every check. */
  @Benchmark
  public Money parseMoney() {
    return Money.of(text, usd);
  }

  /** Floor for addition: overflow-checked long addition. */
  @Benchmark
  public long addLongFloor() {
    return Math.addExact(leftMinor, rightMinor);
  }

  /** Money addition: currency check, overflow check, a new value. */
  @Benchmark
  public Money addMoney() {
    return left.plus(right);
  }
}
