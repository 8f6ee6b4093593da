package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Quantity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TradingAccounts} as JUnit tests: each user reaches only their own account,
 * an unknown user or mode is {@link ErrorCode#ACCOUNT_NOT_FOUND}, bad arguments are {@link
 * ErrorCode#INVALID_ARGUMENT}, a brokerage holds the mode asked for, and resolving is thread-safe.
 *
 * <p>An implementation proves it keeps the contract by extending this class:
 *
 * <pre>{@code
 * class SimulatedAccountsContractTest extends TradingAccountsContract {
 *   protected TradingAccounts openAliceAndBob(Clock clock) {
 *     SimulatedAccounts accounts = SimulatedAccounts.on(
 *         SimulatedMarket.builder().clock(clock).demoListings().build());
 *     accounts.open("alice", TradingMode.PAPER, Money.of("10000.00", "USD"));
 *     accounts.open("bob", TradingMode.PAPER, Money.of("10000.00", "USD"));
 *     return accounts;
 *   }
 * }
 * }</pre>
 */
public abstract class TradingAccountsContract {
  /** The users {@link #openAliceAndBob(Clock)} registers. */
  protected static final String ALICE = "alice";

  /** The users {@link #openAliceAndBob(Clock)} registers. */
  protected static final String BOB = "bob";

  private @Nullable TradingAccounts accounts;

  /**
   * Returns accounts where {@link #ALICE} and {@link #BOB} each hold a PAPER account, with no
   * positions, no orders and at least 10,000 USD of buying power, and no LIVE account; the market
   * of {@link #symbol()} is open at {@code clock}'s time ({@link BrokerContract#STANDARD_START}, in
   * the regular session) and a market buy of one unit fills at once. Called before each test.
   */
  protected abstract TradingAccounts openAliceAndBob(Clock clock);

  /** Returns a symbol both users may buy; {@code SPY} unless overridden. */
  protected String symbol() {
    return "SPY";
  }

  /** Releases what {@link #openAliceAndBob(Clock)} opened; does nothing unless overridden. */
  protected void closeAccounts(TradingAccounts accounts) {}

  @BeforeEach
  void open() {
    accounts = openAliceAndBob(new ManualClock(BrokerContract.STANDARD_START));
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    TradingAccounts opened = accounts;
    if (opened != null) {
      closeAccounts(opened);
    }
  }

  private TradingAccounts accounts() {
    TradingAccounts opened = accounts;
    assertThat(opened).as("openAliceAndBob(clock)").isNotNull();
    return java.util.Objects.requireNonNull(opened);
  }

  @Test
  void aBrokerageHoldsTheModeAskedFor() {
    Brokerage alice = accounts().brokerage(ALICE, TradingMode.PAPER);
    assertThat(alice.mode()).isEqualTo(TradingMode.PAPER);
    assertThat(alice.requireMode(TradingMode.PAPER)).isSameAs(alice);
  }

  @Test
  void anUnknownUserIsAccountNotFound() {
    assertCode(
        ErrorCode.ACCOUNT_NOT_FOUND, () -> accounts().brokerage("mallory", TradingMode.PAPER));
    assertCode(ErrorCode.ACCOUNT_NOT_FOUND, () -> accounts().brokerage("Alice", TradingMode.PAPER));
  }

  @Test
  void aUserWithoutAnAccountInTheModeIsAccountNotFound() {
    assertCode(ErrorCode.ACCOUNT_NOT_FOUND, () -> accounts().brokerage(ALICE, TradingMode.LIVE));
  }

  @Test
  @SuppressWarnings("NullAway")
  void nullOrBlankArgumentsAreInvalidArgument() {
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> accounts().brokerage(null, TradingMode.PAPER));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> accounts().brokerage("", TradingMode.PAPER));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> accounts().brokerage("  ", TradingMode.PAPER));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> accounts().brokerage(ALICE, null));
  }

  @Test
  void theSameUserAndModeReachTheSameAccount() {
    String first = accounts().brokerage(ALICE, TradingMode.PAPER).broker().account().id();
    String second = accounts().brokerage(ALICE, TradingMode.PAPER).broker().account().id();
    assertThat(second).isEqualTo(first);
    assertThat(accounts().brokerage(BOB, TradingMode.PAPER).broker().account().id())
        .isNotEqualTo(first);
  }

  @Test
  void oneUsersOrderNeverReachesAnotherUsersAccount() {
    Broker alice = accounts().brokerage(ALICE, TradingMode.PAPER).broker();
    Broker bob = accounts().brokerage(BOB, TradingMode.PAPER).broker();
    List<Position> bobBefore = bob.positions();
    BrokerOrder bought =
        alice.submitOrder(
            OrderRequest.builder()
                .symbol(symbol())
                .side(OrderSide.BUY)
                .qty(Quantity.of(1))
                .clientOrderId("contract-shared-id")
                .build());

    assertThat(alice.orderByClientOrderId("contract-shared-id"))
        .map(BrokerOrder::id)
        .contains(bought.id());
    assertThat(bob.orderByClientOrderId("contract-shared-id")).isEmpty();
    assertThat(bob.order(bought.id())).isEmpty();
    assertThat(bob.positions()).isEqualTo(bobBefore);
    assertThat(alice.positions()).extracting(Position::symbol).contains(symbol());

    BrokerOrder bobs =
        bob.submitOrder(
            OrderRequest.builder()
                .symbol(symbol())
                .side(OrderSide.BUY)
                .qty(Quantity.of(1))
                .clientOrderId("contract-shared-id")
                .build());
    assertThat(bobs.id()).isNotEqualTo(bought.id());
  }

  @Test
  void resolvingFromManyThreadsAtOnceAlwaysGivesEachUserTheirOwnAccount() throws Exception {
    String aliceId = accounts().brokerage(ALICE, TradingMode.PAPER).broker().account().id();
    String bobId = accounts().brokerage(BOB, TradingMode.PAPER).broker().account().id();
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      Set<String> wrong = ConcurrentHashMap.newKeySet();
      List<Future<?>> runs = new ArrayList<>();
      for (int thread = 0; thread < 16; thread++) {
        boolean asAlice = thread % 2 == 0;
        runs.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    Brokerage brokerage =
                        accounts().brokerage(asAlice ? ALICE : BOB, TradingMode.PAPER);
                    if (i % 50 == 0
                        && !brokerage.broker().account().id().equals(asAlice ? aliceId : bobId)) {
                      wrong.add(asAlice ? ALICE : BOB);
                    }
                  }
                }));
      }
      for (Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
      assertThat(wrong).isEmpty();
    } finally {
      threads.shutdownNow();
    }
  }

  private static void assertCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }
}
