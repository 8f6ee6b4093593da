package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.SimulatedAccounts;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.rebalance.InMemoryExecutionStore;
import dev.speedtrade.rebalance.InMemoryInvestmentStore;
import dev.speedtrade.rebalance.InMemorySettingsStore;
import dev.speedtrade.rebalance.RebalanceExecutor;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.StaticAllocationSource;
import java.time.Clock;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The one rule for builders, on sdk-ledger-jdbc's: a setter refuses null with a {@link
 * NullPointerException} naming the parameter; {@code build()} names a missing part with {@link
 * ErrorCode#MISSING_ADAPTER}; ranges keep {@link ErrorCode#INVALID_ARGUMENT}.
 */
class JdbcBuildersTest {

  @Test
  void jdbcLedgerBuilderRefusesNullNamingTheParameter() {
    assertNullRefused(() -> JdbcLedger.builder(nullValue()), "dataSource");
    assertNullRefused(
        () -> JdbcLedger.builder(new org.h2.jdbcx.JdbcDataSource()).clock(nullValue()), "clock");
  }

  @Test
  void clusteredSchedulerSettersRefuseNullNamingTheParameter() {
    ClusteredRebalanceScheduler.Builder builder = ClusteredRebalanceScheduler.builder();

    assertNullRefused(() -> builder.dataSource(nullValue()), "dataSource");
    assertNullRefused(() -> builder.platform(nullValue()), "platform");
    assertNullRefused(() -> builder.service(nullValue()), "service");
    assertNullRefused(() -> builder.marketClock(nullValue()), "marketClock");
    assertNullRefused(() -> builder.clock(nullValue()), "clock");
    assertNullRefused(() -> builder.tick(nullValue()), "tick");
    assertNullRefused(() -> builder.pollingInterval(nullValue()), "pollingInterval");
    assertNullRefused(() -> builder.heartbeat(nullValue(), 4), "heartbeat");
    assertNullRefused(() -> builder.shutdownMaxWait(nullValue()), "wait");
    assertNullRefused(() -> builder.retryAfter(nullValue()), "retryAfter");
    assertNullRefused(() -> builder.name(nullValue()), "name");
    assertCode(() -> builder.tick(Duration.ZERO), ErrorCode.INVALID_ARGUMENT);
    assertCode(() -> builder.threads(0), ErrorCode.INVALID_ARGUMENT);
    assertCode(() -> builder.heartbeat(Duration.ofMinutes(1), 3), ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void clusteredSchedulerBuildNamesEachMissingPart() {
    SimulatedMarket market = SimulatedMarket.builder().demoListings().build();
    try (RebalanceExecutor executor =
        RebalanceExecutor.builder()
            .accounts(SimulatedAccounts.on(market))
            .store(new InMemoryExecutionStore())
            .allocations(new StaticAllocationSource())
            .build()) {
      RebalanceService service =
          new RebalanceService(
              new InMemoryInvestmentStore(),
              new InMemorySettingsStore(),
              new InMemoryExecutionStore(),
              executor,
              Clock.systemUTC());

      assertMissing(
          () -> ClusteredRebalanceScheduler.builder().marketClock(market.marketClock()).build(),
          "service(");
      assertMissing(
          () -> ClusteredRebalanceScheduler.builder().service(service).build(), "marketClock(");
      assertMissing(
          () ->
              ClusteredRebalanceScheduler.builder()
                  .service(service)
                  .marketClock(market.marketClock())
                  .build(),
          "dataSource(");
    }
  }

  private static void assertNullRefused(ThrowingCallable call, String parameter) {
    assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(parameter);
  }

  private static void assertMissing(ThrowingCallable call, String setter) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MISSING_ADAPTER);
              assertThat(e.getMessage()).contains(".builder()." + setter);
            });
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue", "TypeParameterUnusedInFormals"})
  private static <T> T nullValue() {
    return null;
  }
}
