package dev.speedtrade.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.DepositEventType;
import dev.speedtrade.funding.FundingCode;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.SettlementCalendar;
import dev.speedtrade.funding.SettlementRun;
import dev.speedtrade.funding.UserFunds;
import dev.speedtrade.funding.spi.FundingBook;
import dev.speedtrade.funding.spi.FundingStore;
import dev.speedtrade.funding.spi.InMemoryFundingStore;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.money.Money;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.rebalance.spi.DueSettlement;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The day's settlement on the in-process scheduler, on a clock the test moves and the simulated
 * market's NYSE calendar: once per trading day from the settlement time on, retried after a
 * failure.
 */
class InProcessSettlementTest {
  /** Friday 2026-11-27 (the day after Thanksgiving, an early close), 10:00 in New York. */
  private final MutableClock clock =
      MutableClock.at(java.time.LocalDateTime.of(2026, 11, 27, 10, 0));

  private final SimulatedBroker broker =
      SimulatedBroker.builder().clock(clock).demoListings().cash(Money.of("10000", "USD")).build();

  /** Fails the next {@code outages} transactions, as a database that is down would. */
  private final AtomicInteger outages = new AtomicInteger();

  private final AtomicInteger failed = new AtomicInteger();

  private final FundingStore flaky =
      new FundingStore() {
        private final InMemoryFundingStore store = new InMemoryFundingStore();

        @Override
        public <T> T inTransaction(Function<FundingBook, T> work) {
          if (outages.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failed.incrementAndGet();
            throw new SpeedTradeException(ErrorCode.STORE_UNAVAILABLE, "the funding store is down");
          }
          return store.inTransaction(work);
        }
      };

  private final FundingService funding = funding();

  private final InMemorySettingsStore settings = new InMemorySettingsStore();
  private final InMemoryInvestmentStore investments = new InMemoryInvestmentStore();
  private final InMemoryExecutionStore executions = new InMemoryExecutionStore();
  private final RebalanceExecutor executor =
      RebalanceExecutor.builder()
          .accounts(OneAccount.of(broker, broker.marketData(), broker.marketClock()))
          .store(executions)
          .allocations(new StaticAllocationSource())
          .clock(clock)
          .build();
  private final RebalanceService rebalance =
      new RebalanceService(investments, settings, executions, executor, clock);
  private InProcessRebalanceScheduler scheduler = scheduler(DueSettlement.DEFAULT_TIME);

  @AfterEach
  void stop() {
    scheduler.close();
    executor.close();
  }

  private FundingService funding() {
    InMemoryMarket market = new InMemoryMarket(true);
    market.put(
        new Instrument("SPY", AssetClass.US_EQUITY, true, true, false, new BigDecimal("500.00")));
    return FundingService.builder()
        .ledger(new InMemoryLedger(clock))
        .market(market)
        .clock(clock)
        .calendar(SettlementCalendar.of(broker.marketClock()))
        .store(flaky)
        .build();
  }

  private InProcessRebalanceScheduler scheduler(LocalTime settlementTime) {
    return InProcessRebalanceScheduler.builder()
        .service(rebalance)
        .marketClock(broker.marketClock())
        .clock(clock)
        .settlement(funding)
        .settlementTime(settlementTime)
        .build();
  }

  /** Opens dan with 2 SPY bought from a deposit, and sells one of them now for 510.00. */
  private LocalDate sellOneNow() {
    funding.openUser("dan", KycStatus.APPROVED, null);
    funding.createDeposit("dan", "d1", new BigDecimal("1000.00"));
    assertThat(funding.applyDepositEvent("e1", "d1", DepositEventType.COMPLETED, null).code())
        .isEqualTo(FundingCode.OK);
    assertThat(
            funding
                .recordBuyFill(
                    "dan", "b1", "SPY", BigDecimal.valueOf(2), new BigDecimal("500"), null)
                .code())
        .isEqualTo(FundingCode.OK);
    return funding
        .recordSellFill("dan", "s1", "SPY", BigDecimal.ONE, new BigDecimal("510.00"))
        .settlesOn();
  }

  private UserFunds dan() {
    return funding.funds("dan").orElseThrow();
  }

  @Test
  void aFridaySaleSettlesMondayAtTheSettlementTimeAndNotBefore() {
    assertThat(sellOneNow()).isEqualTo(LocalDate.of(2026, 11, 30));

    assertThat(scheduler.settleDue())
        .as("Friday's own settlement runs, with nothing due yet")
        .hasValueSatisfying(run -> assertThat(run.settledSales()).isEmpty());
    assertThat(scheduler.settleDue()).as("once a day").isEmpty();

    clock.set("2026-11-28T09:00:00");
    assertThat(scheduler.settleDue()).as("Saturday").isEmpty();
    clock.set("2026-11-29T09:00:00");
    assertThat(scheduler.settleDue()).as("Sunday").isEmpty();
    clock.set("2026-11-30T07:59:00");
    assertThat(scheduler.settleDue()).as("Monday before the settlement time").isEmpty();
    clock.set("2026-11-30T07:59:59");
    assertThat(scheduler.settleDue()).as("Monday a second before").isEmpty();
    assertThat(dan().unsettled()).isEqualByComparingTo("510.00");
    assertThat(dan().cash()).isEqualByComparingTo("0.00");

    clock.set("2026-11-30T08:00:00");
    assertThat(scheduler.settleDue())
        .hasValueSatisfying(run -> assertThat(run.settledSales()).containsExactly("s1"));
    assertThat(dan().unsettled()).isEqualByComparingTo("0.00");
    assertThat(dan().cash()).isEqualByComparingTo("510.00");

    clock.set("2026-11-30T08:00:15");
    assertThat(scheduler.settleDue()).as("the next tick the same day").isEmpty();
    clock.set("2026-11-30T16:30:00");
    assertThat(scheduler.settleDue()).as("later the same day").isEmpty();
    clock.set("2026-12-01T08:00:00");
    assertThat(scheduler.settleDue())
        .as("Tuesday runs again, with nothing left to settle")
        .hasValueSatisfying(run -> assertThat(run.settledSales()).isEmpty());
    assertThat(dan().cash()).isEqualByComparingTo("510.00");
  }

  @Test
  void aHolidayHasNoSettlementAndTheSaleBeforeItSettlesTheDayAfter() {
    clock.set("2026-11-25T10:00:00");
    assertThat(sellOneNow())
        .as("Wednesday's sale, over Thanksgiving")
        .isEqualTo(LocalDate.of(2026, 11, 27));
    assertThat(scheduler.settleDue()).isPresent();

    clock.set("2026-11-26T09:00:00");
    assertThat(scheduler.settleDue()).as("Thanksgiving").isEmpty();
    assertThat(dan().unsettled()).isEqualByComparingTo("510.00");

    clock.set("2026-11-27T08:00:00");
    assertThat(scheduler.settleDue())
        .hasValueSatisfying(run -> assertThat(run.settledSales()).containsExactly("s1"));
    assertThat(dan().cash()).isEqualByComparingTo("510.00");
  }

  @Test
  void aFailedSettlementIsNotRememberedAndTheNextCallRunsItAgain() {
    sellOneNow();
    clock.set("2026-11-30T08:00:00");
    outages.set(1);

    assertThatThrownBy(scheduler::settleDue)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    assertThat(dan().unsettled()).isEqualByComparingTo("510.00");

    clock.set("2026-11-30T08:00:15");
    assertThat(scheduler.settleDue())
        .hasValueSatisfying(run -> assertThat(run.settledSales()).containsExactly("s1"));
    assertThat(scheduler.settleDue()).isEmpty();
    assertThat(dan().cash()).isEqualByComparingTo("510.00");
  }

  @Test
  void theTickerSettlesAndRetriesAFailureAtTheNextTick() throws InterruptedException {
    sellOneNow();
    clock.set("2026-11-30T08:00:00");
    outages.set(1);
    scheduler.close();
    scheduler =
        InProcessRebalanceScheduler.builder()
            .service(rebalance)
            .marketClock(broker.marketClock())
            .clock(clock)
            .settlement(funding)
            .tick(Duration.ofMillis(10))
            .build();

    scheduler.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    // Reading dan's funds goes through the store too: wait for the outage to be spent first.
    while (failed.get() == 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
    while (dan().unsettled().signum() != 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5);
    }

    assertThat(failed.get()).as("the first tick's settlement failed").isEqualTo(1);
    assertThat(dan().unsettled()).isEqualByComparingTo("0.00");
    assertThat(dan().cash()).isEqualByComparingTo("510.00");
    assertThat(scheduler.settleDue()).as("a later tick's work is done").isEmpty();
  }

  @Test
  void aLaterSettlementTimeWaitsForIt() {
    scheduler.close();
    scheduler = scheduler(LocalTime.of(9, 30));
    sellOneNow();

    clock.set("2026-11-30T09:29:59");
    assertThat(scheduler.settleDue()).isEmpty();
    clock.set("2026-11-30T09:30:00");
    assertThat(scheduler.settleDue().map(SettlementRun::settledSales))
        .contains(java.util.List.of("s1"));
  }

  @Test
  void withoutAFundingServiceNothingSettles() {
    sellOneNow();
    clock.set("2026-11-30T08:00:00");
    try (InProcessRebalanceScheduler plain =
        InProcessRebalanceScheduler.builder()
            .service(rebalance)
            .marketClock(broker.marketClock())
            .clock(clock)
            .build()) {
      assertThat(plain.settleDue()).isEqualTo(Optional.empty());
    }
    assertThat(dan().unsettled()).isEqualByComparingTo("510.00");
  }
}
