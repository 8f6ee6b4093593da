package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RiskControls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MicrometerOrderMetricsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T15:00:00Z"));
  private final InMemoryLedger ledger = new InMemoryLedger(clock);
  private final InMemoryMarket market = new InMemoryMarket(true);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void countsOrdersByOutcomeDenialsByCodeFillsAndTimesTheRiskChecks() {
    market.put(Instrument.of("AAPL", AssetClass.US_EQUITY, new BigDecimal("100.00")));
    OrderService orders =
        OrderService.builder()
            .ledger(ledger)
            .market(market)
            .riskControls(RiskControls.inMemory(clock))
            .clock(clock)
            .executor(Runnable::run)
            .metrics(MicrometerOrderMetrics.of(registry))
            .build();
    orders.openAccount("alice");
    ledger.submit(
        Transfer.single(
            "d1", ClientLedgerAccounts.PSP, ClientLedgerAccounts.cash("alice"), 50_000, "deposit"));

    orders.submit(buy("ok-1", "2"));
    orders.submit(buy("ok-2", "1"));
    orders.submit(buy("poor", "10"));
    orders.submit(buy("ok-1", "2"));
    orders.venue().fill("alice", "ok-1", "e1", BigDecimal.ONE, new BigDecimal("99.00"));
    orders.cancel("alice", "ok-2");

    assertThat(
            registry
                .get("speedtrade.orders.commands")
                .tags("command", "submit", "outcome", "OK")
                .timer()
                .count())
        .isEqualTo(2);
    assertThat(registry.get("speedtrade.orders.commands").tags("outcome", "EXISTS").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("speedtrade.orders.commands").tags("command", "cancel").timer().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("speedtrade.orders.denials")
                .tags("code", "INSUFFICIENT_BUYING_POWER")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get("speedtrade.orders.fills").tags("side", "buy").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("speedtrade.orders.risk.check").timer().count()).isEqualTo(3);
    assertThat(registry.get("speedtrade.orders.events").tags("type", "DENIED").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void withoutMetricsTheServiceRegistersNothing() {
    market.put(Instrument.of("AAPL", AssetClass.US_EQUITY, new BigDecimal("100.00")));
    OrderService orders =
        OrderService.builder()
            .ledger(ledger)
            .market(market)
            .riskControls(RiskControls.inMemory(clock))
            .clock(clock)
            .executor(Runnable::run)
            .build();
    orders.openAccount("alice");
    orders.submit(buy("x", "1"));

    assertThat(registry.getMeters()).isEmpty();
  }

  private static SubmitOrder buy(String coid, String qty) {
    return SubmitOrder.builder()
        .account("alice")
        .clientOrderId(coid)
        .symbol("AAPL")
        .side(OrderSide.BUY)
        .type(OrderType.LIMIT)
        .timeInForce(TimeInForce.DAY)
        .qty(new BigDecimal(qty))
        .limitPrice(new BigDecimal("100.00"))
        .build();
  }
}
