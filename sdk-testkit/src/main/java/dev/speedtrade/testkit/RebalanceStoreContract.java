package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionClaim;
import dev.speedtrade.rebalance.ExecutionEvent;
import dev.speedtrade.rebalance.ExecutionKey;
import dev.speedtrade.rebalance.ExecutionOrder;
import dev.speedtrade.rebalance.ExecutionRecord;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.ExecutionStore;
import dev.speedtrade.rebalance.InvestmentStore;
import dev.speedtrade.rebalance.OrderPhase;
import dev.speedtrade.rebalance.PlanTarget;
import dev.speedtrade.rebalance.PlanWarning;
import dev.speedtrade.rebalance.PriceSource;
import dev.speedtrade.rebalance.RebalanceArguments;
import dev.speedtrade.rebalance.ReserveMode;
import dev.speedtrade.rebalance.ScheduledUser;
import dev.speedtrade.rebalance.SettingsStore;
import dev.speedtrade.rebalance.TickerPair;
import dev.speedtrade.rebalance.TradingSettings;
import dev.speedtrade.rebalance.WarningCode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The contract of the rebalance stores ({@link InvestmentStore}, {@link SettingsStore}, {@link
 * ExecutionStore}) as JUnit 5 tests. A store implementation extends this class and returns fresh,
 * empty stores from the three factory methods; every test gets new ones.
 *
 * <pre>{@code
 * class MyStoresTest extends RebalanceStoreContract {
 *   protected InvestmentStore newInvestmentStore() { return new MyInvestmentStore(freshDatabase()); }
 *   protected SettingsStore newSettingsStore() { ... }
 *   protected ExecutionStore newExecutionStore() { ... }
 * }
 * }</pre>
 *
 * <p>Bad arguments are refused alike by every store, before anything is read or written: {@link
 * ErrorCode#INVALID_ARGUMENT} for a user id that breaks the rules of {@link RebalanceArguments}
 * (null, blank, longer than {@value RebalanceArguments#MAX_USER_ID_LENGTH} characters, a control
 * character, an unpaired surrogate), a null mode, key, instant, date, order or list, and a bad bot
 * id to {@code remove}; {@link ErrorCode#INVALID_INVESTMENT} for a null investment; {@link
 * ErrorCode#INVALID_SETTINGS} for null settings. Ids at the limits, and settings at theirs, are
 * kept.
 */
public abstract class RebalanceStoreContract {
  private static final Instant NOW = Instant.parse("2026-11-24T20:50:00Z");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  /** Creates the contract; subclasses supply the stores. */
  protected RebalanceStoreContract() {}

  /** Returns an empty investment store. */
  protected abstract InvestmentStore newInvestmentStore();

  /** Returns an empty settings store. */
  protected abstract SettingsStore newSettingsStore();

  /** Returns an empty execution store. */
  protected abstract ExecutionStore newExecutionStore();

  // ------------------------------------------------------------------ investments

  @Test
  void investmentsKeepTheOrderTheyWereFirstAddedInEvenWhenUpdated() {
    InvestmentStore store = newInvestmentStore();
    store.put("u1", TradingMode.PAPER, BotInvestment.dollars("b", new BigDecimal("100")));
    store.put("u1", TradingMode.PAPER, BotInvestment.percent("a", new BigDecimal("30")));
    store.put("u1", TradingMode.PAPER, BotInvestment.dollars("c", new BigDecimal("5.25")));
    store.put("u1", TradingMode.PAPER, BotInvestment.percent("b", new BigDecimal("12.5")));

    assertThat(store.list("u1", TradingMode.PAPER))
        .containsExactly(
            BotInvestment.percent("b", new BigDecimal("12.5")),
            BotInvestment.percent("a", new BigDecimal("30")),
            BotInvestment.dollars("c", new BigDecimal("5.25")));
  }

  @Test
  void paperAndLiveInvestmentsNeverMixAndUsersAreApart() {
    InvestmentStore store = newInvestmentStore();
    store.put("u1", TradingMode.PAPER, BotInvestment.dollars("a", BigDecimal.TEN));
    store.put("u1", TradingMode.LIVE, BotInvestment.dollars("b", BigDecimal.ONE));
    store.put("u2", TradingMode.PAPER, BotInvestment.dollars("c", BigDecimal.ONE));

    assertThat(store.list("u1", TradingMode.PAPER))
        .extracting(BotInvestment::botId)
        .containsExactly("a");
    assertThat(store.list("u1", TradingMode.LIVE))
        .extracting(BotInvestment::botId)
        .containsExactly("b");
    assertThat(store.list("u2", TradingMode.LIVE)).isEmpty();
  }

  @Test
  void removingAnInvestmentSaysWhetherThereWasOne() {
    InvestmentStore store = newInvestmentStore();
    store.put("u1", TradingMode.PAPER, BotInvestment.dollars("a", BigDecimal.TEN));

    assertThat(store.remove("u1", TradingMode.LIVE, "a")).isFalse();
    assertThat(store.remove("u1", TradingMode.PAPER, "a")).isTrue();
    assertThat(store.remove("u1", TradingMode.PAPER, "a")).isFalse();
    assertThat(store.list("u1", TradingMode.PAPER)).isEmpty();
  }

  @Test
  void amountsComeBackExactly() {
    InvestmentStore store = newInvestmentStore();
    BigDecimal amount = new BigDecimal("12345678901234.123456789");
    store.put("u1", TradingMode.PAPER, BotInvestment.dollars("a", amount));

    assertThat(store.list("u1", TradingMode.PAPER).get(0).amount()).isEqualByComparingTo(amount);
  }

  // ------------------------------------------------------------------ settings

  @Test
  void settingsComeBackAsTheyWerePut() {
    SettingsStore store = newSettingsStore();
    TradingSettings settings =
        TradingSettings.builder()
            .orderType(OrderType.MARKET)
            .limitPercent(new BigDecimal("2.5"))
            .fallbackTicker("CASH")
            .cashReserve(ReserveMode.PERCENT, new BigDecimal("12.5"))
            .pairedTickers(List.of(new TickerPair("SPY", "SH"), new TickerPair("QQQ", "PSQ")))
            .minTradePercent(new BigDecimal("0.75"))
            .minutesBeforeClose(15)
            .enabled(true)
            .build();

    assertThat(store.get("u1", TradingMode.PAPER)).isEmpty();
    store.put("u1", TradingMode.PAPER, settings);

    TradingSettings read = store.get("u1", TradingMode.PAPER).orElseThrow();
    assertThat(read.toBuilder().build().pairedTickers()).isEqualTo(settings.pairedTickers());
    assertThat(read.orderType()).isEqualTo(OrderType.MARKET);
    assertThat(read.limitPercent()).isEqualByComparingTo("2.5");
    assertThat(read.fallbackTicker()).isEqualTo("CASH");
    assertThat(read.cashReserveMode()).isEqualTo(ReserveMode.PERCENT);
    assertThat(read.cashReserveAmount()).isEqualByComparingTo("12.5");
    assertThat(read.minTradePercent()).isEqualByComparingTo("0.75");
    assertThat(read.minutesBeforeClose()).isEqualTo(15);
    assertThat(read.enabled()).isTrue();
    assertThat(store.get("u1", TradingMode.LIVE)).isEmpty();
  }

  @Test
  void pairsOfCryptoSymbolsComeBackAsTheyWerePut() {
    SettingsStore store = newSettingsStore();
    List<TickerPair> pairs =
        List.of(new TickerPair("BTC/USD", "ETH/USD"), new TickerPair("SPY", "SH"));
    store.put("u1", TradingMode.PAPER, TradingSettings.builder().pairedTickers(pairs).build());

    assertThat(store.get("u1", TradingMode.PAPER).orElseThrow().pairedTickers()).isEqualTo(pairs);
  }

  @Test
  void enabledListsOnlyEnabledUsersSortedByUserThenMode() {
    SettingsStore store = newSettingsStore();
    TradingSettings on = TradingSettings.builder().enabled(true).build();
    store.put("u2", TradingMode.LIVE, on);
    store.put("u1", TradingMode.LIVE, on);
    store.put("u1", TradingMode.PAPER, on);
    store.put("u3", TradingMode.PAPER, TradingSettings.defaults());
    store.put("u2", TradingMode.PAPER, on);
    store.put("u2", TradingMode.PAPER, on.toBuilder().enabled(false).build());

    assertThat(store.enabled())
        .extracting(user -> user.userId() + "/" + user.mode())
        .containsExactly("u1/PAPER", "u1/LIVE", "u2/LIVE");
    assertThat(store.enabled())
        .extracting(ScheduledUser::settings)
        .allMatch(TradingSettings::enabled);
  }

  // ------------------------------------------------------------------ executions

  @Test
  void theFirstClaimCreatesTheExecutionAndASecondIsRefusedWhileItIsHeld() {
    ExecutionStore store = newExecutionStore();
    ExecutionKey key = new ExecutionKey("u1", TradingMode.PAPER, DAY);

    try (ExecutionClaim claim = store.claim(key, NOW).orElseThrow()) {
      assertThat(claim.execution().id()).isEqualTo(key.executionId());
      assertThat(claim.execution().attempt()).isEqualTo(1);
      assertThat(claim.execution().status()).isEqualTo(ExecutionStatus.RUNNING);
      assertThat(claim.execution().startedAt()).isEqualTo(NOW);
      assertThat(store.claim(key, NOW)).isEmpty();
      assertThat(store.find(key))
          .hasValueSatisfying(record -> assertThat(record.attempt()).isEqualTo(1));
    }
  }

  @Test
  void aReleasedUnfinishedExecutionIsResumedWithItsOrders() {
    ExecutionStore store = newExecutionStore();
    ExecutionKey key = new ExecutionKey("u1", TradingMode.PAPER, DAY);
    ExecutionOrder pending = order(key, "SPY", null, null);
    try (ExecutionClaim claim = store.claim(key, NOW).orElseThrow()) {
      claim.saveOrder(pending);
    }

    try (ExecutionClaim resumed = store.claim(key, NOW.plusSeconds(30)).orElseThrow()) {
      assertThat(resumed.execution().attempt()).isEqualTo(2);
      assertThat(resumed.execution().startedAt()).isEqualTo(NOW);
      assertThat(resumed.execution().orders()).containsExactly(pending);
      assertThat(resumed.order(pending.clientOrderId())).contains(pending);
    }
  }

  @Test
  void savingAnOrderAgainReplacesItByClientOrderId() {
    ExecutionStore store = newExecutionStore();
    ExecutionKey key = new ExecutionKey("u1", TradingMode.LIVE, DAY);
    try (ExecutionClaim claim = store.claim(key, NOW).orElseThrow()) {
      ExecutionOrder first = order(key, "SPY", null, null);
      ExecutionOrder second = order(key, "TLT", null, null);
      claim.saveOrder(first);
      claim.saveOrder(second);
      ExecutionOrder filled = order(key, "SPY", OrderStatus.FILLED, "broker-1");
      claim.saveOrder(filled);

      assertThat(claim.order(first.clientOrderId())).contains(filled);
      assertThat(store.find(key).orElseThrow().orders()).containsExactly(filled, second);
    }
  }

  @Test
  void aFinishedExecutionIsNeverClaimedAgainAndKeepsItsOutcome() {
    ExecutionStore store = newExecutionStore();
    ExecutionKey key = new ExecutionKey("u1", TradingMode.PAPER, DAY);
    PlanTarget target =
        new PlanTarget(
            "SPY",
            new BigDecimal("0.5"),
            new BigDecimal("5000.00"),
            new BigDecimal("500.1"),
            PriceSource.QUOTE,
            new BigDecimal("1.5"),
            new BigDecimal("9"));
    PlanWarning warning = new PlanWarning(WarningCode.BOT_FAILED, "b: timed out");
    try (ExecutionClaim claim = store.claim(key, NOW).orElseThrow()) {
      claim.saveOrder(order(key, "SPY", OrderStatus.FILLED, "broker-1"));
      claim.finish(
          ExecutionStatus.PARTIAL,
          List.of(target),
          List.of(warning),
          List.of("SELL TLT: not filled"),
          NOW.plusSeconds(75));
    }

    assertThat(store.claim(key, NOW.plusSeconds(90))).isEmpty();
    ExecutionRecord record = store.find(key).orElseThrow();
    assertThat(record.status()).isEqualTo(ExecutionStatus.PARTIAL);
    assertThat(record.finishedAt()).isEqualTo(NOW.plusSeconds(75));
    assertThat(record.targets())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.symbol()).isEqualTo("SPY");
              assertThat(line.weight()).isEqualByComparingTo("0.5");
              assertThat(line.dollars()).isEqualByComparingTo("5000");
              assertThat(line.price()).isEqualByComparingTo("500.1");
              assertThat(line.priceSource()).isEqualTo(PriceSource.QUOTE);
              assertThat(line.currentQty()).isEqualByComparingTo("1.5");
              assertThat(line.targetQty()).isEqualByComparingTo("9");
            });
    assertThat(record.warnings()).containsExactly(warning);
    assertThat(record.errors()).containsExactly("SELL TLT: not filled");
    assertThat(record.orders())
        .singleElement()
        .satisfies(
            order -> {
              assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
              assertThat(order.brokerOrderId()).isEqualTo("broker-1");
            });
  }

  @Test
  void executionsAreListedByUserModeAndDateRangeOldestFirst() {
    ExecutionStore store = newExecutionStore();
    for (int day = 20; day <= 24; day++) {
      store
          .claim(new ExecutionKey("u1", TradingMode.PAPER, LocalDate.of(2026, 11, day)), NOW)
          .orElseThrow()
          .close();
    }
    store.claim(new ExecutionKey("u1", TradingMode.LIVE, DAY), NOW).orElseThrow().close();
    store.claim(new ExecutionKey("u2", TradingMode.PAPER, DAY), NOW).orElseThrow().close();

    List<ExecutionRecord> listed =
        store.list("u1", TradingMode.PAPER, LocalDate.of(2026, 11, 21), DAY);

    assertThat(listed)
        .extracting(record -> record.key().marketDate().getDayOfMonth())
        .containsExactly(21, 22, 23, 24);
  }

  @Test
  void manyThreadsClaimingOneExecutionGetExactlyOneClaim() throws Exception {
    ExecutionStore store = newExecutionStore();
    ExecutionKey key = new ExecutionKey("u1", TradingMode.PAPER, DAY);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Optional<ExecutionClaim>>> claims = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        claims.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return store.claim(key, NOW);
                  } finally {
                    done.countDown();
                  }
                }));
      }
      start.countDown();
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      int granted = 0;
      for (Future<Optional<ExecutionClaim>> claim : claims) {
        Optional<ExecutionClaim> got = claim.get();
        if (got.isPresent()) {
          granted++;
          got.get().close();
        }
      }
      assertThat(granted).isEqualTo(1);
      assertThat(store.find(key).orElseThrow().attempt()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anExecutionGivenBackBeforeAnyOrderIsPendingAndTheNextClaimRunsItAgain() {
    ExecutionStore store = newExecutionStore();
    ExecutionKey key = new ExecutionKey("u1", TradingMode.PAPER, DAY);
    try (ExecutionClaim claim = store.claim(key, NOW).orElseThrow()) {
      claim.release(List.of("MARKET_CLOSED: the market is closed"), NOW.plusSeconds(1));
    }

    ExecutionRecord pending = store.find(key).orElseThrow();
    assertThat(pending.status()).isEqualTo(ExecutionStatus.PENDING);
    assertThat(pending.status().isFinal()).isFalse();
    assertThat(pending.errors()).containsExactly("MARKET_CLOSED: the market is closed");
    try (ExecutionClaim again = store.claim(key, NOW.plusSeconds(60)).orElseThrow()) {
      assertThat(again.execution().attempt()).isEqualTo(2);
      assertThat(again.execution().status()).isEqualTo(ExecutionStatus.RUNNING);
      assertThat(store.find(key).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
      again.finish(ExecutionStatus.SUCCESS, List.of(), List.of(), List.of(), NOW.plusSeconds(90));
    }
    assertThat(store.claim(key, NOW.plusSeconds(120))).isEmpty();
    assertThat(store.history(key))
        .extracting(ExecutionEvent::kind, ExecutionEvent::attempt, ExecutionEvent::actor)
        .containsExactly(
            tuple(ExecutionEvent.Kind.CLAIMED, 1, ExecutionEvent.SYSTEM),
            tuple(ExecutionEvent.Kind.RELEASED, 1, ExecutionEvent.SYSTEM),
            tuple(ExecutionEvent.Kind.CLAIMED, 2, ExecutionEvent.SYSTEM),
            tuple(ExecutionEvent.Kind.FINISHED, 2, ExecutionEvent.SYSTEM));
    assertThat(store.history(key).get(1).detail()).isEqualTo("MARKET_CLOSED: the market is closed");
    assertThat(store.history(key).get(3).detail()).isEqualTo("SUCCESS");
  }

  @Test
  void anExecutionWithOrdersCannotBeGivenBack() {
    ExecutionStore store = newExecutionStore();
    ExecutionKey key = new ExecutionKey("u1", TradingMode.PAPER, DAY);
    try (ExecutionClaim claim = store.claim(key, NOW).orElseThrow()) {
      claim.saveOrder(order(key, "SPY", null, null));
      assertThatThrownBy(() -> claim.release(List.of("broker down"), NOW))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(store.find(key).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void anOperatorReopensAFailedExecutionAndTheNextClaimResumesItWithItsOrders() {
    ExecutionStore store = newExecutionStore();
    ExecutionKey key = new ExecutionKey("u1", TradingMode.LIVE, DAY);
    ExecutionOrder sold = order(key, "SPY", OrderStatus.FILLED, "broker-1");
    try (ExecutionClaim claim = store.claim(key, NOW).orElseThrow()) {
      claim.saveOrder(sold);
      claim.finish(
          ExecutionStatus.FAILED,
          List.of(),
          List.of(),
          List.of("PROVIDER_UNAVAILABLE: down"),
          NOW.plusSeconds(30));
    }
    assertThat(store.claim(key, NOW.plusSeconds(40))).isEmpty();

    ExecutionRecord reopened =
        store.reopen(key, "ops@example.com", "broker outage is over", NOW.plusSeconds(50));

    assertThat(reopened.status()).isEqualTo(ExecutionStatus.PENDING);
    assertThat(store.find(key).orElseThrow().status()).isEqualTo(ExecutionStatus.PENDING);
    try (ExecutionClaim resumed = store.claim(key, NOW.plusSeconds(60)).orElseThrow()) {
      assertThat(resumed.execution().attempt()).isEqualTo(2);
      assertThat(resumed.order(sold.clientOrderId())).contains(sold);
    }
    ExecutionEvent reopen =
        store.history(key).stream()
            .filter(event -> event.kind() == ExecutionEvent.Kind.REOPENED)
            .findFirst()
            .orElseThrow();
    assertThat(reopen.actor()).isEqualTo("ops@example.com");
    assertThat(reopen.detail()).isEqualTo("broker outage is over");
    assertThat(reopen.at()).isEqualTo(NOW.plusSeconds(50));
    assertThat(reopen.attempt()).isEqualTo(1);
  }

  @Test
  void onlyAFailedExecutionCanBeReopenedAndOnlyWithAnOperatorAndAReason() {
    ExecutionStore store = newExecutionStore();
    ExecutionKey key = new ExecutionKey("u1", TradingMode.PAPER, DAY);
    assertThatThrownBy(() -> store.reopen(key, "ops", "why", NOW))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_NOT_FOUND));
    try (ExecutionClaim claim = store.claim(key, NOW).orElseThrow()) {
      assertThatThrownBy(() -> store.reopen(key, "ops", "why", NOW))
          .isInstanceOfSatisfying(
              SpeedTradeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_NOT_REOPENABLE));
      claim.finish(ExecutionStatus.SUCCESS, List.of(), List.of(), List.of(), NOW);
    }
    assertThatThrownBy(() -> store.reopen(key, "ops", "why", NOW))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_NOT_REOPENABLE));

    ExecutionKey failed = new ExecutionKey("u2", TradingMode.PAPER, DAY);
    try (ExecutionClaim claim = store.claim(failed, NOW).orElseThrow()) {
      claim.finish(ExecutionStatus.FAILED, List.of(), List.of(), List.of("x"), NOW);
    }
    for (String[] bad : new String[][] {{" ", "why"}, {"ops", ""}, {"ops", "x".repeat(1025)}}) {
      assertThatThrownBy(() -> store.reopen(failed, bad[0], bad[1], NOW))
          .isInstanceOfSatisfying(
              SpeedTradeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
    assertThat(store.find(failed).orElseThrow().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(store.history(failed))
        .extracting(ExecutionEvent::kind)
        .doesNotContain(ExecutionEvent.Kind.REOPENED);
  }

  // ------------------------------------------------------------------ bad arguments

  @Test
  void
      everyInvestmentAndSettingsMethodRefusesABadUserIdOrANullModeAsAnInvalidArgumentBeforeAnyWrite() {
    InvestmentStore investments = newInvestmentStore();
    SettingsStore settings = newSettingsStore();
    ExecutionStore executions = newExecutionStore();
    BotInvestment investment = BotInvestment.dollars("a", BigDecimal.TEN);
    TradingSettings on = TradingSettings.builder().enabled(true).build();

    for (String userId : badIds()) {
      String what = "user id " + describe(userId);
      assertCode(
          what,
          ErrorCode.INVALID_ARGUMENT,
          () -> investments.put(userId, TradingMode.PAPER, investment));
      assertCode(
          what,
          ErrorCode.INVALID_ARGUMENT,
          () -> investments.remove(userId, TradingMode.PAPER, "a"));
      assertCode(
          what, ErrorCode.INVALID_ARGUMENT, () -> investments.list(userId, TradingMode.PAPER));
      assertCode(
          what, ErrorCode.INVALID_ARGUMENT, () -> settings.put(userId, TradingMode.PAPER, on));
      assertCode(what, ErrorCode.INVALID_ARGUMENT, () -> settings.get(userId, TradingMode.PAPER));
      assertCode(
          what,
          ErrorCode.INVALID_ARGUMENT,
          () -> executions.list(userId, TradingMode.PAPER, DAY, DAY));
      assertCode(
          what, ErrorCode.INVALID_ARGUMENT, () -> new ExecutionKey(userId, TradingMode.PAPER, DAY));
    }
    TradingMode noMode = nullValue();
    assertCode(
        "null mode", ErrorCode.INVALID_ARGUMENT, () -> investments.put("u1", noMode, investment));
    assertCode(
        "null mode", ErrorCode.INVALID_ARGUMENT, () -> investments.remove("u1", noMode, "a"));
    assertCode("null mode", ErrorCode.INVALID_ARGUMENT, () -> investments.list("u1", noMode));
    assertCode("null mode", ErrorCode.INVALID_ARGUMENT, () -> settings.put("u1", noMode, on));
    assertCode("null mode", ErrorCode.INVALID_ARGUMENT, () -> settings.get("u1", noMode));
    assertCode(
        "null mode", ErrorCode.INVALID_ARGUMENT, () -> executions.list("u1", noMode, DAY, DAY));

    assertThat(settings.enabled()).isEmpty();
    assertThat(investments.list("u1", TradingMode.PAPER)).isEmpty();
    assertThat(
            investments.list("x".repeat(RebalanceArguments.MAX_USER_ID_LENGTH), TradingMode.PAPER))
        .isEmpty();
  }

  @Test
  void aNullInvestmentOrNullSettingsAreRefusedWithTheirOwnCodesBeforeAnyWrite() {
    InvestmentStore investments = newInvestmentStore();
    SettingsStore settings = newSettingsStore();

    assertCode(
        "null investment",
        ErrorCode.INVALID_INVESTMENT,
        () -> investments.put("u1", TradingMode.PAPER, nullValue()));
    assertCode(
        "null settings",
        ErrorCode.INVALID_SETTINGS,
        () -> settings.put("u1", TradingMode.PAPER, nullValue()));

    assertThat(investments.list("u1", TradingMode.PAPER)).isEmpty();
    assertThat(settings.get("u1", TradingMode.PAPER)).isEmpty();
  }

  @Test
  void aBadBotIdIsAnInvalidInvestmentWhereTheInvestmentIsMadeAndAnInvalidArgumentToRemove() {
    InvestmentStore store = newInvestmentStore();
    store.put("u1", TradingMode.PAPER, BotInvestment.dollars("a", BigDecimal.TEN));

    for (String botId : badIds()) {
      String what = "bot id " + describe(botId);
      assertCode(
          what, ErrorCode.INVALID_INVESTMENT, () -> BotInvestment.dollars(botId, BigDecimal.TEN));
      assertCode(
          what, ErrorCode.INVALID_ARGUMENT, () -> store.remove("u1", TradingMode.PAPER, botId));
    }

    assertThat(store.list("u1", TradingMode.PAPER))
        .extracting(BotInvestment::botId)
        .containsExactly("a");
  }

  @Test
  void idsOfTheLongestLengthInAnyScriptAreKept() {
    InvestmentStore investments = newInvestmentStore();
    SettingsStore settings = newSettingsStore();
    ExecutionStore executions = newExecutionStore();
    TradingSettings on = TradingSettings.builder().enabled(true).build();
    List<String> longest =
        List.of(
            "u".repeat(RebalanceArguments.MAX_USER_ID_LENGTH),
            "\u4e2d".repeat(RebalanceArguments.MAX_USER_ID_LENGTH),
            "\ud83d\udcb8".repeat(RebalanceArguments.MAX_USER_ID_LENGTH / 2));
    String longestBot = "b".repeat(RebalanceArguments.MAX_BOT_ID_LENGTH);
    String cjkBot = "\u4e2d".repeat(RebalanceArguments.MAX_BOT_ID_LENGTH);

    for (String userId : longest) {
      investments.put(userId, TradingMode.PAPER, BotInvestment.dollars(longestBot, BigDecimal.TEN));
      investments.put(userId, TradingMode.PAPER, BotInvestment.percent(cjkBot, BigDecimal.ONE));
      settings.put(userId, TradingMode.LIVE, on);
      ExecutionKey key = new ExecutionKey(userId, TradingMode.PAPER, DAY);
      executions.claim(key, NOW).orElseThrow().close();

      assertThat(investments.list(userId, TradingMode.PAPER))
          .extracting(BotInvestment::botId)
          .containsExactly(longestBot, cjkBot);
      assertThat(investments.remove(userId, TradingMode.PAPER, cjkBot)).isTrue();
      assertThat(settings.get(userId, TradingMode.LIVE)).contains(on);
      assertThat(executions.list(userId, TradingMode.PAPER, DAY, DAY))
          .extracting(ExecutionRecord::key)
          .containsExactly(key);
    }
    assertThat(settings.enabled())
        .extracting(ScheduledUser::userId)
        .containsExactlyInAnyOrderElementsOf(longest);
  }

  @Test
  void settingsAtTheirLimitsAreKeptAndSettingsBeyondThemAreInvalidSettings() {
    SettingsStore store = newSettingsStore();
    List<TickerPair> pairs = new ArrayList<>();
    for (int i = 0; i < TradingSettings.MAX_PAIRED_TICKERS; i++) {
      pairs.add(new TickerPair(String.format("A%019d", i), String.format("B%019d", i)));
    }
    TradingSettings widest =
        TradingSettings.builder()
            .fallbackTicker("F".repeat(20))
            .pairedTickers(pairs)
            .limitPercent(new BigDecimal("1." + "0".repeat(100)))
            .cashReserve(ReserveMode.DOLLARS, new BigDecimal("999999999999999." + "9".repeat(34)))
            .minTradePercent(new BigDecimal("0." + "0".repeat(33) + "1"))
            .build();

    store.put("u1", TradingMode.PAPER, widest);

    TradingSettings read = store.get("u1", TradingMode.PAPER).orElseThrow();
    assertThat(read.fallbackTicker()).isEqualTo("F".repeat(20));
    assertThat(read.pairedTickers()).isEqualTo(pairs);
    assertThat(read.limitPercent()).isEqualByComparingTo("1");
    assertThat(read.cashReserveAmount()).isEqualByComparingTo(widest.cashReserveAmount());
    assertThat(read.minTradePercent()).isEqualByComparingTo(widest.minTradePercent());

    List<TickerPair> tooMany = new ArrayList<>(pairs);
    tooMany.add(new TickerPair("SPY", "SH"));
    assertCode(
        "65 pairs",
        ErrorCode.INVALID_SETTINGS,
        () -> widest.toBuilder().pairedTickers(tooMany).build());
    assertCode(
        "a null pair",
        ErrorCode.INVALID_SETTINGS,
        () ->
            widest.toBuilder()
                .pairedTickers(Arrays.asList(new TickerPair("SPY", "SH"), nullValue()))
                .build());
    for (String symbol : List.of("F".repeat(21), "S P Y", "SPY,SH", "SP\u0000Y", "\u4e2d")) {
      assertCode(
          "fallback " + describe(symbol),
          ErrorCode.INVALID_SETTINGS,
          () -> TradingSettings.builder().fallbackTicker(symbol).build());
      assertCode(
          "pair symbol " + describe(symbol),
          ErrorCode.INVALID_SETTINGS,
          () -> new TickerPair("SPY", symbol));
    }
    assertThat(store.get("u1", TradingMode.PAPER).orElseThrow().pairedTickers())
        .hasSize(TradingSettings.MAX_PAIRED_TICKERS);
  }

  @Test
  void anAmountWithManyTrailingZerosIsKeptEqualInValue() {
    InvestmentStore store = newInvestmentStore();
    store.put(
        "u1",
        TradingMode.PAPER,
        BotInvestment.dollars("a", new BigDecimal("12.5" + "0".repeat(200))));

    assertThat(store.list("u1", TradingMode.PAPER))
        .singleElement()
        .satisfies(investment -> assertThat(investment.amount()).isEqualByComparingTo("12.5"));
  }

  @Test
  void everyExecutionStoreMethodRefusesANullArgumentAsAnInvalidArgumentBeforeAnyWrite() {
    ExecutionStore store = newExecutionStore();
    ExecutionKey key = new ExecutionKey("u1", TradingMode.PAPER, DAY);
    ExecutionKey noKey = nullValue();
    Instant noTime = nullValue();
    LocalDate noDate = nullValue();

    assertCode("claim(null, now)", ErrorCode.INVALID_ARGUMENT, () -> store.claim(noKey, NOW));
    assertCode("claim(key, null)", ErrorCode.INVALID_ARGUMENT, () -> store.claim(key, noTime));
    assertCode("find(null)", ErrorCode.INVALID_ARGUMENT, () -> store.find(noKey));
    assertCode("history(null)", ErrorCode.INVALID_ARGUMENT, () -> store.history(noKey));
    assertCode(
        "reopen(null, ...)",
        ErrorCode.INVALID_ARGUMENT,
        () -> store.reopen(noKey, "ops", "why", NOW));
    assertCode(
        "reopen(key, ..., null)",
        ErrorCode.INVALID_ARGUMENT,
        () -> store.reopen(key, "ops", "why", noTime));
    assertCode(
        "reopen(key, null, ...)",
        ErrorCode.INVALID_ARGUMENT,
        () -> store.reopen(key, nullValue(), "why", NOW));
    assertCode(
        "list(..., null, to)",
        ErrorCode.INVALID_ARGUMENT,
        () -> store.list("u1", TradingMode.PAPER, noDate, DAY));
    assertCode(
        "list(..., from, null)",
        ErrorCode.INVALID_ARGUMENT,
        () -> store.list("u1", TradingMode.PAPER, DAY, noDate));
    assertThat(store.find(key)).isEmpty();

    try (ExecutionClaim claim = store.claim(key, NOW).orElseThrow()) {
      assertCode("order(null)", ErrorCode.INVALID_ARGUMENT, () -> claim.order(nullValue()));
      assertCode("saveOrder(null)", ErrorCode.INVALID_ARGUMENT, () -> claim.saveOrder(nullValue()));
      assertCode(
          "finish(null, ...)",
          ErrorCode.INVALID_ARGUMENT,
          () -> claim.finish(nullValue(), List.of(), List.of(), List.of(), NOW));
      assertCode(
          "finish(..., null targets, ...)",
          ErrorCode.INVALID_ARGUMENT,
          () -> claim.finish(ExecutionStatus.SUCCESS, nullValue(), List.of(), List.of(), NOW));
      assertCode(
          "finish(..., null)",
          ErrorCode.INVALID_ARGUMENT,
          () -> claim.finish(ExecutionStatus.SUCCESS, List.of(), List.of(), List.of(), noTime));
      assertCode(
          "release(null, at)", ErrorCode.INVALID_ARGUMENT, () -> claim.release(nullValue(), NOW));
      assertCode(
          "release(errors, null)",
          ErrorCode.INVALID_ARGUMENT,
          () -> claim.release(List.of(), noTime));
    }

    ExecutionRecord record = store.find(key).orElseThrow();
    assertThat(record.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(record.orders()).isEmpty();
    assertThat(store.history(key))
        .extracting(ExecutionEvent::kind)
        .containsExactly(ExecutionEvent.Kind.CLAIMED);
  }

  /**
   * Ids every store refuses: null, empty, blank, one character too long, a NUL, another control
   * character, an unpaired high and an unpaired low surrogate.
   */
  private static List<String> badIds() {
    return Arrays.asList(
        nullValue(),
        "",
        "   ",
        "x".repeat(RebalanceArguments.MAX_USER_ID_LENGTH + 1),
        "\u4e2d".repeat(RebalanceArguments.MAX_USER_ID_LENGTH + 1),
        "user\u0000one",
        "user\u001bone",
        "user\ud83d",
        "\udcb8user");
  }

  private static String describe(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder shown = new StringBuilder();
    text.chars()
        .limit(20)
        .forEach(c -> shown.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
    return "'" + shown + (text.length() > 20 ? "...' (" + text.length() + " chars)" : "'");
  }

  private static void assertCode(String what, ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .as(what)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).as("code of %s for %s", e, what).isEqualTo(code));
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue", "TypeParameterUnusedInFormals"})
  private static <T> T nullValue() {
    return null;
  }

  private static ExecutionOrder order(
      ExecutionKey key, String symbol, @Nullable OrderStatus status, @Nullable String brokerId) {
    return new ExecutionOrder(
        key.executionId() + "-SS0-" + symbol,
        OrderPhase.SELL,
        0,
        OrderSide.SELL,
        symbol,
        new BigDecimal("10.5"),
        new BigDecimal("500.1"),
        OrderType.MARKET,
        status,
        status == OrderStatus.FILLED ? new BigDecimal("10.5") : BigDecimal.ZERO,
        brokerId,
        null);
  }
}
