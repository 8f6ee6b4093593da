package dev.speedtrade.oms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link OrderMetrics} as Micrometer meters on a host's {@link MeterRegistry}:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code speedtrade.orders.commands}</td><td>timer</td><td>{@code command}, {@code
 *       outcome}</td><td>submits, cancels and replaces by outcome ({@code OK}, {@code EXISTS}, the
 *       risk code of a denial, ...), with their latency</td></tr>
 *   <tr><td>{@code speedtrade.orders.denials}</td><td>counter</td><td>{@code code}</td><td>risk
 *       denials by check</td></tr>
 *   <tr><td>{@code speedtrade.orders.risk.check}</td><td>timer</td><td>-</td><td>the pre-trade
 *       checks of one order</td></tr>
 *   <tr><td>{@code speedtrade.orders.fills}</td><td>counter</td><td>{@code side}</td><td>fills
 *       applied</td></tr>
 *   <tr><td>{@code speedtrade.orders.events}</td><td>counter</td><td>{@code type}</td><td>order
 *       events</td></tr>
 * </table>
 *
 * <p>Micrometer is an optional dependency of the SDK: only a host that has it on its class path
 * calls {@link #of}, and no other class of the SDK refers to it. Thread-safe.
 */
public final class MicrometerOrderMetrics implements OrderMetrics {
  private final MeterRegistry registry;
  private final Timer riskCheck;
  private final ConcurrentMap<String, Timer> commands = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

  private MicrometerOrderMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.riskCheck =
        Timer.builder("speedtrade.orders.risk.check")
            .description("The pre-trade checks of one order")
            .register(registry);
  }

  /**
   * Returns metrics recorded on {@code registry}.
   *
   * @throws NullPointerException if {@code registry} is null
   */
  public static MicrometerOrderMetrics of(MeterRegistry registry) {
    if (registry == null) {
      throw new NullPointerException("registry");
    }
    return new MicrometerOrderMetrics(registry);
  }

  @Override
  public void command(String command, OrderResult result, long nanos) {
    String outcome = result.code();
    commands
        .computeIfAbsent(
            command + ' ' + outcome,
            key ->
                Timer.builder("speedtrade.orders.commands")
                    .description("Order commands by outcome")
                    .tag("command", command)
                    .tag("outcome", outcome)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
    if (result.denial() != null) {
      counter("speedtrade.orders.denials", "code", outcome).increment();
    }
  }

  @Override
  public void riskCheck(long nanos) {
    riskCheck.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void event(OrderEvent event) {
    counter("speedtrade.orders.events", "type", event.type().name()).increment();
    OrderFill fill = event.fill();
    if (fill != null) {
      counter("speedtrade.orders.fills", "side", fill.side().name().toLowerCase(Locale.ROOT))
          .increment();
    }
  }

  private Counter counter(String name, String tag, String value) {
    return counters.computeIfAbsent(
        name + ' ' + value, key -> Counter.builder(name).tag(tag, value).register(registry));
  }
}
