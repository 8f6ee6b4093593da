package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.StaticAllocationSource;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two users on one platform over a fake Alpaca of two accounts told apart by their keys: executing
 * either user's rebalance never touches the other's account; an unknown user and a live request
 * without the opt-in are refused with nothing traded.
 */
class PlatformOnAlpacaTest {
  /** Wednesday 2026-11-25, 15:50 New York time: ten minutes before the close. */
  private static final Clock BEFORE_CLOSE =
      Clock.fixed(Instant.parse("2026-11-25T20:50:00Z"), ZoneOffset.UTC);

  private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  private static final String ALICE_KEY = "PKALICEPLATFORMKEY01";
  private static final String BOB_KEY = "PKBOBPLATFORMKEY0001";
  private static final String SECRET = "platform-SECRET-0123456789";

  private SimulatedBroker alice;
  private SimulatedBroker bob;
  private FakeAlpaca fake;
  private SpeedTrade platform;

  @BeforeEach
  void start() {
    alice =
        SimulatedBroker.builder()
            .clock(BEFORE_CLOSE)
            .seed(1)
            .accountId("ALICE-1")
            .demoListings()
            .cash(Money.of("10000.00", "USD"))
            .position("SPY", Quantity.of(10), Price.of("500.00"))
            .build();
    bob =
        SimulatedBroker.builder()
            .clock(BEFORE_CLOSE)
            .seed(2)
            .accountId("BOB-2")
            .demoListings()
            .cash(Money.of("10000.00", "USD"))
            .position("QQQ", Quantity.of(10), Price.of("400.00"))
            .build();
    fake = FakeAlpaca.start(alice, ALICE_KEY, SECRET).addAccount(bob, BOB_KEY, SECRET);
    Map<String, AlpacaCredentials> keys =
        Map.of(
            "alice",
            AlpacaCredentials.of(ALICE_KEY, SECRET),
            "bob",
            AlpacaCredentials.of(BOB_KEY, SECRET));
    URI url = URI.create(fake.baseUrl());
    AlpacaAccounts accounts =
        AlpacaAccounts.builder()
            .credentials(
                (userId, mode) ->
                    mode == TradingMode.PAPER
                        ? Optional.ofNullable(keys.get(userId))
                        : Optional.empty())
            .clock(BEFORE_CLOSE)
            .paperUrl(url)
            .liveUrl(url)
            .dataUrl(url)
            .timeout(Duration.ofSeconds(5))
            .requestsPerMinute(60_000)
            .retryBackoff(Duration.ofMillis(10))
            .pollInterval(Duration.ofMillis(50))
            .streamBackoff(Duration.ofMillis(50))
            .build();
    StaticAllocationSource bots =
        new StaticAllocationSource()
            .put("index", Allocation.of(Map.of("SPY", new BigDecimal("0.9"))))
            .put("tech", Allocation.of(Map.of("QQQ", new BigDecimal("0.9"))));
    platform =
        SpeedTrade.builder().accounts(accounts).clock(BEFORE_CLOSE).allocations(bots).build();
  }

  @AfterEach
  void stop() {
    platform.close();
    fake.close();
  }

  private static Map<String, String> holdings(SimulatedBroker account) {
    return account.positions().stream()
        .collect(
            Collectors.toMap(
                Position::symbol,
                position -> position.qty().value().stripTrailingZeros().toPlainString(),
                (a, b) -> a,
                TreeMap::new));
  }

  @Test
  void executingOneUserOverAlpacaNeverTouchesTheOthersAccount() {
    RebalanceService rebalance = platform.rebalance();
    rebalance
        .investments()
        .put("alice", TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("100")));
    rebalance
        .investments()
        .put("bob", TradingMode.PAPER, BotInvestment.percent("tech", new BigDecimal("100")));
    Map<String, String> aliceBefore = holdings(alice);
    Money aliceCash = alice.account().cash();

    assertThat(rebalance.executeNow("bob", TradingMode.PAPER, false).record().status())
        .isEqualTo(ExecutionStatus.SUCCESS);

    assertThat(holdings(alice)).isEqualTo(aliceBefore);
    assertThat(alice.account().cash()).isEqualTo(aliceCash);
    assertThat(holdings(bob)).containsOnlyKeys("QQQ");
    assertThat(new BigDecimal(holdings(bob).get("QQQ"))).isGreaterThan(BigDecimal.TEN);
    Map<String, String> bobAfter = holdings(bob);

    assertThat(rebalance.executeNow("alice", TradingMode.PAPER, false).record().status())
        .isEqualTo(ExecutionStatus.SUCCESS);

    assertThat(holdings(bob)).isEqualTo(bobAfter);
    assertThat(holdings(alice)).containsOnlyKeys("SPY");
    assertThat(new BigDecimal(holdings(alice).get("SPY"))).isGreaterThan(BigDecimal.TEN);
  }

  @Test
  void anUnknownUserAndALiveRequestWithoutTheOptInAreRefusedWithNothingTradedOrRecorded() {
    RebalanceService rebalance = platform.rebalance();
    rebalance
        .investments()
        .put("mallory", TradingMode.PAPER, BotInvestment.percent("index", new BigDecimal("100")));
    rebalance
        .investments()
        .put("alice", TradingMode.LIVE, BotInvestment.percent("index", new BigDecimal("100")));
    Map<String, String> aliceBefore = holdings(alice);
    Map<String, String> bobBefore = holdings(bob);

    assertThatThrownBy(() -> rebalance.executeNow("mallory", TradingMode.PAPER, false))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND));
    assertThatThrownBy(() -> rebalance.executeNow("alice", TradingMode.LIVE, false))
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));

    assertThat(holdings(alice)).isEqualTo(aliceBefore);
    assertThat(holdings(bob)).isEqualTo(bobBefore);
    assertThat(alice.openOrders()).isEmpty();
    assertThat(bob.openOrders()).isEmpty();
    assertThat(rebalance.executions().list("mallory", TradingMode.PAPER, DAY, DAY)).isEmpty();
    assertThat(rebalance.executions().list("alice", TradingMode.LIVE, DAY, DAY)).isEmpty();
  }
}
