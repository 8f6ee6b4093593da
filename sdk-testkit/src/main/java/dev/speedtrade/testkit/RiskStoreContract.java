package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.risk.RateLimit;
import dev.speedtrade.risk.RiskLimits;
import dev.speedtrade.risk.RiskStore;
import dev.speedtrade.risk.TradingState;
import dev.speedtrade.risk.TradingStateChange;
import dev.speedtrade.risk.TradingWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RiskStore} as JUnit 5 tests. An implementation extends this class and
 * returns a fresh, empty store from {@link #newStore()}; every test gets a new one.
 *
 * <pre>{@code
 * class MyRiskStoreTest extends RiskStoreContract {
 *   protected RiskStore newStore() { return new MyRiskStore(freshDatabase()); }
 * }
 * }</pre>
 *
 * <p>What every store keeps: every field of the limits exactly ({@link BigDecimal}s with their
 * scale), {@link RiskLimits#NONE} and {@link TradingState#ACTIVE} until set, a state change applied
 * together with its history entry, and the history in the order the changes were applied, even when
 * they are applied from many threads at once.
 */
public abstract class RiskStoreContract {
  private static final Instant T0 = Instant.parse("2026-01-05T15:00:00.123456789Z");

  /** Creates the contract; subclasses supply the store. */
  protected RiskStoreContract() {}

  /** Returns an empty store: no limits, every state {@link TradingState#ACTIVE}, no history. */
  protected abstract RiskStore newStore();

  // ------------------------------------------------------------------ limits

  @Test
  void anAccountHasNoLimitsUntilSomeAreSet() {
    RiskStore store = newStore();

    assertThat(store.limits("alice")).isEqualTo(RiskLimits.NONE);
  }

  @Test
  void limitsComeBackWithEveryField() {
    RiskStore store = newStore();
    RiskLimits limits = fullLimits();

    store.setLimits("alice", limits);

    assertThat(store.limits("alice")).isEqualTo(limits);
    assertThat(store.limits("alice").maxOrderQty()).hasScaleOf(9);
  }

  @Test
  void limitsWithSomeFieldsAbsentComeBackSo() {
    RiskStore store = newStore();
    RiskLimits qtyOnly = RiskLimits.builder().maxOrderQty(new BigDecimal("1E+3")).build();
    RiskLimits windowOnly =
        RiskLimits.builder()
            .tradingWindow(new TradingWindow(LocalTime.of(9, 30, 15, 1), LocalTime.of(16, 0)))
            .blockedSymbols(Set.of("GME"))
            .build();
    RiskLimits rateOnly = RiskLimits.builder().rateLimit(new RateLimit(1, 86_400)).build();

    store.setLimits("a", qtyOnly);
    store.setLimits("b", windowOnly);
    store.setLimits("c", rateOnly);
    store.setLimits("d", RiskLimits.NONE);

    assertThat(store.limits("a")).isEqualTo(qtyOnly);
    assertThat(store.limits("a").maxOrderQty()).hasScaleOf(-3);
    assertThat(store.limits("b")).isEqualTo(windowOnly);
    assertThat(store.limits("c")).isEqualTo(rateOnly);
    assertThat(store.limits("d")).isEqualTo(RiskLimits.NONE);
  }

  @Test
  void settingLimitsReplacesEveryFieldTheAccountHad() {
    RiskStore store = newStore();
    RiskLimits fewer =
        RiskLimits.builder()
            .maxPositionQty(new BigDecimal("7"))
            .blockedSymbols(Set.of("TSLA", "ETH/USD"))
            .build();

    store.setLimits("alice", fullLimits());
    store.setLimits("alice", fewer);
    assertThat(store.limits("alice")).isEqualTo(fewer);

    store.setLimits("alice", RiskLimits.NONE);
    assertThat(store.limits("alice")).isEqualTo(RiskLimits.NONE);

    store.setLimits("alice", fullLimits());
    assertThat(store.limits("alice")).isEqualTo(fullLimits());
  }

  @Test
  void limitsAreEachAccountsOwn() {
    RiskStore store = newStore();

    store.setLimits("alice", fullLimits());

    assertThat(store.limits("bob")).isEqualTo(RiskLimits.NONE);
    assertThat(store.limits("Alice")).isEqualTo(RiskLimits.NONE);
  }

  @Test
  void concurrentSettingsOfOneAccountsLimitsLeaveOneOfThem() throws Exception {
    RiskStore store = newStore();
    List<RiskLimits> candidates = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      candidates.add(
          RiskLimits.builder()
              .maxOrderQty(new BigDecimal(i))
              .blockedSymbols(Set.of("S" + i, "T" + i))
              .rateLimit(new RateLimit(i, i))
              .build());
    }

    race(
        candidates.size(),
        i -> {
          store.setLimits("alice", candidates.get(i));
          return Boolean.TRUE;
        });

    assertThat(candidates).contains(store.limits("alice"));
  }

  // ------------------------------------------------------------------ trading states

  @Test
  void statesAreActiveUntilOneIsSetAndTheHistoryStartsEmpty() {
    RiskStore store = newStore();

    assertThat(store.platformState()).isEqualTo(TradingState.ACTIVE);
    assertThat(store.accountState("alice")).isEqualTo(TradingState.ACTIVE);
    assertThat(store.history()).isEmpty();
  }

  @Test
  void applyingAnAccountsChangeSetsItsStateAndAppendsTheChange() {
    RiskStore store = newStore();
    TradingStateChange halt = change("alice", TradingState.HALTED, T0);

    store.apply(halt);

    assertThat(store.accountState("alice")).isEqualTo(TradingState.HALTED);
    assertThat(store.accountState("bob")).isEqualTo(TradingState.ACTIVE);
    assertThat(store.platformState()).isEqualTo(TradingState.ACTIVE);
    assertThat(store.history()).containsExactly(halt);
  }

  @Test
  void applyingThePlatformsChangeSetsOnlyThePlatformsState() {
    RiskStore store = newStore();
    TradingStateChange reduce = change(null, TradingState.REDUCING, T0);

    store.apply(reduce);

    assertThat(store.platformState()).isEqualTo(TradingState.REDUCING);
    assertThat(store.accountState("alice")).isEqualTo(TradingState.ACTIVE);
    assertThat(store.history()).containsExactly(reduce);
    assertThat(store.history().get(0).isPlatformWide()).isTrue();
  }

  @Test
  void theHistoryIsInTheOrderChangesWereAppliedWithEveryField() {
    RiskStore store = newStore();
    List<TradingStateChange> changes =
        List.of(
            change("alice", TradingState.HALTED, T0.plusSeconds(60)),
            change(null, TradingState.HALTED, T0),
            new TradingStateChange(
                "bob 'ü'", TradingState.REDUCING, "ops: Zoë", "risk \"desk\"; -- note", T0),
            change(null, TradingState.ACTIVE, Instant.parse("1969-12-31T23:59:59.999999999Z")),
            change("alice", TradingState.ACTIVE, T0.plusNanos(1)));

    changes.forEach(store::apply);

    assertThat(store.history()).containsExactlyElementsOf(changes);
    assertThat(store.accountState("alice")).isEqualTo(TradingState.ACTIVE);
    assertThat(store.accountState("bob 'ü'")).isEqualTo(TradingState.REDUCING);
    assertThat(store.platformState()).isEqualTo(TradingState.ACTIVE);
  }

  @Test
  void concurrentChangesEachLeaveTheStateTheirLastHistoryEntrySays() throws Exception {
    RiskStore store = newStore();
    int threads = 8;
    int rounds = 10;
    TradingState[] states = TradingState.values();

    race(
        threads,
        t -> {
          for (int i = 0; i < rounds; i++) {
            String account =
                switch ((t + i) % 3) {
                  case 0 -> "alice";
                  case 1 -> "bob";
                  default -> null;
                };
            store.apply(
                new TradingStateChange(
                    account,
                    states[(t * rounds + i) % states.length],
                    "thread-" + t,
                    "round " + i,
                    T0.plusSeconds(i)));
          }
          return Boolean.TRUE;
        });

    List<TradingStateChange> history = store.history();
    assertThat(history).hasSize(threads * rounds);
    assertThat(new HashSet<>(history)).hasSize(threads * rounds);
    assertThat(store.accountState("alice")).isEqualTo(lastState(history, "alice"));
    assertThat(store.accountState("bob")).isEqualTo(lastState(history, "bob"));
    assertThat(store.platformState()).isEqualTo(lastState(history, null));
    // Each thread's own changes appear in the order it applied them.
    for (int t = 0; t < threads; t++) {
      String operator = "thread-" + t;
      assertThat(history)
          .filteredOn(c -> c.operator().equals(operator))
          .extracting(TradingStateChange::reason)
          .containsExactly(
              "round 0", "round 1", "round 2", "round 3", "round 4", "round 5", "round 6",
              "round 7", "round 8", "round 9");
    }
  }

  // ------------------------------------------------------------------ fixtures

  private static RiskLimits fullLimits() {
    return RiskLimits.builder()
        .maxOrderQty(new BigDecimal("500.000000000"))
        .maxOrderNotional(new BigDecimal("123456789012345678901234567890.12"))
        .maxPositionQty(new BigDecimal("0.000000001"))
        .blockedSymbols(Set.of("GME", "BTC/USD", "ünï çødé", "a,b|c"))
        .tradingWindow(TradingWindow.parse("22:00-02:00"))
        .rateLimit(new RateLimit(5, 1))
        .build();
  }

  private static TradingStateChange change(
      @Nullable String account, TradingState state, Instant at) {
    return new TradingStateChange(account, state, "ops", "because " + state, at);
  }

  private static TradingState lastState(
      List<TradingStateChange> history, @Nullable String account) {
    TradingState last = TradingState.ACTIVE;
    for (TradingStateChange change : history) {
      if (java.util.Objects.equals(change.account(), account)) {
        last = change.state();
      }
    }
    return last;
  }

  /** A task run on one of several threads, told its index. */
  private interface Indexed<T> {
    T run(int index) throws Exception;
  }

  private static <T> List<T> race(int threads, Indexed<T> task) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        Callable<T> call =
            () -> {
              start.await(30, TimeUnit.SECONDS);
              return task.run(index);
            };
        futures.add(executor.submit(call));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      executor.shutdownNow();
    }
  }
}
