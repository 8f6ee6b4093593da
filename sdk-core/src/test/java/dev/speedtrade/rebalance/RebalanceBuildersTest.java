package dev.speedtrade.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The one rule for builders, on the rebalance package's: a setter refuses null with a {@link
 * NullPointerException} naming the parameter; {@code build()} names a missing part with {@link
 * ErrorCode#MISSING_ADAPTER}; ranges keep their own codes.
 */
class RebalanceBuildersTest {
  private final SimulatedBroker broker = SimulatedBroker.builder().demoListings().build();
  private final TradingAccounts accounts =
      OneAccount.of(broker, broker.marketData(), broker.marketClock());
  private final InMemoryExecutionStore executions = new InMemoryExecutionStore();

  @Test
  void tradingSettingsSettersRefuseNullNamingTheParameter() {
    TradingSettings.Builder builder = TradingSettings.builder();

    assertNullRefused(() -> builder.orderType(nullValue()), "orderType");
    assertNullRefused(() -> builder.limitPercent(nullValue()), "limitPercent");
    assertNullRefused(() -> builder.fallbackTicker(nullValue()), "fallbackTicker");
    assertNullRefused(() -> builder.cashReserve(nullValue(), BigDecimal.ONE), "mode");
    assertNullRefused(() -> builder.cashReserve(ReserveMode.DOLLARS, nullValue()), "amount");
    assertNullRefused(() -> builder.pairedTickers(nullValue()), "pairedTickers");
    assertNullRefused(() -> builder.minTradePercent(nullValue()), "minTradePercent");
    assertCode(
        () -> builder.limitPercent(BigDecimal.valueOf(11)).build(), ErrorCode.INVALID_SETTINGS);
  }

  @Test
  void planInputSettersRefuseNullNamingTheParameter() {
    PlanInput.Builder builder = PlanInput.builder(BigDecimal.TEN);

    assertNullRefused(() -> builder.cash(nullValue()), "cash");
    assertNullRefused(() -> builder.holdings(nullValue()), "holdings");
    assertNullRefused(() -> builder.settings(nullValue()), "settings");
    assertNullRefused(() -> builder.investments(nullValue()), "investments");
    assertNullRefused(() -> builder.allocations(nullValue()), "allocations");
    assertNullRefused(() -> builder.prices(nullValue()), "prices");
    assertThat(builder.build().equity()).isEqualByComparingTo("10");
  }

  @Test
  void rebalanceExecutorSettersRefuseNullAndBuildNamesEachMissingPart() {
    RebalanceExecutor.Builder builder = RebalanceExecutor.builder();
    assertNullRefused(() -> builder.accounts(nullValue()), "accounts");
    assertNullRefused(() -> builder.store(nullValue()), "store");
    assertNullRefused(() -> builder.allocations(nullValue()), "allocations");
    assertNullRefused(() -> builder.clock(nullValue()), "clock");
    assertNullRefused(() -> builder.allocationTimeout(nullValue()), "allocationTimeout");
    assertNullRefused(() -> builder.sellWait(nullValue()), "sellWait");
    assertNullRefused(() -> builder.pollInterval(nullValue()), "pollInterval");

    assertMissing(
        () ->
            RebalanceExecutor.builder()
                .store(executions)
                .allocations(new StaticAllocationSource())
                .build(),
        "accounts(");
    assertMissing(
        () ->
            RebalanceExecutor.builder()
                .accounts(accounts)
                .allocations(new StaticAllocationSource())
                .build(),
        "store(");
    assertMissing(
        () -> RebalanceExecutor.builder().accounts(accounts).store(executions).build(),
        "allocations(");
  }

  @Test
  void inProcessSchedulerSettersRefuseNullAndBuildNamesEachMissingPart() {
    InProcessRebalanceScheduler.Builder builder = InProcessRebalanceScheduler.builder();
    assertNullRefused(() -> builder.service(nullValue()), "service");
    assertNullRefused(() -> builder.marketClock(nullValue()), "marketClock");
    assertNullRefused(() -> builder.clock(nullValue()), "clock");
    assertNullRefused(() -> builder.tick(nullValue()), "tick");
    assertCode(() -> builder.tick(Duration.ZERO), ErrorCode.INVALID_ARGUMENT);
    assertCode(() -> builder.threads(0), ErrorCode.INVALID_ARGUMENT);

    try (RebalanceExecutor executor =
        RebalanceExecutor.builder()
            .accounts(accounts)
            .store(executions)
            .allocations(new StaticAllocationSource())
            .build()) {
      RebalanceService service =
          new RebalanceService(
              new InMemoryInvestmentStore(),
              new InMemorySettingsStore(),
              executions,
              executor,
              Clock.systemUTC());
      assertMissing(
          () -> InProcessRebalanceScheduler.builder().marketClock(broker.marketClock()).build(),
          "service(");
      assertMissing(
          () -> InProcessRebalanceScheduler.builder().service(service).build(), "marketClock(");
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
